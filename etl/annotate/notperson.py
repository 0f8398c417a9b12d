"""Person clusters that name no person: outlets, works, products and headline words.

The model tags newspapers ("Miami Herald"), fact-checkers ("Full Fact"), film titles
("Mary Poppins"), products ("the Chrome browser"), all-caps sub-headings ("WILL
SOMEONE STAND UP"), words of a Title Case headline ("Scissor Keyboard Expected"), teams
and groups ("the Pittsburgh Steelers", "Virginia Democrats") and the
first words of a venue's name ("Mohegan Sun Arena") as PERSON. These rules read the
cluster's name, the text around its mentions and the alias table's types; they never look
at a particular name.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from etl.annotate.canonical import Cluster, initials
from etl.annotate.entities import RawMention, person_cue, titled
from etl.annotate.names import (
    dictionary_phrase,
    english_words,
    is_given,
    person_context,
    place_given,
    titled_given,
)
from etl.annotate.places import PLACE_ENDING, coded_places, placed
from etl.annotate.wordnames import (
    acts_as_person,
    company_appositive,
    couple_member,
    meets_as_person,
    owns_as_person,
    person_appositive,
    plays_as_person,
    speaks_as_person,
    speaks_then_pronoun,
    thinks_as_person,
)
from etl.annotate.words import (
    BRAND_GOODS,
    COMPANY_OWNS,
    COMPANY_WORDS,
    GIVEN_CLAUSE,
    NOT_NAME_ENDS,
    PARTICLES,
    PERSON_CUES,
    PLACE_MODIFIERS,
    PRONOUN_SPEECH,
    ROLE_END_WORDS,
    ROLES,
    SPEECH_AFTER,
    STORM_WORDS,
    TITLES,
    VESSEL_WORDS,
)
from etl.index.builder import fold

#: Last words that make a name an outlet or organization ("Miami Herald", "Full Fact").
ORG_END_WORDS = frozenset(
    """herald courant tribune gazette chronicle telegraph examiner courier daily times post news
    journal observer inquirer register dispatch bulletin fact check network group groupe inc corp ltd llc
    plc foundation institute magazine weekly wire press zeitung newsroom medical works k.k kk gmbh ag nv bv
    resorts hotels central""".split()
)
#: Plural group words that end no person's name, whatever comes before ("Virginia Democrats").
GROUP_END_WORDS = frozenset("democrats republicans socialists liberals conservatives greens tories".split())
#: Facility words: a name right before one (capitalised) names the facility ("Mohegan Sun Arena").
FACILITY_WORDS = frozenset(
    """arena center centre theater theatre amphitheater amphitheatre pavilion stadium hall park field
    coliseum garden gardens auditorium ballroom casino resort hotel bowl dome""".split()
)
#: Lower-case words after a name that do not show it modifying a noun ("Gannett and", "Steelers had").
FUNCTION_WORDS = frozenset(
    """and or but nor to of in on at for from by with as than is are was were be been has have had
    will would can could may might should must do does did said says say told added who which that
    also not""".split()
)
COMPASS_WORDS = frozenset("north south east west northern southern eastern western central".split())
#: Prepositions of place: a name right after one names a place ("atop Mauna Kea").
SPATIAL_WORDS = frozenset("atop near nearby outside inside across beneath along throughout".split())
#: Facility words that end no person's name (not "Hall", "Park", "Field": surnames too).
VENUE_END_WORDS = FACILITY_WORDS - frozenset("hall park field garden gardens bowl".split())
#: Lodging words no person's name holds, at any place in it ("Jinmao Hotel Lijiang", "Hôtel Martinez" after
#: accents are folded, "An Mai Spa"): the name is the facility's.
LODGING_WORDS = frozenset("hotel hotels motel hostel resort resorts spa casino".split())
#: Facility words no surname is spelled as: a name ending in one is the facility even after a given name
#: ("Ben Gurion Airport", "Osborne Store", "Grand Central Station").
PLACE_END_WORDS = frozenset(
    "airport airfield station terminal store mall hospital clinic museum library prison jail bridge tunnel cemetery".split()
    # venues ("Arthur Ashe Stadium"; not "Arena", "Center": "Bruce Arena")
    + "stadium theater theatre amphitheater amphitheatre auditorium coliseum ballroom pavilion".split()
    # streets and settlements ("Dresden Drive is closed", "Brookhaven Village"; not "Lane", "Street": surnames)
    + "drive road avenue boulevard highway parkway freeway expressway village".split()
)
#: Facility and street words inside a name of three or more words: the name is a venue's or a place's.
_INNER_PLACE_WORDS = frozenset("square street center centre garden gardens stadium arena airport station".split())
#: A possessive and a capitalised business noun after a name: the business, named after its owner ("Casey's Bar").
_BUSINESS_AFTER = re.compile(
    r"['’]s[ \t]+(?:Bar|Pub|Cafe|Café|Restaurant|Bakery|Kitchen|Diner|Grill|Tavern|Inn|Shop|Store|Deli|Bistro"
    r"|Steakhouse|Garage|Salon)\b"
)
_NEXT_WORD = re.compile(r"[ \t]+([A-Z][a-z]+)\b")
#: Nouns after a surname with "the" that name its family, not a team: "the Banks family".
_FAMILY_NOUNS = "(?:family|families|brothers|sisters|siblings|twins|children|kids|household|estate|couple|case)"
_THE_BEFORE = re.compile(r"\b[Tt]he[ \t]+$")
_HEADLINE_MAX = 150
_AFFILIATION_AFTER = re.compile(r",[ \t]+[A-Z][\w'’&-]*[ \t]+(?:(?:[A-Z][\w'’&-]*|and|&)[ \t]+){0,5}(?:at|of|for)[ \t]+[A-Z]")
_LINE_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_NUMBER = re.compile(r"(?<![\w.])\d[\d.,:-]*")
#: Function words of headlines: lower-case inside a Title Case line, or capitalised after its first word.
_HEADLINE_FUNCTION = frozenset("in on of to for and with at by from as is are the who what how why".split())
#: A possessive determiner right before a name (a place's abbreviation between): a thing someone owns
#: or published ("NOAA released its U.S. Winter Outlook"), not a person.
_OWNED_BEFORE = re.compile(r"\b(?:its|their|our|your)[ \t]+(?:[A-Z][A-Z.]*[ \t]+)?$")
#: A lower-case noun of a place's kind right after a name: "Phu Quoc island", "Hoa Binh province".
_PLACE_NOUN_AFTER = re.compile(
    r"[ \t]+(?:island|islands|province|county|district|region|village|town|peninsula|archipelago|atoll)\b"
)
#: A lower-case noun of a place's kind and "of" right before a name: "the Milan suburb of Sesto San Giovanni", "the
#: island of Phu Quoc".
_PLACE_NOUN_OF_BEFORE = re.compile(
    r"\b(?:suburb|suburbs|town|village|city|district|borough|neighborhood|neighbourhood|island|province|county"
    r"|region|municipality|commune|township|hamlet)[ \t]+of[ \t]+$"
)
#: A saint's name opening a name: a town, parish or district ("Santa Barbara", "St Andrew", "San Jose").
_SAINT_WORDS = frozenset("st st. saint san santa santo são sao ste ste.".split())
#: Before a one-word name, an article makes it a noun: "the Moon", "the Major Arcana" (a title
#: word stripped), "a French Freemason", "the third Briton" (one adjective between).
_ARTICLE_BEFORE = re.compile(r"(?:\b[Tt]he[ \t]+(?:[A-Za-z]+[ \t]+)?|\b[Aa]n?[ \t]+(?:[A-Za-z]+[ \t]+)?)$")
_ARTICLE_WORD_BEFORE = re.compile(r"\b(?:[Tt]he|[Aa]n?)[ \t]+$")
_LOWER_AFTER = re.compile(r"[ \t]+[a-z]")
#: A lower-case word after a name, or a capitalised one and then a lower-case one: the name modifies that noun
#: ("a Boris Yeltsin aide", "a Margaret Thatcher Lego figure").
_MODIFIED_AFTER = re.compile(r"(?:[ \t]+[A-Z][\w'’-]*)?[ \t]+[a-z]")
#: A league table's row after a team's name: played, won, drawn, lost, goals for and against, points (and one more
#: figure at most) to the end of the line (:func:`_standings_row`).
_STANDINGS_AFTER = re.compile(r"[ \t]+(\d+)[ \t]+(\d+)[ \t]+(\d+)[ \t]+(\d+)(?:[ \t]+\d+){3,4}[ \t]*$", re.M)
#: What a company issues or owns, and "of"/"in", right before its name ("shares of", "a stake in", "a subsidiary of").
_SHARES_OF = re.compile(
    r"\b(?:shares|stock|stocks|stake|stakes|shareholders|stockholders|shareholding|subsidiary)[ \t]+(?:of|in)[ \t]+$",
    re.I,
)
_TICKER = re.compile(r"(?:['’]s)?[ \t]+\((NYSE: ?|NASDAQ: ?|Nasdaq: ?)?([A-Z]{2,5})(?:\.[A-Z]{1,2})?\)")
_AT_VENUE = re.compile(r"@[ \t]+(?:[A-Z][\w'’.&-]*[ \t]+)*$")
_DATE_DASH = re.compile(
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?[ \t]+\d{1,2}[ \t]*(?:--|[–—:-])[ \t]*(?:[A-Z][\w'’.&-]*[ \t]+)*$"
)
_NEXT_LOWER = re.compile(r"[ \t]+([a-z]+)\b")
#: "the" before a name or a possessive after it: a body or a business ("in the Senate", "in Macy's").
_THE_OR_OWNED = re.compile(r"\bthe[ \t]+[A-Z]\w*\b|[A-Z]\w*['’]s\b")
#: A preposition a place follows right before a name ("from Arizona", "at Sydney"): no person's cue.
_PLACE_PREP_BEFORE = re.compile(r"\b(?:from|of|at|to)[ \t]+$")
_LOWER_WORD_BEFORE = re.compile(r"\b([a-z]+),?[ \t]+$")
_POSSESSIVE_END = re.compile(r"['’]s?$")
_CAP_WORD = re.compile(r"\b[A-Z][\w'’-]*")
#: A past-tense verb right after a name: the name acts ("Maurkice Pouncey accepted $100,000").
_PAST_AFTER = re.compile(r"[ \t]+[a-z]+ed\b")
#: Words that make a two-word name a place's, an organization's or a thing's, never a person's: "San",
#: "Fort", "El", "Steelers" ... (a word the alias table names alone is checked apart).
_UNLISTED_BAR = PLACE_MODIFIERS | PARTICLES | NOT_NAME_ENDS | COMPANY_WORDS
#: Nouns that, right after a name, show it names a thing ("Chrome browser", "Blue Moon lander").
THING_NOUNS = frozenset(
    """browser app apps lander rocket spacecraft satellite rover prison jail console phone phones
    smartphone tablet laptop device devices vehicle vehicles car cars sedan suv truck engine chip
    chips software platform brand brands franchise franchises sneakers font fonts typeface typefaces
    airport airports station stations hospital hospitals pipeline pipelines telescope vaccine vaccines""".split()
)
#: Last words of product names, never of a person's ("Polaris GPU", "Vision Pro", "Galaxy S10 Plus").
PRODUCT_END_WORDS = frozenset("pro max plus mini ultra lite gpu cpu tv pc ssd vr usb hd suv ev".split())
#: Lower-case words right before a name of several words that make it a thing bought, sold or used:
#: after a determiner ("a used Ford Focus", "the original Raspberry Pi") or as the verb ("bought Rice
#: Krispies", "download the Firefox Focus").
PRODUCT_ADJECTIVES = frozenset(
    "new used secondhand second-hand refurbished original latest fastest cheapest cheaper base standard".split()
)
PRODUCT_VERBS = frozenset(
    """buy buys bought buying purchase purchased purchasing install installs installed installing download
    downloads downloaded downloading carry carries stock stocks order ordered""".split()
)
_DETERMINERS = frozenset("a an the its their his her my your our".split())
#: A menu: at least this many lines in a row of at most ``_MENU_WORDS`` words, no final period.
_MENU_LINES = 6
_MENU_WORDS = 4
_MENU_REACH = 40  # lines read either side
#: A model number right after a name ("Raspberry Pi 3 is", "Forza Motorsport 7 and", "Raspberry Pi 3 - The
#: credit card sized PC"); not a score or a table's figures ("Smith 3-1", "Smith 27, 43").
#: A list of things opened by a thing or work noun: "certain fonts (like Comic Sans and ...", "franchises
#: such as Assassin's Creed, Tomb Raider", "airports -- LaGuardia, John F. Kennedy"; the words between the
#: opener and a mention are names only.
_LIST_OPENER = re.compile(r"\b([a-z]+)[ \t]*(?:\(?(?:like|such as|including)[ \t]+|(?:--|[—–:])[ \t]*)")
_LIST_MARKS = ("like", "such as", "including", "--", "—", "–", ":")  # one is in every match of _LIST_OPENER
_LIST_ITEMS = re.compile(r"(?:[A-Z0-9][\w'’.:-]*,?[ \t]+|and[ \t]+|&[ \t]+)*")
#: A price (or "free") opening a bracket right after a name: an app or device ("Text Expander ($5 iOS, Mac)").
_PRICE_AFTER = re.compile(r"[ \t]*\((?:[$€£¥][ \t]?\d|free\b)", re.I)
_MODEL_NUMBER_AFTER = re.compile(r"[ \t]+\d{1,2}(?=[ \t]+(?:[a-z]|[-–—][ \t]+[A-Z]))")
#: Words that, right before a quoted or bare title, make it a work ("the film 'Mary Poppins'").
WORK_CUES = frozenset(
    """film films movie movies book books novel novels series show shows song songs album albums
    single musical play sitcom documentary episode podcast game games character characters""".split()
)
#: Nouns opening a list of places ("locations such as Phu Quoc, Nha Trang and Hoi An").
PLACE_LIST_NOUNS = frozenset(
    """places locations destinations cities towns villages countries islands regions provinces states
    counties resorts spots""".split()
)
#: Plural company nouns that open a list of companies ("brands such as Jimmy Choo, Michael Kors and Versace",
#: "retailers including Harvey Nichols"; not "designers such as Tom Ford": persons).
COMPANY_LIST_NOUNS = frozenset(
    """companies firms brands labels retailers chains carmakers automakers manufacturers makers lenders banks
    insurers startups start-ups publishers airlines conglomerates broadcasters outlets studios""".split()
)
#: List separators around an item: ", " before it; ", ", " and ", ", and ", " or " after it.
_ITEM_BEFORE = re.compile(r",[ \t]+$")
_ITEM_AFTER = re.compile(r",?[ \t]+(?:and|or)[ \t]+|,[ \t]+")
#: Nouns of a team that, right before a name, make it the team's ("Spanish first division team Deportivo
#: Coruna", "Glasgow club Rangers"); not after one ("the Clinton team" is a person's).
TEAM_NOUNS = frozenset("team club side outfit".split())
#: Organization nouns: a name right after one ("rescue group Project Jonah", "the band Led
#: Zeppelin") or right before one ("the Manu Taupunga group") names an organization.
#: A leader's term after a one-word name: "the Trump administration", "the Obama presidency", "the Dole
#: campaign" name a person.
_JOIN_BEFORE = re.compile(r"[ \t]+(?:and|or)[ \t]+$")
#: A list's joint between two names: a comma, "and" or ", and" ("Katy Perry, Ed Sheeran and Rihanna").
_LIST_JOINT_BEFORE = re.compile(r"(?:,|,?[ \t]+and)[ \t]+$")
_LIST_JOINT_AFTER = re.compile(r"(?:,|,?[ \t]+and)[ \t]+")
#: A name of one to four capitalised words ending a text, and one opening it (a list's neighbouring item).
_NAME_BEFORE = re.compile(r"(?<![\w'’.-])(?:[A-Z][\w'’.-]*[ \t]+){0,3}[A-Z][\w'’.-]*$")
_NAME_AFTER = re.compile(r"[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){0,3}(?![\w'’-])")
_JOIN_AFTER = re.compile(r"[ \t]+(?:and|or)[ \t]+")
_PRESIDENCY_AFTER = re.compile(r"[ \t]+(?:administration|presidency)\b")
LEADERS_TERM = re.compile(r"[ \t]+(?:administration|presidency|campaign)\b")
ORG_NOUNS = frozenset(
    """group company firm charity band startup start-up nonprofit organisation organization outlet website
    brokerage label publisher retailer carrier airline broadcaster newspaper magazine brand chain carmaker automaker
    conglomerate insurer lender""".split()
)
_ORG_OR_TEAM_NOUNS = ORG_NOUNS | TEAM_NOUNS
#: An organization noun (or "agency", "wire") in lower case right before a name: "investment company Prosus".
_ORG_NOUN_BEFORE = re.compile(rf"\b(?:{'|'.join(sorted(ORG_NOUNS | {'agency', 'wire'}))})[ \t]+$")
_WORKS_FOR_BEFORE = re.compile(r"\bwork(?:s|ed|ing)?[ \t]+for[ \t]+$")  # "He did not work for FedEx"
_ORG_OR_GROUP_END_WORDS = ORG_END_WORDS | GROUP_END_WORDS
_PRODUCT_OR_ROLE_END_WORDS = PRODUCT_END_WORDS | ROLE_END_WORDS
#: A person's name in brackets right after a mention: the mention is the part an actor plays ("Luke
#: Skywalker (Mark Hamill)", "Lord Darth Vader (David Prowse)").
_ACTOR_AFTER = re.compile(r"[ \t]*\(([A-Z][\w'’.-]+)(?:[ \t]+[A-Z][\w'’.-]*){1,3}\)")
#: Words before a term, not a name: "the so-called Iron Pipeline".
_TERM_BEFORE = re.compile(r"\b(?:so-called|so called|dubbed|nicknamed)[ \t]+$", re.I)
#: An opening quote mark and one to three capitalised words right before a mention ('"Super Mario Run"').
_QUOTED_HEAD = re.compile(r"[\"“‘'«](?:[A-Z][\w'’.-]*[ \t]+){1,3}$")
#: An opening quote mark and the head of a title in Title Case, small words allowed ("“The Prime of Miss " of "“The
#: Prime of Miss Jean Brodie”"): two capitalised words at least (:func:`_quoted_title`).
_QUOTED_TITLE_HEAD = re.compile(
    r"[\"“‘«][A-Z][\w'’.-]*[ \t]+(?:(?:[A-Z][\w'’.-]*|of|the|a|an|and|in|on|at|for|to|from|with)[ \t]+){1,6}$"
)
#: A caption's reading direction after its first word: "Clockwise from top: small whale bones; ...".
_CAPTION_DIRECTION = re.compile(r"[ \t]+from[ \t]+(?:top|left|right|bottom|above|below)\b")
_ROMAN = re.compile(r"(?=[IVX]{2,})X{0,3}(?:IX|IV|V?I{0,3})")
_OPEN_QUOTES = "\"“‘'«"
_CLOSE_QUOTES = "\"”’'»"
_PREV_WORD = re.compile(r"([A-Za-z]+)[ \t]*[\"“‘'«]?[ \t]*$")
#: A character, not the actor: "played the small role of reporter Chess Roberts", "the character of Ann".
_ROLE_OF = re.compile(r"\b(?:role|character|part) of[ \t]+(?:[a-z-]+[ \t]+){0,2}$")
#: An office's title and a capitalised word right after a "person" whose first word is no given name: a nationality
#: or place before a titled person's name ("Sri Lankan President Ranil Wickremesinghe", "Sri Lankan" read as PERSON).
_OFFICES_AFTER = sorted(TITLES - frozenset("state father saint st sir dame lord lady crown officer official counsel chair".split()))
_TITLED_NAME_AFTER = re.compile(rf"[ \t]+(?i:{'|'.join(_OFFICES_AFTER)})\.?[ \t]+[A-Z]")
#: A brand's inner capital ("ScotRail", "PayPal"); not "McDonald", "MacLeod", "DeVoe", "LaToya", "O'Brien".
_CAMEL = re.compile(r"(?!(?:Mc|Mac|De|Di|Da|Du|La|Le|Van|Von|O['’]))[A-Z][a-z]+[A-Z][a-z]+")
_SEGMENT_REACH = 200  # characters read either side of a mention for its segment (linear on one-line texts)
_TITLE_SEP = re.compile(r"[ \t]+[-–—|•][ \t]+|[ \t]*[|•][ \t]*")
_BAR_SEP = re.compile(r"[ \t]*[|•][ \t]*")
#: Two sides and their scores on one line, "NAME N NAME N" (a bracketed country or scorers after each):
#: "Wigan 42 Bradford Bulls 36", "Alba (Germany) 75 Red Star (Yugoslavia) 70", "Deportivo Coruna 1
#: (Corentine Martins, 22nd minute) Real Madrid 1". Teams, not persons: a match between persons is
#: written "X beat Y 6-3" or "X (country) 2-1". _SCORE_AFTER follows the first side, _SCORE_BEFORE
#: precedes the second, which _SCORE_END follows.
_SIDE_TAG = r"(?:[ \t]+\([A-Z][\w. ]{0,20}\))?"
_SCORE = _SIDE_TAG + r"[ \t]+\d{1,3}(?:[ \t]+\([^()\n]{0,60}\))?"
_SCORE_END = re.compile(_SIDE_TAG + r"[ \t]+\d{1,3}(?![\w.,/:-])")
_SCORE_AFTER = re.compile(_SCORE + r"[ \t]+[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){0,3}" + _SCORE_END.pattern)
_SCORE_BEFORE = re.compile(r"[A-Z][\w'’.-]*" + _SCORE + r"[ \t]+$")
_NAMES_ONLY = re.compile(r"[\s,&.]*(?:(?:and|&)[\s,]+|[A-Z][\w'’.-]*(?:[\s,]+|$))*")  # one parse: linear
#: A role between commas right before a mention: ", partner, ", ", president and CEO, ", ", executive director, South
#: Florida, " (a place after the role); group 1 is the role's last word.
_ROLE_BETWEEN_COMMAS = re.compile(
    r",[ \t]+(?:[A-Za-z][\w-]*[ \t]+){0,4}([A-Za-z][\w-]*)(?:,[ \t]+[A-Z][\w-]*(?:[ \t]+[A-Z][\w-]*)?)?,[ \t]+$"
)
_EMPLOYEE_ROLES = ROLES | ROLE_END_WORDS | frozenset("ceo cfo coo cto partner principal founder owner".split())
#: "Dear" capitalised inside a sentence before a name: a work's title ("the Broadway hit Dear Evan Hansen", "Dear
#: Abby" the column), not a letter's greeting ("\nDear John,").
_DEAR_MID_SENTENCE = re.compile(r"[a-z,][ \t]+Dear[ \t]+$")
#: A noun, then "known as" (an adverb between: "also", "now", "better", "formerly") right before a mention.
_KNOWN_AS = re.compile(r"\b([a-z]+),?[ \t]+(?:(?:also|now|better|formerly)[ \t]+)?known[ \t]+as[ \t]+$")
#: Nouns of things and schemes besides :data:`THING_NOUNS` that a name "known as" after them names.
_KNOWN_AS_NOUNS = frozenset(
    "system systems program programme tool project operation strand technology scheme policy plan law bill rule".split()
)
#: Links between a name and its other name.
_ALIAS_LINKS = (", aka ", ", a.k.a. ", ", also known as ", " aka ", " (aka ")
#: Initials for given names ("T.J. Watt"), and the dotted initials of places that open organizations' names.
_INITIALS = re.compile(r"(?:[A-Z]\.){1,3}")
_PLACE_INITIALS = frozenset({"U.S.", "U.K.", "U.N.", "E.U.", "D.C.", "L.A.", "N.Y."})


@dataclass(frozen=True)
class _Story:
    """What the retyping rules read of one document besides the cluster at hand."""

    text: str
    title: tuple[int, int]
    common: frozenset[str] | set[str]
    known: frozenset[str]
    companies: set[str]
    brands: dict[str, set[str]]
    person_lines: set[tuple[int, int]]
    signatures: set[int]
    places: tuple[set[int], set[int]]
    persons: tuple[set[int], set[int]]
    kin: frozenset[int] | set[int]


def retype_persons(
    clusters: list[Cluster],
    text: str,
    title: tuple[int, int] = (0, 0),
    common: frozenset[str] | set[str] = frozenset(),
    known: frozenset[str] = frozenset(),
    kin: frozenset[int] | set[int] = frozenset(),
) -> None:
    """Correct the type of person clusters in place: outlet names, groups and teams ("the
    Pittsburgh Steelers", "Virginia Democrats") and lone words the model also read as ORG become
    organizations; venues ("Ak-Chin Pavilion") locations; works, products, headline words and
    the first words of a venue's name become "work" (a type that yields no facet).

    Input: clusters of one document, the annotated text their offsets point into, the
    (start, end) of the title in ``text``, the words the text uses in lower case, the lower-case one-word names
    of the alias table (``AliasTable.one_word_names``) and the start offsets of the given names after a kin word
    (:func:`etl.annotate.entities.kin_items`; a cluster with one such mention and none placed is a person).
    Output: None (``cluster.type`` changed; an organization or place the model read that is an unknown name
    acting as a person's becomes a person, :func:`_acting_unlisted`). Never raises.
    """
    located = [m for c in clusters if c.type == "location" for m in c.mentions]
    named = [m for c in clusters if c.type == "person" for m in c.mentions]
    story = _Story(
        text, title, common, known,
        companies={c.name for c in clusters if " " not in c.name and _org_reading(c)},
        brands=_brand_words(clusters),
        person_lines={(m.start, m.end) for m in named},
        signatures=_signature_lines(clusters, text),
        places=mention_bounds(located),
        persons=mention_bounds(named),
        kin=kin,
    )
    for cluster in clusters:
        if cluster.from_alias:
            if _place_given_as_person(cluster, text):
                cluster.type = "person"  # "His daughter Sydney said she was proud" (the alias table: a city)
            continue
        if _kin_named(cluster, text, story.kin):
            cluster.type = "person"  # "their two daughters, Esmeralda (ORG) and Amada (LOC)"
            continue
        if _speaking_unknown_word(cluster, story):
            cluster.type = "person"  # "Swiatek (ORG) said she", "Kishida, the Japanese prime minister," (ORG)
            continue
        if cluster.type in ("organization", "location") and _listed_among_persons(cluster, text, story.persons):
            cluster.type = "person"  # "hits for Katy Perry, Ed Sheeran and Rihanna" (GPE), "beat Beyoncé (ORG), Billie"
            continue
        if " " in cluster.name and _storm_name(cluster, cluster.name.split(" ", 1)[0]):
            cluster.type = "event"  # "Hurricane Milton weakened as Milton (PERSON) moved inland", "Storm Babet"
            continue
        cluster.type = _retyped_other(cluster, story)
        if cluster.type == "person":
            cluster.type = _retyped_person(cluster, story)


def _retyped_other(cluster: Cluster, story: _Story) -> str:
    """The type of an organization or place cluster that reads as a person's, or as the other of the two."""
    text, etype = story.text, cluster.type
    if etype == "organization" and _signed(cluster, text, story.signatures):
        etype = "person"  # a letter's signature: "... favors the perpetrator.\nNinfa Wood\nWalnut Creek"
    if etype == "organization" and _lone_person_word(cluster, text, story.persons):
        etype = "person"  # "Trump said" x9, "the Trump administration" x10
    if etype == "location" and _speaking_place_word(cluster, text):
        etype = "person"  # "Rihanna (GPE) and A$AP Rocky welcomed a son. Rihanna (PERSON) said"
    if etype in ("organization", "location") and _acting_unlisted(cluster, text, story.known):
        etype = "person"  # "... whether Maurkice Pouncey accepted $100,000 from ..." (ORG)
    if etype == "location" and (_never_placed(cluster, text) or _org_noun_placed_nowhere(cluster, text)):
        etype = "organization"  # "sell the subsidiary to Verizon", "Lucasfilm is planning", "company Prosus"
    elif etype == "organization" and (_tied_place(cluster, text) or _placed_everywhere(cluster, text)):
        etype = "location"  # "a Forest Hill hotel room" (ORG), "a Forest Hill police sergeant" (GPE)
    return etype


def _speaking_place_word(cluster: Cluster, text: str) -> bool:
    """A one-word "place" no alias names, read as a person at least as often, titled or speaking once, and placed
    nowhere ("Rihanna (GPE) and ... Rihanna (PERSON) said"; not "in Rihanna"): a person's name."""
    if " " in cluster.name:
        return False
    votes = cluster.votes()
    if votes["person"] < max(1, votes["location"]):
        return False
    cued = any(titled(text, m.start) or SPEECH_AFTER.match(text, m.end) for m in cluster.mentions)
    # "House of Fraser said": the end of a longer name
    return cued and not any(placed(text, m) or text.endswith("of ", 0, m.start) for m in cluster.mentions)


def _speaking_unknown_word(cluster: Cluster, story: _Story) -> bool:
    """A one-word name (of any type) no alias names (``story.known``), in capitals only at its first letter,
    placed nowhere, that speaks as a person somewhere (:func:`etl.annotate.wordnames.speaks_as_person`: "Swiatek
    said she", "Kishida, the Japanese prime minister,"; opening a sentence before a speech verb, the next one opening
    with "He"/"She": :func:`etl.annotate.wordnames.speaks_then_pronoun`) or is one of a couple with children
    (:func:`etl.annotate.wordnames.couple_member`: "Beyoncé and Jay-Z ... their daughter") or, read as a place,
    meets a person (:func:`etl.annotate.wordnames.meets_as_person`: "Xi met Biden in California"; an organization
    meets others: "Hamas met Fatah in Cairo"); not "Nvidia said it", "in Kyiv"."""
    name, text = cluster.name, story.text
    if " " in name or not name[1:].replace("-", "").islower() or name.lower() in story.known:
        return False
    if any(placed(text, m) for m in cluster.mentions):
        return False
    return speaks_as_person(text, name) or any(
        couple_member(text, m.start, m.end)
        or speaks_then_pronoun(text, m.start, m.end)
        or owns_as_person(text, m.end)
        or plays_as_person(text, m.start, m.end)
        or thinks_as_person(text, m.end)
        or cluster.type == "location" and meets_as_person(text, m.start, m.end)
        for m in cluster.mentions
    )


def _place_given_as_person(cluster: Cluster, text: str) -> bool:
    """A one-word place of the alias table that is also a given name (:func:`etl.annotate.names.place_given`:
    "Sydney", "Florence"), placed nowhere, and named once as a person: a person cue word before it ("his daughter
    Sydney"), a relative "who" or a speech verb after a comma ("Another student, Florence, said"), or a speech verb
    and "he"/"she" ("Sydney said she"); not "Officials in Florence said"."""
    if cluster.type != "location" or " " in cluster.name or not place_given(cluster.name):
        return False
    if any(placed(text, m) or _PLACE_PREP_BEFORE.search(text, max(0, m.start - 8), m.start) for m in cluster.mentions):
        return False  # "Ms. Sinema, an independent from Arizona, said she": the speaker is the sentence's subject
    return any(
        _cue_word_before(text, m.start) or GIVEN_CLAUSE.match(text, m.end) or PRONOUN_SPEECH.match(text, m.end)
        for m in cluster.mentions
    )


def _cue_word_before(text: str, start: int) -> bool:
    """A person cue word in lower case (:data:`PERSON_CUES`, singular: "daughter", "coach"), a comma allowed, right
    before ``start``; not a plural ("hosts France")."""
    m = _LOWER_WORD_BEFORE.search(text, max(0, start - 20), start)
    return m is not None and m.group(1) in PERSON_CUES


def _kin_named(cluster: Cluster, text: str, kin: frozenset[int] | set[int]) -> bool:
    """A mention is a given name named alone after a kin word (``kin``: their start offsets,
    :func:`etl.annotate.entities.kin_items`) and none reads as a place: "Stephen's sister, Charlotte, has" (GPE)."""
    return any(m.start in kin for m in cluster.mentions) and not any(placed(text, m) for m in cluster.mentions)


def _retyped_person(cluster: Cluster, story: _Story) -> str:
    """The type of a person cluster: "person", or the organization, place or work it names."""
    text, words = story.text, cluster.name.split()
    last = words[-1].lower().strip(".,")
    if (
        len(words) >= 2
        and (last in ORG_END_WORDS or last in GROUP_END_WORDS or _holds_region(words))
        or _ticker(cluster, text)
    ):
        return "organization"
    if len(words) == 1 and _CAMEL.fullmatch(cluster.name) and not is_given(cluster.name, strict=False):
        # "ScotRail said", "PayPal": a brand's spelling, no person's; "#MeToo" a hashtag
        hashtag = any(text[m.start - 1 : m.start] == "#" for m in cluster.mentions)
        return "work" if hashtag else "organization"
    if len(words) == 1 and not _lone_person_word(cluster, text, story.persons) and _other_votes(cluster):
        # "chains Gannett and GateHouse Media", "powers such as Ubisoft": a lone word also read
        # as an organization or a place, never titled nor speaking; a place where a mention reads
        # as one ("a crash in Osborne Store, Clarendon")
        return "location" if _place_reading(cluster, text) else "organization"
    if _team_or_group(words, cluster, text) or _scored_side(cluster, text) or all(
        _org_noun_beside(text, m.start, m.end) for m in cluster.mentions
    ):
        return "organization"
    if _owned_company(cluster, text):
        return "organization"  # "Shares in Morgan Grenfell fell", "a stake in Bilzin Sumberg"
    if _employer_after_role(cluster, text, story.persons):
        return "organization"  # "Albert E. Dotson Jr., partner, Bilzin Sumberg": a panel's name, role, employer
    if all(_in_thing_list(text, m.start, COMPANY_LIST_NOUNS) for m in cluster.mentions) and not _person_cued(
        cluster, text
    ):
        return "organization"  # "brands such as Jimmy Choo, Michael Kors and Versace"
    if _company_named(cluster, text):
        return "organization"  # "Harvey Nichols, the department store chain,", "Jimmy Choo's chief executive"
    if _venue(words):
        return "location"  # a venue ("Ak-Chin Pavilion", "Ben Gurion Airport"): the FAC label
    if all(_BUSINESS_AFTER.match(text, m.end) for m in cluster.mentions):
        return "organization"  # "Casey's Bar have said", "Dennehy's Pub": a business named after its owner
    if (
        all(_spatial(text, m.start) for m in cluster.mentions)
        or _saint_place(words, cluster, text)
        or _named_with_place_noun(cluster, text)
        or _listed_place(cluster, text, story.places)
        or _place_alias(cluster, text, story.places)
    ):
        return "location"  # "a telescope atop Mauna Kea", "the parish of St Andrew"
    return "work" if _names_a_work(cluster, words, last, story) else "person"


def _storm_name(cluster: Cluster, first: str) -> bool:
    """A name opening with a storm word (:data:`STORM_WORDS`: "Hurricane Milton", "Typhoon Hinnamnor"); "Storm" only
    where no mention of several words is read as a person's ("Storm Babet"; not the actress "Storm Reid")."""
    low = first.lower()
    if low not in STORM_WORDS:
        return False
    return low != "storm" or not any(m.label == "PERSON" and " " in m.text for m in cluster.mentions)


def _names_a_work(cluster: Cluster, words: list[str], last: str, story: _Story) -> bool:
    """A person cluster that names a work, product, role, headline word or phrase, not a person."""
    text, common = story.text, story.common
    return (
        all(_not_a_person(text, m.start, m.end) for m in cluster.mentions)
        or _product_line(words, story.companies)
        or _brand_line(words, cluster.name, story.brands)
        or any(_played_by(text, m.end) for m in cluster.mentions)
        or _ship(cluster, text)
        or _thing_known_as(cluster, text)
        or _before_titled_name(cluster, words, text)
        or all(_ROLE_OF.search(text, max(0, m.start - 40), m.start) for m in cluster.mentions)
        or _quoted_title_only(cluster, text)
        or (len(words) >= 2 and last in _PRODUCT_OR_ROLE_END_WORDS)
        or _headline_only(cluster, text, story.title)
        or _headline_lines_only(cluster, text)
        or _shape_with_common_end(cluster, common)
        or (_unnamed_common_end(words, common) and not _titled_in_full(cluster, text))
        or (_numbered_work(words) and not _titled_in_full(cluster, text))  # "Lt. Gov. Garlin Gilchrist II"
        or _sold_or_used(cluster, text)
        or all(_alone_in_menu(text, m.start, m.end, story.person_lines) for m in cluster.mentions)
        or _common_words(words, common)
        or (
            (
                dictionary_phrase(words)
                or (_dictionary_end(words) and not _in_person_context(cluster, text, story.signatures))
            )
            and not _person_cued(cluster, text)
            and not _listed_person(cluster, text, story.persons)
            and not _acts_as_person(cluster, text)
            and not _surname_read_as_person(cluster, words, text)
        )
        or all(_credit_segment(text, m.start, m.end, story.title) for m in cluster.mentions)
    )


def _before_titled_name(cluster: Cluster, words: list[str], text: str) -> bool:
    """Every mention right before an office's title and a name, the first word no given name: a nationality or place
    modifying a titled person's name ("Sri Lankan President Ranil Wickremesinghe"), no person."""
    return all(_TITLED_NAME_AFTER.match(text, m.end) for m in cluster.mentions) and not is_given(words[0], strict=False)


def _venue(words: list[str]) -> bool:
    """A name of two or more words ending in a facility word: one no surname is spelled as ("Ben Gurion
    Airport", not "a Grocery Store": a phrase), or another after no given name ("Ak-Chin Pavilion"); or
    holding a lodging word anywhere ("Jinmao Hotel Lijiang", "Hôtel Martinez", "An Mai Spa") or a facility's word
    inside ("Madison Square Garden")."""
    if len(words) < 2:
        return False
    if any(_folded(w) in LODGING_WORDS for w in words):
        return True
    if any(w.lower() in _INNER_PLACE_WORDS for w in words[1:-1]):
        return True  # "Madison Square Garden", "Kennedy Center Honors": no middle name is a facility's word
    last = words[-1].lower().strip(".,")
    if last in PLACE_END_WORDS:
        return words[0][:1].isupper() and not dictionary_phrase(words)
    return last in VENUE_END_WORDS and not is_given(words[0], strict=False)


@functools.lru_cache(maxsize=65536)
def _folded(word: str) -> str:
    """A word folded to ASCII, lower case, without edge dots and commas ("Hôtel" -> "hotel"); memoised."""
    return fold(word).lower().strip(".,")


def _credit_segment(text: str, start: int, end: int, title: tuple[int, int]) -> bool:
    """The mention fills a segment of a line cut by separators, with at most other names beside it:
    the author or site a title or teaser carries ("Voice interfaces • Dustin Curtis", "... | Dustin
    Curtis | Villain.", "2012 map takes unfamiliar shape - Maggie Haberman and Shira Toeplitz"). In the
    title any dash or bar separates; elsewhere only a bar or a bullet."""
    reach_start, reach_end = max(0, start - _SEGMENT_REACH), min(len(text), end + _SEGMENT_REACH)
    line_start = text.rfind("\n", reach_start, start) + 1 or reach_start
    newline = text.find("\n", end, reach_end)
    line_end = reach_end if newline < 0 else newline
    seps = _TITLE_SEP if title[0] <= start < title[1] else _BAR_SEP
    if seps is _BAR_SEP and "|" not in text[line_start:line_end] and "•" not in text[line_start:line_end]:
        return False  # no separator on the line
    before = [m.end() for m in seps.finditer(text, line_start, start)]
    after = seps.search(text, end, line_end)
    if not before and after is None:
        return False
    segment = text[before[-1] if before else line_start : after.start() if after else line_end]
    return bool(_NAMES_ONLY.fullmatch(segment.replace(text[start:end], " ", 1)))


def _never_placed(cluster: Cluster, text: str) -> bool:
    """A one-word "place" the alias table does not know, named three times or more and never after a
    preposition of place ("in", "near", "across", ...): a company the model misread ("Verizon",
    "Lucasfilm", "Alibaba"). Places are where things happen."""
    if " " in cluster.name or len(cluster.mentions) < 3 or PLACE_ENDING.fullmatch(cluster.name):
        return False
    return not any(placed(text, m) for m in cluster.mentions)


def _org_noun_placed_nowhere(cluster: Cluster, text: str) -> bool:
    """A "place" the alias table does not know, after an organization noun or "works for" at a mention and never
    after a preposition of place: a company or agency the model misread ("owned by Dutch investment company Prosus",
    "reported by news agency Ritzau", "did not work for FedEx")."""
    return (
        not cluster.from_alias
        and any(_org_noun_or_employer(text, m.start) for m in cluster.mentions)
        and not any(placed(text, m) for m in cluster.mentions)
    )


def _org_noun_or_employer(text: str, start: int) -> bool:
    """An organization noun right before ``start`` ("news agency Ritzau") or "work(s/ed) for" ("He did not
    work for FedEx": one works for an employer, in a place)."""
    if _ORG_NOUN_BEFORE.search(text, max(0, start - 20), start):
        return True
    return text.endswith(" for ", 0, start) and _WORKS_FOR_BEFORE.search(text, max(0, start - 20), start) is not None


def _named_with_place_noun(cluster: Cluster, text: str) -> bool:
    """A name followed at a mention by a lower-case noun of a place's kind ("Phu Quoc island in Vietnam",
    "the Hoa Binh province") or after such a noun and "of" ("the Milan suburb of Sesto San Giovanni"), never
    titled, cued as a person's or speaking: the place's name."""
    return any(
        _PLACE_NOUN_AFTER.match(text, m.end) or _place_of(text, m.start, m.end) for m in cluster.mentions
    ) and not _person_cued(cluster, text)


def _place_of(text: str, start: int, end: int) -> bool:
    """A place noun and "of" right before the mention, which owns nothing ("the suburb of Sesto San Giovanni";
    not "the town of Tony Blair's birth")."""
    return (
        text.endswith("of", 0, start - 1)  # most mentions: no "of" before them, no regex search
        and bool(_PLACE_NOUN_OF_BEFORE.search(text, max(0, start - 30), start))
        and not text.startswith(("'", "’"), end)
    )


def _saint_place(words: list[str], cluster: Cluster, text: str) -> bool:
    """A saint's name of two or three words ("St Andrew", "Santa Barbara", "San Luis Obispo") never titled,
    cued as a person's or speaking: a place named after the saint, no person."""
    return 2 <= len(words) <= 3 and words[0].lower() in _SAINT_WORDS and not _person_cued(cluster, text)


def _tied_place(cluster: Cluster, text: str) -> bool:
    """An "organization" read as a place as often as as one, placed at a mention (:func:`places.placed`) and
    with no organization word in its name: the tie went to the organization by order only."""
    votes = cluster.votes()
    words = {w.lower().strip(".,") for w in cluster.name.split()}
    return (
        0 < votes["organization"] == votes["location"]
        and not words & _ORG_OR_GROUP_END_WORDS
        and any(placed(text, m) for m in cluster.mentions)
    )


def _placed_everywhere(cluster: Cluster, text: str) -> bool:
    """A one-word "organization" no alias names, in Title Case, no English word, placed at every mention
    (:func:`places.placed`) and never after "the" nor before a possessive ("Police in Kent said", ORG): a place.
    Not "in the Senate", "in Macy's", "in CGI", "in Doubt"."""
    name = cluster.name
    return (
        name.isalpha()
        and name[1:].islower()
        and name.lower() not in english_words()
        and all(placed(text, m) and not _THE_OR_OWNED.search(text, max(0, m.start - 4), m.end + 2) for m in cluster.mentions)
    )


def _place_reading(cluster: Cluster, text: str) -> bool:
    """Read as a place more often than as an organization, and placed at a mention (:func:`places.placed`)."""
    votes = cluster.votes()
    return votes["location"] > votes["organization"] and any(placed(text, m) for m in cluster.mentions)


def _org_reading(cluster: Cluster) -> bool:
    """Typed an organization, or read as one at least as often as a person ("Dolby" once each)."""
    votes = cluster.votes()
    return cluster.type == "organization" or 0 < votes["person"] <= votes["organization"]


def _product_line(words: list[str], companies: set[str]) -> bool:
    """A name of two or three words opening with an organization of the same story that is no given
    name ("Xbox Live", "Xbox One" beside the organization "Xbox"; "Dolby Atmos" beside "Dolby's"
    read once as a person, once as an organization): a product, not a person."""
    return 2 <= len(words) <= 3 and words[0] in companies and not is_given(words[0], strict=False)


def _brand_words(clusters: list[Cluster]) -> dict[str, set[str]]:
    """First words of organizations of two words, no given name nor English word, with the organizations they
    open: the brand of a product line ("Xbox" of "Xbox Video": "Xbox Live" is a product too)."""
    out: dict[str, set[str]] = {}
    for c in clusters:
        words = c.name.split()
        if c.type == "organization" and len(words) == 2 and words[0].isalpha() and words[0][:1].isupper():
            if not is_given(words[0], strict=False) and words[0].lower() not in english_words():
                out.setdefault(words[0], set()).add(c.name)
    return out


def _brand_line(words: list[str], name: str, brands: dict[str, set[str]]) -> bool:
    """A name of two or three words opening with the brand of another organization of the story (:func:`_brand_words`)."""
    return 2 <= len(words) <= 3 and bool(brands.get(words[0], set()) - {name})


def _holds_region(words: list[str]) -> bool:
    """A compass word followed by another name word inside the name ("Ascom North America",
    "Acme South Africa"): a company's unit or an organization, not a person ("Kanye West" stays)."""
    return any(w.lower() in COMPASS_WORDS and words[i + 1][:1].isupper() for i, w in enumerate(words[:-1]))


def _other_votes(cluster: Cluster) -> bool:
    votes = cluster.votes()
    return bool(votes["organization"] or votes["location"])


def _acting_unlisted(cluster: Cluster, text: str, known: frozenset[str]) -> bool:
    """A two-word name the model read as an organization or a place that nothing knows as one — no word a given
    name, an English word, a word of places, companies or particles, or a name of the alias table (``known``:
    one-word names; the whole name: ``Cluster.from_alias``) — acting as a person: a past-tense verb after a
    mention ("... into whether Maurkice Pouncey accepted $100,000 from the representative", ORG), and never
    placed (:func:`places.placed`), after an article or owned ("a Nissan Latio motor car", "its Fios TV")."""
    words = cluster.name.split()
    if len(words) != 2 or cluster.named_after_place or cluster.product or is_given(words[0], strict=False):
        return False
    english = english_words()
    for word in words:
        low = word.lower()
        if not word[:1].isupper() or word.isupper() or "." in word or low in known or low in _UNLISTED_BAR:
            return False
        if any(part in english for part in low.split("-")):
            return False
    return any(_acts_after(text, m.end) for m in cluster.mentions) and not any(
        placed(text, m)
        or _ARTICLE_BEFORE.search(text, max(0, m.start - 30), m.start)
        or _OWNED_BEFORE.search(text, max(0, m.start - 30), m.start)
        for m in cluster.mentions
    )


def _acts_after(text: str, end: int) -> bool:
    """After a name, a past-tense verb ("Maurkice Pouncey accepted"), a speech verb and "he"/"she" ("Srettha
    Thavisin said he"), a person's appositive (", the prime minister,") or what only a person owns ("Bola Tinubu,
    whose wife"; :func:`etl.annotate.wordnames.owns_as_person`)."""
    return bool(_PAST_AFTER.match(text, end) or PRONOUN_SPEECH.match(text, end)) or (
        person_appositive(text, end) or owns_as_person(text, end)
    )


def _lone_person_word(cluster: Cluster, text: str, persons: tuple[set[int], set[int]]) -> bool:
    """A one-word name read as a person more often than as an organization (not counting the
    organization readings where it modifies a noun: "the Trump administration", "Trump
    campaign officials"), and once after a title or before a speech verb ("President Trump",
    "Trump said"): a person's surname. "Gannett is merging" is not."""
    if " " in cluster.name:
        return False
    org = sum(1 for m in cluster.mentions if m.type == "organization" and not _modifies_noun(text, m.end))
    cued = [m for m in cluster.mentions if titled(text, m.start) or SPEECH_AFTER.match(text, m.end)]
    person = cluster.votes()["person"]
    if person <= org:
        # as often read as an organization, titled ("met with General Petraeus" as ORG, "he met Petraeus"), or
        # however often, titled once and titled or speaking once more ("President Trump’s defenders", "Trump
        # said the neo-Nazis ...")
        titled_twice = (len(cued) >= 2 or person == org) and any(titled(text, m.start) for m in cued)
        return titled_twice or any(_PRESIDENCY_AFTER.match(text, m.end) for m in cluster.mentions)
    # or read as a person beside another person's mention, joined by "and"/"or" ("both Trump and Sanders
    # aren’t moderate centrists"; ``persons``: the start and end offsets of the story's person mentions)
    return bool(cued) or sum(m.type == "person" and paired(text, m.start, m.end, persons) for m in cluster.mentions) >= 2


def mention_bounds(mentions: Iterable[RawMention]) -> tuple[set[int], set[int]]:
    """The start offsets and the end offsets of ``mentions`` (what :func:`paired` and list checks look up)."""
    mentions = list(mentions)
    return {m.start for m in mentions}, {m.end for m in mentions}


def _listed_among_persons(cluster: Cluster, text: str, persons: tuple[set[int], set[int]]) -> bool:
    """A one-word name no alias names, in Title Case, placed nowhere, of which a mention is an item of a list whose two
    nearest items are persons' mentions (``persons``: their start and end offsets): "hits for Katy Perry, Ed Sheeran
    and Rihanna", "beat Beyoncé, Billie Eilish and Sabrina Carpenter"; not "Apple, Google and Tim Cook" (one person),
    an English word ("Jeff Bezos, Bill Gates and Acme") nor a list a company noun opens ("brands such as Jimmy Choo,
    Michael Kors and Versace")."""
    name = cluster.name
    if " " in name or not name[1:].islower() or name.lower() in english_words():
        return False  # "Acme": a word
    return not any(placed(text, m) or _in_thing_list(text, m.start, COMPANY_LIST_NOUNS) for m in cluster.mentions) and any(
        listed_neighbours(text, m.start, m.end, persons) >= 2 for m in cluster.mentions
    )


def listed_neighbours(text: str, start: int, end: int, persons: tuple[set[int], set[int]]) -> int:
    """How many of the (up to two) list items on either side of ``text[start:end]`` are persons' full names (two words
    or more, mentions by ``persons``' offsets), counted outward from it and stopping at the first that is not (not
    "Athens, Clanton, Falkville, Huntsville, Madison (PERSON), Montgomery and Prattville")."""
    count = 0
    pos = start
    for _ in range(2):  # before: "Katy Perry, Ed Sheeran and " Rihanna
        joint = _LIST_JOINT_BEFORE.search(text, max(0, pos - 6), pos)
        item = _NAME_BEFORE.search(text, max(0, joint.start() - 60), joint.start()) if joint else None
        if item is None or " " not in item.group() or item.start() not in persons[0] or item.end() not in persons[1]:
            break
        count, pos = count + 1, item.start()
    pos = end
    for _ in range(2):  # after: Beyoncé ", Billie Eilish and Sabrina Carpenter"
        joint = _LIST_JOINT_AFTER.match(text, pos)
        item = _NAME_AFTER.match(text, joint.end()) if joint else None
        if item is None or " " not in item.group() or item.start() not in persons[0] or item.end() not in persons[1]:
            break
        count, pos = count + 1, item.end()
    return count


def paired(text: str, start: int, end: int, persons: tuple[set[int], set[int]]) -> bool:
    """The mention and a person's mention are joined by "and" or "or" ("Trump and Sanders")."""
    before = _JOIN_BEFORE.search(text, max(0, start - 6), start)
    after = _JOIN_AFTER.match(text, end)
    return (before is not None and before.start() in persons[1]) or (after is not None and after.end() in persons[0])


def _modifies_noun(text: str, end: int) -> bool:
    """A lower-case word other than a function word or verb right after ``end`` ("Trump
    administration"; not "Gannett and ...", "Steelers had ...")."""
    m = _NEXT_LOWER.match(text, end)
    return m is not None and m.group(1) not in FUNCTION_WORDS


def _ticker(cluster: Cluster, text: str) -> bool:
    """A stock ticker after a mention ("peer Lowe’s (LOW) stock", "(NYSE: HD)"): a company. A
    ticker opens with the name's first letter; party tags do not ("Kristi Noem (R)", "(CSU)"),
    nor do a person's initials ("Richard M. Stallman (RMS)")."""
    for m in cluster.mentions:
        hit = _TICKER.match(text, m.end)
        if hit and (hit.group(1) or (hit.group(2)[0] == m.text[:1] and hit.group(2) != initials(m.text))):
            return True
    return False


def _spatial(text: str, start: int) -> bool:
    """The mention follows a preposition of place ("atop Mauna Kea", "near Grass Valley")."""
    m = _PREV_WORD.search(text, max(0, start - 12), start)
    return m is not None and m.group(1) in SPATIAL_WORDS and text[m.end() - 1 : start].strip() == ""


def _common_words(words: list[str], common: frozenset[str] | set[str]) -> bool:
    """A name of words the text also uses in lower case, not opening with a given name
    ("Defensive Line" heading a table about the defensive line): no person."""
    return (
        len(words) >= 2
        and not is_given(words[0], strict=False)
        and all(w.lower().strip(".,") in common for w in words)
    )


def _team_or_group(words: list[str], cluster: Cluster, text: str) -> bool:
    """A name whose every mention of several words follows "the" and is not followed by a noun it
    modifies ("against the Pittsburgh Steelers.", "the Barbados Tridents"; not "the Howard Jones
    song"), or whose plural nickname does (:func:`_plural_nickname`): a team, band or group; a person's
    name takes no article."""
    full = [m for m in cluster.mentions if " " in m.text]
    return len(words) >= 2 and bool(full) and (
        all(_after_the(text, m.start, m.end) for m in full) or _plural_nickname(words, cluster, text)
    )


def _plural_nickname(words: list[str], cluster: Cluster, text: str) -> bool:
    """The name's last word is the plural of an English word that the text names alone after "the" ("Houston
    Cougars hire ..." and "The Cougars have their man"), and no mention is titled, cued as a person's or
    speaking: a team's nickname; a person's surname takes no article."""
    last = words[-1]
    if not (last.endswith("s") and last[:-1].lower() in english_words()):
        return False
    alone = re.compile(rf"\b[Tt]he[ \t]+{re.escape(last)}\b(?![ \t]+(?:[A-Z]|{_FAMILY_NOUNS}\b))")
    return bool(alone.search(text)) and not _person_cued(cluster, text)


def _scored_side(cluster: Cluster, text: str) -> bool:
    """A side of a results line at a mention ("Greenock Morton 1 Falkirk 0", "Wigan 42 Bradford Bulls
    36", :data:`_SCORE_AFTER`), never titled, cued as a person's or speaking: a team."""
    return any(
        _SCORE_AFTER.match(text, m.end)
        or _SCORE_END.match(text, m.end) and _SCORE_BEFORE.search(text, max(0, m.start - 120), m.start)
        or _standings_row(text, m.end)
        for m in cluster.mentions
    ) and not _person_cued(cluster, text)


def _standings_row(text: str, end: int) -> bool:
    """A league table's row after the mention: seven or eight whole numbers to the end of the line, the first
    the sum of the next three (played = won + drawn + lost: "Greenock Morton 3 2 0 1 5 2 6"); a golfer's
    rounds or a bowler's figures do not add up so."""
    m = _STANDINGS_AFTER.match(text, end)
    return m is not None and int(m.group(1)) == int(m.group(2)) + int(m.group(3)) + int(m.group(4))


def _owned_company(cluster: Cluster, text: str) -> bool:
    """A mention after "shares", "stock", "stake", "shareholders" or "subsidiary" and "of"/"in" that owns nothing
    ("Shares in Morgan Grenfell fell", "a stake in Bilzin Sumberg"; not "shareholders of Elon Musk's Tesla"), and
    no mention titled, cued as a person's or speaking: a company."""
    return any(
        text.endswith(("of", "in", "OF", "IN", "Of", "In"), 0, m.start - 1)  # no regex search before most mentions
        and _SHARES_OF.search(text, max(0, m.start - 30), m.start)
        and not text.startswith(("'", "’"), m.end)
        for m in cluster.mentions
    ) and not _person_cued(cluster, text)


def _employer_after_role(cluster: Cluster, text: str, persons: tuple[set[int], set[int]]) -> bool:
    """Every mention ends its line and follows a person's name and a role between commas ("Albert E. Dotson Jr.,
    partner, Bilzin Sumberg", "Jay Pelham, president and CEO, TotalBank": a line naming a panel's member; ``persons``: the start
    and end offsets of the person mentions), the role's last word a person's role (:data:`ROLES`, "ceo",
    "partner", "principal", "director"): the person's employer."""
    for m in cluster.mentions:
        if not text.endswith(", ", 0, m.start) or text[m.end : m.end + 1] not in ("\n", ""):
            return False  # the common case: no comma right before; or the employer does not end the line
        hit = _ROLE_BETWEEN_COMMAS.search(text, max(0, m.start - 80), m.start)
        if hit is None or hit.start() not in persons[1] or hit.group(1).lower() not in _EMPLOYEE_ROLES:
            return False
    return True


def _company_named(cluster: Cluster, text: str) -> bool:
    """A mention is a company's: a company noun heads an appositive right after it (", the department store
    chain,": :func:`etl.annotate.wordnames.company_appositive`) or "'s" and what only a company holds follow it
    (:data:`COMPANY_OWNS`: "Jimmy Choo's chief executive", "Tory Burch's shareholders"); and no mention is titled,
    cued as a person's or speaking ("Ford's chief executive, Jim Farley," is Ford's, "Henry Ford said" a person)."""
    return any(
        (text.startswith(",", m.end) and company_appositive(text, m.end))
        or (text.startswith(("'s", "’s"), m.end) and COMPANY_OWNS.match(text, m.end))
        for m in cluster.mentions
    ) and not _person_cued(cluster, text)


def _org_noun_beside(text: str, start: int, end: int) -> bool:
    """An organization noun right before the mention ("whale rescue group Project Jonah") or right
    after it ("the Manu Taupunga group"), or a brand's goods or shop after it (:data:`BRAND_GOODS`: "the Tory
    Burch collection", "a Michael Kors store")."""
    before = _PREV_WORD.search(text, max(0, start - 20), start)
    after = _NEXT_LOWER.match(text, end)
    return (before is not None and before.group(1) in _ORG_OR_TEAM_NOUNS) or (
        after is not None and (after.group(1) in ORG_NOUNS or after.group(1) in BRAND_GOODS)
    )


def _after_the(text: str, start: int, end: int) -> bool:
    return bool(_THE_BEFORE.search(text, max(0, start - 5), start)) and not _LOWER_AFTER.match(text, end)


def _headline_only(cluster: Cluster, text: str, title: tuple[int, int]) -> bool:
    """Every mention inside a Title Case title, and the name's last word nowhere else in the text
    ("13-Inch MacBook Pro With Scissor Keyboard Expected in First Half of 2020"): headline words.
    A person named in a headline is named in the story too."""
    start, end = title
    if not all(start <= m.start < end for m in cluster.mentions) or not _title_case(text[start:end]):
        return False
    last = cluster.name.split()[-1]
    return not any(_POSSESSIVE_END.sub("", m.group()) == last for m in _CAP_WORD.finditer(text, end))


def _headline_lines_only(cluster: Cluster, text: str) -> bool:
    """Every mention inside a headline line (:func:`_headline_line`) and the name's last word nowhere
    else in the text: words of headlines ("Drake Assaulted in Dubai Nightclub", "Who Are ‘The
    Walking Dead’ Junkyard Gang?" in a box of related stories). A person of the story is named in
    its sentences too."""
    lines = []
    for m in cluster.mentions:  # lines longer than a headline are not looked at (linear on huge lines)
        low = max(0, m.start - _HEADLINE_MAX)
        start = text.rfind("\n", low, m.start) + 1 or (0 if low == 0 else -1)
        end = text.find("\n", m.end, m.end + _HEADLINE_MAX)
        end = len(text) if end < 0 and len(text) - m.end < _HEADLINE_MAX else end
        if start < 0 or end < 0 or not _headline_line(text[start:end]) or _affiliation_line(text, start, m):
            return False
        lines.append((start, end))
    last = re.compile(rf"\b{re.escape(cluster.name.split()[-1])}\b", re.I)
    return all(any(a <= hit.start() < b for a, b in lines) for hit in last.finditer(text))


def _affiliation_line(text: str, line_start: int, mention) -> bool:
    """The mention opens its line and a comma, a role and "at"/"of"/"for" an organization follow: a
    person with an affiliation in a list of people ("Rachel White, Developer Experience Lead at American
    Express"), no headline."""
    return not text[line_start : mention.start].strip() and bool(_AFFILIATION_AFTER.match(text, mention.end))


def _headline_line(line: str) -> bool:
    """A line of at most 150 characters not ending with a period, every word of four letters or more
    capitalised, and a function word that shows a phrase, not a list of names ("in", "and"; capitalised after the first word: "Who Are The"): a headline.
    Results lines and team sheets ("Ian Healy (captain), Michael Bevan", "Mihai Tararache (75th)",
    "Middlesex 199 and 426") have a lower-case word, no function word or three numbers."""
    line = line.strip()
    if len(line) > _HEADLINE_MAX or line.endswith("."):  # a sentence, not a headline
        return False
    words = _LINE_WORD.findall(line)
    if (
        len(words) < 5
        or len(_NUMBER.findall(line)) >= 3
        or any(len(w) >= 4 and not w[0].isupper() for w in words)
    ):
        return False
    return any(
        w in _HEADLINE_FUNCTION or (i and w.lower() in _HEADLINE_FUNCTION) for i, w in enumerate(words)
    )


def _shape_with_common_end(cluster: Cluster, common: frozenset[str] | set[str]) -> bool:
    """A name found by its shape only (a given name + a capitalised word: "Oscar Dress" in a title)
    whose last word the text also uses in lower case ("the dress was taken"): no person."""
    full = [m for m in cluster.mentions if " " in m.text]
    return (
        bool(full)
        and all(m.label == "NAME" for m in full)
        and cluster.name.split()[-1].lower().strip(".,") in common
    )


def _unnamed_common_end(words: list[str], common: frozenset[str] | set[str]) -> bool:
    """A name of two or more words opening with no given name whose last word (three letters or more) the
    text also uses in lower case ("Trump Supporters" / "supporters", "Binary Tag" / "tag", "L.E.A.N. Ads"
    / "ads"): a phrase in Title Case, not a person. Surnames are rarely the text's common words."""
    last = words[-1].lower().strip(".,")
    return (
        len(words) >= 2
        and len(last) >= 3
        and last in common
        and not is_given(words[0], strict=False)
        and not _given_initials(words[0])
    )


def _titled_in_full(cluster: Cluster, text: str) -> bool:
    """A mention of several words after a title ("Senator the Hon. Aubyn Hill"; a short form's title does not
    count: "President-elect Trump" in the cluster of "Trump Supporters")."""
    return any(" " in m.text and titled(text, m.start) for m in cluster.mentions)


def _dictionary_end(words: list[str]) -> bool:
    """A name of two or more words opening with no given name nor initial and ending in an English word of
    three letters or more ("Habla Something", "Sephora Black"): a brand or a phrase in Title Case unless the
    text treats it as a person's (the caller's checks: titled, speaking, an appositive, listed among persons,
    :func:`_in_person_context`). Kept for the held pages' figures (session 10); it costs an unlisted given name
    before such a surname with none of those cues ("scrum-half Kyran Bracken", "Donne Wall fired")."""
    last = words[-1].lower().strip(".,’'")
    first = words[0].strip(".,’'")
    return (
        len(words) >= 2
        and len(last) >= 3
        and last in english_words()
        and not is_given(first, strict=False)
        and not (len(first) == 1 and first.isupper())
        and not _given_initials(words[0])
        and not titled_given(words)  # "Prince Harry"
    )


def _given_initials(word: str) -> bool:
    """True for a person's initials standing for the given names: "T.J.", "J.R."; not "U.S." or "U.K."."""
    return _INITIALS.fullmatch(word) is not None and word not in _PLACE_INITIALS


def _in_person_context(cluster: Cluster, text: str, signatures: set[int]) -> bool:
    """At a mention, the text treats the name as a person's (:func:`etl.annotate.names.person_context`: a
    quote's speaker, a team sheet's or results list's entrant: "2. Jearl Miles (U.S.) 50.42"), or it signs a
    reader's letter (:func:`_signed`: "Ninfa Wood" above "Walnut Creek")."""
    return _signed(cluster, text, signatures) or any(
        person_context(text, m.start, m.end) for m in cluster.mentions
    )


def _numbered_work(words: list[str]) -> bool:
    """A name ending in a Roman numeral after a first word that is no given name ("Led Zeppelin IV",
    "Final Fantasy VII"): an album, game or sequel; "Henry VIII", "Pope Benedict XVI" keep theirs."""
    return (
        len(words) >= 2
        and bool(_ROMAN.fullmatch(words[-1]))
        and not any(is_given(w, strict=False) for w in words[:-1])
    )


def _sold_or_used(cluster: Cluster, text: str) -> bool:
    """At least half the mentions of several words read as a thing bought or used (:func:`_product_cue`)
    and no mention is titled, cued as a person's or followed by a speech verb: a product ("Raspberry Pi
    3 is now available", "the fastest Raspberry Pi"; "a used Ford Focus")."""
    full = [m for m in cluster.mentions if " " in m.text]
    if not full or 2 * sum(_product_cue(text, m.start, m.end) for m in full) < len(full):
        return False
    return not _person_cued(cluster, text)


def _acts_as_person(cluster: Cluster, text: str) -> bool:
    """The text treats a mention as a person's name (:func:`etl.annotate.wordnames.acts_as_person`: an
    appositive with a role, an age or "who" after it, its surname alone speaking or so described elsewhere):
    "Tiger Woods, who made the cut", "... Woods, who turned pro Tuesday" (words of a phrase, but a person)."""
    return any(acts_as_person(text, m.start, m.end) for m in cluster.mentions)


def _surname_read_as_person(cluster: Cluster, words: list[str], text: str) -> bool:
    """The model read the last word alone, after no article, as a person's name at two mentions or more
    ("... for Denard Span ...", then "Fearing that Span’s bad back", "the Nats let Span leave" as PERSON): a
    surname, no phrase's last word ("Sephora Black": "Black" alone is no person; "the Wing's reach" of
    "American Theatre Wing" read as PERSON is an organization's short name)."""
    last = words[-1].strip(".,’'")
    return (
        sum(
            m.label == "PERSON"
            and _POSSESSIVE_END.sub("", m.text) == last
            and not _ARTICLE_WORD_BEFORE.search(text, max(0, m.start - 5), m.start)
            for m in cluster.mentions
        )
        >= 2
    )


def _person_cued(cluster: Cluster, text: str) -> bool:
    """Some mention is titled, cued as a person's ("his wife", "coach") or followed by a speech verb."""
    return any(
        titled(text, m.start) or person_cue(text, m.start, m.end) or SPEECH_AFTER.match(text, m.end)
        for m in cluster.mentions
    )


def _product_cue(text: str, start: int, end: int) -> bool:
    """One mention reads as a thing: a model number after a name opening with no given name nor initial
    ("Raspberry Pi 3 with"; not a batsman's score "J. Russell 56 not out") or a price in brackets after such
    a name ("Text Expander ($5 iOS, Mac)"; not "Jane Doe ($500 an hour)"), a verb of buying,
    stocking or installing before it ("doesn't carry Rice Krispies", "bought a Ford Focus"), or an
    indefinite article or a product adjective after a determiner right before it ("a Ford Focus.",
    "the original Raspberry Pi") when no lower-case word follows, right or after one capitalised word ("a Boris
    Yeltsin aide", "a Margaret Thatcher Lego figure": the name modifies that noun)."""
    if _MODEL_NUMBER_AFTER.match(text, end) or _PRICE_AFTER.match(text, end):  # not "J. Russell 56 not out"
        first = text[start:end].split()[0]
        return not is_given(first, strict=False) and not first.endswith(".")
    if _in_thing_list(text, start):
        return True
    words = text[max(0, start - 40) : start].split()[-2:]
    if text[start - 1 : start] not in (" ", "\t") or not words:
        return False
    last, before = words[-1], (words[0] if len(words) == 2 else "")
    if last in PRODUCT_VERBS or (last.lower() in _DETERMINERS and before in PRODUCT_VERBS):
        return True
    article = last.lower() in ("a", "an") or (last in PRODUCT_ADJECTIVES and before.lower() in _DETERMINERS)
    return article and not _MODIFIED_AFTER.match(text, end)


_SIGNATURE_REACH = 60  # a signature line is shorter


def _signature_lines(clusters: list[Cluster], text: str) -> set[int]:
    """Starts of the lines that can sign a letter: a line right above a line that a place fills ("Walnut
    Creek"), itself below a line ending a sentence (the letter's last)."""
    out = set()
    for m in (m for c in clusters if c.type == "location" for m in c.mentions):
        if m.start < 2 or text[m.start - 1] != "\n" or text[m.end : m.end + 1] not in ("\n", ""):
            continue  # the place does not fill its line
        above = text.rfind("\n", max(0, m.start - _SIGNATURE_REACH), m.start - 1)  # the line above the place
        if above >= 1 and text[above - 1] in ".!?\"”":
            out.add(above + 1)
    return out


def _signed(cluster: Cluster, text: str, signatures: set[int]) -> bool:
    """A name of two or three capitalised words, no organization word, every mention of which fills a
    signature line (:func:`_signature_lines`): the writer of a reader's letter."""
    words = cluster.name.split()
    if not 2 <= len(words) <= 3 or {w.lower() for w in words} & _ORG_OR_GROUP_END_WORDS:
        return False
    return all(m.start in signatures and _line_of(text, m.start) == (m.start, m.end) for m in cluster.mentions)


def _line_of(text: str, pos: int) -> tuple[int, int]:
    """(start, end) of the line holding ``pos``."""
    end = text.find("\n", pos)
    return text.rfind("\n", 0, pos) + 1, len(text) if end < 0 else end


def _menu_line(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= _MENU_WORDS and line.rstrip()[-1:] not in ".!?:;,"


def _alone_in_menu(text: str, start: int, end: int, person_lines: set[tuple[int, int]]) -> bool:
    """The mention fills its line (``person_lines``: the spans of all person mentions), inside a run of six or more short lines (a menu a page leaked: a
    font picker's "Georgia / Palatino Linotype / Times New Roman / Arial ...") where no other line is
    a person's name: a name list or team sheet names persons on most of its lines."""
    line = (start, end)
    if text[start - 1 : start] not in ("", "\n") or text[end : end + 1] not in ("", "\n"):
        return False
    if not _menu_line(text[start:end]):
        return False
    lines = [line]
    for step in (-1, 1):
        s, e = line
        for _ in range(_MENU_REACH):
            if (step < 0 and s == 0) or (step > 0 and e >= len(text)):
                break
            s, e = _line_of(text, s - 1) if step < 0 else _line_of(text, e + 1)
            if not _menu_line(text[s:e]):
                break
            lines.append((s, e))
    return len(lines) >= _MENU_LINES and not any(ln in person_lines for ln in lines if ln != line)


def _in_thing_list(text: str, start: int, nouns: frozenset[str] = THING_NOUNS | WORK_CUES) -> bool:
    """The mention is an item of a list that a thing or work noun (one of ``nouns``) opens ("fonts (like Comic
    Sans", "franchises such as Assassin's Creed, Tomb Raider", "airports -- LaGuardia, John F. Kennedy and";
    not "leaders such as Angela Merkel"), on the same line."""
    line_start = text.rfind("\n", max(0, start - 120), start) + 1
    window = max(line_start, start - 120)
    if not any(mark in text[window:start] for mark in _LIST_MARKS):
        return False  # no opener: the scan below would find none
    openers = list(_LIST_OPENER.finditer(text, window, start))
    opener = openers[-1] if openers else None  # the last opener before the mention
    if opener is None or opener.group(1) not in nouns:
        return False
    return _LIST_ITEMS.fullmatch(text, opener.end(), start) is not None


def _listed_place(cluster: Cluster, text: str, places: tuple[set[int], set[int]]) -> bool:
    """Never titled, cued as a person's or speaking, and at every mention an item of a list of places: one a
    place noun opens ("locations such as Phu Quoc, Nha Trang and Hoi An", :data:`PLACE_LIST_NOUNS`) or
    between two places ("Sydney, Wagga Wagga and Canberra"; ``places``: the start and end offsets of the
    place mentions of the story)."""
    return all(
        _in_thing_list(text, m.start, PLACE_LIST_NOUNS) or _between_places(text, m.start, m.end, places)
        for m in cluster.mentions
    ) and not _person_cued(cluster, text)


def _place_alias(cluster: Cluster, text: str, places: tuple[set[int], set[int]]) -> bool:
    """A mention is a place's other name: "aka", "a.k.a." or "also known as" between it and a place's mention before
    it ("AT&T Stadium, aka Jerry World"; ``places``: the start and end offsets of the place mentions), and no mention
    is titled, cued as a person's or speaking; not "Marshall Mathers, aka Eminem" (a person before)."""
    for m in cluster.mentions:
        if not text.endswith(_ALIAS_LINKS, 0, m.start):  # the common case: one call
            continue
        for link in _ALIAS_LINKS:
            if text.endswith(link, 0, m.start) and m.start - len(link) in places[1]:
                return not _person_cued(cluster, text)
    return False


def _listed_person(cluster: Cluster, text: str, persons: tuple[set[int], set[int]]) -> bool:
    """At a mention, an item of a list between two persons ("Brian Henninger, Tiger Woods, Steve Jurgenson";
    ``persons``: the start and end offsets of the person mentions of the story): a name, not a phrase."""
    return any(_between_places(text, m.start, m.end, persons) for m in cluster.mentions)


def _between_places(text: str, start: int, end: int, places: tuple[set[int], set[int]]) -> bool:
    """The mention is a list item between two of the mentions whose (start offsets, end offsets) are ``places``."""
    before = _ITEM_BEFORE.search(text, max(0, start - 8), start)
    after = _ITEM_AFTER.match(text, end)
    return before is not None and after is not None and before.start() in places[1] and after.end() in places[0]


def _title_case(line: str) -> bool:
    """Most words of ``line`` (three letters and longer) are capitalised."""
    words = re.findall(r"[^\W\d_]{3,}", line)
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _not_a_person(text: str, start: int, end: int) -> bool:
    """True when one mention reads as a work, a product, a venue or a headline word."""
    return (
        _quoted_title(text, start, end)
        or _thing_modifier(text, end)
        or _caps_only(text, start, end)
        or _facility_modifier(text, end)
        or _venue_after_at(text, start)
        or _lower_start(text, start, end)
        or bool(_TERM_BEFORE.search(text, max(0, start - 12), start))
        or bool(_OWNED_BEFORE.search(text, max(0, start - 24), start))
        or text[start - 1 : start] == "#"  # a hashtag: "#Hamilton Chicago show interrupted"
        or (text.endswith("Dear ", 0, start) and _DEAR_MID_SENTENCE.search(text, max(0, start - 8), start) is not None)
        or bool(_CAPTION_DIRECTION.match(text, end))
        or (
            " " not in text[start:end]
            and bool(_ARTICLE_BEFORE.search(text, max(0, start - 24), start))
            and not LEADERS_TERM.match(text, end)  # "the Trump administration" names a person
        )
    )


def _quoted_title_only(cluster: Cluster, text: str) -> bool:
    """Every mention of several words is a quoted title (:func:`_quoted_title`): the name of a work, whose
    one-word short forms name it too ('"Super Mario Run" will launch ...', "a Mario game")."""
    full = [m for m in cluster.mentions if " " in m.text]
    return bool(full) and all(_quoted_title(text, m.start, m.end) for m in full)


def _played_by(text: str, end: int) -> bool:
    """A person's name of two to four words opening with a given name in brackets right after the mention:
    the actor who plays it ("Han Solo (Harrison Ford)"); the mention is a character, no person of the story.
    Initials and places in brackets are not ("Richard M. Stallman (RMS)", "Guy Forget (France)")."""
    m = _ACTOR_AFTER.match(text, end)
    return m is not None and is_given(m.group(1), strict=False)


def _ship(cluster: Cluster, text: str) -> bool:
    """A mention right after a vessel noun in lower case (:data:`VESSEL_WORDS`: "the aircraft carrier Carl Vinson",
    "the yacht Lady Moura") and none titled, cued as a person's or speaking: a ship named after a person."""
    return any(_after_vessel_word(text, m.start) for m in cluster.mentions) and not _person_cued(cluster, text)


def _thing_known_as(cluster: Cluster, text: str) -> bool:
    """A mention right after a thing noun and "known as" ("One strand of this software, known as Red Wolf,", "a
    program known as Project Maven"; :data:`THING_NOUNS` and :data:`_KNOWN_AS_NOUNS`), and none titled, cued as a
    person's or speaking: the thing's name; not "the rapper known as Drake"."""
    for m in cluster.mentions:
        if text.endswith("known as ", 0, m.start):  # the common case: no "known as" before
            hit = _KNOWN_AS.search(text, max(0, m.start - 40), m.start)
            if hit is not None and (hit.group(1) in THING_NOUNS or hit.group(1) in _KNOWN_AS_NOUNS):
                return not _person_cued(cluster, text)
    return False


def _after_vessel_word(text: str, start: int) -> bool:
    """A vessel noun of :data:`VESSEL_WORDS` or "aircraft carrier" right before ``start``, one space or tab between
    (split in C: a regex searched before every mention costs more)."""
    words = text[max(0, start - 20) : start].split()
    if not words or not text[start - 1 : start].isspace():
        return False
    if words[-1] == "carrier":
        return len(words) > 1 and words[-2] == "aircraft"
    return words[-1] in VESSEL_WORDS


def _lower_start(text: str, start: int, end: int) -> bool:
    """The mention opens with a lower-case word that is no name particle ("herself a Grocery
    Store"; not "de Blasio", "van Gogh")."""
    first = text[start:end].split(" ", 1)[0]
    return first[:1].islower() and first.lower() not in PARTICLES


def _venue_after_at(text: str, start: int) -> bool:
    """The mention ends a run of capitalised words after "@ " in a listing ("June 24 – Bristow,
    VA @ Jiffy Lube Live"), or follows the date of a tour-date line that names a city with its
    state code ("Oct. 3 -- Jiffy Lube Live, Bristow, VA"): a venue."""
    line_start = text.rfind("\n", 0, start) + 1
    if _AT_VENUE.search(text, max(line_start, start - 60), start):
        return True
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    return bool(_DATE_DASH.match(text[line_start:start])) and bool(coded_places(text[start:line_end]))


def _facility_modifier(text: str, end: int) -> bool:
    """A capitalised facility word right after the name: it names a venue ("Mohegan Sun Arena",
    "Madison Square Garden") or a building, not the person."""
    m = _NEXT_WORD.match(text, end, end + 20)
    return m is not None and m.group(1).lower() in FACILITY_WORDS


def _quoted_title(text: str, start: int, end: int) -> bool:
    """The whole mention in quote marks ("“Mary Poppins” and “Bambi”"), the end of a quoted title of
    capitalised words ('"Super Mario Run," the company's first', '"Quo Vadis?"'), or after a work cue
    ("the film Mary Poppins")."""
    before, after = text[start - 1 : start], text[end : end + 2]
    closed = after[:1] in _CLOSE_QUOTES or (after[:1] in ",.?!" and after[1:2] in _CLOSE_QUOTES)
    if closed and (before and before in _OPEN_QUOTES or _quoted_head(text, start)):
        return True  # "“Mary Poppins”", or the end of a quoted title: '"Super Mario Run,"'
    m = _PREV_WORD.search(text, max(0, start - 20), start)
    return m is not None and m.group(1).lower() in WORK_CUES


def _quoted_head(text: str, start: int) -> bool:
    """A quoted title's capitalised words open right before ``start`` ('"Super Mario Run', "“The Prime of Miss Jean
    Brodie"); not a quote's sentence ("“Congratulations to John Smith”": one capitalised word before the name)."""
    if _QUOTED_HEAD.search(text, max(0, start - 40), start):
        return True
    head = _QUOTED_TITLE_HEAD.search(text, max(0, start - 60), start)
    return head is not None and sum(w[:1].isupper() for w in head.group()[1:].split()) >= 2


def _thing_modifier(text: str, end: int) -> bool:
    """The name modifies a thing noun right after it ("the Chrome browser", "its Blue Moon lander")."""
    m = re.match(r"[ \t]+([a-z]+)\b", text[end : end + 20])
    return m is not None and m.group(1) in THING_NOUNS


def _caps_only(text: str, start: int, end: int) -> bool:
    """An all-caps mention ("WILL SOMEONE") whose name never appears in normal case in the text; not a
    transcript's speaker label (:func:`_speaker_label`)."""
    surface = text[start:end]
    if not surface.isupper() or len(surface.replace(" ", "")) < 4 or _speaker_label(text, start, end):
        return False
    return not any(not m.group().isupper() for m in re.finditer(re.escape(surface), text, re.I))


def _speaker_label(text: str, start: int, end: int) -> bool:
    """A transcript's speaker label: a name of two or more words opening with a given name, alone at the
    start of a line before a colon ("MARK BANNERMAN: Perhaps not surprisingly, ...")."""
    words = text[start:end].split()
    return (
        (start == 0 or text[start - 1] == "\n")
        and text[end : end + 1] == ":"
        and len(words) >= 2
        and is_given(words[0].capitalize(), strict=False)
    )
