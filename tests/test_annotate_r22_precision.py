"""Issue 14, session 22 (precision): a person's name that opens the name of a body or place named after the person
("Ronald Reagan Washington National Airport", "Abraham Lincoln High School") is no person of the story. Texts
written for the tests in the shape of local, travel and school news; each rule's first test fails on the session's
starting tree, the others guard what the rule must not do."""

from __future__ import annotations

from etl.annotate import annotate_text
from etl.core.settings import Settings

SETTINGS = Settings()
CONTEXT = " Officials said it was the first such case in years, and that all of those who were there had left."


def _facets(text: str, title: str = "") -> tuple[tuple[str, ...], set[str]]:
    """Persons, and organizations and places together, of ``text`` + :data:`CONTEXT`."""
    ann = annotate_text(text + CONTEXT, SETTINGS, title=title)
    return ann.persons, set(ann.organizations) | set(ann.locations)


def test_a_name_the_model_cut_before_a_facility_word_opens_the_facility():
    # the model reads "Ronald Reagan" (PERSON) and "Washington National Airport" (EVENT) apart
    persons, others = _facets("Flights at Ronald Reagan Washington National Airport were delayed for hours on Friday.")
    assert persons == ()
    assert "Ronald Reagan Washington National Airport" in others


def test_a_school_named_after_a_person_is_no_person():
    for text in (
        "Students at Abraham Lincoln High School walked out of class on Monday to protest the cuts.",
        "Students at John F. Kennedy High School walked out of class on Monday to protest the cuts.",
    ):
        persons, others = _facets(text)
        assert persons == (), text
        assert any(o.endswith("High School") for o in others), (text, others)


def test_the_person_named_beside_a_body_stays_a_person():
    # a title before the name, a headline in Title Case, the person named alone
    persons, _ = _facets("Dr. Maria Lopez Medical Center director said the ward was full.")
    assert persons == ("Maria Lopez",)
    persons, _ = _facets("Biden went to the show on Friday and met the cast.", title="Joe Biden Visits Kennedy Center")
    assert persons == ("Joe Biden",)
    persons, _ = _facets("Former president Ronald Reagan spoke at the airport in 1987.")
    assert persons == ("Ronald Reagan",)


def test_a_company_named_after_its_founder_is_no_person():
    # an appositive headed by a company noun, what only a company holds after "'s", a company noun before the name
    for text, name in (
        ("Harvey Nichols, the department store chain, said it would close two shops next year.", "Harvey Nichols"),
        ("Tory Burch's shareholders approved the deal at a meeting in New York on Friday.", "Tory Burch"),
        ("Jimmy Choo's chief executive, Sandra Choi, said sales in Asia rose.", "Jimmy Choo"),
        ("Shares of Capri, which owns luxury brand Jimmy Choo, rose 3 percent.", "Jimmy Choo"),
    ):
        persons, others = _facets(text)
        assert name not in persons, (text, persons)
        assert name in others, (text, others)


def test_a_person_beside_a_company_stays_a_person():
    # a role in the company after the name, the founder's possessions, a person's appositive
    for text, name in (
        ("Jane Doe, the firm's founder, said it would close two shops next year.", "Jane Doe"),
        ("John Smith, a partner at the law firm, said the case was over.", "John Smith"),
        ("Rupert Murdoch, the media mogul, said he would retire at the end of the year.", "Rupert Murdoch"),
        ("A row involving Jane Doe, her former record label and a producer seems to be over.", "Jane Doe"),
        ("Warren Buffett's letter to investors said the firm would buy more shares.", "Warren Buffett"),
    ):
        persons, _ = _facets(text)
        assert name in persons, (text, persons)


def test_a_name_holding_a_word_of_island_or_coast_places_is_a_place():
    persons, others = _facets("Visitors to Dolphin Cay can swim with the animals, the resort said on Monday.")
    assert persons == ()
    assert "Dolphin Cay" in others


def test_an_employer_ending_a_panel_line_after_a_role_is_no_person():
    text = (
        "This week's question: when did you last take the bus?\n"
        "Albert E. Dotson Jr., partner, Bilzin Sumberg\n"
        "It has been a long time since I took the bus to work.\n"
        "Jay Pelham, president and CEO, Dolan Weiss\n"
        "I drive, since the trains do not go near my office."
    )
    persons, others = _facets(text)
    assert set(persons) == {"Albert E. Dotson Jr.", "Jay Pelham"}, persons
    assert {"Bilzin Sumberg", "Dolan Weiss"} <= others, others


def test_a_person_after_a_role_between_commas_stays_a_person():
    # mid-sentence, and a title between commas: "the coach," opens no panel line
    for text, name in (
        ("In a statement, the coach, John Smith, said the team was ready.", "John Smith"),
        ("Mary Jones, the owner, and her son, Tom Brown, said the shop would stay open.", "Tom Brown"),
    ):
        persons, _ = _facets(text)
        assert name in persons, (text, persons)


def test_a_list_a_plural_company_noun_opens_names_companies():
    persons, others = _facets("Luxury brands such as Jimmy Choo, Michael Kors and Versace reported higher sales.")
    assert persons == ()
    assert {"Jimmy Choo", "Michael Kors"} <= others
    persons, others = _facets("Shoppers flocked to retailers including Harvey Nichols and John Lewis on Friday.")
    assert persons == ()
    assert {"Harvey Nichols", "John Lewis"} <= others


