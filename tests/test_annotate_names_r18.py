"""Issue 14, session 16: a person span the model runs from a headline's names into its other words is split into
the names in it, each a given name and a word the text writes elsewhere with its capital ("Donald Trump Got
Booed" -> "Donald Trump" when the story says "Trump" only; "Jennifer Lopez Dating Alex Rodriguez"); names of
three words, a given name that is a surname after a name and words the text also writes in lower case keep the
span whole ("Miguel Angel Martin", "Sarah The Implausible"). "His name is" introduces a person; a full name
after a title keeps a surname the text also writes in lower case ("Senator the Hon. Aubyn Hill"). A short form
after a title of one sex joins the full name of that sex ("Mr Anderson" of the father, not the daughter named
just before), or none ("Mr. Obama" beside only "Michelle Obama"). A name whose last word is a plural the text
names alone after "the" is a team ("Houston Cougars" and "The Cougars have their man"; not "the Banks
family"). "In Dr. Shadlen's words," and "as Doe put it" give a quote its speaker; a capitalised determiner
ends a name ("Romney Some Trump"). Texts from dev pages (page in a comment) or of their shape; each test but
the guards fails on the session's starting tree."""

from __future__ import annotations

from etl.annotate import annotate_text
from etl.annotate.entities import _split_span
from etl.core.settings import Settings

SETTINGS = Settings()

BOOED = (  # deadspin.com-1477505848605: its headline, then sentences that name him by surname only
    "Remember When Donald Trump Got Booed For Butchering \"Take Me Out To The Ballgame”?\n\n"
    "The video above, which was mercifully resurfaced by Chicago’s WGN last week, shows Trump in a rare state "
    "of extreme self-consciousness. Because not only had he been supposedly practicing the song, Trump sang it badly."
)
DATING = (  # a celebrity headline of the same kind, the story naming both by surname
    "Jennifer Lopez Dating Alex Rodriguez\n\n"
    "The singer and the former Yankees star were seen together in Miami. Lopez said nothing; Rodriguez smiled."
)


def _span(text: str, name: str) -> tuple[int, int, str]:
    start = text.index(name)
    return (start, start + len(name), "PERSON")


def _parts(text: str, name: str) -> list[str]:
    return [text[start:end] for start, end, _ in _split_span(text, _span(text, name))]


def test_a_headline_name_run_into_its_verbs_is_the_name():
    assert _parts(BOOED, "Donald Trump Got Booed") == ["Donald Trump"]
    assert annotate_text(BOOED, SETTINGS).persons == ("Donald Trump",)


def test_two_names_of_a_headline_run_together_are_two_persons():
    assert _parts(DATING, "Jennifer Lopez Dating Alex Rodriguez") == ["Jennifer Lopez", "Alex Rodriguez"]
    assert set(annotate_text(DATING, SETTINGS).persons) == {"Jennifer Lopez", "Alex Rodriguez"}


def test_a_given_name_after_a_name_is_its_surname():
    text = "Miguel Angel Martin Wins\n\nMiguel Angel Martin won, two shots ahead of Angel Cabrera."
    assert _parts(text, "Miguel Angel Martin Wins") == ["Miguel Angel Martin Wins"]


def test_a_given_name_before_a_name_is_part_of_it():
    text = "Martin Luther King Day Parade\n\nKing spoke of dreams."
    assert _parts(text, "Martin Luther King Day Parade") == ["Martin Luther King Day Parade"]


def test_a_word_the_text_writes_in_lower_case_is_no_surname():
    text = "Sarah The Implausible joins you. The quest is long, and the reward is small."
    assert _parts(text, "Sarah The Implausible") == ["Sarah The Implausible"]


def test_a_name_of_three_words_stays_whole():
    text = "Helena Bonham Carter won. Bonham Carter said thanks."
    assert _parts(text, "Helena Bonham Carter") == ["Helena Bonham Carter"]


TURNER = (  # deadspin.com-1476389931786
    "The Nationals have one player who also happens to be maybe the team’s best offensive weapon now that Bryce "
    "Harper has turned into a sulking, slap-hitting everyman. His name is Trea Turner, he is the prize prospect of "
    "the Nationals organization. Problem is, the Nats have Trea Turner playing center field, a position that is "
    "notably not the one he’s spent his entire career at."
)
HILL = (  # jis.gov.jm-investment.html
    "The conference will feature academic discussions on economics, matters concerning inflation and supply chain,"
    "” Minister of Industry, Investment and Commerce, Senator the Hon. Aubyn Hill, told JIS News.\nThe venue sits "
    "on a hill above the city."
)


