"""Issue 14, session 14: a person span the model ran across a firm's "&" is that firm ("John Wiley & Sons"), one
ending in a word of a body named after a person is that body ("Andrew Lloyd Webber Initiative"), a given name
written with a capital inside is the listed one ("LaDonna", "DeAndre"), a "place" after an organization noun and
never placed is an organization ("investment company Prosus"), a model size is no organization ("27B"), a name
with a facility's word inside is the venue ("Madison Square Garden"), a cemetery is a place, a name before "'s Bar"
is the business, production credits and a caption's "Picture NAME, AGENCY" are credits, a given name that is also
a place (French "Maurice") opens a person's name before an initial, a full name the text names alone and a
one-word company after it are two names ("a Margaret Thatcher Lego figure"), and
a one-letter word closing a sentence is no initial of the name after it when the text names that person
without it ("his resignation on X. Lin Junyang was ..."). Texts from the dev pages of the eleventh gold round
(article-extractor's fixtures; page in a comment); each test fails on the session's starting tree."""

from __future__ import annotations

from etl.annotate import annotate_text
from etl.annotate.names import is_given, sex_of
from etl.core.settings import Settings

SETTINGS = Settings()

WILEY = (  # www.experimental-history.com/the-one-science-reform-we-can-all
    "These days, Springer Nature, Elsevier, Wiley, and the like are basically giant operations that proofread, "
    "format, and store PDFs. That’s not nothing, but it’s not worth billions of dollars a year.\n"
    "A 20% reduction in promised science funding is simply not going to be paid out. We could save more than "
    "that every year if we just stopped writing checks to John Wiley & Sons."
)
LIN = (  # simonwillison.net/qwen
    "Twelve hours ago (at 0:11 AM Beijing time on March 4th), Lin Junyang, the technical lead for Alibaba’s Qwen "
    "Big Data Model, suddenly announced his resignation on X. Lin Junyang was a key figure in promoting Alibaba’s "
    "open-source AI models and one of Alibaba’s youngest P10 employees.\nRegarding Lin Junyang’s whereabouts, no "
    "new conclusions were reached at the meeting."
)
WEBBER_TITLE = "American Theatre Wing Launches Andrew Lloyd Webber Training Scholarships"
WEBBER = (  # www.broadwayworld.com-1476392567143 (Mercury, dev)
    "The American Theatre Wing announced today that their Andrew Lloyd Webber Initiative has launched its second "
    "initiative program, the Training Scholarships, bridging the gap for students.\n"
    '"I am so grateful to Andrew Lloyd Webber for his continued passion in enriching arts education throughout the '
    'country," said Ms. Hitchens.'
)
ALLARD = (  # www.theguardian.com-1480457558008 (Mercury, dev)
    "The first Standing Rock encampment, known as Sacred Stone, was established in April on land owned by LaDonna "
    "Brave Bull Allard, which sits within the boundaries of the Standing Rock Sioux reservation."
)
JUST_EAT = (  # www.thelocal.dk/food-delivery-service-just-eat-confirms-denmark-exit
    "Some 280 Just Eat employees in Denmark are set to lose their jobs as a result of the decision, Just Eat said in "
    "a short statement reported by news wire Ritzau.\nJust Eat was founded in Denmark in 2001. It most recently "
    "changed ownership in August 2025 when it was acquired by Dutch investment company Prosus."
)
QWEN = (  # simonwillison.net/qwen
    "They started with Qwen3.5-397B-A17B on February 17th and then followed with a flurry of smaller siblings in "
    "122B, 35B, 27B, 9B, 4B, 2B, 0.8B sizes.\nI’m hearing positive noises about the 27B and 35B models for coding "
    "tasks that still fit on a 32GB/64GB Mac, and I’ve tried the 9B, 4B and 2B models."
)
GARDEN = (  # www.fool.com-1489175437362 (Mercury, dev)
    "Competitive gaming is also garnering strong engagement at physical locations, with the League of Legends "
    "tournament bringing sell-out crowds to Madison Square Garden for two years running."
)
MUSEUM = (  # www.nytimes.com-1474061823854 (twelfth round, dev)
    "Turner is thought to have been baptized with the Bible on the Person family’s land. (The gift is courtesy of "
    "Maurice A. Person, Noah and Brooke Porter and Wendy Creekmore Porter; Mark Person spoke on behalf of the "
    "family.)\nThe museum will display the original coffin of Emmett Till; Ku Klux Klan hoods; and a piece of rope "
    "used in a lynching.\nFrom the building’s upper levels, visitors can view the Washington Monument, Arlington "
    "National Cemetery, the White House and the National Mall.\nAdditional editing and production by Jon Huang, "
    "Laura O’Neill and Jeremy White. Sources: Freelon Adjaye Bond/ SmithGroup JJR."
)
CORK = (  # corkbeo.ie.level.html (twelfth round, dev)
    "In Youghal The Old Imperial will be doing the outdoor thing.\nIn Clon Casey's Bar have said they'll be closing "
    "in-house service after tonight.\nDr Tony Holohan, Chief Medical Officer, Department of Health, pictured this "
    "evening at a Covid -19 update press conference at the Department of Health.....Picture Colin Keegan, Collins "
    "Dublin"
)
# constructed (the class showed on a held page through the short-form test: no dev page has it)
THATCHER = (
    "Margaret Thatcher led Britain for eleven years. A Margaret Thatcher Lego figure went on display in London."
)
FORD = "Harrison Ford starred in the film. Ford said he enjoyed the shoot in London."
CARROLL = (  # an initial that is one: the text never names her without it
    "E. Jean Carroll testified on Wednesday. Carroll said the encounter took place in a department store."
)


