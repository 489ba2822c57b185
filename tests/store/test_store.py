"""The store protocol, tested on every available backend (DuckDB always; PostgreSQL when configured)."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spillwatch.errors import NotFoundError
from spillwatch.records import (
    Actor,
    Article,
    Block,
    DateInfo,
    DateMention,
    DroppedLine,
    Estimate,
    Event,
    EventMention,
    Place,
    Quarantined,
    RawItem,
    RelatedLink,
    Span,
)
from spillwatch.store import EventFilter, Store, open_store

BACKENDS = ["duckdb"] + (["postgres"] if os.environ.get("SPILLWATCH_TEST_PG") else [])


def _fresh_pg(url: str) -> Store:
    import psycopg

    with psycopg.connect(url, autocommit=True) as con:
        con.execute("DROP SCHEMA public CASCADE")
        con.execute("CREATE SCHEMA public")
    return open_store(url)


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: object) -> Iterator[Store]:
    s = open_store(":memory:") if request.param == "duckdb" else _fresh_pg(os.environ["SPILLWATCH_TEST_PG"])
    yield s
    s.close()


def _raw(text: str = "Body text.") -> RawItem:
    return RawItem(source="t.txt", data=text.encode(), kind="text", url="https://x.example/a", outlet="X")


def _article(body: str = "Body text.") -> Article:
    return Article(raw_id="r", source="t.txt", blocks=(Block("title", "Title"), Block("body", body)),
                   published=DateInfo(date(2016, 12, 10), "estimated", "Dec. 10, 2016"),
                   related=(RelatedLink("Other story"),), dropped=(DroppedLine("Advertisement", "advertisement"),))


ISL = Actor("ISL", "Islamic State", "IMG", "REB")
FRA = Actor("FRA_MIL", "France military", "FRA", "MIL")


def _mention(article_id: str, start: int = 0) -> EventMention:
    return EventMention(article_id=article_id, type="ASSAULT", trigger=Span(start, start + 5), trigger_text="shoot",
                        sentence=Span(0, 10), modes=("heavy-weapons",), sources=(FRA,), targets=(ISL,),
                        place_text="Qayara", place=Place(Span(1, 2), "Qayara", country_iso3="IRQ", lat=35.8, lon=43.3),
                        date=DateMention(Span(3, 4), "Dec. 10", date(2016, 12, 10), date(2016, 12, 10), "day"))


def _event(mention: EventMention) -> Event:
    return Event(id="e1", type="ASSAULT", modes=("heavy-weapons",), sources=(FRA,), targets=(ISL,),
                 date_start=date(2016, 12, 10), date_end=date(2016, 12, 10), date_precision="day",
                 place=mention.place, fatalities=Estimate(1, 2, 3), acled_type="Explosions/Remote violence",
                 acled_subtype="Shelling/artillery/missile attack", mention_ids=(mention.id,),
                 article_ids=(mention.article_id,), outlets=("X",))


def test_migrations_applied_once(store: Store) -> None:
    assert store.schema_version() >= 1
    store.migrate()  # type: ignore[attr-defined]
    assert store.schema_version() >= 1


def test_article_round_trip_and_idempotent_put(store: Store) -> None:
    a = _article()
    assert store.put_article(a, _raw()) == "stored"
    assert store.put_article(a, _raw()) == "duplicate"
    assert store.get_article(a.id) == a
    rows = store.article_rows()
    assert len(rows) == 1 and rows[0]["copies"] == 1
    assert store.has_raw(_raw().id)


def test_copy_from_other_source_is_kept(store: Store) -> None:
    a = _article()
    store.put_article(a, _raw())
    store.put_article(a, RawItem(source="u.html", data=b"<p>Body text.</p>", kind="html", outlet="Y"))
    assert store.article_rows()[0]["copies"] == 2


def test_missing_article_raises(store: Store) -> None:
    with pytest.raises(NotFoundError):
        store.get_article("nope")


def test_quarantine_once_per_source_and_reason(store: Store) -> None:
    q = Quarantined(source="junk.bin", reason="undecodable", stage="clean", raw_id="x", detail="NUL bytes")
    assert store.put_quarantine(q) is True
    assert store.put_quarantine(q) is False
    assert [r["reason"] for r in store.quarantine_rows()] == ["undecodable"]


def test_events_filters_and_mentions(store: Store) -> None:
    a = _article()
    store.put_article(a, _raw())
    m = _mention(a.id)
    store.put_mentions([m])
    assert store.mentions(unassigned_only=True) == [m]
    store.put_events([_event(m)])
    assert store.mentions(unassigned_only=True) == []
    assert store.get_event("e1") == _event(m)
    assert store.count_events(EventFilter(actor="ISL")) == 1
    assert store.count_events(EventFilter(country="LBN")) == 0
    assert store.count_events(EventFilter(mode="heavy-weapons", date_from="2016-12-01")) == 1
    assert store.count_events(EventFilter(bbox=(40.0, 30.0, 50.0, 40.0))) == 1
    assert store.count_events(EventFilter(text="qayara")) == 1
    assert store.mentions_for_event("e1")[0]["trigger_text"] == "shoot"
    assert store.events_holding([m.id, "no-such-mention"]) == [_event(m)]
    assert store.events_holding([]) == [] and store.events_holding(["no-such-mention"]) == []


def test_replacing_an_event_unassigns_its_mentions(store: Store) -> None:
    a = _article()
    store.put_article(a, _raw())
    m = _mention(a.id)
    store.put_mentions([m])
    store.put_events([_event(m)])
    store.put_events([], replace_ids=["e1"])
    assert store.count_events(EventFilter()) == 0
    assert store.mentions(unassigned_only=True) == [m]


def test_filter_values_are_parameters_not_sql(store: Store) -> None:
    evil = "x'; DROP TABLE events; --"
    assert store.count_events(EventFilter(country=evil, text=evil, actor=evil)) == 0
    assert store.count_events(EventFilter()) == 0  # table still there


def test_fetch_state_upsert(store: Store) -> None:
    store.put_fetch_state("https://f.example/rss", "e1", None)
    store.put_fetch_state("https://f.example/rss", "e2", "Mon")
    assert store.get_fetch_state("https://f.example/rss") == ("e2", "Mon")


@settings(max_examples=30, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=40).filter(lambda s: s.strip()), min_size=1, max_size=4))
def test_article_round_trip_property(bodies: list[str]) -> None:
    s = open_store(":memory:")
    a = Article(raw_id="r", source="s", blocks=tuple(Block("body", b) for b in bodies),
                published=DateInfo(None, "none"))
    s.put_article(a, _raw("".join(bodies)))
    s.put_article(a, _raw("".join(bodies)))
    assert s.get_article(a.id) == a
    assert len(s.article_rows()) == 1
    s.close()


def test_transaction_rolls_back_whole_document(store: Store) -> None:
    a = _article()
    with pytest.raises(RuntimeError), store.transaction():
        store.put_article(a, _raw())
        store.put_mentions([_mention(a.id)])
        raise RuntimeError("crash mid-document")
    assert store.article_rows() == []
    assert store.mentions() == []


def test_block_lookup_one_by_one_equals_prefetch(store: Store) -> None:
    a = _article()
    store.put_article(a, _raw())
    m1, m2 = _mention(a.id, 0), _mention(a.id, 20)
    store.put_mentions([m1, m2])
    store.put_mention_blocks([(m1.id, ("p", "IRQ", 100)), (m1.id, ("a", "ISL", 100)), (m2.id, ("p", "IRQ", 100))])
    keys = [("p", "IRQ", 100), ("a", "ISL", 100), ("p", "LBN", 100)]
    many = store.mentions_in_blocks(keys)
    assert many == {k: store.mentions_in_block(k) for k in keys}
    assert [m.id for m in many[("p", "IRQ", 100)]] == sorted([m1.id, m2.id])
    assert many[("p", "LBN", 100)] == []


def test_block_lookup_reads_each_mention_once_per_caller(store: Store) -> None:
    """Mentions the caller already decoded are taken from its ``decoded`` (not read again); what is read is
    added there, so the closure's later frontiers do not decode a stored mention a second time."""
    a = _article()
    store.put_article(a, _raw())
    m1, m2 = _mention(a.id, 0), _mention(a.id, 20)
    store.put_mentions([m1, m2])
    store.put_mention_blocks([(m1.id, ("p", "IRQ", 100)), (m2.id, ("p", "IRQ", 100)), (m2.id, ("a", "ISL", 100))])
    held = dataclasses.replace(m1, trigger_text="held by the caller")  # same id: the caller's copy is the one used
    decoded = {m1.id: held}
    many = store.mentions_in_blocks([("p", "IRQ", 100), ("a", "ISL", 100)], decoded)
    assert [m.trigger_text for m in many[("p", "IRQ", 100)]] == [
        m.trigger_text for m in sorted([held, m2], key=lambda m: m.id)]
    assert decoded == {m1.id: held, m2.id: m2} and many[("a", "ISL", 100)] == [m2]
    assert many[("a", "ISL", 100)][0] is decoded[m2.id]
