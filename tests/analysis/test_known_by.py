"""As of a month, only what was known at its end (issue 26): a news-coded event counts from the day some article
reporting it is dated, not from the day it happened. A 2016 attack first reported in a 2017 story is not in the
rows of an analysis as of 2016-12 (the sample corpus's Kabul attack, reported by a 2017 archive page, made
Afghanistan an "active" row as of 2016-12)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from spillwatch.api import Spillwatch


def _item(day: str, title: str, text: str) -> str:
    return json.dumps({"url": f"https://wire.example/{day}/{len(text)}", "date": f"{day}T12:00:00+00:00",
                       "source": "Test Wire", "title": title, "html": f"<h1>{title}</h1>\n<p>{text}</p>"})


@pytest.fixture(scope="module")
def news_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("knownby")
    items = [
        _item("2016-12-21", "Islamic State kills 12 in Kirkuk",
              "Islamic State militants killed 12 civilians in Kirkuk, Iraq, on Tuesday, Dec. 20, 2016."),
        _item("2017-01-10", "Islamic State attack in Kabul revealed",
              "Islamic State militants killed 9 civilians in Kabul, Afghanistan, on Nov. 14, 2016, officials "
              "revealed on Tuesday."),
    ]
    (folder / "wire.jsonl").write_text("\n".join(items) + "\n", encoding="utf-8")
    db = str(Path(folder) / "news.duckdb")
    with Spillwatch(db) as sw:
        sw.ingest([str(folder / "wire.jsonl")])
    return db


def test_an_event_first_reported_after_the_as_of_month_is_not_known_then(news_db: str) -> None:
    with Spillwatch(news_db, read_only=True) as sw:
        kabul = [e for e in sw.store.all_events() if e.place and e.place.country_iso3 == "AFG"]
        assert kabul and kabul[0].date_start == date(2016, 11, 14), "the coder no longer dates the Kabul attack"
        before = {r.country_iso3: r for r in sw.gaps("ISL", as_of="2016-12")}
        after = {r.country_iso3: r for r in sw.gaps("ISL", as_of="2017-01")}
        spread = sw.spread("ISL", as_of="2016-12")
    assert "IRQ" in before and "AFG" not in before  # not active as of 2016-12: nobody had reported it
    assert "AFG" in after and after["AFG"].latest_event is not None  # known once the January story is
    assert "AFG" not in {t.unit for t in spread.theatres}
