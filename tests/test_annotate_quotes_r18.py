"""Issue 14, session 18: a pronoun's person when the given-name list contradicts the text. "She added" goes to the
subject of the sentence before it when that sentence reports the subject's own words with the same pronoun
("Omar asked ..., saying she did not think ..."), although the list holds "Ilhan" as a man's name; without such a
report the list still decides. Text of the shape of scrapinghub dev page 6ebac05f (The
Hill); the behaviour test fails on the session's starting tree."""

from __future__ import annotations

from etl.annotate import annotate_text
from etl.annotate.quotes import _reports_self
from etl.core.settings import Settings

SETTINGS = Settings()
STORY = (
    "A New York man pleaded guilty to charges he threatened to kill Rep. Ilhan Omar (D-Minn.), the U.S. "
    "Attorney’s Office announced Monday.\n\n"
    "Rep. Alexandria Ocasio-Cortez (D-N.Y.) shortly after the arrest linked the incident to Fox News host "
    "Jeanine Pirro’s comments on Omar’s hijab.\n\n"
    "Omar asked for compassion during Carlineo's sentencing in a letter posted on Twitter Tuesday, {report} "
    "She added, \"We must teach the defendant love.\""
)


def speaker(text: str) -> str:
    quotes = annotate_text(text, SETTINGS).quotes
    return next(q.speaker for q in quotes if q.text.startswith("We must teach"))


def test_the_subject_who_reports_her_own_words_with_she_takes_the_quote():
    report = "saying she did not think a severe sentence would be helpful."
    assert speaker(STORY.format(report=report)) == "Ilhan Omar"


def test_only_a_report_of_the_subjects_words_with_that_pronoun_counts():
    text = "Omar asked for compassion, saying she did not think it would help.\nShe added"
    assert _reports_self(text, 4, len(text), "she")
    assert not _reports_self(text, 4, len(text), "he")
    assert _reports_self("Smith spoke and added that he would run.", 5, 40, "he")
    assert not _reports_self("Smith said the board would meet; she left.", 5, 42, "she")  # no report of hers
    assert not _reports_self("Smith left.\nLater Jones said she would run.", 5, 44, "she")  # another line
