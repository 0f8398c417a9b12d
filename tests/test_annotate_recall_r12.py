"""Issue 14, session 11 (recall on unseen pages, judged on the held split's aggregate figures as well as the dev
pages and CoNLL++ dev): a two-word name the model read as an organization or a place, which no list knows as
anything, is a person's when it acts as one — a past-tense verb after it — and is never placed nor after an
article (:func:`etl.annotate.notperson._acting_unlisted`). The texts are dev pages' own (shortened; source in a
comment); the first test fails on the session's starting tree, the others guard the rule's limits."""

from __future__ import annotations

from etl.annotate import annotate_text
from etl.annotate.canonical import Cluster
from etl.annotate.entities import RawMention
from etl.annotate.notperson import _acting_unlisted
from etl.core.settings import Settings

SETTINGS = Settings()

POUNCEY = (  # dev page espn (readability)
    "Is Meyer suddenly concerned about who has access to Gators practices because the NCAA is looking into "
    "whether Maurkice Pouncey accepted $100,000 from the representative of a sports agent while a Gator, or is he "
    "closing practices because, like most college football coaches, he is a control freak and uses any excuse he "
    "can to close ranks?"
)
HONG_KONG = (  # dev page scmp.com.playbook
    "But again, it’s too little, too late for Lam, and almost insulting to Hongkongers. After months of inaction "
    "from the government as Hong Kong burned, is this the best it could come up with?"
)
LATIO = (  # dev page jamaica.gleaner.com-victims
    "The Four Paths Police say Grant, her husband, Ambersley and another woman were travelling in a Toyota "
    "Starlet when it collided with a Nissan Latio motor car, with one occupant on board."
)


def _cluster(text: str, name: str, etype: str = "organization") -> Cluster:
    at = text.index(name)
    mention = RawMention(at, at + len(name), name, etype, "ORG")
    return Cluster(name=name, mentions=[mention], type=etype)


def test_unknown_name_acting_is_a_person():
    annotation = annotate_text(POUNCEY, SETTINGS, title="Agents are not the problem")
    assert "Maurkice Pouncey" in annotation.persons
    assert "Maurkice Pouncey" not in annotation.organizations


def test_acting_unlisted_needs_an_unknown_name():
    assert _acting_unlisted(_cluster(POUNCEY, "Maurkice Pouncey"), POUNCEY, frozenset())
    # a word the alias table names alone
    assert not _acting_unlisted(_cluster(POUNCEY, "Maurkice Pouncey"), POUNCEY, frozenset({"pouncey"}))
    # a place the alias table knows keeps its type ("Hong Kong burned")
    annotation = annotate_text(HONG_KONG, SETTINGS)
    assert "Hong Kong" not in annotation.persons


def test_acting_unlisted_needs_a_verb_and_no_article():
    latio = _cluster(LATIO, "Nissan Latio")
    assert not _acting_unlisted(latio, LATIO, frozenset())  # no verb after it
    acted = LATIO.replace("Nissan Latio motor car", "Nissan Latio parked")
    assert not _acting_unlisted(_cluster(acted, "Nissan Latio"), acted, frozenset())  # after "a"
    after_the = POUNCEY.replace("whether Maurkice", "whether the Maurkice")
    assert not _acting_unlisted(_cluster(after_the, "Maurkice Pouncey"), after_the, frozenset())
