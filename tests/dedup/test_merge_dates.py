"""An event's date comes from its best-founded copy (issue 23: a dated copy folded into an undated twin)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from dedup_toys import DAY0, mention

from spillwatch.dedup.merge import build_event
from spillwatch.records import DateMention, DateSource, EventMention


def _sourced(article: str, day: int, source: DateSource, precision: str = "day") -> EventMention:
    m = mention(article, day=day, precision=precision)
    assert m.date is not None
    return replace(m, date=replace(m.date, source=source))


def test_own_words_beat_a_reporting_day_of_another_copy() -> None:
    e = build_event([_sourced("a", 3, "reported"), _sourced("b", 1, "expression"), mention("c", day=None)])
    assert (e.date_start, e.date_end, e.date_precision, e.date_source) == (DAY0 + timedelta(days=1),) * 2 + (
        "day", "expression")


def test_a_coarse_own_date_still_beats_a_reporting_day() -> None:
    e = build_event([_sourced("a", 3, "reported"), _sourced("b", 0, "dateline"), _sourced("c", 0, "inferred-year")])
    assert e.date_source == "dateline" and e.date_start == DAY0


def test_undated_copies_alone_give_no_date_and_no_source() -> None:
    unresolved = replace(mention("a", day=None), date=DateMention(mention("a").sentence, "Monday", None, None, "day"))
    e = build_event([unresolved, mention("b", day=None)])
    assert (e.date_start, e.date_source) == (None, None)


def test_same_source_keeps_earliest_start_of_the_finest() -> None:
    e = build_event([_sourced("a", 2, "reported"), _sourced("b", 4, "reported")])
    assert (e.date_start, e.date_end, e.date_precision, e.date_source) == (
        DAY0 + timedelta(days=2), DAY0 + timedelta(days=4), "range", "reported")


def _month(article: str) -> EventMention:
    m = _sourced(article, 0, "expression", "month")
    assert m.date is not None
    return replace(m, date=replace(m.date, end=DAY0 + timedelta(days=29)))


def test_a_finer_day_within_the_best_founded_month_refines_it() -> None:
    """'a battle that began in October 2016' (own words, a month) and the offensive's report on its
    day (the article's day, inside that month): the event is that day."""
    e = build_event([_sourced("a", 16, "reported"), _month("b")])
    assert (e.date_start, e.date_end, e.date_precision, e.date_source) == (DAY0 + timedelta(days=16),) * 2 + (
        "day", "reported")


def test_a_finer_day_outside_the_best_founded_month_does_not() -> None:
    e = build_event([_sourced("a", 45, "reported"), _month("b")])
    assert (e.date_precision, e.date_source) == ("month", "expression")
