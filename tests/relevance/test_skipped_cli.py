"""Skipped articles end to end: counted, listed with the reason, and coded by a re-run with --no-gate."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import CORPUS
from spillwatch.cli import main

RECIPE = """Spiced honey pear jam

Peel four ripe pears and cut them into small cubes.

Simmer the fruit with honey, cinnamon and lemon juice for about an hour, stirring now and then.

Pour the jam into warm jars and seal them while hot.
"""


@pytest.fixture(autouse=True)
def _restore_env() -> object:
    before = os.environ.get("SPILLWATCH_RELEVANCE_GATE")
    yield
    if before is None:
        os.environ.pop("SPILLWATCH_RELEVANCE_GATE", None)
    else:
        os.environ["SPILLWATCH_RELEVANCE_GATE"] = before


def test_skipped_listed_then_coded_with_no_gate(tmp_path: Path) -> None:
    db = str(tmp_path / "t.duckdb")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "jam.txt").write_text(RECIPE, encoding="utf-8")
    (folder / "qaa.txt").write_text((CORPUS / "txt" / "lw-qaa-suicide-bombers.txt").read_text(encoding="utf-8"))
    first = CliRunner().invoke(main, ["ingest", str(folder), "--db", db])
    assert first.exit_code == 0, first.output
    listed = CliRunner().invoke(main, ["articles", "--skipped", "--db", db, "--format", "json"])
    rows = json.loads(listed.output)
    assert [r["title"] for r in rows] == ["Spiced honey pear jam"]
    assert "no sentence reads as an event" in rows[0]["reason"]
    again = CliRunner().invoke(main, ["ingest", str(folder), "--db", db, "--no-gate"])
    assert again.exit_code == 0, again.output
    after = CliRunner().invoke(main, ["articles", "--skipped", "--db", db, "--format", "json"])
    assert json.loads(after.output) == []
    from spillwatch.store import open_store

    store = open_store(db)
    try:
        coded = store.query("SELECT count(*) AS n FROM articles WHERE coded")[0]["n"]
        runs = store.query("SELECT skipped_count FROM runs ORDER BY started_at")
    finally:
        store.close()
    assert coded == 2
    assert [r["skipped_count"] for r in runs] == [1, 0]


def test_ingest_with_a_missing_model_fails_in_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPILLWATCH_DETECTOR_MODEL", str(tmp_path / "gone.npz"))
    page = tmp_path / "qaa.txt"
    page.write_text((CORPUS / "txt" / "lw-qaa-suicide-bombers.txt").read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", str(page), "--db", str(tmp_path / "t.duckdb")])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        f"error: {tmp_path / 'gone.npz'}: event detector model missing; rebuild with make train "
        "(python -m spillwatch.relevance.train)"]
