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
