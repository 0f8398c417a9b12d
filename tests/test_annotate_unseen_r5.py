"""Error classes of issue 14's eighth round (session 7, round 2), read on the English dev sets only (the
bench7 held split and the other held splits were only scored): places the bare model finds and our rules
lost, and persons that name a place, a shop or a work. The texts are the dev pages' own (shortened; source
in a comment). Each test fails on the round's starting tree (HEAD 4408416)."""

from __future__ import annotations

from etl.annotate import annotate_text
from etl.annotate.dateline import find_dateline
from etl.annotate.entities import RawMention
from etl.annotate.places import placed
from etl.core.settings import Settings

SETTINGS = Settings()

JAMAICA = (  # jamaicaobserver.com (dev): the region after a dateline's place
    "ST CATHERINE, Jamaica — A female police inspector had to seek medical attention on Monday after she was "
    "attacked with a stone by a woman at the Spanish Town Police Station in St Catherine."
)
COLUMBUS = (  # goose nbcnews.com (dev): a place opening a name is no short form of it
    "Ted Williams stood in the cold at a busy intersection in Columbus, Ohio, hoping for a miracle.\n"
    "His dream came true when a Columbus Dispatch reporter noticed his sign.\n"
    "He still lives in Columbus, only now with a home to call his own."
)
BROOKHAVEN_TITLE = "Brookhaven Village closed due to gas leak"
BROOKHAVEN = (  # reporternewspapers.net (dev)
    "Brookhaven Police Department reported on Nov. 8 that the road is closed. The city of Brookhaven is "
    "building its new city hall two blocks from the closure."
)
ASCOM_TITLE = (  # c69e539d689a (dev): a known place ending a person-read name
    "Ascom and Dräger introduce integrated clinical alarm management solution in North America to improve "
    "patient care"
)
ASCOM = "Rob Goldman, President Ascom North America, says: “By collaborating with Dräger, Ascom can help hospitals.”"
TAYLORVILLE = (  # heartlandnewsfeed.com (dev): a town named three times, never after "in"
    "TAYLORVILLE — The following are arrest and accident reports as recorded by the Taylorville Police "
    "Department and the Christian County Sheriff’s Department.\n"
    "October 20: ARRESTS – A male juvenile, 16, Taylorville, was arrested for aggravated assault.\n"
    "October 21: ACCIDENT – A Quincy driver was ticketed by Taylorville police following a traffic accident.\n"
    "A pickup truck, driven by Robert J. Stephens, 73, of Taylorville, was stopped in traffic."
)
CLARENDON_TITLE = "Update | Deceased Clarendon crash victims identified"
CLARENDON = (  # jamaica-gleaner.com (dev): read as a person in the title, as a place in the body
    "The police have now released the identities of the two people killed in a crash in Osborne Store, "
    "Clarendon Tuesday."
)
FOREST_HILL = (  # 51d066b0602c (dev): one ORG and one GPE reading, both before a noun
    "Police released the body camera footage when officers found and rescued her from a Forest Hill hotel "
    "room and arrested Webb.\nEarlier that night, a Forest Hill police sergeant searched that same hotel room."
)
SAINTS = (  # jis.gov.jm (dev), goose yahoo.com (dev): places named after a saint
    "The home of IOTP is located at the Newcastle Hill Station, St Andrew, Jamaica.\nNestled in the cool "
    "hills of upper St Andrew and amidst beautiful trees, the depot was founded in 1841.\n"
    "\"Some fish made the journey north,\" said Milton Love, a researcher at the University of California, "
    "Santa Barbara."
)
OUTLOOK = (  # mercurynews.com letters (dev): a work owned by its publisher
    "Last October, this same NOAA released its U.S. Winter Outlook. Researchers predicted a dry winter."
)
NEWEGG = (  # tomshardware.com (dev): a shop named again and again, never as a person
    "US RTX 3080 retailers at a glance: Best Buy I Amazon I B&H I Newegg\n"
    "Finally, Newegg has models from Gigabyte, Zotac, EVGA, MSI and Asus.\n"
    "Newegg also has numerous RTX 3080 bundle deals that include related items.\n"
    "Newegg has the most RTX 3090 listings right now."
)
GMAIL = (  # goose techcrunch.com (dev)
    "Soon, you may see a warning in Gmail that tells you that an email has arrived over an unencrypted "
    "connection.\nGmail already defaults to using HTTPS. 57 percent of messages that users on other email "
    "providers send to Gmail are encrypted."
)
LETTER = (  # mercurynews.com letters (dev): a reader's signature the model reads as an organization
    "Alameda County DA is coddling criminals\nThe district attorney's policy is one that, in my view, is not "
    "going to keep them safe and favors the perpetrator.\nNinfa Wood\nWalnut Creek\nQuarry plan will\n"
    "undermine rural road\nThe EBMUD plan to fill the quarry will undermine the road."
)
RUTGERS = (  # rutgers.edu (dev): the model cuts a school named after a person in two
    "The team included Alvin I. Chen, who both graduated with doctorates; Enrique J. Pantin at Rutgers Robert "
    "Wood Johnson Medical School; Professor Kristen S. Labazzo; and principal investigator Martin L. Yarmush."
)
STATE_CODE = (  # newspaper4k cnn_article (dev): a state code alone, read as a place by the model
    'One traveler tweeted: "Dodged bad weather and traffic and are getting close to getting to Pittsburgh from NC!"'
)
DOLE = (  # written for the class: a lone surname with a leader's term stays a person
    "The Dole campaign released a letter Friday.\nThe Dole campaign manager wrote to the Clinton camp.\n"
    "Campbell was on Dole's short list before Dole decided on Jack Kemp."
)


