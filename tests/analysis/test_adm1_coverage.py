"""News coverage per ADM1 unit (issue 26): coded news watches a governorate in the months its articles report on a
place there, not every governorate of a country it names; an imported file still covers every unit of its
countries. ADM1 risk, spread and the coverage beside each rate read the unit's own windows."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from spillwatch.analysis import coverage as cv
from spillwatch.analysis.service import Who
from spillwatch.api import Spillwatch

DEC = 2016 * 12 + 11


def test_news_windows_per_adm1_unit_with_their_share() -> None:
    country = [{"month": date(2016, 12, 1), "country_iso3": "IRQ", "articles": 3, "total": 4}]
    units = [{"month": date(2016, 12, 1), "country_iso3": "IRQ", "adm1_code": "IQ-NI", "adm1_name": "Nineveh",
              "articles": 2, "total": 4}]
    windows = cv.news_windows(lambda sql, params: country if sql is cv.NEWS_MONTHS_SQL
                              else units if sql is cv.NEWS_ADM1_MONTHS_SQL else [])
    assert windows[1] == cv.Window("spillwatch", "news coded by spillwatch: 2 of 4 articles that month report on "
                                   "Nineveh (50%)", "IRQ", date(2016, 12, 1), date(2016, 12, 31), "IQ-NI")
    cover = cv.Coverage(windows)
    assert cover.covered("IRQ", DEC) and cover.covered("IRQ:IQ-NI", DEC)
    assert not cover.covered("IRQ:IQ-KI", DEC)  # an article naming Iraq does not watch Kirkuk
    assert cover.describe("IRQ:IQ-NI", DEC).endswith("report on Nineveh (50%)")
    assert cover.describe("IRQ:IQ-KI", DEC) == "never covered"
    assert cover.describe("IRQ", DEC) == "news coded by spillwatch: 3 of 4 articles that month (75%)"


def test_an_imported_file_covers_every_unit_of_its_countries() -> None:
    ged = cv.Window("ucdp", "ged.csv", "SYR", date(2016, 1, 1), date(2019, 12, 31))
    cover = cv.Coverage([ged])
    assert cover.covered("SYR:SY-HL", DEC) and cover.covered("SYR", DEC) and not cover.covered("IRQ:IQ-NI", DEC)
    assert cv.watched_before([ged], "SYR:SY-HL", date(2016, 12, 1), "ucdp", 180) == ged


@pytest.fixture(scope="module")
def news_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("adm1news")
    texts = {
        "mosul.txt": "Islamic State militants killed 12 civilians in Mosul, Iraq, on Tuesday, Dec. 20, 2016.\n",
        "nov.txt": "Islamic State militants killed 9 civilians in Mosul, Iraq, on Monday, Nov. 14, 2016.\n",
    }
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = str(Path(folder) / "news.duckdb")
    with Spillwatch(db) as sw:
        sw.ingest([str(folder / n) for n in texts])
    return db


def test_the_adm1_panel_and_spread_read_the_units_own_news_coverage(news_db: str) -> None:
    with Spillwatch(news_db, read_only=True) as sw:
        windows = sw.insight.windows()
        assert {(w.key, w.date_from) for w in windows if w.adm1_code} == {("IRQ:IQ-NI", date(2016, 11, 1)),
                                                                          ("IRQ:IQ-NI", date(2016, 12, 1))}
        panel, _ = sw.insight.panel(Who("ISL"), "adm1", DEC)
        spread = sw.spread("ISL", level="adm1", as_of="2016-12")
    covered = dict(zip(panel.units, panel.covered[:, -1].tolist(), strict=True))
    assert covered["IRQ:IQ-NI"] and "IRQ:IQ-KI" in covered and not covered["IRQ:IQ-KI"]  # Kirkuk: no article
    assert [(t.unit, t.window) for t in spread.theatres] == [("IRQ:IQ-NI", None)]  # the origin: judged nowhere


def test_an_empty_adm1_forecast_says_what_it_needs(news_db: str) -> None:
    from click.testing import CliRunner

    from spillwatch.cli import main

    got = CliRunner().invoke(main, ["risk", "ISL", "--level", "adm1", "--as-of", "2016-12", "--db", news_db,
                                    "--format", "csv"])
    assert got.exit_code == 0 and got.stdout.strip().count("\n") == 0  # the header: two months train no model
    assert got.stderr.startswith("no ADM1 unit scored: a forecast needs 3 months of the actor's events")
