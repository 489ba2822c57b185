"""Gaps compare like with like: a bounded threat per country, money valued in USD, one sentence per row."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from spillwatch.analysis import gaps as gp
from spillwatch.analysis import support as su
from spillwatch.analysis.service import Insight, Who
from spillwatch.settings import load_settings
from spillwatch.store import Store, open_store
from tests.analysis.events_fixture import corpus_like
from tests.analysis.test_analysis import NEIGHBOURS


@pytest.fixture
def insight(monkeypatch: pytest.MonkeyPatch) -> Iterator[Insight]:
    import spillwatch.analysis.service as ins

    monkeypatch.setattr(ins, "country_graph", lambda: NEIGHBOURS)
    store: Store = open_store(":memory:")
    store.put_events(corpus_like())
    yield Insight(store, load_settings(db=":memory:"))
    store.close()


def _pledge(tmp_path: Path, line: str) -> str:
    path = tmp_path / "pledge.csv"
    path.write_text("donor,recipient,recipient_country,kind,amount,currency,status,date\n" + line + "\n")
    return str(path)


def test_a_usd_50m_pledge_moves_lebanon_by_what_the_formula_says(insight: Insight, tmp_path: Path) -> None:
    before = {r.country_iso3: r for r in insight.gaps(Who("ISL"))}
    assert {"LBN", "JOR"} <= set(before)
    lbn = before["LBN"]
    assert lbn.threat is not None
    cad_in_usd = su.usd(next(r for r in insight.ledger() if r.recipient_country == "LBN"))
    assert cad_in_usd is not None and 0.6e6 < cad_in_usd < 0.9e6  # CAD 1 M at the ECB rate of 2016-12-05
    assert lbn.support_usd == pytest.approx(cad_in_usd, abs=0.01)
    assert lbn.gap == pytest.approx(gp.gap_value(lbn.threat, cad_in_usd), abs=1e-4)
    insight.add_support_csv(_pledge(tmp_path, "United States,Lebanese army,LBN,money,50000000,USD,pledged,2016-11"))
    after = {r.country_iso3: r for r in insight.gaps(Who("ISL"))}
    assert after["LBN"].threat == lbn.threat
    assert after["LBN"].support_usd == pytest.approx(cad_in_usd + 50e6, abs=0.01)
    expected = lbn.threat / (1 + (cad_in_usd + 50e6) / 10e6)
    assert after["LBN"].gap == pytest.approx(expected, abs=1e-4)
    assert {c: r.gap for c, r in after.items() if c != "LBN"} == {c: r.gap for c, r in before.items()
                                                                      if c != "LBN"}


def test_threat_is_bounded_and_does_not_depend_on_other_countries(insight: Insight) -> None:
    rows = insight.gaps(Who("ISL"))
    assert all(r.threat is not None and 0.0 <= r.threat <= 1.0 for r in rows)
    jordan = next(r for r in rows if r.country_iso3 == "JOR")
    assert jordan.equipment == 1 and jordan.support_usd == 0  # 26 trucks: own column, no dollar value
    assert jordan.explanation.startswith("Jordan (JOR): ") and jordan.explanation.count(". ") == 0
    assert "truck × 26" in jordan.explanation and "26 truck" not in jordan.explanation
    assert "gap is" in jordan.explanation


def test_user_dates_accept_months_years_and_ranges(tmp_path: Path) -> None:
    assert su.user_date("2016-11") == date(2016, 11, 1) and su.user_date("2016") == date(2016, 1, 1)
    assert su.user_date("2016-12-05..2016-12-11") == date(2016, 12, 5) and su.user_date("2016-11/2016-12") == date(
        2016, 11, 1)
    rows = su.read_csv(_pledge(tmp_path, "Canada,Jordan army,JOR,money,5,USD,pledged,2016-11"))
    assert rows[0].date == date(2016, 11, 1)
    with pytest.raises(ValueError):
        su.user_date("November")


def test_gaps_as_of_a_month_use_only_what_was_known_then(insight: Insight) -> None:
    rows = {r.country_iso3: r for r in insight.gaps(Who("ISL"), as_of=date(2016, 12, 1))}
    assert {"LBN", "JOR"} <= set(rows) and all(r.month == date(2017, 1, 1) for r in rows.values())
    assert "2017-11-24" not in " ".join(r.explanation for r in rows.values())  # the later Sinai attack
