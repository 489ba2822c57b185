"""News coded here watches a country one month at a time: consecutive monthly windows count as one for the
new-theatre rule's lead time (issue 27), and a month with no coverage breaks the chain."""

from __future__ import annotations

from datetime import date, timedelta

from spillwatch.analysis.coverage import Window, watched_before


def month(country: str, year: int, m: int, origin: str = "spillwatch") -> Window:
    first = date(year, m, 1)
    last = date(year + m // 12, m % 12 + 1, 1) - timedelta(days=1)
    return Window(origin, "news coded by spillwatch: 1 of 1 articles that month (100%)", country, first, last)


MONTHS = [(2025, m) for m in range(9, 13)] + [(2026, m) for m in range(1, 5)]


def test_consecutive_months_cover_the_lead_time() -> None:
    ws = [month("JOR", y, m) for y, m in MONTHS] + [month("SYR", 2026, 4)]
    found = watched_before(ws, "JOR", date(2026, 4, 14), "spillwatch", 180)
    assert found is not None and found.date_from == date(2025, 10, 1) and found.date_to == date(2026, 4, 30)
    assert "windows chained" in found.source
    assert watched_before(ws, "SYR", date(2026, 4, 14), "spillwatch", 180) is None
    assert watched_before(ws, "JOR", date(2026, 4, 14), "ucdp", 180) is None


def test_a_month_without_coverage_breaks_the_chain() -> None:
    ws = [month("JOR", y, m) for y, m in MONTHS if (y, m) != (2026, 1)]
    assert watched_before(ws, "JOR", date(2026, 4, 14), "spillwatch", 180) is None
    assert watched_before(ws, "JOR", date(2026, 4, 14), "spillwatch", 60) is not None


def test_one_long_window_is_still_preferred() -> None:
    long = Window("ucdp", "ged.csv", "JOR", date(2020, 1, 1), date(2026, 12, 31))
    assert watched_before([long, month("JOR", 2026, 4, "ucdp")], "JOR", date(2026, 4, 14), "ucdp", 180) == long
