"""Session 13 quote rules (issue 14): speakers of quotes on unseen pages; real text from dev pages."""

from __future__ import annotations

from test_annotate_rules import quotes_in


def test_a_person_named_inside_a_quote_is_no_pronoun_antecedent():
    text = (
        'Gosling is hanging up his dancing shoes to star in the action movie Blade Runner 2049. "You know, they '
        "say don't meet you heroes, but I would say the addendum to that is '...unless they're Harrison Ford,'\" "
        "he says.\n"
        "Filming began in Budapest in the fall of 2016. \"It's like three movies that I usually make in one. Just "
        'in terms of the length," he tells GQ of the sequel.'
    )
    found = quotes_in(text, ("Gosling", "Ryan Gosling"), ("Harrison Ford", "Harrison Ford"))
    assert [speaker for speaker, _ in found] == ["Ryan Gosling", "Ryan Gosling"]


def test_a_pronoun_skips_a_sentence_naming_only_the_other_sex():
    text = (
        "With his musical La La Land charming audiences, Gosling has a lot on his plate. But what the actor is most "
        "excited about is life at home with Eva Mendes and their two daughters.\n"
        "\"Eva's the dream mother, and they're dream babies, and it's like a dream that I'm having right now,\" he "
        "explains to GQ."
    )
    found = quotes_in(text, ("Gosling", "Ryan Gosling"), ("Eva Mendes", "Eva Mendes"))
    assert found[0][0] == "Ryan Gosling"


def test_a_new_sentence_after_a_full_stop_names_no_speaker_unless_it_opens_with_one():
    text = (
        "And yet, since becoming president-elect, Trump has seemingly warmed to Obama. Last week he told The New "
        "York Times, “I had a great meeting with President Obama. I never met him before. I really liked him a "
        "lot.” On Monday, White House Press Secretary Josh Earnest said that Trump and Obama had spoken “a handful "
        "of times,” including a 45-minute phone call."
    )
    found = quotes_in(
        text, ("Trump", "Donald Trump"), ("Josh Earnest", "Josh Earnest"), ("Obama", "Barack Obama")
    )
    assert found[0][0] == "Donald Trump"
    text = '"It will be on the tenth." Ushakov told agencies on Monday.'
    assert quotes_in(text, ("Ushakov", "Yuri Ushakov"))[0][0] == "Yuri Ushakov"


def test_a_quote_of_an_unnamed_someone_has_no_speaker_and_continues_nothing():
    text = (
        "“Pence is really effective,” said a GOP insider in New Hampshire. “I didn't want Trump to pick him, but "
        "I've totally changed my mind!”\n"
        "“He is brilliant,” an Iowa Republican said, adding that Pence “should be [the] presidential candidate.”\n"
        "“I have known Tim Kaine for many years and observed him in prior debates,” added another commonwealth "
        "Democrat, “and he is motivating and influential.”"
    )
    found = quotes_in(text, ("Pence", "Mike Pence"), ("Trump", "Donald Trump"), ("Tim Kaine", "Tim Kaine"))
    speakers = {body[:15]: speaker for speaker, body in found}
    assert speakers["He is brilliant"] == ""
    assert speakers["I have known Ti"] == ""


def test_an_indefinite_article_before_a_name_still_names_the_speaker():
    text = (
        "“Well, then that would be quite different than what the written answers were,” said a skeptical Robert "
        "Wolfarth, the trust’s new chairman."
    )
    assert quotes_in(text, ("Robert Wolfarth", "Robert Wolfarth"))[0][0] == "Robert Wolfarth"


def test_reveals_and_retorted_are_speech_verbs():
    text = (
        "Like a desk lamp, it also doesn't fold flat. \"There's a whole bunch of things that start to happen when "
        'you start to put it flat," reveals Groene.'
    )
    assert quotes_in(text, ("Groene", "Ralf Groene"))[0][0] == "Ralf Groene"
    text = (
        "“This will be the first American president in U.S. history that enters the White House with a "
        "pro-gay-rights stance,” investment banker Anthony Scaramucci said on the BBC.\n"
        "“Elton John is going to be doing our concert on the mall for the inauguration,” a publicist retorted."
    )
    found = quotes_in(text, ("Anthony Scaramucci", "Anthony Scaramucci"), ("Elton John", "Elton John"))
    assert found[1] == ("", "Elton John is going to be doing our concert on the mall for the inauguration")


def test_a_short_quote_opening_its_sentence_is_spoken_by_the_name_after_the_comma():
    text = (
        'Duncan answered "no" to questions about whether he had cared for an Ebola patient.\n'
        '"He will be prosecuted" when he returns to Liberia, Binyah Kesselly, chairman of the board of directors '
        "of the Liberia Airport Authority, told reporters."
    )
    assert quotes_in(text, ("Binyah Kesselly", "Binyah Kesselly")) == [
        ("Binyah Kesselly", "He will be prosecuted")
    ]
    text = 'The plant monitoring device tweets. "Water me please" is what it says, in a way.'
    assert quotes_in(text) == []  # no name after the comma: a title or a scare quote


def test_points_out_leads_in_a_quote():
    text = (
        "But as my friend, the labor organizer David Rolf, frequently points out, “God did not make an auto worker "
        "a good job!” We made choices as a society to share the fruits of productivity more widely."
    )
    assert quotes_in(text, ("David Rolf", "David Rolf"))[0][0] == "David Rolf"


def test_capitalised_words_ending_in_a_title_before_the_name_after_a_quote():
    text = (
        "\"Tomorrow before the event, we'll make a determination -- the police department, the incident commander "
        '-- whether the balloons will fly or not," Patrol Chief James Hall with the New York Police Department '
        "said Wednesday."
    )
    assert quotes_in(text, ("James Hall", "James Hall"))[0][0] == "James Hall"
