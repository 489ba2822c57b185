"""`spillwatch watch` (issue 27): one summary line per cycle, `--once` for cron, `--since` for a back-fill,
`--status` after it, SIGTERM finishing the cycle and stopping, mistakes refused in one line."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from ingest.ingest_support import Route, serve
from monitor.watch_support import JORDAN, NEW_THEATRE, SYRIA, rss
from spillwatch.cli import main


def test_once_since_and_status(tmp_path: Path) -> None:
    db, out = str(tmp_path / "w.duckdb"), tmp_path / "alerts.jsonl"
    never = CliRunner().invoke(main, ["watch", "--status", "--db", db])
    assert never.exit_code == 2 and "w.duckdb" in never.output  # no store yet: a read never creates one
    routes = {"/feed.xml": Route(rss(SYRIA + JORDAN + [NEW_THEATRE]), "application/rss+xml", etag='"1"')}
    with serve(routes) as feed:
        args = ["watch", feed.url("/feed.xml"), "--once", "--actor", "ISIS", "--sink", f"file:{out}", "--db", db,
                "--allow-private", "--since", "2026-01"]
        result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    [line] = [x for x in result.output.splitlines() if " cycle 1: " in x]
    # without the older history Jordan is the actor's origin: no alert
    assert "6 older than --since" in line and "delivered 0" in line
    assert not out.exists()
    status = CliRunner().invoke(main, ["watch", "--status", "--db", db])
    assert status.exit_code == 0 and "watch default: stopped" in status.output and "seen 11, new 5" in status.output
    as_json = json.loads(CliRunner().invoke(main, ["watch", "--status", "--db", db, "--format", "json"]).output)
    assert as_json["state"] == "stopped" and as_json["last_cycle"]["sources"][0]["older"] == 6


def test_mistakes_are_one_line_and_exit_2(tmp_path: Path) -> None:
    db = str(tmp_path / "w.duckdb")
    cases = [(["watch", "--db", db], "no source"), (["watch", str(tmp_path / "nope"), "--db", db], "no such file"),
             (["watch", str(tmp_path), "--every", "soon", "--db", db], "interval"),
             (["watch", "https://example.org/f.xml", "--sink", "fax:1", "--db", db], "fax:1"),
             (["watch", "https://example.org/f.xml", "--actor", "Nobody Known", "--db", db], "Nobody Known")]
    (tmp_path / "a.txt").write_text("x")
    for args, said in cases:
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2 and said in result.output, (args, result.output)


def test_sigterm_finishes_the_cycle_and_stops(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("The council met on Monday and approved the budget for the new harbour wall.\n")
    db = str(tmp_path / "w.duckdb")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "spillwatch", "watch", str(folder), "--every", "1h", "--db", db],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None
    first = proc.stdout.readline()  # the first cycle's line: the loop is now waiting for the next cycle
    assert " cycle 1: " in first
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0 and "finishing this cycle, then stopping" in err
    status = CliRunner().invoke(main, ["watch", "--status", "--db", db])
    assert "watch default: stopped" in status.output
