"""A country's own base rate names the months it rests on (issue 26).

On news alone the sample corpus rated Syria, as of 2016-12, from its last 12 covered months, which reach back to
2014-06 because stories about elsewhere name it in passing (an event of IS in two of ten), and Türkiye from three
covered months with an attack in each; the row said only "10 covered months to 2016-12". It now names the months
with an event and the quiet ones, so that a reader sees how far back the rate reaches."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from spillwatch.analysis import coverage as cv
from spillwatch.analysis import gaps as gp
from spillwatch.analysis.service import Insight, Who
from spillwatch.settings import load_settings
from spillwatch.store import Store, open_store
from tests.analysis.events_fixture import attack


def _news(country: str, year: int, month: int) -> cv.Window:
    first = date(year, month, 1)
    return cv.Window("spillwatch", "news coded by spillwatch: 1 of 3 articles that month (33%)", country, first,
                     cv._month_end(first))


def test_own_history_names_its_months() -> None:
    covered = [2016 * 12 + m for m in (1, 5, 7, 11)]  # 2016-02, -06, -08, -12
    threat, basis = gp.own_history(covered, {2016 * 12 + 5, 2016 * 12 + 7, 2015 * 12})
    assert threat == pytest.approx(3 / 6)
    assert basis == ("own history: an event in 2 of the last 4 covered months, 2016-02..2016-12 (2016-06, 2016-08; "
                     "quiet: 2016-02, 2016-12)")
    assert gp.own_history(range(2016 * 12, 2016 * 12 + 12), {2016 * 12 + 3})[1].endswith(
        "(2016-04; quiet: 2016-01..2016-03, 2016-05..2016-12)")


@pytest.fixture
def insight() -> Iterator[Insight]:
    store: Store = open_store(":memory:")
    store.put_events([attack("s1", "SYR", date(2016, 6, 10)), attack("s2", "SYR", date(2016, 8, 24))])
    found = Insight(store, load_settings(db=":memory:"))
    windows = ([_news("SYR", 2014, m) for m in range(6, 13)]  # named in passing in 2014: quiet months
               + [_news("SYR", 2016, m) for m in (2, 6, 8, 12)])
    found.windows = lambda: windows  # type: ignore[method-assign]
    yield found
    store.close()


def test_the_row_says_how_far_back_a_news_rate_reaches(insight: Insight) -> None:
    [syria] = [r for r in insight.gaps(Who("ISL"), as_of=date(2016, 12, 1), watch=["SYR"])]
    assert syria.threat == pytest.approx(3 / 13, abs=1e-4)  # the last 12 covered months: 11 of them, 2 with an event
    assert "an event in 2 of the last 11 covered months, 2014-06..2016-12" in syria.basis
    assert "(2016-06, 2016-08; quiet: 2014-06..2014-12, 2016-02, 2016-12)" in syria.explanation