def test_his_name_is_introduces_a_person():
    assert "Trea Turner" in annotate_text(TURNER, SETTINGS).persons


def test_a_titled_full_name_keeps_a_surname_the_text_writes_in_lower_case():
    assert "Aubyn Hill" in annotate_text(HILL, SETTINGS).persons


def test_a_short_forms_title_does_not_make_a_title_case_phrase_a_person():
    text = (
        "Snopes writer David Emery asked if there were any un-angry Trump supporters.\n"
        "Are There Any Un-Angry Trump Supporters?\nHe quoted President-elect Trump, and the supporters answered."
    )
    assert "Trump Supporters" not in annotate_text(text, SETTINGS).persons


def test_a_mans_title_takes_the_mans_name_of_a_family():
    # the shape of telegraph.co.uk.plumber.html: father and daughter share the surname, "Mr Anderson" after her
    text = (
        "The publishing founder Chris Anderson lost his daughter last year.\nZoe Anderson, 24, was overcome by "
        "carbon monoxide fumes at the family home.\nMr Anderson, who now runs TED, said: \"We miss her every day.\""
    )
    assert [q.speaker for q in annotate_text(text, SETTINGS).quotes] == ["Chris Anderson"]


def test_a_title_of_the_other_sex_than_the_only_full_name_is_a_person_of_its_own():
    text = (
        "Michelle Obama unveiled her portrait at the National Portrait Gallery on Monday.\nMr. Obama followed her "
        "to the stage. \"She is the love of my life,\" Mr. Obama said."
    )
    annotation = annotate_text(text, SETTINGS)
    assert set(annotation.persons) == {"Michelle Obama", "Obama"}
    assert [q.speaker for q in annotation.quotes] == ["Obama"]


COUGARS = (  # 247sports.com-1481309665090
    "Houston Cougars hire Major Applewhite as head coach\n\nThe Cougars have their man.\n\nHouston has promoted "
    "offensive coordinator Major Applewhite to become the school’s next head coach. Continuity was also important "
    "after Herman and his staff led the Cougars to a 22-4 record in two seasons."
)


def test_a_plural_nickname_the_text_names_after_the_is_a_team():
    annotation = annotate_text(COUGARS, SETTINGS)
    assert "Houston Cougars" not in annotation.persons
    assert "Houston Cougars" in annotation.organizations


def test_a_surname_after_the_with_a_family_noun_stays_a_person():
    text = "The farm belongs to John Banks and his wife. The Banks family has owned it since 1920."
    assert "John Banks" in annotate_text(text, SETTINGS).persons


SHADLEN = (  # medicalnewstoday (Readability's test page)
    "The scientists were led by Michael Shadlen, Ph.D., of Columbia University's Mortimer B. Zuckerman Mind Brain "
    "Behavior Institute, and the findings were published in the journal Current Biology.\nThe researchers wondered "
    "whether or not this threshold is also responsible for our \"eureka!\" moments.\nIn Dr. Shadlen's words, \"Could "
    "the moment when the brain believes it has accumulated enough evidence be tied to the person's awareness of "
    "having decided?\""
)


def test_in_a_persons_words_gives_the_quote_to_that_person():
    assert [q.speaker for q in annotate_text(SHADLEN, SETTINGS).quotes] == ["Michael Shadlen"]


def test_as_a_person_put_it_gives_the_quote_to_that_person():
    text = (
        "Economist Jane Doe studied the plan for a year. \"The data are thin and the costs are high,\" as Doe "
        "put it on Monday."
    )
    assert [q.speaker for q in annotate_text(text, SETTINGS).quotes] == ["Jane Doe"]


def test_a_capitalised_determiner_ends_a_name_the_model_ran_on():
    # newrepublic.com-1480446502259: a tweet quoted without its line breaks
    text = (
        "Last week, she weighed in on the transition publicly:\nReceiving deluge of social media & private comms re: "
        "Romney Some Trump loyalists warn against Romney as sec of state. Mitt Romney met Trump on Saturday."
    )
    assert _parts(text, "Romney Some Trump") == ["Romney"]
    assert "Romney Some Trump" not in annotate_text(text, SETTINGS).persons
