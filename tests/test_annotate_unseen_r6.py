"""Error classes of issue 14's session 7, round 3, read on the bench7 split that was held until round 2 (spent
since: ``"split": "dev"``): places the bare model finds and our rules lost, and persons that name a hotel, a
role, an island or half a name. The texts are those pages' own (shortened; source in a comment). Each test
fails on the round's starting tree (HEAD a8a7863)."""

from __future__ import annotations

from etl.annotate import annotate_text
from etl.annotate.entities import junk_regions
from etl.core.settings import Settings

SETTINGS = Settings()

HOTELS = (  # luxuryhaven.co.hyatt (ex-held): hotels read as persons, a city after "in" swallowed by one
    "Other properties include Hôtel Martinez in Cannes, France; Hôtel du Louvre in Paris (under renovation); "
    "Jinmao Hotel Lijiang in Lijiang, China; Nish Palas in Istanbul, and Carmelo Resort & Spa in Punta del Este."
)
SPA = (  # luxuryhaven.co.hyatt (ex-held)
    "The resort is located in Vietnam's largest island, covered with white sandy beaches.\n"
    "An Mai Spa offers rejuvenating treatments focused on holistic physical and mental well-being."
)
LAMAR = (  # axios.com.future (bench7 dev): a surname after "in" and an owner's mark stays the person's
    "Take rapper Kendrick Lamar. He's one of the hottest artists right now. Quartz notes that in Lamar's "
    'first album, "good kid, m.A.A.d city," the 5th song starts 19 minutes in. But in Lamar\'s latest, "DAMN," '
    "the fifth song comes after only 14 minutes."
)
STATE = (  # luxuryhaven.co.hyatt (ex-held): a dotted state code
    "The Confidante in Miami Beach, Fla.; Ocean Resort Casino in Atlantic City, N.J., The Eliza Jane in New "
    "Orleans; The Bellevue Hotel in Philadelphia."
)
CAPTION = (  # theplanetarypress.com.forestlands (ex-held): a caption after its label, no credit
    "The research was supported by the Wildlife Conservation Society, the paper states.\n"
    "Header Image: People have lived in Ecuador’s Amazon forests for thousands of years."
)
COORDINATOR = (  # bahamaslocal.com-atlantis (ex-held): a role phrase before its holder's name
    '"We want to give a great big thank you to Atlantis for this great donation of supplies to Baark for our '
    'Mobile Spay and Neuter Clinic" says Baark Volunteer Coordinator Bonnie Young, adding, "Baark has been '
    'historically underfunded."'
)
NUMBERED = (  # womencantalksports.com-top10 (ex-held): a list's number glued to the name
    "Twitter: @sam_ponder\n3.Charlotte Jones Anderson\nExecutive Vice President and Chief Brand Officer of the "
    "Dallas Cowboys."
)
ISLAND = (  # luxuryhaven.co.hyatt (ex-held): a place the model reads as a person, named with "island"
    "Nam Nghi is a secluded oasis surrounded by pristine beaches and the rich environment of Phu Quoc island in "
    'Vietnam.\n"We are delighted to bring The Unbound Collection by Hyatt brand to Phu Quoc, Vietnam\'s '
    'fast-emerging resort destination," said Julian Moore, General Manager.\nThe villas reflect the natural '
    "beauty of Phu Quoc."
)


def test_hotels_are_no_persons_and_their_city_is_a_place():
    ann = annotate_text(HOTELS, SETTINGS)
    assert not {"Hôtel Martinez", "Jinmao Hotel Lijiang"} & set(ann.persons), ann.persons
    assert "Lijiang" in ann.locations, ann.locations
    assert not any("Spa" in p for p in annotate_text(SPA, SETTINGS).persons)


def test_a_surname_owning_after_in_stays_the_persons():
    ann = annotate_text(LAMAR, SETTINGS)
    assert "Kendrick Lamar" in ann.persons and "Lamar" not in ann.locations, (ann.persons, ann.locations)


def test_a_dotted_state_code_is_a_place():
    assert "N.J." in annotate_text(STATE, SETTINGS).locations


def test_a_caption_after_its_label_is_no_credit():
    start = CAPTION.index("Header")
    assert not any(s <= start + 20 < e for s, e in junk_regions(CAPTION))
    assert "Ecuador" in annotate_text(CAPTION, SETTINGS).locations


def test_a_role_phrase_is_no_person():
    ann = annotate_text(COORDINATOR, SETTINGS)
    assert not any("Coordinator" in p for p in ann.persons), ann.persons
    assert "Bonnie Young" in ann.persons


def test_a_given_name_glued_to_a_list_number_is_the_persons():
    assert "Charlotte Jones Anderson" in annotate_text(NUMBERED, SETTINGS).persons


def test_a_name_before_a_place_noun_is_a_place():
    ann = annotate_text(ISLAND, SETTINGS)
    assert "Phu Quoc" not in ann.persons and "Phu Quoc" in ann.locations, (ann.persons, ann.locations)
    assert "Julian Moore" in ann.persons
