"""The founding question on a small store of our own: a hand-coded file covering Syria to 2019 beside news up to
2017. Lebanon and Jordan, which hold the recorded support, are always rows of gaps and risk (with "not covered
since" where no origin watches them), threat and support stand in separate columns, every analysis is judged
as of a month, and an as-of month nobody covers is one clear error, never a traceback."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from spillwatch.analysis import coverage as cv
from spillwatch.analysis.service import Insight, Who
from spillwatch.api import Spillwatch
from spillwatch.cli import main
from spillwatch.errors import ConfigError
from spillwatch.records import Actor, Event
from spillwatch.settings import load_settings
from spillwatch.store import Store, open_store
from tests.analysis.events_fixture import ISL, attack, corpus_like
from tests.analysis.test_analysis import NEIGHBOURS

SYR_GOV = Actor("SYR_GOV", "Government of Syria", "SYR", "GOV")


def _ucdp_syria() -> list[Event]:
    """A battle between IS and the Syrian government every month of 2016-01..2019-06 (origin ucdp)."""
    out = []
    for k in range(42):
        base = attack(f"u{k}", "SYR", date(2016 + k // 12, k % 12 + 1, 15))
        out.append(replace(base, origin="ucdp", sources=(SYR_GOV, ISL), parties=(SYR_GOV, ISL), targets=(),
                           acled_type="Battles", acled_subtype="Armed clash"))
    return out


@pytest.fixture
def mixed(monkeypatch: pytest.MonkeyPatch) -> Iterator[Insight]:
    import spillwatch.analysis.service as ins

    monkeypatch.setattr(ins, "country_graph", lambda: NEIGHBOURS)
    store: Store = open_store(":memory:")
    store.put_events([*corpus_like(), *_ucdp_syria()])
    store.put_coverage([("ucdp", "ged syria (test)", "SYR", date(2016, 1, 1), date(2019, 6, 30))])
    yield Insight(store, load_settings(db=":memory:"))
    store.close()


def test_default_as_of_is_the_last_covered_month_and_lebanon_and_jordan_are_rows(mixed: Insight) -> None:
    when = mixed.as_of()
    assert (when.month, when.reason) == (date(2019, 6, 1), "the last month some origin covers")
    rows = {r.country_iso3: r for r in mixed.gaps(Who("ISL"))}
    assert {"SYR", "LBN", "JOR"} <= set(rows)
    for c in ("LBN", "JOR"):  # the news ended in 2017-11: no rate, said so
        assert rows[c].threat is None and rows[c].gap is None
        assert rows[c].coverage == "not covered since 2017-11" and "support recipient" in rows[c].why
    assert rows["LBN"].support_usd > 0 and "no rate" in rows["LBN"].explanation
    assert rows["SYR"].threat is not None and rows["SYR"].month == date(2019, 7, 1)
    risk = {r.unit: r for r in mixed.risk(Who("ISL"), min_risk=0.5)}
    assert {"LBN", "JOR"} <= set(risk) and risk["LBN"].risk is None
    assert risk["LBN"].drivers == "not covered since 2017-11: no rate"


def test_as_of_2016_12_ranks_them_with_threat_and_support_apart(mixed: Insight) -> None:
    rows = mixed.gaps(Who("ISL"), as_of=date(2016, 12, 1))
    by = {r.country_iso3: r for r in rows}
    assert {"SYR", "LBN", "JOR"} <= set(by)
    for c in ("SYR", "LBN", "JOR"):
        assert 0.0 <= (by[c].threat or -1.0) <= 1.0 and by[c].month == date(2017, 1, 1)
    assert max(rows, key=lambda r: r.threat or 0.0).country_iso3 == "SYR"
    assert by["LBN"].support_usd > 0 and by["JOR"].support_usd == 0 and by["JOR"].equipment == 1
    assert (by["LBN"].gap or 1.0) < (by["LBN"].threat or 0.0)  # support lowers the gap, never the threat
    assert by["JOR"].latest_event == "2016-12-18 assault at Karak"  # a country's latest event is its latest
    assert [r.country_iso3 for r in rows].index("SYR") == 0


def test_an_as_of_month_nobody_covers_is_one_clear_error(mixed: Insight) -> None:
    with pytest.raises(ConfigError, match="no origin covers any month after 2019-06"):
        mixed.gaps(Who("ISL"), as_of=date(9999, 12, 1))
    with pytest.raises(ConfigError, match="before 2014-06"):
        mixed.risk(Who("ISL"), as_of=date(2001, 1, 1))


def test_spread_as_of_uses_only_what_was_known_then(mixed: Insight) -> None:
    later = mixed.spread(Who("ISL"), as_of=date(2016, 12, 1))
    assert later.as_of_label == "as of 2016-12 (asked)"
    assert all(t.first_date <= date(2016, 12, 31) for t in later.theatres)
    assert all(w.date_to <= date(2016, 12, 31) for w in later.windows)


def test_news_watches_only_the_countries_its_articles_report_on() -> None:
    rows = [{"month": date(2016, 12, 1), "country_iso3": "LBN", "articles": 2, "total": 6}]
    windows = cv.news_windows(lambda sql, params: rows if sql is cv.NEWS_MONTHS_SQL else [])
    assert windows == [cv.Window("spillwatch", "news coded by spillwatch: 2 of 6 articles that month (33%)", "LBN",
                                 date(2016, 12, 1), date(2016, 12, 31))]
    cover = cv.Coverage(windows)
    m = 2016 * 12 + 11
    assert cover.covered("LBN", m) and not cover.covered("AND", m)
    assert cover.describe("AND", m) == "never covered" and cover.describe("LBN", m + 3) == "not covered since 2016-12"


@pytest.fixture(scope="module")
def news_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Coded news alone: Iraq and Syria in 2016-12, Lebanon and Jordan named by the support story; no word of
    Andorra or Monaco."""
    folder = tmp_path_factory.mktemp("news")
    texts = {
        "iraq.txt": "Islamic State militants killed 12 civilians in Kirkuk, Iraq, on Tuesday, Dec. 20, 2016.\n",
        "syria.txt": "Islamic State fighters killed 9 civilians in Raqqa, Syria, on Monday, Dec. 12, 2016.\n\n"
                     "Islamic State militants shelled a village near Deir ez-Zor, Syria, on Dec. 14, 2016.\n",
        "support.txt": "Canada gave 26 trucks to the Jordanian army in Amman, Jordan, on Dec. 5, 2016, and $1 "
                       "million to the Lebanese army in Beirut, Lebanon, on Dec. 6, 2016.\n",
    }
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = str(folder / "news.duckdb")
    with Spillwatch(db) as sw:
        sw.ingest([str(folder / n) for n in texts])
    return db


