"""Clustering scores on toy clusterings worked out by hand."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from pytest import approx

from spillwatch.dedup.metrics import bcubed, pairwise

GOLD = [{"a", "b", "c"}, {"d"}]
PRED = [{"a", "b"}, {"c", "d"}]


def test_pairwise_counts_shared_pairs() -> None:
    s = pairwise(PRED, GOLD)
    assert (s.precision, s.recall) == (approx(1 / 2), approx(1 / 3))


def test_bcubed_by_hand() -> None:
    s = bcubed(PRED, GOLD)
    assert (s.precision, s.recall) == (approx(0.75), approx(2 / 3))
    assert s.f1 == approx(2 * 0.75 * (2 / 3) / (0.75 + 2 / 3))


def test_all_singletons_against_one_cluster() -> None:
    gold = [{"a", "b", "c", "d"}]
    pred = [{"a"}, {"b"}, {"c"}, {"d"}]
    assert (bcubed(pred, gold).precision, bcubed(pred, gold).recall) == (1.0, approx(0.25))
    assert (pairwise(pred, gold).precision, pairwise(pred, gold).recall) == (1.0, 0.0)


def test_items_missing_from_the_prediction_count_as_singletons() -> None:
    assert bcubed([{"a", "b"}], [{"a", "b"}, {"c"}]) == bcubed([{"a", "b"}, {"c"}], [{"a", "b"}, {"c"}])


def test_overlapping_gold_uses_extended_bcubed() -> None:
    gold = [{"r1", "r2"}, {"r1", "r3"}]  # r1 reports two facts
    pred = [{"r1", "r2", "r3"}]
    s = bcubed(pred, gold)
    assert (s.precision, s.recall) == (approx(7 / 9), approx(17 / 18))
    p = pairwise(pred, gold)
    assert (p.precision, p.recall) == (approx(2 / 3), 1.0)


PARTITION = st.lists(st.sets(st.sampled_from("abcdefgh"), min_size=1), max_size=5)


@given(PARTITION)
def test_identical_clusterings_score_one(clusters: list[set[str]]) -> None:
    s = bcubed(clusters, clusters)
    assert (s.precision, s.recall) == (approx(1.0), approx(1.0))


@given(PARTITION, PARTITION)
def test_swapping_sides_swaps_precision_and_recall(a: list[set[str]], b: list[set[str]]) -> None:
    ab, ba = bcubed(a, b), bcubed(b, a)
    assert (ab.precision, ab.recall) == (approx(ba.recall), approx(ba.precision))
    assert 0.0 <= ab.precision <= 1.0 and 0.0 <= ab.recall <= 1.0