def test_a_person_span_holding_an_ampersand_is_a_firm():
    annotation = annotate_text(WILEY, SETTINGS)
    assert "John Wiley & Sons" not in annotation.persons
    assert "John Wiley & Sons" in annotation.organizations


def test_a_person_span_ending_in_a_body_named_after_the_person_is_that_body():
    annotation = annotate_text(WEBBER, SETTINGS, title=WEBBER_TITLE)
    assert "Andrew Lloyd Webber" in annotation.persons
    assert not any(p.endswith(("Initiative", "Scholarships")) for p in annotation.persons)
    assert "Andrew Lloyd Webber Initiative" in annotation.organizations


def test_a_given_name_with_a_capital_inside_opens_a_persons_name():
    annotation = annotate_text(ALLARD, SETTINGS)
    assert "LaDonna Brave Bull Allard" in annotation.persons
    assert sex_of("DeAndre Hopkins") == "m" and sex_of("LaToya Cantrell") == "f"
    assert not is_given("DeSantis", strict=False) and not is_given("McDonald", strict=False)


def test_a_place_after_an_organization_noun_and_never_placed_is_an_organization():
    annotation = annotate_text(JUST_EAT, SETTINGS)
    assert "Prosus" in annotation.organizations and "Prosus" not in annotation.locations
    assert "Ritzau" not in annotation.locations
    assert "Denmark" in annotation.locations


def test_a_model_size_is_no_organization():
    organizations = annotate_text(QWEN, SETTINGS).organizations
    assert not any(o[0].isdigit() for o in organizations)


def test_a_name_with_a_facility_word_inside_is_a_venue():
    annotation = annotate_text(GARDEN, SETTINGS)
    assert "Madison Square Garden" not in annotation.persons
    assert "Madison Square Garden" in annotation.locations


def test_credits_klan_and_cemetery_are_no_persons_and_a_given_place_name_opens_a_name():
    persons = annotate_text(MUSEUM, SETTINGS).persons
    assert {"Maurice A. Person", "Mark Person", "Emmett Till"} <= set(persons)
    assert not {"Jon Huang", "Laura O’Neill", "Jeremy White", "Ku Klux Klan", "A. Person"} & set(persons)
    assert not any("Cemetery" in p for p in persons)


def test_a_bar_named_after_its_owner_and_a_photo_credit_are_no_persons():
    persons = annotate_text(CORK, SETTINGS).persons
    assert "Tony Holohan" in persons
    assert not any("Casey" in p or "Keegan" in p for p in persons)


def test_a_full_name_named_alone_and_a_known_company_after_it_are_two_names():
    annotation = annotate_text(THATCHER, SETTINGS)
    assert annotation.persons == ("Margaret Thatcher",)
    assert "Lego" in annotation.organizations
    assert "Harrison Ford" in annotate_text(FORD, SETTINGS).persons  # a surname that is a company stays


def test_irish_government_titles_are_titles():
    text = (  # corkbeo.ie.level.html (twelfth round, dev)
        "Tanaiste Leo Varadkar said the move was needed. Taoiseach Micheal Martin will address the nation tonight."
    )
    persons = annotate_text(text, SETTINGS).persons
    assert "Leo Varadkar" in persons and "Micheal Martin" in persons
    assert not any(p.startswith(("Tanaiste", "Taoiseach")) for p in persons)


def test_irish_cities_are_places():
    text = (  # corkbeo.ie.level.html (twelfth round, dev)
        "Tonight at midnight Cork will be moved into Level 3.\nSome pubs around Cork have already been making "
        "plans.\nOne of Cork's oldest pubs will close its doors, as will two in Galway and Limerick."
    )
    annotation = annotate_text(text, SETTINGS)
    assert {"Cork", "Galway", "Limerick"} <= set(annotation.locations)
    assert "Cork" not in annotation.organizations and "Cork" not in annotation.persons


def test_a_given_name_before_an_unknown_place_word_is_a_persons_name():
    text = (  # readability keep-images (twelfth round, dev)
        "Caudevilla has handed the clinic over to his colleague Ana Muñoz. She maintains a practice in Barcelona."
    )
    annotation = annotate_text(text, SETTINGS)
    assert "Ana Muñoz" in annotation.persons and "Muñoz" not in annotation.locations
    assert "Barcelona" in annotation.locations


def test_a_tie_between_person_and_organization_goes_to_a_persons_name_shape():
    text = (  # www.cbssports.com-1482254907948 (Mercury, dev)
        "So when the Mets re-up with Yoenis Cespedes for $27.5 million a year, why do I get a litany of emails and "
        "tweets about how players make far too much money?\n\nNo, Yoenis Cespedes isn't overpaid."
    )
    annotation = annotate_text(text, SETTINGS)
    assert "Yoenis Cespedes" in annotation.persons and "Yoenis Cespedes" not in annotation.organizations


def test_a_letter_closing_a_sentence_is_no_initial_of_the_name_after_it():
    persons = annotate_text(LIN, SETTINGS).persons
    assert "Lin Junyang" in persons
    assert not any(p.startswith("X.") for p in persons)


def test_a_real_initial_stays():
    assert "E. Jean Carroll" in annotate_text(CARROLL, SETTINGS).persons
