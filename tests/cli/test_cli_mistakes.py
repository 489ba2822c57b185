"""Every user mistake of scripts/cli_mistakes.py: exit code 2, one `error:` line, no traceback (issues 13, 17)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from scripts.cli_mistakes import ACCEPTED, MISTAKES, Mistake, build_workspace, lock_holder

from spillwatch.cli import main


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("mistakes")
    build_workspace(folder)
    with lock_holder(folder / "locked.duckdb"):
        yield folder


def _invoke(m: Mistake, ws: Path, *extra: str) -> tuple[int, str, str]:
    env = {k: v.replace("{ws}", str(ws)) for k, v in m.env.items()}
    result = CliRunner().invoke(main, [*m.argv(ws), *extra], env=env)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("mistake", MISTAKES, ids=[m.what for m in MISTAKES])
def test_mistake_is_one_error_line_and_exit_2(mistake: Mistake, ws: Path) -> None:
    code, out, err = _invoke(mistake, ws)
    lines = err.strip().splitlines()
    assert code == 2, (out, err)
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    assert "Traceback" not in out + err


def test_mistakes_cover_the_issues(ws: Path) -> None:
    assert len(MISTAKES) >= 29


def test_the_line_names_the_input(ws: Path) -> None:
    by_what = {m.what: m for m in MISTAKES}
    checks = {"impossible day": "2017-02-30", "--db is a folder": "empty", "read command on a missing store":
              "typo.duckdb", "support --add CSV with missing columns": "recipient_country",
              "store locked by another process": "in use by another spillwatch process (PID ",
              "month written with a slash": "2016-05", "unknown actor (filter)": "Daesh",
              "unknown sink": "ftp", "port out of range": "99999", "zero workers": "--workers",
              "webhook to a loopback address": "loopback", "unknown country": "Narnia"}
    for what, needle in checks.items():
        assert needle in _invoke(by_what[what], ws)[2], what


def test_read_commands_never_create_a_store(ws: Path) -> None:
    for m in MISTAKES:
        if "typo.duckdb" in " ".join(m.args):
            _invoke(m, ws)
    assert not (ws / "typo.duckdb").exists()
    assert not (ws / "nowhere").exists()


def test_debug_shows_the_traceback(ws: Path) -> None:
    result = CliRunner().invoke(main, ["--debug", "events", "--db", str(ws / "typo.duckdb")])
    assert result.exit_code == 2
    assert "Traceback" in result.stderr and result.stderr.strip().splitlines()[-1].startswith("error: ")


@pytest.mark.parametrize("accepted", ACCEPTED, ids=[m.what for m in ACCEPTED])
def test_what_used_to_fail_now_finds_events(accepted: Mistake, ws: Path) -> None:
    code, out, err = _invoke(accepted, ws, "--format", "csv")
    assert code == 0, err
    assert list(csv.DictReader(io.StringIO(out))), out


def test_month_only_dates_are_the_whole_month(ws: Path) -> None:
    db = ["--db", str(ws / "store.duckdb"), "--format", "csv"]
    whole = CliRunner().invoke(main, ["events", *db, "--from", "2016-06", "--to", "2016-06"]).stdout
    days = CliRunner().invoke(main, ["events", *db, "--from", "2016-06-01", "--to", "2016-06-30"]).stdout
    during = CliRunner().invoke(main, ["events", *db, "--during", "2016-06"]).stdout
    assert whole == days == during
    assert {r["id"] for r in csv.DictReader(io.StringIO(whole))} == {"t4", "j1", "l2"}  # June 2016, nothing else


def test_actor_aliases_find_the_same_events(ws: Path) -> None:
    db = ["--db", str(ws / "store.duckdb"), "--format", "csv", "--limit", "1000"]
    outputs = {a: CliRunner().invoke(main, ["events", *db, "--actor", a]).stdout
               for a in ("ISL", "ISIS", "ISIL", "Daesh", "Islamic State", "IS")}
    assert len(set(outputs.values())) == 1 and len(outputs["ISL"].splitlines()) > 1


def test_actors_lists_ids_aliases_and_counts(ws: Path) -> None:
    result = CliRunner().invoke(main, ["actors", "daesh", "--db", str(ws / "store.duckdb"), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = {r["id"]: r for r in json.loads(result.stdout)}
    assert "ISIS" in rows["ISL"]["aliases"] and rows["ISL"]["events"] == 13 and rows["ISL"]["country"] == "IMG"
