"""etl.annotate.textscan: the one str.find scan the rules share."""

from etl.annotate.textscan import offsets


def test_offsets_are_every_occurrence_in_order_overlaps_included():
    text = "Shearer scored. SHEARER NAMED ENGLAND CAPTAIN. Shearer, 26, said: 'Shearer's goal'"
    assert list(offsets(text, "Shearer")) == [0, 47, 67]
    assert list(offsets("aaaa", "aa")) == [0, 1, 2]
    assert list(offsets(text, "Owen")) == []
