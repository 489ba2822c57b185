"""A damaged store or a full disk is one line that says what to do."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from spillwatch.cli import main
from spillwatch.cli.errors import describe
from spillwatch.errors import StoreError
from spillwatch.store import open_store
from spillwatch.store.failures import DAMAGED_ADVICE, FULL_ADVICE

# DuckDB's words when the disk filled up during an ingest (measured on a 3 MB tmpfs).
FULL = ('TransactionContext Error: Failed to commit: Could not write file "/data/s.duckdb.wal": '
        "No space left on device")


def test_a_damaged_store_file_says_restore_a_copy(tmp_path: Path) -> None:
    bad = tmp_path / "bad.duckdb"
    bad.write_bytes(b"\x00garbage, not a database" * 4000)
    with pytest.raises(StoreError, match="restore it from a copy"):
        open_store(str(bad))
    result = CliRunner().invoke(main, ["events", "--db", str(bad)])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and str(bad) in lines[0] and DAMAGED_ADVICE in lines[0]


def test_a_full_disk_says_free_space_and_run_again() -> None:
    import duckdb

    line = describe(duckdb.IOException(FULL))
    assert line is not None and line.endswith(FULL_ADVICE)
    assert describe(OSError(28, "No space left on device", "events.csv")) == (
        f"events.csv: No space left on device; {FULL_ADVICE}")
    once = describe(StoreError(f"x.duckdb: {FULL}; {FULL_ADVICE}"))
    assert once is not None and once.count(FULL_ADVICE) == 1  # said once
