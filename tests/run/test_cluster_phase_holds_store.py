"""The cluster phase holds the store while it runs: one DuckDB connection, not one per idle gap."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from spillwatch.dedup.cluster import mention_keys
from spillwatch.records import Article, Block, DateInfo, DateMention, EventMention, Place, RawItem, Span
from spillwatch.run.phases import cluster_phase
from spillwatch.store.base import StageStats
from spillwatch.store.duck import DuckDBStore


def test_the_cluster_phase_opens_the_file_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A DuckDB store lets its file go once idle for ``linger``; the phase's reads ran outside its write
    # transaction, so a grown store was opened again between them (five times a batch, 60 ms each). With
    # linger 0 every statement outside a transaction reconnects: the phase must connect once.
    store = DuckDBStore(str(tmp_path / "c.duckdb"), linger=0)
    text = "Gunmen attacked a checkpoint in Mosul on Monday."
    art = Article(raw_id="r", source="a.txt", blocks=(Block("body", text),),
                  published=DateInfo(date(2020, 1, 8), "metadata"))
    place = Place(Span(0, 0), "Mosul", name="Mosul", geonameid=99072, country_iso3="IRQ", adm1_code="IQ-NI",
                  lat=36.34, lon=43.13, feature_class="P", precision=1)
    day = DateMention(Span(0, 0), "Monday", date(2020, 1, 6), date(2020, 1, 6), "day")
    mentions = [EventMention(article_id=art.id, type="ASSAULT", trigger=Span(k, k + 8), trigger_text="attacked",
                             sentence=Span(0, len(text)), place=place, date=day) for k in (7, 20)]
    with store.transaction():
        store.put_article(art, RawItem(source=art.source, data=text.encode(), kind="text"))
        store.put_mentions(mentions)
        store.put_mention_blocks((m.id, key) for m in mentions for key in mention_keys(m, date(2020, 1, 8)))
    opened: list[duckdb.DuckDBPyConnection] = []
    connect = store._connect

    def counted() -> duckdb.DuckDBPyConnection:
        opened.append(connect())
        return opened[-1]

    monkeypatch.setattr(store, "_connect", counted)
    stats = StageStats()
    cluster_phase(store, stats)
    assert stats.events == 1 and len(opened) == 1
    store.close()