def test_news_alone_no_rate_where_no_article_reports(news_db: str) -> None:
    with Spillwatch(news_db, read_only=True) as sw:
        assert sw.as_of().month == date(2016, 12, 1)
        rows = {r.country_iso3: r for r in sw.gaps("ISL", as_of="2016-12", watch=["AND,MCO", "LBN", "JOR",
                                                                                       "SYR", "IRQ"])}
    assert set(rows) >= {"AND", "MCO", "LBN", "JOR", "SYR", "IRQ"}
    assert rows["AND"].threat is None and rows["AND"].coverage == "never covered"
    assert rows["MCO"].threat is None
    assert (rows["LBN"].coverage or "").startswith("news coded by spillwatch: ")
    assert rows["SYR"].threat is not None and rows["SYR"].threat >= max(
        r.threat or 0.0 for r in rows.values())


def test_cli_as_of_out_of_range_and_far_backtest_are_one_line_errors(tmp_path: Path, news_db: str) -> None:
    for args in (["gaps", "ISL", "--as-of", "9999-12"], ["risk", "ISL", "--backtest", "9999-12"],
                 ["risk", "ISL", "--as-of", "9999-12"], ["spread", "ISL", "--as-of", "9999-12"]):
        got = CliRunner().invoke(main, [*args, "--db", news_db])
        assert got.exit_code == 2, got.output
        assert got.output.startswith("error: ") and got.output.count("\n") == 1 and "Traceback" not in got.output
    title = CliRunner().invoke(main, ["gaps", "ISL", "--db", news_db, "--format", "table"]).output
    assert "as of 2016-12 (the last month some origin covers)" in title


def test_cli_risk_json_says_whether_the_model_was_fit(news_db: str) -> None:
    got = CliRunner().invoke(main, ["risk", "ISL", "--as-of", "2016-12", "--format", "json", "--db", news_db])
    assert got.exit_code == 0, got.output
    rows = json.loads(got.output[got.output.index("["):])
    assert rows and all(isinstance(r["fitted"], bool) and r["basis"] for r in rows)


def test_rest_takes_as_of_and_watch(news_db: str) -> None:
    from fastapi.testclient import TestClient

    from spillwatch.serve.app import create_app

    with TestClient(create_app(load_settings(db=news_db))) as client:
        gaps = client.get("/api/gaps", params={"as_of": "2016-12", "watch": "AND,LBN"}).json()
        assert gaps["as_of_label"] == "as of 2016-12 (asked)"
        assert {r["country_iso3"] for r in gaps["items"]} >= {"AND", "LBN"}
        risk = client.get("/api/risk", params={"as_of": "2016-12"}).json()
        assert risk["as_of"] == "2016-12-01" and all("coverage" in r for r in risk["items"])
        assert client.get("/api/spread", params={"as_of": "2016-12"}).json()["as_of_label"].startswith("as of 2016-12")
        refused = client.get("/api/gaps", params={"as_of": "9999-12"})
        assert refused.status_code == 400 and "no origin covers any month after 2016-12" in refused.text
