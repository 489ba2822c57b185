"""Dates as users write them (spillwatch.datespec): days, months, years, ranges; clear refusals."""

from __future__ import annotations

from datetime import date

import pytest

from spillwatch.api.names import DateSpan, end_of, parse_span, start_of


@pytest.mark.parametrize(("text", "span"), [
    ("2016-05-03", DateSpan(date(2016, 5, 3), date(2016, 5, 3))),
    ("2016-05", DateSpan(date(2016, 5, 1), date(2016, 5, 31))),
    ("2016-02", DateSpan(date(2016, 2, 1), date(2016, 2, 29))),  # leap year
    ("2017-02", DateSpan(date(2017, 2, 1), date(2017, 2, 28))),
    ("2016", DateSpan(date(2016, 1, 1), date(2016, 12, 31))),
    ("2016-05..2016-08", DateSpan(date(2016, 5, 1), date(2016, 8, 31))),
    (" 2016-05-03 .. 2017 ", DateSpan(date(2016, 5, 3), date(2017, 12, 31))),
])
def test_spans(text: str, span: DateSpan) -> None:
    assert parse_span(text) == span


@pytest.mark.parametrize(("text", "says"), [
    ("2016-13-01", "month must be in 1..12"), ("2017-02-30", "day is out of range"), ("2016-13", "month must be"),
    ("2016/05", "write 2016-05"), ("05/2016", "write 2016-05"), ("2016-5", "write 2016-05"),
    ("May 2016", "not a date"), ("2017..2016", "ends before it starts"), ("", "not a date"), ("0000", "not a date"),
])
def test_refusals_name_the_input_and_the_forms(text: str, says: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_span(text)
    assert says in str(info.value) and repr(text) in str(info.value) and "YYYY-MM" in str(info.value)


def test_bounds() -> None:
    assert (start_of("2016-05"), end_of("2016-05")) == ("2016-05-01", "2016-05-31")
    assert start_of(None) is None and end_of(None) is None
