"""Shared fixtures. Tests that need ../shared skip cleanly when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

# Deterministic property tests in CI (same examples every run); `--hypothesis-profile explore` to search anew.
hypothesis_settings.register_profile("repeatable", derandomize=True, deadline=None)
hypothesis_settings.register_profile("explore", deadline=None)
hypothesis_settings.load_profile("repeatable")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = REPO / "corpus"


def shared_path(*parts: str) -> Path:
    """Path under ../shared, or skip the test when it is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"../shared not available: {path}")
    return path


@pytest.fixture
def seed_path() -> Path:
    return shared_path("seed", "000_9b6fd5e0c168a157.txt")


CORPUS_SOURCES = [str(CORPUS / d) for d in ("txt", "html", "feeds", "jsonl")]


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The README's main job, once per session: the sample corpus (plus the seed when present) in DuckDB."""
    from spillwatch.api import Spillwatch
    from spillwatch.settings import load_settings

    db = str(tmp_path_factory.mktemp("corpus") / "corpus.duckdb")
    seed = SHARED / "seed" / "000_9b6fd5e0c168a157.txt"
    sources = CORPUS_SOURCES + ([str(seed)] if seed.exists() else [])
    with Spillwatch(settings=load_settings(db=db)) as sw:
        sw.ingest(sources)
    return db


@pytest.fixture(autouse=True)
def _gate_env_restored(monkeypatch: pytest.MonkeyPatch) -> None:
    """`ingest --no-gate` sets SPILLWATCH_RELEVANCE_GATE for its workers: never let it leak into later tests."""
    monkeypatch.delenv("SPILLWATCH_RELEVANCE_GATE", raising=False)
