"""Activity, spread, risk, ledger, gaps and alerts on a small hand-made store."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from spillwatch.analysis import activity as act
from spillwatch.analysis import spread as sp
from spillwatch.analysis import support as su
from spillwatch.analysis.service import Insight, Who
from spillwatch.errors import SourceError
from spillwatch.settings import load_settings
from spillwatch.store import Store, open_store
from tests.analysis.events_fixture import corpus_like

NEIGHBOURS = {"IRQ": frozenset({"SYR", "TUR", "JOR"}), "SYR": frozenset({"IRQ", "TUR", "JOR", "LBN"}),
              "TUR": frozenset({"SYR", "IRQ"}), "JOR": frozenset({"SYR", "IRQ"}), "LBN": frozenset({"SYR"}),
              "EGY": frozenset()}


@pytest.fixture
def store() -> Iterator[Store]:
    s = open_store(":memory:")
    s.put_events(corpus_like())
    yield s
    s.close()


def test_activity_counts_match_direct_count(store: Store) -> None:
    rows = act.activity(store.query, act.Scope(actor_ids=("ISL",)), "country", "month")
    turkey = [r for r in rows if r["country_iso3"] == "TUR"]
    assert sum(r["events"] for r in turkey) == 6
    assert sum(r["fatalities_best"] or 0 for r in turkey) == 33 + 100 + 12 + 45 + 50 + 39
    july = next(r for r in turkey if r["period"] == date(2015, 7, 1))
    assert july["events"] == 1 and july["explosions"] == 1


def test_affiliates_widen_scope(store: Store) -> None:
    only = act.activity(store.query, act.Scope(actor_ids=("ISL",)), "country")
    family = act.activity(store.query, act.Scope(actor_ids=("ISL", "ISL_SIN")), "country")
    assert "EGY" not in {r["country_iso3"] for r in only}
    assert "EGY" in {r["country_iso3"] for r in family}


def test_new_theatres_origin_and_diffusion(store: Store) -> None:
    points = sp.event_points(store.query, act.Scope(actor_ids=("ISL",)))
    theatres = {t.unit: t for t in sp.new_theatres(points, "country", NEIGHBOURS)}
    assert theatres["IRQ"].origin and theatres["SYR"].origin
    assert not theatres["JOR"].origin and theatres["JOR"].first_date == date(2016, 6, 21)
    assert theatres["JOR"].first_event_id == "j1"
    assert theatres["LBN"].first_date == date(2014, 8, 2) and theatres["LBN"].diffused_from == ("SYR",)


def test_reemergence_after_quiet_period(store: Store) -> None:
    points = sp.event_points(store.query, act.Scope(actor_ids=("ISL",)))
    found = sp.reemergence(points, "country", sp.SpreadConfig(quiet_days=365))
    assert {(r.unit, r.resumed) for r in found} >= {("LBN", date(2016, 6, 27)), ("IRQ", date(2017, 3, 1))}


def test_ledger_from_events_and_csv(store: Store, tmp_path: Path) -> None:
    rows = list(su.ledger_from_events(store.all_events()))
    trucks = next(r for r in rows if r.recipient_country == "JOR")
    assert (trucks.kind, trucks.count, trucks.item, trucks.status) == ("equipment", 26, "truck", "delivered")
    money = next(r for r in rows if r.recipient_country == "LBN")
    assert (money.kind, money.amount, money.currency, money.status) == ("money", 1e6, "CAD", "pledged")
    good = tmp_path / "ledger.csv"
    good.write_text("donor,recipient,recipient_country,kind,amount,currency,status,date\n"
                    "Norway,Iraq army,irq,money,5000000,NOK,pledged,2017-01-15\n")
    assert su.read_csv(good)[0].recipient_country == "IRQ"
    bad = tmp_path / "bad.csv"
    bad.write_text("donor,recipient,recipient_country,kind,amount\nNorway,Iraq,IRQ,money,lots\n")
    with pytest.raises(SourceError, match=r"bad\.csv:2"):
        su.read_csv(bad)


def test_gaps_rank_unsupported_violence_first(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    import spillwatch.analysis.service as ins

    monkeypatch.setattr(ins, "country_graph", lambda: NEIGHBOURS)
    insight = Insight(store, load_settings(db=":memory:"))
    rows = insight.gaps(Who("ISL"), as_of=date(2017, 3, 1))  # the month of IS's last event here
    order = [r.country_iso3 for r in rows]
    assert order.index("TUR") < order.index("JOR") and order.index("TUR") < order.index("LBN")
    turkey = rows[order.index("TUR")]
    assert "no support commitments recorded" in turkey.explanation
    jordan = rows[order.index("JOR")]
    assert "truck × 26" in jordan.explanation and jordan.commitments == 1


def test_risk_backtest_reports_model_and_baseline(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    import spillwatch.analysis.service as ins

    monkeypatch.setattr(ins, "country_graph", lambda: NEIGHBOURS)
    insight = Insight(store, load_settings(db=":memory:"))
    result = insight.backtest(Who("ISL"), "country", date(2016, 4, 1))
    scores = {(r.target, r.model): r for r in result.scores}
    assert set(scores) == {(t, m) for t in ("any", "onset") for m in
                           ("model", "last month", "neighbours last month", "lags LR", "own base rate")}
    assert all(r.positives + r.negatives > 0 for r in result.scores)
    assert all(r.average_precision is None and "too few" in (r.note or "") for r in result.scores)  # 14 events


def test_alerts_are_stored_once(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    import spillwatch.analysis.service as ins

    monkeypatch.setattr(ins, "country_graph", lambda: NEIGHBOURS)
    insight = Insight(store, load_settings(db=":memory:"))
    first = insight.alerts(Who("ISL"), threshold=1.1)
    assert {a.unit for a in first} >= {"TUR", "JOR"}
    assert "LBN" not in {a.unit for a in first}  # first seen 2014-08, 53 days into the news window: not judged
    assert all(a.kind == "new-theatre" for a in first)
    assert insight.alerts(Who("ISL"), threshold=1.1) == []
    assert len(insight.alert_rows()) == len(first)


def test_report_is_one_offline_html_file(store: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import spillwatch.analysis.service as ins
    from spillwatch.api import Spillwatch
    from spillwatch.api.report import build

    monkeypatch.setattr(ins, "country_graph", lambda: NEIGHBOURS)
    sw = Spillwatch(settings=load_settings(db=":memory:"))
    sw._store = store
    text = build(sw, "ISL")
    assert text.startswith("<!doctype html>") and text.count("data:image/png;base64,") == 2
    assert "http://" not in text and "https://" not in text  # nothing to fetch
    assert "Gaziantep" in text and "26" in text


def test_a_commitment_reported_twice_is_one_ledger_row() -> None:
    from spillwatch.records import Quantity, Span
    from tests.analysis.events_fixture import JOR_MIL, aid

    trucks = Quantity(Span(0, 9), "26 trucks", "equipment", 26, 26, 26, "truck")
    first = aid("x1", JOR_MIL, date(2016, 9, 1), trucks)
    again = aid("x2", JOR_MIL, date(2016, 12, 5), trucks)  # a later story recalls the same delivery
    other = aid("x3", JOR_MIL, date(2018, 1, 1), trucks)  # a new delivery, more than 120 days on
    rows = su.merge_reports(su.ledger_from_events([first, again, other]))
    assert [(r.date, r.count) for r in rows] == [(date(2016, 9, 1), 26), (date(2018, 1, 1), 26)]


def test_support_to_two_countries_is_two_ledger_rows() -> None:
    from dataclasses import replace

    from tests.analysis.events_fixture import CAN, JOR_MIL, LBN_MIL, attack

    advisers = replace(attack("c1", "JOR", date(2016, 12, 1)), type="COOPERATE", modes=("advise",),
                       sources=(CAN,), targets=(JOR_MIL, LBN_MIL))
    rows = list(su.ledger_from_events([advisers]))
    assert sorted((r.recipient_country, r.kind) for r in rows) == [("JOR", "advisers"), ("LBN", "advisers")]


def test_new_theatres_are_judged_inside_coverage_windows(store: Store) -> None:
    from spillwatch.analysis import coverage as cv

    points = sp.event_points(store.query, act.Scope(actor_ids=("ISL",)))
    windows = cv.windows(store.query)
    assert [w.describe() for w in windows] == ["spillwatch all countries 2014-06-10..2017-11-24"]
    theatres = {t.unit: t for t in sp.new_theatres(points, "country", NEIGHBOURS, sp.SpreadConfig(), windows)}
    assert theatres["LBN"].status == "coverage start" and not theatres["LBN"].new
    assert theatres["JOR"].new and theatres["JOR"].window == "spillwatch all countries 2014-06-10..2017-11-24"
    assert theatres["IRQ"].status == "origin"
