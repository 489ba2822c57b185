"""The local runner's clustering step: every block key the new mentions probe comes in one prefetch."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from spillwatch.records import EventMention
from spillwatch.run import phases
from spillwatch.settings import load_settings
from spillwatch.store import open_store

REPO = Path(__file__).resolve().parents[1]


def test_clustering_new_mentions_asks_the_store_for_no_block_one_by_one(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    # Regression: the prefetch took the mentions' own keys while the closure probes a wider date
    # window, so clustering 545 mentions made 4,622 single-key queries (4 s of a 6 s step).
    db = str(tmp_path / "run.duckdb")
    store = open_store(db)
    single: list[Any] = []
    original = store.mentions_in_block

    def counted(key: tuple[str, str, int]) -> list[EventMention]:
        single.append(key)
        return original(key)

    monkeypatch.setattr(store, "mentions_in_block", counted)
    summary = phases.ingest([str(REPO / "corpus/txt")], store, load_settings(db=db))
    assert summary.mentions > 10 and summary.events > 5
    assert single == []
    store.close()
