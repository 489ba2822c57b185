"""Issue 26's "What it must show" on the real data: UCDP GED Syria + the sample corpus + the seed, and the corpus and
the seed alone (the session's ``corpus_db``), through the CLI an analyst types."""

from __future__ import annotations

import json
import shutil
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import shared_path
from spillwatch.cli import main

pytestmark = [pytest.mark.shared, pytest.mark.slow]
UCDP = ("data", "ucdp-ged-syria", "ged191_syria_2016_2019.csv.gz")


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def _gaps(db: str, *extra: str) -> dict[str, dict[str, Any]]:
    return {r["country_iso3"]: r for r in json.loads(_run("gaps", "ISL", "--db", db, "--format", "json", *extra))}


@pytest.fixture(scope="module")
def mixed_db(corpus_db: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The corpus store with UCDP GED Syria imported into a copy of it."""
    db = str(tmp_path_factory.mktemp("mixed") / "an.duckdb")
    shutil.copy(corpus_db, db)
    _run("import", "ucdp", str(shared_path(*UCDP)), "--db", db)
    return db


def test_ucdp_corpus_seed_lebanon_and_jordan_are_rows_then_ranked_as_of_2016_12(mixed_db: str) -> None:
    now = _gaps(mixed_db)  # as of 2019-11, the last month UCDP covers: the news ended long before
    assert now["SYR"]["threat"] is not None
    assert now["LBN"]["coverage"] == "not covered since 2017-08"
    assert now["JOR"]["coverage"] == "not covered since 2016-12"
    assert now["LBN"]["threat"] is None and now["JOR"]["threat"] is None
    then = _gaps(mixed_db, "--as-of", "2016-12")
    rated = sorted((r for r in then.values() if r["threat"] is not None), key=lambda r: -r["threat"])
    assert rated[0]["country_iso3"] == "SYR"
    assert then["LBN"]["threat"] is not None and then["JOR"]["threat"] is not None
    assert then["LBN"]["support_usd"] > 0 and then["LBN"]["gap"] < then["LBN"]["threat"]  # support apart from threat
    assert then["JOR"]["latest_event"].startswith("2016-12-18 ")  # Karak, the latest event of IS in Jordan


def test_spread_says_what_it_leaves_out(mixed_db: str) -> None:
    out = _run("spread", "ISL", "--db", mixed_db, "--as-of", "2016-12")
    assert "not judged new" in out and "LBN 2014-08" in out and "--all lists them" in out


def test_news_alone_as_of_2016_12(corpus_db: str) -> None:
    rows = _gaps(corpus_db, "--as-of", "2016-12")
    for c in ("AND", "MCO"):
        assert rows[c]["threat"] is None and rows[c]["coverage"] == "never covered"
    assert rows["LBN"]["threat"] is not None and rows["JOR"]["threat"] is not None
    # Belgium, last reported on in 2016-07, gets no rate in 2016-12 (a country is rated only in covered months)
    assert rows["BEL"]["threat"] is None and rows["BEL"]["coverage"] == "not covered since 2016-07"
    assert rows["BEL"]["latest_event"].startswith("2016-03 (month)")  # its latest event is still said
    # the Brussels bombings, known only as "March 2016" from later stories, count in a watched month, shown as a month
    july = _gaps(corpus_db, "--as-of", "2016-07")
    assert "2016-03" in july["BEL"]["basis"].split("(")[1] and july["BEL"]["latest_event"].startswith("2016-03 (month)")


def test_events_show_a_month_date_as_a_month(corpus_db: str) -> None:
    table = _run("events", "--db", corpus_db, "--country", "BEL")
    assert "2016-03-01" not in table and "2016-03" in table and "(month)" in table  # not the 1st of the month
    data = json.loads(_run("events", "--db", corpus_db, "--country", "BEL", "--format", "json"))
    assert {(r["date_start"], r["date_precision"]) for r in data} >= {("2016-03-01", "month")}


def test_a_rate_never_leaves_out_a_known_event(corpus_db: str) -> None:
    rows = _gaps(corpus_db, "--as-of", "2016-07")
    assert "an event in 1 of the last 2 covered months, 2016-03..2016-07" in rows["BEL"]["basis"]


def test_rolling_backtest_prints_its_baselines_and_onset_counts(mixed_db: str) -> None:
    rows = json.loads(_run("risk", "ISL", "--level", "adm1", "--origin", "ucdp", "--backtest", "2017-12-31",
                           "--db", mixed_db, "--format", "json"))["scores"]
    models = {(r["target"], r["model"]) for r in rows}
    assert models == {(t, m) for t in ("any", "onset") for m in ("model", "last month", "neighbours last month",
                                                                   "lags LR", "own base rate")}
    onset = [r for r in rows if r["target"] == "onset"]
    assert all(r["positives"] + r["negatives"] > 0 for r in onset)  # an onset figure always says what it rests on
    assert all(r["average_precision"] is not None or "too few positives" in r["note"] for r in onset)
