"""The report's activity chart: a continuous month axis with empty months drawn as zero."""

from __future__ import annotations

from datetime import date

from spillwatch.api.report import monthly_series


def test_empty_months_are_zero_on_a_continuous_axis() -> None:
    rows = [{"country_iso3": "LBN", "period": date(2016, 11, 1), "events": 2},
            {"country_iso3": "LBN", "period": date(2017, 2, 1), "events": 1},
            {"country_iso3": "JOR", "period": date(2016, 12, 1), "events": 4}]
    months, series = monthly_series(rows)
    assert months == [date(2016, 11, 1), date(2016, 12, 1), date(2017, 1, 1), date(2017, 2, 1)]
    assert series == {"LBN": [2, 0, 0, 1], "JOR": [0, 4, 0, 0]}
    assert monthly_series([]) == ([], {})
