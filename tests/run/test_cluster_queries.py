"""The clustering phase reads the publication days and outlets of the articles it meets a few queries at
a time (``Store.articles_published``, ``Store.articles_outlets``), not one query per article: a batch's
cost must not grow with the stored articles its mentions meet (benchmarks/bench_cluster_growth.py)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from spillwatch.dedup.cluster import cluster, mention_keys
from spillwatch.records import Actor, Article, Block, DateInfo, DateMention, EventMention, Place, RawItem, Span
from spillwatch.run.phases import cluster_phase
from spillwatch.store import Store, open_store
from spillwatch.store.base import StageStats

DAY0 = date(2017, 3, 1)
MOSUL = Place(Span(0, 0), "Mosul", name="Mosul", country_iso3="IRQ", adm1_code="IQ-NI", lat=36.34, lon=43.13,
              feature_class="P", precision=1)


def attack(article_id: str, day: date | None) -> EventMention:
    when = DateMention(Span(0, 0), day.isoformat(), day, day, "day") if day else None
    return EventMention(article_id=article_id, type="ASSAULT", trigger=Span(0, 6), trigger_text="attack",
                        sentence=Span(0, 40), sources=(Actor("ISL", "Islamic State", None, "REB"),),
                        place=MOSUL, date=when)


def stored(store: Store, first: int, last: int) -> list[EventMention]:
    """Articles first..last-1, each reporting one of three Mosul attacks ten days apart (a third undated: its
    article's day dates it), written as the run writes them."""
    mentions = []
    with store.transaction():
        for i in range(first, last):
            day = DAY0 + timedelta(days=10 * (i % 3))
            art = Article(raw_id=f"r{i}", source=f"a{i}.txt", blocks=(Block("body", f"Report {i} of an attack."),),
                          published=DateInfo(day, "metadata"), outlet=f"Outlet {i % 4}")
            store.put_article(art, RawItem(source=art.source, data=art.text.encode(), kind="text"))
            mentions.append(attack(art.id, None if i % 3 == 0 else day))
        store.put_mentions(mentions)
        store.put_mention_blocks((m.id, key) for m in mentions
                                 for key in mention_keys(m, store.article_published(m.article_id)))
    return mentions


def test_the_many_article_reads_equal_the_one_article_reads() -> None:
    store = open_store(":memory:")
    mentions = stored(store, 0, 12)
    ids = [*sorted({m.article_id for m in mentions}), "no-such-article"]
    assert store.articles_published(ids) == {a: store.article_published(a) for a in ids}
    assert store.articles_outlets(ids) == {a: store.article_outlets(a) for a in ids}


def test_the_cluster_phase_reads_articles_in_a_few_queries_and_clusters_as_before(
        monkeypatch: pytest.MonkeyPatch) -> None:
    store = open_store(":memory:")
    earlier = stored(store, 0, 30)
    cluster_phase(store, StageStats())
    later = stored(store, 30, 60)  # a second batch meeting every stored article
    calls: dict[str, int] = {"article_published": 0, "article_outlets": 0, "articles_published": 0}
    for name in calls:
        method = getattr(store, name)

        def counted(*args: Any, _name: str = name, _method: Any = method) -> Any:
            calls[_name] += 1
            return _method(*args)

        monkeypatch.setattr(store, name, counted)
    cluster_phase(store, StageStats())
    assert calls["article_published"] == 0 and calls["article_outlets"] == 0
    assert 1 <= calls["articles_published"] <= 4  # the new mentions, then each frontier of the closure
    monkeypatch.undo()
    everything = cluster([*earlier, *later], outlets=store.article_outlets, published=store.article_published)
    assert sorted(store.all_events(origin="spillwatch"), key=lambda e: e.id) == list(everything)
    assert len(everything) == 3 and all(len(e.outlets) == len(e.article_ids) == 20 for e in everything)
