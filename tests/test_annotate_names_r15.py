"""Issue 14, session 13 (persons helper): a surname the model reads alone as a person's keeps the full name
it ends even when that ends in an English word, a lone surname titled once and titled or speaking once more
is a person's however often the model reads it as an organization, and a personal title with one unknown
word the model read as an organization ("General Petraeus") names that person, as does a lone word before
"administration" or "presidency" ("the incoming Trump administration"); ", head of" is a person's appositive,
an organization span opening with a full name and "of" is that person and the organization, and a lone
word the model reads as a person twice joined by "and" to a full name's mention is a person ("both Trump and
Sanders aren’t ..."). Every text is a dev page's own
(shortened; page in a comment); each test fails on the session's starting tree."""

from __future__ import annotations

from etl.annotate import annotate_text
from etl.core.settings import Settings

SETTINGS = Settings()

SPAN = (  # deadspin.com-1476389931786
    "The next notable example came in 2013, when they traded a valuable pitching prospect for Denard Span and "
    "immediately named him the everyday center fielder and leadoff man. Span did his job—he hit well in 2013 and "
    "even better in 2014—until nagging back injuries caused him to miss nearly two-thirds of Washington’s "
    "disastrous 2015 season, leaving rookie Michael Taylor to attempt and fail to approximate the kind of "
    "production needed from a leadoff hitter. Fearing that Span’s bad back would be a lingering, long-term "
    "problem, the Nats let Span leave in free agency after the season.\nThe organization’s response to Span’s "
    "demise and departure was telling."
)
TRUMP = (  # www.washingtonpost.com-1546958901450
    "President Trump’s defenders and even some of his tepid critics on the right seem determined to keep their "
    "moral blinders firmly affixed so as to narrow the discussion about the horrible incidents such as the mass "
    "murder at Tree of Life synagogue in Pittsburgh. In declaring Trump has “no responsibility” for the horrific "
    "murder, they feign or are actually guilty of severe moral and historical cluelessness. No one I know thinks "
    "Trump is legally responsible for the deaths of 11 people or that he instructed anyone to commit violent acts. "
    "Aside from his remarks during the campaign to the Republican Jewish Coalition, he has steered far from "
    "anti-Semitic language (although the administration bizarrely left out “Jews” from its first Holocaust "
    "Remembrance Day statement and Trump said the neo-Nazis in Charlottesville included some “fine” people). "
    "Nevertheless, those denying any Trump responsibility surely know that is not the point.\nThe last people "
    "arguing words don’t matter should be self-described conservatives. (This is one reason why I find the “But "
    "Gorsuch” excuse for tolerating Trump’s rhetoric morally unsound.)\nTrump has eradicated red lines of "
    "civility, refused to condemn neo-Nazis and offered a steady diet of grotesque stereotypes of immigrants.\n"
    "Republican politicians including Trump and Majority Leader Kevin McCarthy (R-Calif.) must cease using Soros."
)
PETRAEUS = (  # www.cnn.com-1480458253239
    '"Just met with General Petraeus -- was very impressed!" Trump tweeted on Monday, thickening the intrigue '
    "over the jockeying for position over the post of secretary of state and other cabinet positions.\nSoon after "
    "he met Petraeus, Trump sources said that the President-elect would sit down with Romney for dinner on "
    "Tuesday night — stirring the pot of speculation a little more."
)

VERGE = (  # www.theverge.com-1480520999617
    "The FCC has already warned AT&T about providing free data to its customers for DirecTV video streams, and "
    "it’s possible that the agency could finally crack down on zero rating before it corrupts the entire internet "
    "service industry. But that possibility may be vanishing as the incoming Trump administration looms over FCC "
    "policy. Republicans have been trying to gut the FCC for nearly a decade, and between Trump and a "
    "Republican-controlled Congress there’s probably enough support to dismantle net neutrality policy, if not "
    "the agency itself."
)
PANAY = (  # www.theverge.com-1480526003318
    "Those “crappy prototypes” include the original Surface RT concept, that was an acrylic sheet with a piece of "
    "string attached. Microsoft started with the basic concept of propping up a tablet on a table and typing, and "
    "the first prototype went to Panos Panay, head of Microsoft’s Surface devices, to approve."
)
OLGIN = (  # www.npr.org-1481842125199
    "As the sentence was read, Roof stood emotionless, reported Alexandra Olgin of South Carolina Public Radio, "
    "who was in the courtroom. The charges included murder, attempted murder, damage to religious property, "
    "obstruction of religious belief and weapons charges."
)
SANDERS_TITLE = "Maybe Donald Trump’s Twitter account is more than just a smoke screen."
SANDERS = (  # newrepublic.com-1480446502259
    "Brooks sees this center as somewhere “between the alt-right and the alt-left, between Trumpian "
    "authoritarianism and Sanders socialism.” But just because both Trump and Sanders aren’t moderate centrists "
    "doesn’t mean that Sanders’s social democratic politics is equal in any way to Trump’s racism, misogyny, and "
    "penchant for tyrannical tweets. As my colleague Ryu Spaeth notes, in this era of hyper-partisanship the "
    "center is more like a “blank void” than some magical spot between Trump and Sanders."
)


def test_a_surname_read_alone_as_a_person_keeps_its_full_name():
    # "Span" is an English word and "Denard" no listed given name: the full name was dropped as a phrase
    assert "Denard Span" in annotate_text(SPAN, SETTINGS).persons


def test_a_lone_surname_titled_and_speaking_is_a_person_though_mostly_read_as_an_organization():
    persons = annotate_text(TRUMP, SETTINGS).persons
    assert "Trump" in persons
    assert "Kevin McCarthy" in persons


def test_a_title_and_an_unknown_word_read_as_an_organization_name_a_person():
    annotation = annotate_text(PETRAEUS, SETTINGS)
    assert "Petraeus" in annotation.persons
    assert "General Petraeus" not in annotation.organizations
    assert "Petraeus" not in annotation.organizations


def test_a_lone_word_before_administration_is_a_person_though_read_as_an_organization():
    annotation = annotate_text(VERGE, SETTINGS)
    assert "Trump" in annotation.persons
    assert "Trump" not in annotation.organizations


def test_head_of_in_an_appositive_is_a_persons_role():
    assert "Panos Panay" in annotate_text(PANAY, SETTINGS).persons


def test_a_full_name_and_of_opening_an_organization_span_is_a_person():
    annotation = annotate_text(OLGIN, SETTINGS)
    assert "Alexandra Olgin" in annotation.persons
    assert "South Carolina Public Radio" in annotation.organizations


def test_a_lone_word_joined_twice_to_a_full_names_mention_is_a_person():
    annotation = annotate_text(SANDERS, SETTINGS, title=SANDERS_TITLE)
    assert "Sanders" in annotation.persons
    assert "Sanders" not in annotation.organizations
