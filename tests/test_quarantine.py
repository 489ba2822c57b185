"""A document that fails any stage is quarantined (stage, reason, error text); the run goes on to events.

Regressions of issue 13: an article over spaCy's 1,000,000-character limit left the store stuck for
good (never coded, never quarantined, every later ingest died on it before clustering); an error
that could not be unpickled broke the process pool.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from faults import stage_names, with_fault
from spillwatch.cli import main
from spillwatch.ingest.sources import iter_items
from spillwatch.records import Article, RawItem
from spillwatch.run import phases, pipeline
from spillwatch.settings import Settings, load_settings
from spillwatch.stages import Pipeline
from spillwatch.store import RunSummary, Store, open_store

REPO = Path(__file__).resolve().parents[1]
TXT = REPO / "corpus" / "txt"
TARGET = "bc-ankara-twin-bombings.txt"
OTHERS = ("lw-qaa-suicide-bombers.txt", "bc-ataturk-airport-attack.txt")


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("docs")
    for name in (TARGET, *OTHERS):
        shutil.copy(TXT / name, folder / name)
    return folder


def ids(path: Path, settings: Settings) -> tuple[str, str]:
    """(raw id, article id) of the one document in ``path``."""
    item = next(iter(iter_items([str(path)], settings)))
    assert isinstance(item, RawItem)
    article = pipeline.clean_item(item, settings)
    assert isinstance(article, Article)
    return item.id, article.id


def quarantine(store: Store) -> list[dict[str, Any]]:
    return store.query("SELECT stage, reason, detail, raw_id, article_id FROM quarantine ORDER BY id")


def coded(store: Store) -> dict[str, bool]:
    return {r["id"]: bool(r["coded"]) for r in store.query("SELECT id, coded FROM articles")}


def long_article(folder: Path) -> Path:
    """A 1,100,000-character text document (over spaCy's limit) of 283 blocks, cheap to parse."""
    folder.mkdir()
    paras, size, i = [], 0, 0
    while size < 1_100_000:
        blob = "".join(hashlib.sha256(f"{i}-{k}".encode()).hexdigest() for k in range(60))
        paras.append(f"Annex {i} lists the archive checksum {blob} for the record.")
        size, i = size + len(paras[-1]) + 2, i + 1
    path = folder / "annexes.txt"
    path.write_text("Annexes to the budget report\n\n" + "\n\n".join(paras) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("stage", stage_names())
def test_a_fault_in_any_stage_quarantines_that_document_and_the_run_goes_on(stage: str, docs: Path,
                                                                            tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    settings = load_settings(db=db)
    raw_id, article_id = ids(docs / TARGET, settings)
    store = open_store(db)
    try:
        summary = phases.ingest([str(docs)], store, settings,
                                stages=with_fault(stage, raw_id if stage == "clean" else article_id))
        assert summary.quarantined == 1 and summary.events > 0
        stored_after_clean = stage != "clean"
        assert quarantine(store) == [{"stage": stage, "reason": "stage-failed", "detail": "ValueError: injected fault",
                                      "raw_id": raw_id, "article_id": article_id if stored_after_clean else None}]
        assert sorted(coded(store).values()) == ([False] if stored_after_clean else []) + [True, True]
        # never retried automatically: the default pipeline leaves it alone ...
        again = phases.ingest([str(docs)], store, settings)
        assert again.stored == 0 and again.mentions == 0 and len(quarantine(store)) == 1
        assert article_id not in {k for k, v in coded(store).items() if v}
        # ... until asked to retry
        retried = phases.ingest([str(docs)], store, settings, retry_quarantined=True)
        assert retried.retried == 1 and retried.mentions > 0 and quarantine(store) == []
        assert coded(store)[article_id]
    finally:
        store.close()


def test_a_long_article_then_a_normal_ingest_inline(tmp_path: Path) -> None:
    # Regression: the 1.1 M-character article raised out of nlp.pipe; the store held 0 events for good.
    db = str(tmp_path / "long.duckdb")
    long = long_article(tmp_path / "long")
    store = open_store(db)
    try:
        # The gate off, so the long article reaches the parse (the gate would skip an annex list).
        first = phases.ingest([str(long.parent)], store, load_settings(db=db, relevance_gate=False))
        assert first.stored == 1 and first.quarantined == 0
        assert list(coded(store).values()) == [True]  # coded in chunks
        places = store.query("SELECT max(end_char) AS n FROM places")[0]["n"]
        assert places is None or places <= 1_100_200
        second = phases.ingest([str(TXT / OTHERS[0]), str(TXT / OTHERS[1])], store, load_settings(db=db))
        assert second.stored == 2 and second.events > 0
        assert all(coded(store).values())
    finally:
        store.close()


def test_a_long_article_then_a_normal_ingest_with_two_workers(tmp_path: Path) -> None:
    db = str(tmp_path / "long2.duckdb")
    long = long_article(tmp_path / "long")
    done = CliRunner().invoke(main, ["ingest", str(long.parent), "--db", db, "--workers", "2", "--no-gate"])
    assert done.exit_code == 0, done.output
    assert "stored 1" in done.output and "quarantined 0" in done.output
    again = CliRunner().invoke(main, ["ingest", str(TXT / OTHERS[0]), str(TXT / OTHERS[1]), "--db", db,
                                      "--workers", "2"])
    assert again.exit_code == 0, again.output
    store = open_store(db, read_only=True)
    try:
        assert len(coded(store)) == 3 and all(coded(store).values())
        assert int(store.query("SELECT count(*) AS n FROM events")[0]["n"]) > 0
    finally:
        store.close()


def test_a_block_too_long_to_chunk_is_quarantined_as_too_long(tmp_path: Path) -> None:
    folder = tmp_path / "one"
    folder.mkdir()
    (folder / "wall.txt").write_text("A wall of text\n\n" + ("word " * 220_000) + "\n", encoding="utf-8")
    shutil.copy(TXT / OTHERS[0], folder / OTHERS[0])
    db = str(tmp_path / "w.duckdb")
    store = open_store(db)
    try:
        summary = phases.ingest([str(folder)], store, load_settings(db=db, relevance_gate=False))
        rows = quarantine(store)
        assert [(r["stage"], r["reason"]) for r in rows] == [("parse", "too-long")]
        assert "max_length" in rows[0]["detail"] and summary.events > 0
    finally:
        store.close()


def pooled(folder: Path, db: str, settings: Settings, stages: Pipeline, workers: int
           ) -> tuple[RunSummary, list[dict[str, Any]], dict[str, bool]]:
    """One pool run (``phases.ingest`` with workers): its summary, quarantine rows and articles' coded flags."""
    store = open_store(db)
    try:
        summary = phases.ingest([str(folder)], store, settings, workers=workers, stages=stages)
        return summary, quarantine(store), coded(store)
    finally:
        store.close()


def test_worker_faults_become_quarantine_rows_never_a_broken_pool(docs: Path, tmp_path: Path) -> None:
    # An unpicklable foreign error raised in a stage, then a worker that dies outright, under --workers 2.
    db = str(tmp_path / "pool.duckdb")
    settings = load_settings(db=db)
    _, target = ids(docs / TARGET, settings)
    _, other = ids(docs / OTHERS[1], settings)
    stages = with_fault("events", target, "unpicklable", with_fault("places", other, "exit"))
    summary, found, flags = pooled(docs, db, settings, stages, workers=2)
    rows = {r["article_id"]: r for r in found}
    assert rows[target]["stage"] == "events" and rows[target]["reason"] == "stage-failed"
    assert rows[target]["detail"].startswith("Unpicklable: 7: injected foreign fault")
    assert rows[other]["stage"] == "code" and rows[other]["reason"] == phases.WORKER_FAILED
    assert summary.quarantined == 2 and summary.events > 0  # the third article is coded and clustered
    assert sorted(flags.values()) == [False, False, True]


BUDGET = 8.0  # seconds: ample for the normal documents even on a loaded machine; the slow stage never ends


@pytest.mark.parametrize(("stage", "workers"), [("attribution", 1), ("clean", 2)])
def test_a_document_over_its_time_budget_is_quarantined_too_slow(stage: str, workers: int, docs: Path,
                                                                 tmp_path: Path) -> None:
    db = str(tmp_path / "slow.duckdb")
    settings = load_settings(db=db, doc_time_budget=BUDGET)
    raw_id, article_id = ids(docs / TARGET, settings)
    stages = with_fault(stage, raw_id if stage == "clean" else article_id, "slow")
    summary, rows, flags = pooled(docs, db, settings, stages, workers)
    assert [(r["stage"], r["reason"], r["raw_id"]) for r in rows] == [(stage, "too-slow", raw_id)], rows
    assert f"{BUDGET:g} s ran out in stage {stage!r}" in rows[0]["detail"]
    assert summary.events > 0 and len([v for v in flags.values() if v]) == 2


def test_cli_retry_quarantined(docs: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "cli.duckdb")
    settings = load_settings(db=db)
    _, target = ids(docs / TARGET, settings)
    store = open_store(db)
    try:
        phases.ingest([str(docs)], store, settings, stages=with_fault("dates", target))
    finally:
        store.close()
    plain = CliRunner().invoke(main, ["ingest", str(docs), "--db", db])
    assert "event mentions 0" in plain.output
    retried = CliRunner().invoke(main, ["ingest", str(docs), "--db", db, "--retry-quarantined"])
    assert retried.exit_code == 0, retried.output
    assert "event mentions 0" not in retried.output and "quarantined 0" in retried.output
