"""The event clause: status, attached time and place phrases, and the statement frame, on
sentences written for these tests (each a kind of fault seen on outside news)."""

from __future__ import annotations

import pytest

from spillwatch.coding.clause import find_clause
from spillwatch.coding.patterns import DepGraph
from spillwatch.nlp.parse import annotate_one
from spillwatch.records import Article, Block, Clause, DateInfo
from spillwatch.settings import Settings


def clause_of(text: str, trigger: str) -> tuple[Clause, str]:
    art = Article(raw_id="t", source="t", blocks=(Block("body", text),), published=DateInfo(None, "none"))
    ann = annotate_one(art, Settings())
    tok = next(t for t in ann.tokens if t.text == trigger)
    sent = next(s for s in ann.sentences if s.first_token <= tok.i < s.last_token)
    return find_clause(DepGraph(ann.tokens), tok.i, sent.first_token, sent.last_token), art.text


STATUS = [
    ("No civilians were hurt in the raids on the camp.", "hurt", "negated"),
    ("The soldiers did not fire on the crowd.", "fire", "negated"),
    # what one failed or refused to do was not done
    ("Government troops failed to recapture the town from the rebels on Sunday.", "recapture", "negated"),
    ("The delegation refused to attend the talks in Geneva.", "talks", "negated"),  # not for the delegation
    ("The delegation refused to meet the envoy in Geneva.", "meet", "negated"),
    ("The commander is responsible for numerous attacks on police stations.", "attacks", "habitual"),
    ("Militias often raid villages along the river.", "raid", "habitual"),
    ("A total of 214 strikes were recorded over six years.", "strikes", "habitual"),
    ("The activist has visited the ministry's complaints office weekly for three years.", "visited", "habitual"),
    ("Rebels attack the checkpoint every week, residents said.", "attack", "habitual"),
    ("During his service the sergeant deployed numerous times to the region.", "deployed", "habitual"),
    ("The town was shelled three times on Monday.", "shelled", "happened"),  # one day's strikes
    ("The rebels surrendered after weeks of bombing by government aircraft.", "bombing", "habitual"),
    ("Their parents staged a months-long battle with the courts last year.", "battle", "habitual"),
    ("The four-year siege of the town killed 300 people.", "siege", "habitual"),
    ("The two-day battle for the town ended on Sunday.", "battle", "happened"),  # a short stretch: one event
    # what is asked for is not done: "the request to meet", "urged the army to withdraw"
    ("The ministry said it was reviewing the request to meet the detained envoy.", "meet", "planned"),
    ("The UN urged the army to withdraw from the city.", "withdraw", "planned"),
    ("Reporters asked about the attack on the convoy.", "attack", "happened"),
    ("If the ceasefire collapses, the militia could attack the airport.", "attack", "hypothetical"),
    ("The governor warned of a possible invasion from the north.", "invasion", "hypothetical"),
    ("Rebels stormed a police post in the hills on Friday.", "stormed", "happened"),
    ("The union said on Friday it would blockade the port from Monday.", "blockade", "planned"),
    ("The envoy said they would meet the rebels if they disarmed.", "meet", "hypothetical"),
    ("The army today mounted its long-planned offensive on the valley.", "offensive", "happened"),
]


@pytest.mark.parametrize(("text", "trigger", "status"), STATUS)
def test_status(text: str, trigger: str, status: str) -> None:
    clause, _ = clause_of(text, trigger)
    assert clause.status == status, clause


def test_time_of_a_neighbouring_clause_is_not_the_events() -> None:
    clause, text = clause_of("In 1993 the author wrote a memoir about the 1978 bombing in Lyon.", "bombing")
    assert [s.of(text) for s in clause.temporal] == ["1978"]
    assert [s.of(text) for s in clause.places] == ["Lyon"]


def test_time_and_place_attached_to_the_event() -> None:
    clause, text = clause_of("Gunmen attacked a checkpoint in Mosul on Sunday, killing three guards.", "attacked")
    assert clause.temporal and clause.temporal[0].of(text) == "Sunday"
    assert clause.places and clause.places[0].of(text) == "Mosul"
    assert clause.subject is not None and clause.subject.of(text) == "Gunmen"
    assert clause.tense == "past"


def test_a_condemnation_frames_the_attack_and_is_not_its_subject() -> None:
    clause, text = clause_of("Norway condemns this cowardly attack.", "attack")
    assert clause.frame == "condemn"
    assert clause.frame_subject is not None and clause.frame_subject.of(text) == "Norway"
    assert clause.subject is None  # the attack's own subject is unknown, not the condemner


def test_a_call_for_an_investigation_frames_the_attack() -> None:
    clause, text = clause_of("An aid agency called for an inquiry into an attack that killed nine people.", "attack")
    assert clause.frame == "inquiry"
    assert clause.frame_subject is not None and clause.frame_subject.of(text) == "An aid agency"


def test_a_reported_event_keeps_its_own_subject() -> None:
    clause, text = clause_of("Officials said the militants shelled the town overnight.", "shelled")
    assert clause.frame == "say"
    assert clause.subject is not None and clause.subject.of(text) == "the militants"
    assert [s.of(text) for s in clause.temporal] == ["overnight"]
