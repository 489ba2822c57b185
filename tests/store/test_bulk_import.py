"""Bulk import (Arrow insert in DuckDB, COPY in PostgreSQL) stores the same rows as row-by-row inserts."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from pg_support import BACKENDS, empty_pg
from spillwatch.importers.ucdp import import_ucdp
from spillwatch.records import Estimate, Event
from spillwatch.store import Store, open_store
from spillwatch.store.sqlstore import SqlStore
from store_snapshot import snapshot

FIXTURE = Path(__file__).resolve().parents[1] / "importers" / "fixtures" / "ucdp_sample.csv"


def _open(backend: str, tmp_path: Path) -> Store:
    if backend == "duckdb":
        return open_store(str(tmp_path / "b.duckdb"))
    return open_store(empty_pg(os.environ["SPILLWATCH_TEST_PG"]))


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    s = _open(request.param, tmp_path)
    yield s
    s.close()


def _events() -> list[Event]:
    return [e for e in import_ucdp(FIXTURE) if isinstance(e, Event)]


def _rows(store: Store) -> dict[str, list[tuple[object, ...]]]:
    found = snapshot(store)
    found["event_columns"] = sorted(tuple(r.values()) for r in store.query("SELECT * FROM events"))
    found["event_actors"] = sorted(tuple(r.values()) for r in store.query("SELECT * FROM event_actors"))
    return found


def test_bulk_rows_equal_row_by_row_rows(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    events = _events()
    assert len(events) >= 3 and store.import_events(events) == len(events)
    bulk = _rows(store)
    plain = open_store(str(tmp_path / "plain.duckdb"))
    monkeypatch.setattr(plain, "_bulk_insert", lambda *a: SqlStore._bulk_insert(plain, *a))  # type: ignore[arg-type]
    plain.import_events(events)
    assert _rows(plain) == bulk
    plain.close()


def test_reimport_replaces_and_the_last_copy_in_a_batch_wins(store: Store) -> None:
    events = _events()
    store.import_events(events)
    changed = replace(events[0], fatalities=Estimate(1, 99, 120))
    assert store.import_events([events[0], changed]) == 1
    assert store.get_event(events[0].id).fatalities == Estimate(1, 99, 120)
    assert len(store.all_events(origin="ucdp")) == len(events)
    actors = store.query("SELECT count(*) AS n FROM event_actors WHERE event_id = ?", [events[0].id])
    assert actors[0]["n"] == len({(a.id, "source") for a in changed.sources} | {(a.id, "target")
                                                                                for a in changed.targets})
