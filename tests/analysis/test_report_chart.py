"""The report's activity chart: a continuous month axis with empty months drawn as zero."""

from __future__ import annotations

from datetime import date

from spillwatch.analysis.activity import ActivityRow
from spillwatch.api.report import monthly_series


def _row(iso3: str, period: date, events: int) -> ActivityRow:
    return ActivityRow(iso3, None, None, period, events, None, None, None, 0, 0, 0, 0, None)


def test_empty_months_are_zero_on_a_continuous_axis() -> None:
    rows = [_row("LBN", date(2016, 11, 1), 2), _row("LBN", date(2017, 2, 1), 1), _row("JOR", date(2016, 12, 1), 4)]
    months, series = monthly_series(rows)
    assert months == [date(2016, 11, 1), date(2016, 12, 1), date(2017, 1, 1), date(2017, 2, 1)]
    assert series == {"LBN": [2, 0, 0, 1], "JOR": [0, 4, 0, 0]}
    assert monthly_series([]) == ([], {})
