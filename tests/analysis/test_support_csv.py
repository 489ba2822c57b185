"""``support --add``: a 0-byte CSV is one clear line naming it, exit 2 (it was a traceback)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from spillwatch.cli import main


def test_a_zero_byte_csv_is_one_error_line(tmp_path: Path) -> None:
    empty = tmp_path / "ledger.csv"
    empty.write_bytes(b"")
    result = CliRunner().invoke(main, ["support", "--db", str(tmp_path / "s.duckdb"), "--add", str(empty)])
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert lines == [lines[0]] and lines[0].startswith("error: ") and "ledger.csv" in lines[0]
    assert "header: none" in lines[0] and "Traceback" not in result.output
