"""LIKE filters (issue 13 item 5): `q` and `mode` match their text literally; `%`, `_` and `\\` are no wildcards."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from tests.analysis.events_fixture import corpus_like
from tests.store.test_store import store  # noqa: F401  (the DuckDB and, with SPILLWATCH_TEST_PG, PostgreSQL fixture)

from spillwatch.store import EventFilter, Store
from spillwatch.store.eventqueries import like_escape


@pytest.fixture
def filled(store: Store) -> Iterator[Store]:  # noqa: F811
    events = corpus_like()
    assert events[0].place is not None
    odd = replace(events[0], id="odd", modes=("a_b",), place=replace(events[0].place, name="100% Town\\x"))
    store.import_events([*events, odd])
    yield store


def _ids(db: Store, **kw: str) -> set[str]:
    return {r["id"] for r in db.event_rows(EventFilter(limit=1000, **kw))}  # type: ignore[arg-type]


def test_wildcards_are_literal(filled: Store) -> None:
    everything = _ids(filled)
    assert len(everything) == 17
    for wildcard in ("%", "_", "\\", "%%", "_%_"):
        assert _ids(filled, text=wildcard) <= {"odd"}, wildcard  # only the one place name that holds them
    assert _ids(filled, text="%") == {"odd"} and _ids(filled, text="\\") == {"odd"}
    assert _ids(filled, text="0% t") == {"odd"} and _ids(filled, text="1_0") == set()
    assert _ids(filled, mode="_") == set() and _ids(filled, mode="%") == set()
    assert _ids(filled, mode="a_b") == {"odd"} and _ids(filled, mode="a%b") == set()
    assert len(_ids(filled, mode="explosives")) == 14
    assert _ids(filled, text="mosul") == {"i1", "i2"}


def test_like_escape() -> None:
    assert like_escape("a%b_c\\d") == "a\\%b\\_c\\\\d"
