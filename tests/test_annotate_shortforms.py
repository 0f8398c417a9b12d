"""No short form beside its full name when the surname opens with a name particle (issue 14).

Texts: Reuters lines of CoNLL++ dev (../shared/bench/conll/dev.txt, stories 26 and 126), joined as the
scorer joins them.
"""

from etl.annotate import entity_facets

CRICKET = (
    "Man of the Match : Aravinda de Silva\n"
    "Bowling : Vass 7-0-29-0 , de Silva 4-0-25-0 , Dharmasena 6-0-36-1 ."
)
RUGBY = (
    "Springbok scrum-half Joost van der Westhuizen was his side 's inspiration , scoring their opening try.\n"
    "A quick penalty from Van der Westhuizen five metres from the All Black line set up the third try for "
    "Venter five minutes later ."
)


def test_particle_surname_joins_the_full_name():
    persons = entity_facets("", CRICKET)["persons"]
    assert "Aravinda de Silva" in persons
    assert "de Silva" not in persons


def test_particle_capitalised_at_a_sentence_start_joins_too():
    persons = entity_facets("", RUGBY)["persons"]
    assert "Joost van der Westhuizen" in persons
    assert not [p for p in persons if p.lower() == "van der westhuizen"]


# dev page goose-huffingtonpost.co.uk (shortened): an honour after the full name
HONOURS = (
    '"There are two simultaneous trends emerging when it comes to our TV watching habits," says Professor Sonia '
    "Livingstone OBE, a full professor in the Department of Media and Communications at the London School of "
    'Economics.\n"We keep fearing that people won\'t talk to each other anymore," says Professor Livingstone.'
)
# dev page haitiantimes.com-family (shortened): a mother called by her middle (maiden) name
MIDDLE = (
    "“Mekhi is functioning at the level of an 80-year-old man, because his body cannot tolerate anything "
    "physical,” said Camille Etienne Gbedey, their Haitian-born mother.\n“Maybe there's a doctor out there who "
    "can help with what's going on with Mekhi,” Etienne said."
)


def test_surname_joins_a_full_name_with_an_honour_after_it():
    persons = entity_facets("", HONOURS)["persons"]
    assert "Sonia Livingstone" in persons  # the facet value without "OBE"
    assert "Livingstone" not in persons and "Sonia Livingstone OBE" not in persons


def test_middle_name_joins_the_one_full_name_holding_it():
    persons = entity_facets("", MIDDLE)["persons"]
    assert "Camille Etienne Gbedey" in persons
    assert "Etienne" not in persons
