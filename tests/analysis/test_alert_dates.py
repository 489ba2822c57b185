"""An alert's date is said as precisely as its event's date is known (issue 26): a new theatre first seen in an
attack known only as "March 2016" is dated '2016-03 (month)' in the CLI, REST, the report and the dashboard, as the
events table dates it, and a risk alert by the month it is for; JSON keeps the ISO day beside date_precision."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from spillwatch.analysis import alerts as al
from spillwatch.analysis.service import Insight, Who
from spillwatch.records import Event, Place, Span
from spillwatch.settings import load_settings
from spillwatch.store import open_store
from tests.analysis.events_fixture import attack, corpus_like

NEIGHBOURS = {"IRQ": frozenset({"SYR", "TUR", "JOR"}), "SYR": frozenset({"IRQ", "TUR", "JOR", "LBN"}),
              "TUR": frozenset({"SYR", "IRQ"}), "JOR": frozenset({"SYR", "IRQ"}), "LBN": frozenset({"SYR"}),
              "EGY": frozenset(), "BEL": frozenset()}


def brussels() -> list[Event]:
    """The sample corpus's case: an attack in Belgium known only as "March 2016" (month precision)."""
    base = attack("b1", "TUR", date(2016, 3, 1))
    where = Place(Span(0, 8), "Brussels", name="Brussels", country_iso3="BEL", adm1_code="BE.BU",
                  adm1_name="Brussels", lat=50.85, lon=4.35, precision=1)
    return [replace(base, place=where, date_precision="month")]


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    import spillwatch.analysis.service as ins

    monkeypatch.setattr(ins, "country_graph", lambda: NEIGHBOURS)
    path = str(tmp_path / "alerts.duckdb")
    store = open_store(path)
    store.put_events(corpus_like() + brussels())
    Insight(store, load_settings(db=path)).alerts(Who("ISL"), threshold=1.1)
    store.close()
    yield path


def test_stored_alert_carries_its_events_precision(db: str) -> None:
    store = open_store(db)
    try:
        rows = {a.unit: a for a in Insight(store, load_settings(db=db)).alert_rows()}
    finally:
        store.close()
    bel = rows["BEL"]
    assert bel.alert_date == date(2016, 3, 1) and bel.date_precision == "month"
    assert bel.when == "2016-03 (month)"
    assert rows["TUR"].date_precision == "day" and rows["TUR"].when == "2015-07-20"
    assert json.loads(json.dumps(bel.as_dict()))["date_precision"] == "month"


def test_risk_alert_is_dated_by_its_month() -> None:
    from spillwatch.analysis.watch import RiskRow

    row = RiskRow(unit="JOR", month=date(2017, 1, 1), risk=0.9, onset_risk=None, country_iso3="JOR",
                  country_name="Jordan", adm1_code=None, adm1_name=None, drivers="1 event here last month",
                  coverage="ucdp", why="active")
    (alert,) = al.risk_alerts([row], "Islamic State", 0.5)
    assert alert.date_precision == "month" and alert.when == "2017-01 (month)"


def test_cli_table_says_month_json_keeps_iso(db: str) -> None:
    from spillwatch.cli import main

    runner = CliRunner()
    table = runner.invoke(main, ["alerts", "--db", db])
    assert table.exit_code == 0, table.output
    assert "2016-03 (month)" in table.output and "2016-03-01" not in table.output
    found = runner.invoke(main, ["alerts", "--db", db, "--format", "json"])
    bel = next(r for r in json.loads(found.output) if r["unit"] == "BEL")
    assert bel["alert_date"] == "2016-03-01" and bel["date_precision"] == "month"


def test_rest_and_report_say_the_precision(db: str, tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from spillwatch.api import Spillwatch
    from spillwatch.api.report import build
    from spillwatch.serve.app import create_app

    with Spillwatch(db) as sw:
        page = build(sw, "ISL", as_of="2016-12")
    alerts = page.split("<h2>Alerts up to 2016-12</h2>")[1]
    assert "2016-03 (month)" in alerts and "2016-03-01" not in alerts
    assert ">TUR<" in alerts
    with TestClient(create_app(load_settings(db=db, open_reads=True))) as client:
        items = client.get("/api/alerts").json()["items"]
        earlier = client.get("/api/alerts", params={"as_of": "2016-02"}).json()
    bel = next(r for r in items if r["unit"] == "BEL")
    assert bel["alert_date"] == "2016-03-01" and bel["date_precision"] == "month"
    assert earlier["as_of_label"] == "as of 2016-02 (asked)"  # only what was known at that month's end
    assert "TUR" in {r["unit"] for r in earlier["items"]} and "BEL" not in {r["unit"] for r in earlier["items"]}
