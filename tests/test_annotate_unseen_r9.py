"""Recall class of issue 14's session 8, round 3, read on the missed gold persons of CoNLL++ dev
(``bench/annotate/loso.py --misses``): a name whose given name the list did not know because its
locale was not read (Japanese, Latvian without diacritics, French without diacritics), so the model's
ORG label stood. ``data/given_names.txt`` now also holds Faker's romanized Japanese list, the Greek
list transliterated, the Uzbek list, and every name also without its diacritics (``bench/annotate/make_given_names.py``). The texts are those stories' own (shortened; source
in a comment). The recall tests fail on the round's starting tree (HEAD 6ad8a6d)."""

from __future__ import annotations

from etl.annotate import annotate_text
from etl.annotate.names import is_given, sex_of
from etl.core.settings import Settings

SETTINGS = Settings()

TENNIS = (  # CoNLL++ dev, "TENNIS - SATURDAY 'S RESULTS FROM THE U.S. OPEN."
    "NEW YORK 1996-08-31\nResults from the U.S. Open Tennis Championships at the National Tennis Centre on "
    "Saturday (prefix number denotes seeding):\nWomen's singles, third round\n1 - Steffi Graf (Germany) beat "
    "Natasha Zvereva (Belarus) 6-4 6-2\n16 - Martina Hingis (Switzerland) beat Naoko Kijimuta (Japan) 6-2 6-2\n"
    "Judith Wiesner (Austria) beat Petra Langrova (Czech Republic) 6-2 6-0"
)
CYCLING = (  # CoNLL++ dev, "CYCLING - WORLD TRACK CHAMPIONSHIP RESULTS."
    "MANCHESTER, England 1996-08-31\nResults at the world track cycling championships on Saturday:\n"
    "Men's sprint quarter-finals:\nFlorian Rousseau (France) beat Ainars Kiksis (Latvia) 2-0"
)
FRIDAY = (  # CoNLL++ dev, "TENNIS - FRIDAY 'S RESULTS FROM THE U.S. OPEN."
    "NEW YORK 1996-08-30\nResults from the U.S. Open Tennis Championships at the National Tennis Centre on "
    "Friday (prefix number denotes seeding):\nWomen's singles, second round\n"
    "8 - Lindsay Davenport (U.S.) beat Anne-Gaelle Sidot (France) 6-0 6-3"
)


def test_a_romanized_japanese_given_name_makes_a_person():
    ann = annotate_text(TENNIS, SETTINGS)
    assert "Naoko Kijimuta" in ann.persons
    assert "Naoko Kijimuta" not in ann.organizations


def test_a_given_name_written_without_its_diacritics_makes_a_person():
    assert "Ainars Kiksis" in annotate_text(CYCLING, SETTINGS).persons  # Latvian "Ainārs"
    assert "Anne-Gaelle Sidot" in annotate_text(FRIDAY, SETTINGS).persons  # French "Gaëlle"


def test_the_list_reads_the_new_locales_and_keeps_its_filters():
    for name in ("Naoko", "Kyriakos", "Lubomir", "Ainars", "Gaelle"):  # ja_JP, el_GR, folded sk_SK/lv_LV/fr
        assert is_given(name, strict=True), name
    assert not is_given("Hong", strict=False)  # Vietnamese and Chinese lists are not read (family name first)
    assert not is_given("Medina", strict=False)  # a place of the alias table
    # "Désiré" without diacritics is an English word: marked so, trusted only where the model saw a name
    assert is_given("Desire", strict=False) and not is_given("Desire", strict=True)


def test_a_folded_spelling_keeps_the_sex_its_own_lists_give():
    assert sex_of("Jose Soler Puig") == "m"  # "José" appears in some female lists; "Jose" only in male ones
    assert sex_of("Maria Sharapova") == "f"
    assert sex_of("Kyriakos Mitsotakis") == "m"