def test_a_list_of_persons_stays_persons():
    persons, _ = _facets("Designers such as Tom Ford and Stella McCartney showed their collections in Paris.")
    assert set(persons) == {"Tom Ford", "Stella McCartney"}
    persons, _ = _facets("Investors including Peter Thiel and Sarah Tavel backed the startup this spring.")
    assert set(persons) == {"Peter Thiel", "Sarah Tavel"}


def test_a_copyright_sign_or_a_photo_courtesy_credits_the_name():
    for credit in ("Photo courtesy of Dana Whitlock", "© Dana Whitlock", "© 2023 Dana Whitlock"):
        persons, _ = _facets(f"Mayor Ann Lee said the bridge would reopen in May.\n{credit}\nLee said it cost $2 million.")
        assert persons == ("Ann Lee",), (credit, persons)


def test_courtesy_of_in_a_sentence_names_a_person():
    persons, _ = _facets("The winning goal came courtesy of Harry Kane in the 80th minute, the club said.")
    assert persons == ("Harry Kane",)


def test_a_platform_or_a_credential_the_name_runs_on_into_is_no_part_of_it():
    for text, name in (
        ("A post shared by the singer.\nKylie Jenner Instagram\nThe star said she was thrilled.", "Kylie Jenner"),
        ("Dr. Maria Lopez MD said the ward was full on Friday night.", "Maria Lopez"),
        ("John Smith LinkedIn profile shows he left the bank in May.", "John Smith"),
    ):
        persons, _ = _facets(text)
        assert persons == (name,), (text, persons)


def test_a_day_or_a_venue_named_after_a_person_is_no_person():
    for text in (
        "Schools and banks closed for Martin Luther King Jr. Day on Monday, officials said.",
        "Fans packed Arthur Ashe Stadium for the final on Sunday night.",
    ):
        persons, _ = _facets(text)
        assert persons == (), (text, persons)


def test_a_name_ending_in_a_generational_suffix_or_a_venue_surname_stays_a_person():
    for text, name in (
        ("Martin Luther King Jr. said the dream lived on in every child.", "Martin Luther King Jr."),
        ("Coach Bruce Arena said the team was ready for the final.", "Bruce Arena"),
    ):
        persons, _ = _facets(text)
        assert persons == (name,), (text, persons)


def test_a_storm_named_in_full_and_alone_is_no_person():
    for text in (
        "Hurricane Milton weakened as Milton moved across Florida, forecasters said on Thursday.",
        "Typhoon Hinnamnor hit South Korea on Tuesday. Hinnamnor brought heavy rain to Busan.",
    ):
        persons, _ = _facets(text)
        assert persons == (), (text, persons)


def test_a_person_whose_given_name_is_storm_stays_a_person():
    persons, _ = _facets("Storm Reid said she loved the role. Reid, 20, stars in the film as a young detective.")
    assert persons == ("Storm Reid",)


def test_a_dated_author_line_ends_the_name_before_the_month():
    persons, _ = _facets("Mayor Ann Lee said the bridge would reopen in May.\nJane Doe Jan 5, 2024\nLee said it cost $2 million.")
    assert "Jane Doe Jan" not in persons
    persons, _ = _facets("Prime Minister Theresa May said she would resign in June.")
    assert persons == ("Theresa May",)


def test_dear_inside_a_sentence_opens_a_title_not_a_greeting():
    persons, _ = _facets("She starred in the Broadway hit Dear Evan Hansen last year, her agent said.")
    assert persons == ()
    persons, _ = _facets("Her letter opened:\nDear John Smith, thank you for your help with the garden.")
    assert persons == ("John Smith",)


def test_a_thing_known_as_a_name_is_no_person():
    persons, _ = _facets(
        "One strand of this software, known as Red Wolf, uses facial recognition. It enrolls data into Red Wolf."
    )
    assert persons == ()


def test_a_person_known_as_a_name_stays_a_person():
    for text, name in (
        ("The rapper known as Drake said he would tour in the spring.", "Drake"),
        ("The man, known as Jack Harper, said he was innocent of the charges.", "Jack Harper"),
    ):
        persons, _ = _facets(text)
        assert persons == (name,), (text, persons)


def test_a_place_s_other_name_is_no_person():
    persons, others = _facets("He flew toward AT&T Stadium, aka Jerry World, where the Cowboys play on Sunday.")
    assert persons == ()
    persons, _ = _facets("Marshall Mathers, aka Eminem, said he would tour in the spring.")
    assert "Marshall Mathers" in persons


def test_a_nickname_or_initials_in_brackets_stay_inside_the_name():
    for text, name in (
        ("Jerry's father, J.W. (Pat) Jones, owned a grocery store in Arkansas.", "J.W. (Pat) Jones"),
        ("James Leander (Leo) Nichols died in custody in June. Nichols was 65.", "James Leander (Leo) Nichols"),
    ):
        persons, _ = _facets(text)
        assert persons == (name,), (text, persons)


def test_a_country_in_brackets_between_two_names_joins_nothing():
    persons, _ = _facets("Results: Mike Tyson (USA) Evander Holyfield won the title fight in Las Vegas.")
    assert "Evander Holyfield" in persons and not any("(" in p for p in persons)


def test_a_long_name_the_model_cut_in_two_is_one_person():
    persons, _ = _facets(
        "Chief Executive Carrie Lam Cheng Yuet-ngor, by botching affairs, played a role. Lam said she would stay."
    )
    assert persons == ("Carrie Lam Cheng Yuet-ngor",)




def test_a_role_then_a_name_is_not_joined_into_one_name():
    persons, _ = _facets(
        '"We want to give a big thank you to the resort," says Baark Volunteer Coordinator Bonnie Young, adding that'
        " the group is run by volunteers."
    )
    assert "Bonnie Young" in persons