def test_the_region_of_a_dateline_is_a_place():
    dateline = find_dateline(JAMAICA)
    assert dateline is not None and (dateline.place, dateline.region) == ("ST CATHERINE", "Jamaica")
    assert "Jamaica" in annotate_text(JAMAICA, SETTINGS).locations
    assert find_dateline("LONDON, Monday — The prime minister said on Monday that he would stay.").region == ""


def test_a_place_a_name_opens_or_ends_is_no_short_form_of_it():
    assert "Columbus" in annotate_text(COLUMBUS, SETTINGS).locations
    assert "Brookhaven" in annotate_text(BROOKHAVEN, SETTINGS, title=BROOKHAVEN_TITLE).locations
    assert "North America" in annotate_text(ASCOM, SETTINGS, title=ASCOM_TITLE).locations


def test_a_town_read_as_a_place_is_not_turned_into_an_organization():
    annotation = annotate_text(TAYLORVILLE, SETTINGS)
    assert "Taylorville" in annotation.locations and "Taylorville" not in annotation.organizations
    clarendon = annotate_text(CLARENDON, SETTINGS, title=CLARENDON_TITLE)
    assert "Clarendon" in clarendon.locations and "Clarendon" not in clarendon.organizations
    forest = annotate_text(FOREST_HILL, SETTINGS)
    assert "Forest Hill" in forest.locations and "Forest Hill" not in forest.organizations


def test_place_evidence():
    def mention(text: str, word: str, nth: int = 0) -> RawMention:
        start = -1
        for _ in range(nth + 1):
            start = text.index(word, start + 1)
        return RawMention(start, start + len(word), word, "location", "GPE")

    assert placed(TAYLORVILLE, mention(TAYLORVILLE, "Taylorville", 2))  # ", 16, Taylorville,"
    assert placed(TAYLORVILLE, mention(TAYLORVILLE, "Taylorville", 3))  # "by Taylorville police"
    assert placed(CLARENDON, mention(CLARENDON, "Clarendon"))  # "in Osborne Store, Clarendon"
    text = "Verizon said it would sell the unit to Verizon's rival."
    assert not placed(text, mention(text, "Verizon", 1))


def test_places_named_after_a_saint_are_no_persons():
    annotation = annotate_text(SAINTS, SETTINGS)
    assert not {"St Andrew", "Santa Barbara"} & set(annotation.persons)
    assert "Milton Love" in annotation.persons


def test_a_work_owned_by_its_publisher_is_no_person():
    assert "Winter Outlook" not in annotate_text(OUTLOOK, SETTINGS).persons


def test_a_lone_word_named_often_but_never_as_a_person_is_none():
    assert "Newegg" not in annotate_text(NEWEGG, SETTINGS).persons
    assert "Gmail" not in annotate_text(GMAIL, SETTINGS).persons
    assert "Dole" in annotate_text(DOLE, SETTINGS).persons  # "the Dole campaign"


def test_a_letters_signature_is_a_person():
    annotation = annotate_text(LETTER, SETTINGS)
    assert "Ninfa Wood" in annotation.persons and "Ninfa Wood" not in annotation.organizations
    assert "Walnut Creek" in annotation.locations


def test_a_person_opening_an_organizations_name_is_part_of_it():
    annotation = annotate_text(RUTGERS, SETTINGS)
    assert "Robert Wood" not in annotation.persons
    assert "Robert Wood Johnson Medical School" in annotation.organizations
    assert {"Enrique J. Pantin", "Kristen S. Labazzo"} <= set(annotation.persons)


def test_a_state_code_read_as_a_place_is_kept():
    assert "NC" in annotate_text(STATE_CODE, SETTINGS).locations
    assert "AI" not in annotate_text("The AI said hello to the EV crowd in AI circles.", SETTINGS).locations
