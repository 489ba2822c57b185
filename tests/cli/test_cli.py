"""The CLI is a thin shell: each command on real input, through click's runner."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from conftest import CORPUS
from spillwatch.cli import main


def test_geocode_prints_every_place_with_span_and_precision() -> None:
    page = CORPUS / "html" / "cg-jordan-border-car-bomb.html"
    result = CliRunner().invoke(main, ["geocode", str(page), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert rows and all({"file", "span", "text", "precision", "country_iso3"} <= set(r) for r in rows)
    jordan = [r for r in rows if r["text"] == "Jordan"]
    assert jordan and jordan[0]["country_iso3"] == "JOR" and jordan[0]["precision"] == 6


def test_clean_reports_unreadable_files_and_exits_nonzero(tmp_path: Path) -> None:
    junk = tmp_path / "junk.txt"
    junk.write_bytes(b"\x00\x01\x02" * 100)
    result = CliRunner().invoke(main, ["clean", str(junk)])
    assert result.exit_code == 2
    assert "junk.txt" in result.output


def test_ingest_summary_and_idempotence(tmp_path: Path) -> None:
    db = str(tmp_path / "t.duckdb")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text((CORPUS / "txt" / "lw-qaa-suicide-bombers.txt").read_text(encoding="utf-8"))
    (folder / "bad.bin").write_bytes(b"\x00" * 50)
    first = CliRunner().invoke(main, ["ingest", str(folder), "--db", db])
    assert first.exit_code == 0, first.output
    assert "stored 1" in first.output and "quarantined 1" in first.output
    again = CliRunner().invoke(main, ["ingest", str(folder), "--db", db])
    assert "stored 0" in again.output and "duplicates 1" in again.output
    listed = CliRunner().invoke(main, ["articles", "--db", db, "--format", "json"])
    assert len(json.loads(listed.output)) == 1
