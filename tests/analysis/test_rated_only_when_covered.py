"""A country is rated only in a month some origin covers it (README "As of a month, coverage and the watchlist"):
gaps gave a country its old base rate for up to six months after its coverage ended (``STALE_MONTHS``), while
risk gave it none and README says "not covered since MONTH"."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import pytest

from spillwatch.analysis.service import Insight, Who
from spillwatch.records import Event
from spillwatch.settings import load_settings
from spillwatch.store import Store, open_store
from tests.analysis.events_fixture import attack
from tests.analysis.test_analysis import NEIGHBOURS


def _acled(eid: str, iso3: str, day: date) -> Event:
    return replace(attack(eid, iso3, day), origin="acled", mention_ids=(), article_ids=())


@pytest.fixture
def insight(monkeypatch: pytest.MonkeyPatch) -> Iterator[Insight]:
    """An imported file covering Syria 2016-01..2016-12 and Lebanon 2016-01..2016-10 (its Lebanon part ends two
    months before the as-of month), an IS attack in each every other month."""
    import spillwatch.analysis.service as ins

    monkeypatch.setattr(ins, "country_graph", lambda: NEIGHBOURS)
    store: Store = open_store(":memory:")
    store.put_events([_acled(f"{c}{m}", c, date(2016, m, 10)) for c in ("SYR", "LBN") for m in range(1, 11, 2)])
    store.put_coverage([("acled", "file (test)", "SYR", date(2016, 1, 1), date(2016, 12, 31)),
                        ("acled", "file (test)", "LBN", date(2016, 1, 1), date(2016, 10, 31))])
    yield Insight(store, load_settings(db=":memory:"))
    store.close()


def test_a_country_not_covered_in_the_as_of_month_gets_no_rate_in_gaps_or_risk(insight: Insight) -> None:
    gaps = {r.country_iso3: r for r in insight.gaps(Who("ISL"), as_of=date(2016, 12, 1))}
    assert gaps["SYR"].threat is not None
    assert gaps["LBN"].threat is None and gaps["LBN"].gap is None, gaps["LBN"].basis
    assert gaps["LBN"].coverage == "not covered since 2016-10"
    assert gaps["LBN"].basis == "no rate: not covered since 2016-10"
    risk = {r.unit: r for r in insight.risk(Who("ISL"), as_of=date(2016, 12, 1))}
    assert risk["LBN"].risk is None  # risk and gaps agree
    in_october = {r.country_iso3: r for r in insight.gaps(Who("ISL"), as_of=date(2016, 10, 1))}
    assert in_october["LBN"].threat is not None  # covered that month: rated
