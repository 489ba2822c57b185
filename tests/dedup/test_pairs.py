"""Which scorer reads a pair, and why each mention of an event joined it (dedup/pairs.py)."""

from __future__ import annotations

from dedup_toys import mention

from spillwatch.dedup.cluster import cluster
from spillwatch.dedup.pairs import explain_event, rule, score_pair
from spillwatch.dedup.score import THRESHOLD, features


def test_rules_by_what_each_side_states() -> None:
    dated = features(mention("a1", "Mosul", 0))
    assert rule(dated, features(mention("a1", "Mosul", 0, trigger=50))) == "same-article"
    assert rule(dated, features(mention("a2", "Mosul", 0))) == "dated-and-placed"
    assert rule(dated, features(mention("a3", "Mosul", None))) == "open"


def test_two_own_day_dates_keep_the_one_event_per_day_rule() -> None:
    a, b = features(mention("a1", "Mosul", 0)), features(mention("a2", "Mosul", 2))
    found = score_pair(a, b)
    assert found is not None and found < THRESHOLD


def test_every_member_says_whom_it_agrees_with_and_on_what() -> None:
    ms = [mention("a1", "Mosul", 0), mention("a2", "Mosul", 0), mention("a3", "Mosul", None)]
    (event,) = cluster(ms)
    joins = explain_event([features(m) for m in ms])
    assert [j.mention_id for j in joins] == sorted(event.mention_ids)
    by_id = {j.mention_id: j for j in joins}
    undated = by_id[ms[2].id]
    assert undated.rule == "open" and "date" in undated.unknown and "country IRQ" in undated.agreed
    assert undated.score is not None and undated.score >= THRESHOLD
    assert by_id[ms[0].id].partner_id == ms[1].id and "date" in by_id[ms[0].id].agreed


def test_a_single_mention_joined_nothing() -> None:
    (join,) = explain_event([features(mention("a1", "Mosul", 0))])
    assert join.rule == "alone" and join.partner_id is None and join.score is None
