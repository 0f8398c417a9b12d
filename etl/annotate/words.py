"""Word lists shared by the annotation rules: titles, name particles, organization/place/event words."""

from __future__ import annotations

import re

#: Titles and honorifics: stripped from the front of names; alone they are junk.
TITLES = frozenset(
    """mr mrs ms miss dr prof sir dame lord lady president vice prime minister secretary
    chancellor premier senator sen rep representative gov governor mayor king queen prince
    princess pope sheikh general gen col colonel lt lieutenant capt captain sgt sergeant adm
    admiral chairman chairwoman chair ceo cfo chief director spokesman spokeswoman spokesperson
    judge justice ambassador envoy aide advisor adviser officer commissioner leader deputy
    foreign defense defence interior finance state attorney counsel rev father saint st
    professor doctor coach manager official minister-president superintendent sheriff commander
    pastor rabbi imam bishop cardinal archbishop emir crown president-elect honourable honorable hon
    supervisor councillor councilor councilman councilwoman alderman assemblyman assemblywoman taoiseach
    tanaiste tánaiste constable inspector detective corporal trooper det supt insp cllr dci magistrate
    chaplain congressman congresswoman councilmember assemblymember selectman selectwoman coroner speaker""".split()
)
#: Kin words: right before a name, also after a comma ("his wife Grace", "his father, Hori
#: Parata"), they make it a person (a company has no wife).
KIN_WORDS = frozenset(
    """wife husband widow widower son daughter father mother brother sister grandson granddaughter
    grandmother grandfather uncle aunt nephew niece cousin stepson stepdaughter fiance fiancee""".split()
)
#: Kin words and the words for a child of either sex: a relative named in a list ("their two daughters, Esmeralda",
#: "their children Tom and Ann") or a couple's children ("arrived with their kids").
FAMILY_WORDS = KIN_WORDS | frozenset("child kid twin grandchild".split())
#: Words that, right before a name, make it a person whatever the model's label.
PERSON_CUES = KIN_WORDS | frozenset(
    """mr mrs ms dr president senator sen rep gov governor mayor ceo coo cfo cto chair chairman chairwoman
    spokesman spokeswoman spokesperson judge minister chancellor premier secretary-general
    ambassador envoy aide coach actor actress singer rapper striker midfielder defender goalkeeper
    captain lawyer attorney professor
    diver swimmer sprinter skier snowboarder boxer wrestler golfer pitcher quarterback linebacker
    cornerback winger keeper batsman jockey cyclist guitarist drummer bassist vocalist frontman
    comedian novelist poet playwright filmmaker songwriter chef congressman congresswoman councilmember lawmaker
    legislator scrum-half fly-half outside-half half-back full-back fullback flanker hooker left-back right-back centre-back
    center-back centre-half wing-back playmaker all-rounder wicketkeeper wicket-keeper spinner paceman seamer
    shortstop outfielder infielder skipper teammate team-mate rookie youngster compatriot boss""".split()
)
#: Occupations only a person has, heading an appositive (", a 34-year-old nurse from Lagos,", ", a retired teacher,"):
#: a person's role after a name (:func:`etl.annotate.wordnames.person_appositive`); not before one (no cue word:
#: "nurse practitioner", "student union"). No trade a company has too ("vendor", "owner", "supplier", "builder").
OCCUPATIONS = frozenset(
    """nurse teacher student pupil farmer driver shopkeeper worker resident doctor surgeon paramedic pilot soldier
    journalist reporter photographer engineer mechanic waiter waitress cleaner miner fisherman activist campaigner
    protester pensioner retiree widow widower survivor refugee migrant volunteer priest nun monk imam artist
    musician writer author historian scientist researcher economist lecturer chemist physicist teenager schoolgirl
    schoolboy grandmother grandfather mother-of-two father-of-two mother-of-three father-of-three""".split()
)
#: Roles before a name of a person's shape the model missed ("Economist Maria Okafor said", "Manager Pep Guardiola
#: said" opening a sentence; :func:`etl.annotate.entities.titled_names`): occupations only a person has and roles no
#: company holds. Not "dealer", "broker", "retailer" ("car dealer Arnold Clark": a company named after a person).
ROLE_CUES = OCCUPATIONS | frozenset("founder boss manager analyst prosecutor producer editor".split())
#: Roles heading an appositive after a name of two words or more, or right before it and a comma, that only a person
#: holds (", the chief executive of", ", a co-founder of", "media mogul, ";
#: :func:`etl.annotate.wordnames.person_role_after`, :func:`etl.annotate.wordnames.person_role_before`): occupations,
#: offices and the roles a company never is. Not "owner", "manager", "producer", "dealer", "host" (", the owner of",
#: ", the asset manager,").
PERSON_APPOSITIVE_ROLES = (
    OCCUPATIONS
    | PERSON_CUES
    | frozenset(
        """founder co-founder cofounder executive exec boss analyst prosecutor editor mogul tycoon billionaire
        entrepreneur businessman businesswoman designer""".split()
    )
)
#: A competitor's standing before a name, singular only ("Defending champion Swiatek", "top seed Sabalenka"; not
#: "defending champions Fenerbahce", a team): a person cue of :func:`etl.annotate.entities.person_cue`.
STANDING_CUES = frozenset("seed champion finalist semifinalist runner-up".split())
#: An office's forms before and after taking it: "President-elect Trump", "ex-Governor Cuomo",
#: "Minister-designate Kabanda", "Vice-President Pence" (the model often reads the name after them as ORG).
_OFFICES = "president governor senator mayor chancellor premier minister ambassador chairman".split()
PERSON_CUES |= frozenset(
    [f"{o}-{s}" for o in _OFFICES for s in ("elect", "designate")]
    + [f"{p}-{o}" for o in _OFFICES for p in ("ex", "vice")]
)
#: Titles that are part of how a person is named ("Prince Harry", "Pope Francis"): kept.
NAME_TITLES = frozenset(
    "king queen prince princess pope sheikh lord lady dame sir saint st emir crown".split()
)
#: Words no facet value is made of alone (with :data:`TITLES`): institutions' generic words, calendar words and
#: holidays ("his Easter address": no place), photo labels, generic place words.
JUNK_WORDS = frozenset(
    """state government ministry department administration
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december today yesterday tomorrow pt et ct mt
    gmt utc bst cet est edt pst pdt am pm file photo photos image images video group company
    agency officials official town village county district province region
    christmas easter thanksgiving halloween ramadan hanukkah diwali passover""".split()
)
#: Pronouns: a one-word name of them in lower case after its capital ("Us" of the song "Not Like Us", read as a
#: place) is no facet value; in capitals it may be one ("US").
PRONOUNS = frozenset("us we me you it he she him her they them our their".split()
)
#: Last words of a TV show's title named after its host, which the model reads as a person's ("Jimmy Kimmel Live!",
#: "The Ellen DeGeneres Show"; after a given name and a surname only: "Xbox Live" is left as it was read).
SHOW_END_WORDS = frozenset({"Live", "Live!", "Show", "Podcast"})
#: Goods and shops in lower case right after a name of a person's shape: the name is a brand's, named after its
#: designer ("the Tory Burch collection", "a Michael Kors store", "Stuart Weitzman boots"; every mention so).
BRAND_GOODS = frozenset(
    """store stores boutique boutiques shop shops flagship handbag handbags bag bags shoes boots sneakers
    dress dresses gown gowns perfume perfumes fragrance fragrances collection collections""".split()
)
#: Nouns that make a name of title and junk words an organization's when they end it in Title Case ("the State
#: Department", "the Defence Ministry", "a Justice Ministry spokesman": every word a title or junk word otherwise).
GOVERNMENT_BODY_ENDS = frozenset("department ministry".split())
PARTICLES = frozenset(
    "von van der den de des da del della di du la le ter ten bin bint ibn al el dos das".split()
)
ORG_WORDS = frozenset(
    """cooperation organization organisation association council committee union bank party
    ministry department agency company corporation corp inc ltd llc plc group university college
    institute federation commission fund forum foundation foundations news times post journal airlines airways
    network service services authority board bureau court office administration coalition alliance
    league club team church army navy police studio studios inc co ltd gmbh llp ag sa productions
    holdings media capital partners records entertainment pictures labs systems technologies
    motors brands industries enterprises ventures pharmaceuticals pharmaceutical chemical chemicals cement
    communications controls electronics mining resources insurance securities newsroom rovers wanderers
    albion athletic hotspur oil gas petroleum energy construction solutions software logistics realty foods
    management associates advisors advisers consulting consultants investments research therapeutics biosciences
    robotics analytics aviation bancorp financial""".split()
)
EVENT_WORDS = frozenset(
    """cup championship championships olympics olympiad open finals tournament war summit
    festival election elections prix marathon expo derby biennale award awards prize trophy medal
    recession depression migration famine""".split()
)
#: Role nouns that end no person's name: a role phrase read as a name ("says Baark Volunteer Coordinator
#: Bonnie Young": the holder's name follows the role).
ROLE_END_WORDS = frozenset(
    """coordinator director manager officer editor consultant spokesperson spokesman spokeswoman assistant
    supervisor president chairman chairwoman executive secretary administrator adviser advisor commissioner
    superintendent correspondent producer""".split()
)
#: Last words of a body or a place named after a person ("Ronald Reagan Washington National Airport", "Abraham
#: Lincoln High School", "Lyndon B. Johnson Space Center"): a name the model read as a person's and cut before them
#: opens the body's name. Not "Hall", "Park", "Field", "Lane", "Street": surnames too.
NAMED_BODY_ENDS = frozenset(
    """airport airfield station terminal hospital clinic museum library prison bridge tunnel cemetery boulevard
    highway parkway freeway expressway school university college academy institute foundation center centre
    stadium arena theater theatre""".split()
)
#: Nouns of a company at the head of an appositive right after a name (", the department store chain,", ", a
#: luxury brand."): the name is the company's ("Harvey Nichols", "Jimmy Choo"), not its founder's.
COMPANY_NOUNS = frozenset(
    """company firm chain retailer brand label maker carmaker automaker manufacturer conglomerate insurer lender
    startup start-up group publisher airline broadcaster brokerage""".split()
)
#: A company's possessions after a name and "'s" that no person holds ("Jimmy Choo's chief executive", "Tory Burch's
#: shareholders", "Ralph Lauren's stores"): the name is the company's.
COMPANY_OWNS = re.compile(
    r"['’]s[ \t]+(?:(?:new|former|interim|incoming|outgoing)[ \t]+)?(?:chief[ \t]+(?:executive|financial|operating)"
    r"|CEO|CFO|COO|shareholders|stockholders|stores|boutiques|subsidiary|subsidiaries|revenue|revenues|profits?"
    r"|earnings|parent[ \t]+company)\b"
)
#: Words before a name that make it a storm's, not a person's ("storm Abigail", "Hurricane Katrina").
STORM_WORDS = frozenset("storm hurricane typhoon cyclone tornado".split())
#: Words before a name that make it a ship's ("the aircraft carrier Carl Vinson", "the yacht Lady Moura"; "carrier"
#: only after "aircraft": "letter carrier Bob Jones").
VESSEL_WORDS = frozenset(
    "warship destroyer frigate submarine cruiser battleship ship vessel yacht tanker freighter liner trawler".split()
)
#: Words that open a sentence and are never part of the name after them ("Maybe Instagram ...",
#: "Meanwhile Obama said"): adverbs and conjunctions the model takes into a name.
OPENING_WORDS = frozenset(
    """maybe perhaps meanwhile also still then now so but and yet even only just sadly finally instead
    besides indeed however thus here there when while after before if as because although though unlike
    like without with for from yesterday today tomorrow recently earlier later
    said says replied replies added adds asked asks wrote writes recalled recalls continued explained
    countered quipped noted insisted responded answered""".split()  # speech verbs: 'Replied Stephen, "Well..."'
)
#: Words of places a name that holds one names, not a person ("Dolphin Cay", "Bikini Atoll", "Walnut Creek"); no
#: surname or given name is spelled as one.
PERSON_NOT_PLACE = frozenset(
    "falls city river lake county island islands bay beach valley mountains heights".split()
    + "cay cays atoll reef lagoon canyon glacier creek harbor harbour fjord".split()
)
PLACE_WORDS = frozenset(
    "street square airport bridge river mountain island park city county province state".split()
)
#: Words that end the name of a place or a geographic feature ("Prince Edward Island", "Prince William Sound",
#: "King George Island", "Queen Maud Land"): a span the model read as a place ending in one names no person.
PLACE_ENDS = (
    PLACE_WORDS
    | PERSON_NOT_PLACE
    | frozenset(
        """sound strait straits channel peninsula gulf sea coast cape parish district province region territory
        land inlet isthmus archipelago""".split()
    )
)
#: Lower-case words that never end a person's name ("Christian Democrats", "Virginia Beach").
NOT_NAME_ENDS = (
    ORG_WORDS
    | EVENT_WORDS
    | PLACE_WORDS
    | PERSON_NOT_PLACE
    | frozenset(
        """democrats republicans socialists liberals conservatives greens party times post herald center centre
    hall stadium arena house tower palace hotel station hospital school airport average index exchange
    fund trust stiftung verband verein gmbh kg zeitung kirche partei institut ministerium gericht""".split()
    )
)
#: Words that, beside a place name, still name a place ("East Jerusalem", "Logar Province").
PLACE_MODIFIERS = (
    PLACE_WORDS
    | PERSON_NOT_PLACE
    | frozenset(
        """north south east west northern southern eastern western central upper lower greater inner outer
        new old st saint san santa port fort mount lake cape gulf coast region district province state of
        the and de del la le sea ocean area strait channel peninsula desert basin delta canal border
        highlands hills range forest sierra plateau archipelago metropolitan metro territory territories
        republic kingdom capital countryside northeast northwest southeast southwest northeastern northwestern
        southeastern southwestern upstate downstate midwest midwestern""".split()
    )
)
#: Words after a company's name that still name a company or one of its units, not a product
#: ("Samsung Electronics", "Sony Music", "Google Cloud", "Disney Channel").
COMPANY_WORDS = frozenset(
    """electronics energy pharma pharmaceuticals motor music channel channels cloud health healthcare
    insurance financial finance securities research air cargo logistics retail publishing books sports
    tv radio television broadcasting communications telecom mobile wireless chemicals steel oil gas
    petroleum power solar automotive aerospace defense defence investments investors asset management
    bancorp trust realty properties studios games animation international global worldwide usa america
    europe asia""".split()
)
#: Words for people by their role ("the prosecutor said"): resolved to the person introduced so.
ROLES = (
    TITLES
    | PERSON_CUES
    | frozenset(
        """prosecutor lawyer attorney executive exec founder owner analyst economist researcher scientist
    teacher student mother father wife husband son daughter sister brother friend neighbor neighbour
    witness victim author editor reporter host actor actress singer player star officer agent
    spokesperson spokeswoman spokesman representative pilot driver physician nurse broker trader dealer
    strategist""".split()
    )
    - frozenset("official officer leader deputy state foreign defense defence interior finance vice".split())
)
#: A speech verb right after a name ("Trump said"): the name is a person's.
SPEECH_AFTER = re.compile(r"[ \t]+(?:said|says|told|tweeted|wrote|added|asked)\b")
#: A speech verb, "that" allowed, and a personal pronoun after a name ("Swiatek said she", "Kishida told reporters he",
#: "Jansher said that he"): the name is a person's, as a company is taken up by "it"; group 1 is "he", group 2 "she".
PRONOUN_SPEECH = re.compile(
    r"[ \t]+(?:said|says|added|told[ \t]+(?:reporters|journalists))[ \t]+(?:that[ \t]+)?(?:(he)|(she))[ \t]+[a-z]"
)
#: An age right after a name ("Parata, 75, has overseen"): the name is a person's.
AGE_AFTER = re.compile(r",[ \t]+\d{1,3},[ \t]+[a-z]")
#: After a given name alone, what only a person's takes: a relative "who" ("Tommy — who only goes by his first
#: name online"), a speech verb after an appositive's closing comma ("Another Duke student, Brittany, said").
GIVEN_CLAUSE = re.compile(r"(?:,|[ \t]+[—–])?[ \t]+who\b|,[ \t]+(?:said|says|told|added|wrote)\b")
#: Body parts an injury report names, only a person's ("Nadal's left knee", "Alcaraz injured his ankle"). Not "arm",
#: "hand", "head", "back", "eye", "heart": a company's too ("Apple's chip arm", "Google's head of").
BODY_PARTS = frozenset(
    """knee knees ankle ankles hamstring hamstrings wrist wrists shoulder shoulders elbow hip hips calf groin thigh
    achilles foot toe neck spine jaw collarbone rib ribs shin heel finger fingers thumb ligament cruciate metatarsal
    pelvis""".split()
)
#: A life's events a person's name owns where the phrase ends with them ("Murray's retirement.", "Biden's birthday
#: on"; not "Coldplay's wedding song", "Nvidia's retirement plan").
LIFE_EVENTS = frozenset(
    """career retirement resignation funeral birthday marriage wedding divorce childhood upbringing boyhood girlhood
    pregnancy honeymoon obituary""".split()
)
#: What befalls a person, after a name's possessive only ("Kariuki's arrest on", "Prince's death."; not after "her":
#: "helped Juliet fake her death", a character's).
PERSON_FATES = frozenset("death arrest murder assassination".split())
#: Works only a person writes, after a name's possessive ("Langston Hughes's poem", "Tolkien's unfinished memoir"): the
#: name is the author's. Not "song", "album", "film", "book", "essay": a band, a studio, a publisher or a magazine has
#: them too ("Coldplay's song", "Disney's film"), nor plural novels or memoirs (a publisher's).
AUTHORED_WORKS = frozenset("poem poems poetry sonnet sonnets novel novella memoir autobiography".split())
#: What only a player makes, after a one-word name's possessive ("Saka's cross", "Isak's brace") or before "from"/"by"
#: and the name ("a brace from Isak", "a header by Havertz"): the name is a player's. Not "goal", "strike", "win",
#: "penalty", "double": a club's or a union's too ("Arsenal's goal", "a strike by Unite", "a late penalty from Leeds").
PLAYER_OWNS = frozenset("cross crosses header headers volley brace hat-trick hat-tricks free-kick assist".split())
#: The children a couple owns after the pair's possessive ("Stephen and Karen’s four kids,":
#: :func:`etl.annotate.entities.couple_words`).
COUPLE_CHILDREN = frozenset("kids children sons daughters twins son daughter baby".split())
#: Ordinals and firsts after "his"/"her" and a player's verb ("Shiffrin won her 90th race", "Isak made his debut").
PLAYER_FIRSTS = frozenset(
    """first second third fourth fifth sixth seventh eighth ninth tenth maiden debut career-best""".split()
)
#: Arabic words that open or close the names of armed groups, parties, media, mosques and places, not persons'
#: ("Ansar al-Sharia", "Jabhat al-Nusra", "Asaib Ahl al-Haq", "Masjid al-Aqsa", "Umm al-Quwain", "Ras al-Ain";
#: the "al-" part in lower case, its particle taken off: "al-Qaeda" is "qaeda").
ARABIC_NOT_NAMES = frozenset(
    """ansar jabhat jaish jaysh kataib harakat hizb hezb jamaat jamaa jamaah liwa saraya asaib ahl ahrar jund tahrir
    hayat masjid umm ras deir dayr wadi jebel jabal tel tell bab dar bir kafr ain beit bayt qasr souq souk
    madinat sharm qaeda shabaab islam islamiyah islamiya sham aqsa quds sharia nusra adl jazeera arabiya ahram
    akhbar nour wefaq hurriya thawra watan lashkar tehreek tehrik sipah markaz majlis anjuman tanzeem mujahideen
    dawa""".split()
)
#: The commonest Chinese family names in pinyin, one syllable each ("Xi Jinping", "Li Keqiang", "He Lifeng").
CHINESE_FAMILY_NAMES = frozenset(
    """bai cai cao chen cheng cui dai deng ding dong du duan fan fang feng fu gao gong gu guo han hao he hou hu hua
    huang jia jiang jin kang kong lai li liang liao lin liu long lu luo ma mao meng pan peng qian qiao qin qiu ren
    shao shen shi song su sun tan tang tian wan wang wei wen wu xi xia xiao xie xiong xu xue yan yang yao ye yin yu
    yuan zeng zhang zhao zheng zhong zhou zhu zou""".split()
)
#: Verbs a headline in Title Case runs on after a name ("Tom Hanks Reveals Secret", "Lionel Messi Leaving
#: Barcelona", "Robert Herjavec Dating ..."): a person's name ends before them. Only forms no common surname
#: is spelled as ("Burns", "Brooks", "Stokes", "Waters", "Hawking" stay out), no past participle ("Faith Spotted Eagle").
HEADLINE_VERBS = frozenset(
    """Says Slams Blasts Reveals Admits Confirms Denies Responds Defends Announces Claims Accuses Sues Explains
    Praises Mocks Quits Leaves Joins Returns Wins Loses Talks Tells Shares Debuts Teases Celebrates
    Welcomes Pleads Marries Divorces Splits Apologizes Apologises Thanks Jokes Insists Vows Warns Urges Opens
    Dating Wearing Leaving Joining Slamming Talking Returning Facing Defending Launching Seeking Suing
    Expecting Welcoming Celebrating Quitting Heading Hosting Starring Dies Gets Makes Takes Hits Signs Breaks Speaks
    Shows Posts Calls Wants Files Drops Releases Unveils Cancels Tops Causes Matters Eyes Backs Rejects Blames Hails
    Nears Seeks Plans Hints Weighs""".split()
)
#: Words a name runs on into that are no part of it: social platforms of an embed's or a caption's line ("Kylie Jenner
#: Instagram", "John Smith LinkedIn profile") and credentials in mixed case or dotted ("Maria Lopez MD", "Jane Doe
#: Esq."; the honours in capitals are :data:`etl.annotate.canonical._POSTNOMINALS`).
NAME_TRAILERS = frozenset(
    """Instagram Twitter Facebook TikTok YouTube LinkedIn Snapchat MD M.D. Esq Esq. RN DDS MBA CPA""".split()
)
#: Months' abbreviations that a dated author line runs a name on into ("Jane Doe Jan 5, 2024"); not "May",
#: "March", "June", "April", "Jun": surnames and given names too ("Lee Jun").
MONTH_ABBREVIATIONS = frozenset("Jan Feb Mar Apr Jul Aug Sep Sept Oct Nov Dec".split())
#: Nouns a headline in Title Case runs on after a name ("Prince Harry Memoir Tops Charts", "Boris Johnson Resignation
#: Speech"): a person's name ends before them too; none is spelled as a surname.
HEADLINE_NOUNS = frozenset(
    """Memoir Tweet Tweets Injury Interview Retirement Divorce Comeback Resignation Speech Album Review Trial Verdict
    Funeral Wedding Engagement Pregnancy Lawsuit Scandal Documentary Biopic Statement Impeachment Indictment
    Testimony Exclusive Update""".split()
)
#: Speakers that are no person: a family, a body or a document "said" ('her family said she was “a loving mother”',
#: '“...,” police said', 'the statement said'): a quote they give has no person's speaker, not the last one named.
GROUP_SPEAKERS = frozenset(
    """family families relatives statement statements police officials authorities company government ministry
    department court report lawsuit complaint indictment letter filing agency council organisers organizers club
    prosecutors investigators spokespeople""".split()
)
