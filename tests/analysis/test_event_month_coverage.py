"""A known event is never outside the months its rate is judged on (issue 26, the coverage denominator).

Coded news watched a country only in the months articles were published about it, so the Brussels bombings, known
only as "March 2016" from a July 2016 story, fell in a month nobody watched: Belgium read "an event in 0 of the last 1
covered months" while the store held the bombing. An article now also watches a country in an earlier month it reports
an event there in, a window known only from that article's day (an analysis as of a month before it does not see it).
Dates known only to the month are shown as months ("2016-03 (month)"), never as the first of the month."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from spillwatch.analysis import coverage as cv
from spillwatch.analysis.service import Insight, Who
from spillwatch.records import Place, Span, dated
from spillwatch.settings import load_settings
from spillwatch.store import Store, open_store
from tests.analysis.events_fixture import attack

JULY = cv.Window("spillwatch", "news coded by spillwatch: 1 of 3 articles that month (33%)", "BEL",
                 date(2016, 7, 1), date(2016, 7, 31))


def _rows(sql: str, params: Any) -> list[dict[str, Any]]:
    if sql is cv.NEWS_MONTHS_SQL:
        return [{"month": date(2016, 7, 1), "country_iso3": "BEL", "articles": 1, "total": 3}]
    if sql is cv.NEWS_EVENT_MONTHS_SQL:  # the March bombings told in July; July itself is a window already
        return [{"month": date(2016, 3, 1), "country_iso3": "BEL", "adm1_code": None, "adm1_name": None,
                 "articles": 2, "known": date(2016, 7, 15)},
                {"month": date(2016, 7, 1), "country_iso3": "BEL", "adm1_code": None, "adm1_name": None,
                 "articles": 1, "known": date(2016, 7, 20)}]
    return []


def test_an_article_watches_the_earlier_months_it_reports_events_in() -> None:
    windows = cv.news_windows(_rows)
    assert windows == [JULY, cv.Window(
        "spillwatch", "news coded by spillwatch: 2 later articles report an event that month (first on 2016-07-15)",
        "BEL", date(2016, 3, 1), date(2016, 3, 31), None, date(2016, 7, 15))]


@pytest.fixture
def insight(monkeypatch: pytest.MonkeyPatch) -> Iterator[Insight]:
    store: Store = open_store(":memory:")
    brussels = Place(Span(0, 8), "Brussels", name="Brussels", country_iso3="BEL", adm1_code="BE.11",
                     adm1_name="Brussels", lat=50.85, lon=4.35, precision=1)
    bombing = replace(attack("b1", "TUR", date(2016, 3, 1)), place=brussels, date_precision="month")
    store.put_events([bombing])
    monkeypatch.setattr(cv, "windows", lambda query: cv.news_windows(_rows))
    yield Insight(store, load_settings(db=":memory:"))
    store.close()


def test_a_known_event_counts_in_a_watched_month(insight: Insight) -> None:
    row = {r.country_iso3: r for r in insight.gaps(Who("ISL"), as_of=date(2016, 7, 1), watch=["BEL"])}["BEL"]
    assert "an event in 1 of the last 2 covered months, 2016-03..2016-07 (2016-03; quiet: 2016-07)" in row.basis
    assert row.latest_event == "2016-03 (month) assault at Brussels"  # a month-precision date reads as a month


def test_a_window_counts_only_once_its_article_is_known(insight: Insight) -> None:
    assert [w.date_from for w in insight.known_windows(date(2016, 5, 31))] == [date(2016, 7, 1)]  # not March's yet
    row = {r.country_iso3: r for r in insight.gaps(Who("ISL"), as_of=date(2016, 5, 1), watch=["BEL"])}["BEL"]
    assert row.threat is None and row.coverage == "never covered"  # March is watched only from 2016-07-15


def test_dates_read_as_precisely_as_they_are_known() -> None:
    day = date(2016, 3, 1)
    assert [dated(day, p) for p in ("day", "month", "year", "week", None)] == [
        "2016-03-01", "2016-03 (month)", "2016 (year)", "2016-03-01 (week)", "2016-03-01"]
    assert dated(None, "month") == ""
