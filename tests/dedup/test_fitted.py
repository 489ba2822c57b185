"""Pairs with an unknown date or country (dedup/fitted.py), on invented mentions."""

from __future__ import annotations

from dataclasses import replace

from dedup_toys import mention

from spillwatch.dedup import fitted
from spillwatch.dedup.score import THRESHOLD, features
from spillwatch.records import Argument, EventMention, Span


def named(m: EventMention, *names: str) -> EventMention:
    return replace(m, arguments=tuple(Argument("entity", Span(0, 0), n) for n in names))


def test_the_shipped_model_reads_the_features_it_was_fitted_on() -> None:
    m = fitted.model()
    assert len(m.weights) == len(fitted.FEATURES) and 0.0 < m.threshold < 1.0


def test_the_fitted_threshold_sits_at_the_merge_level_and_order_is_kept() -> None:
    t = 0.3
    assert fitted.scaled(t, t) == THRESHOLD
    values = [fitted.scaled(p / 10, t) for p in range(11)]
    assert values == sorted(values) and values[0] == 0.0 and values[-1] == 1.0


def test_nothing_in_common_but_the_type_is_no_candidate() -> None:
    a = features(replace(mention("a1", None, None, sources=()), trigger_text="raid"))
    b = features(replace(mention("a2", None, None, sources=()), trigger_text="strike"))
    assert fitted.vector(a, b, 3) is None


def test_a_shared_name_with_no_date_is_scored_and_unknown_is_not_a_mismatch() -> None:
    a = features(named(mention("a1", None, None, sources=()), "Lindsay Lohan"))
    b = features(named(mention("a2", None, None, sources=()), "Lindsay Lohan"))
    x = fitted.vector(a, b, 3)
    assert x is not None
    values = dict(zip(fitted.FEATURES, x, strict=True))
    assert values["date_unknown"] == 1.0 and values["country_unknown"] == 1.0 and values["shared_names"] > 0


def test_a_contradiction_keeps_a_pair_apart() -> None:
    base = named(mention("a1", "Mosul", None), "Mosul")
    assert fitted.vector(features(base), features(named(mention("a2", "Raqqa", None), "Mosul")), 3) is None
    far = features(replace(base, article_id="a3", date=mention("x", day=20).date))
    near = features(replace(base, article_id="a4", date=mention("x", day=0).date, place=None))
    assert fitted.vector(far, near, 3) is None  # both dated, 20 days apart
    other_side = features(named(mention("a5", None, None, sources=("UNO",)), "Mosul"))
    assert fitted.vector(features(base), other_side, 3) is None  # specific actors, none shared
