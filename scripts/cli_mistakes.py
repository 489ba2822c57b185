"""User mistakes tried against the real `spillwatch` CLI, and the one line each prints.

    PYTHONPATH=src python scripts/cli_mistakes.py > docs/errors.md

Builds a scratch workspace (a small store of invented events, an empty folder, a text file, CSVs
with missing columns, a store held open by another spillwatch process), runs every mistake as a
subprocess (``python -m spillwatch``) and prints a markdown table: the mistake, the command, the
exit code and stderr's last line. tests/cli/test_cli_mistakes.py runs the same list in-process and
asserts exit code 2, one ``error:`` line and no traceback for each.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
UNREACHABLE_PG = "postgresql://spillwatch@127.0.0.1:1/none"
CLOSED_PORT_URL = "http://127.0.0.1:9/hook"  # discard port: nothing listens on it


@dataclass(frozen=True, slots=True)
class Mistake:
    what: str
    args: tuple[str, ...]  # "{ws}" is the workspace folder
    env: dict[str, str] = field(default_factory=dict)

    def argv(self, ws: Path) -> list[str]:
        return [a.replace("{ws}", str(ws)) for a in self.args]


DB = ("--db", "{ws}/store.duckdb")
DOC = "{ws}/doc.txt"
MISTAKES: tuple[Mistake, ...] = (
    Mistake("impossible month", ("events", *DB, "--from", "2016-13-01")),
    Mistake("impossible day", ("events", *DB, "--from", "2017-02-30")),
    Mistake("month written with a slash", ("events", *DB, "--from", "2016/05")),
    Mistake("month before year", ("events", *DB, "--to", "05-2016")),
    Mistake("range that ends before it starts", ("events", *DB, "--during", "2017-01..2016-01")),
    Mistake("impossible backtest date", ("risk", *DB, "--backtest", "2017-02-30")),
    Mistake("unreachable PostgreSQL URL", ("events", "--db", UNREACHABLE_PG)),
    Mistake("--db is a folder", ("events", "--db", "{ws}/empty")),
    Mistake("--db is a text file", ("events", "--db", DOC)),
    Mistake("--db in a missing folder (ingest)", ("ingest", DOC, "--db", "{ws}/nowhere/new.duckdb")),
    Mistake("read command on a missing store", ("events", "--db", "{ws}/typo.duckdb")),
    Mistake("store locked by another process", ("ingest", DOC, "--db", "{ws}/locked.duckdb"),
            {"SPILLWATCH_LOCK_WAIT": "1"}),  # the default waits 30 s for the writer before it gives up
    Mistake("report --out into a missing folder", ("report", *DB, "--out", "{ws}/nowhere/report.html")),
    Mistake("report --out is a folder", ("report", *DB, "--out", "{ws}/empty")),
    Mistake("bad number in the environment", ("events", *DB), {"SPILLWATCH_MAX_BYTES": "lots"}),
    Mistake("bad yes/no in the environment", ("events", *DB), {"SPILLWATCH_READ_TOKEN_REQUIRED": "maybe"}),
    Mistake("missing actor file in the environment", ("events", *DB, "--actor", "ISIS"),
            {"SPILLWATCH_ACTOR_FILE": "{ws}/actors-typo.json"}),
    Mistake("support --add CSV with missing columns", ("support", *DB, "--add", "{ws}/ledger-bad.csv")),
    Mistake("support --add of a missing file", ("support", *DB, "--add", "{ws}/ledger-typo.csv")),
    Mistake("webhook to a loopback address", ("alerts", "ISL", *DB, "--sink", f"webhook:{CLOSED_PORT_URL}")),
    Mistake("webhook that refuses the connection", ("alerts", "ISL", *DB, "--sink", f"webhook:{CLOSED_PORT_URL}"),
            {"SPILLWATCH_ALLOW_PRIVATE_URLS": "1"}),
    Mistake("webhook with a file:// URL", ("alerts", "ISL", *DB, "--sink", "webhook:file:///etc/passwd")),
    Mistake("unknown sink", ("alerts", "ISL", *DB, "--sink", "ftp:x")),
    Mistake("port out of range", ("serve", *DB, "--port", "99999")),
    Mistake("serve a missing store", ("serve", "--db", "{ws}/typo.duckdb")),
    Mistake("zero workers", ("ingest", DOC, *DB, "--workers", "0")),
    Mistake("unknown actor (filter)", ("events", *DB, "--actor", "Daesj")),
    Mistake("unknown actor (argument)", ("activity", "Nusr", *DB)),
    Mistake("unknown country", ("events", *DB, "--country", "Narnia")),
    Mistake("unknown country code", ("events", *DB, "--country", "XYZ")),
    Mistake("unknown event type", ("events", *DB, "--type", "ASSALT")),
    Mistake("ingest of an empty folder", ("ingest", "{ws}/empty", *DB)),
    Mistake("ingest of a missing file", ("ingest", "{ws}/typo.txt", *DB)),
    Mistake("clean a missing file", ("clean", "{ws}/typo.html")),
    Mistake("import a missing file", ("import", "ucdp", "{ws}/typo.csv", *DB)),
    Mistake("import a CSV with missing columns", ("import", "ucdp", "{ws}/ledger-bad.csv", *DB)),
    Mistake("unknown event id", ("event", "no-such-event", *DB)),
    Mistake("unknown output format", ("events", *DB, "--format", "xml")),
    Mistake("unknown level", ("activity", "ISL", *DB, "--level", "province")),
    Mistake("zero limit", ("events", *DB, "--limit", "0")),
    Mistake("spark-load of a missing folder", ("spark-load", "{ws}/typo-out", *DB)),
    Mistake("mistyped command", ("evnts", *DB)),
)

# What used to fail and is now accepted (printed below the table).
ACCEPTED: tuple[Mistake, ...] = (
    Mistake("month-only date is the whole month", ("events", *DB, "--from", "2016-06", "--to", "2016-06")),
    Mistake("a range", ("events", *DB, "--during", "2016-06..2016-12")),
    Mistake("actor alias", ("events", *DB, "--actor", "ISIS")),
    Mistake("actor alias with spaces", ("events", *DB, "--actor", "Islamic State")),
    Mistake("country code in lower case", ("events", *DB, "--country", "tur")),
    Mistake("country name", ("events", *DB, "--country", "Turkey")),
    Mistake("event type in lower case", ("events", *DB, "--type", "assault")),
)


def build_workspace(ws: Path) -> None:
    """The files the mistakes refer to (everything invented here; no shared data)."""
    from tests.analysis.events_fixture import corpus_like

    from spillwatch.store import open_store

    (ws / "empty").mkdir()
    (ws / "doc.txt").write_text("BEIRUT, June 27 (Test Wire) - Four suicide bombers attacked the village of Qaa.\n",
                                encoding="utf-8")
    (ws / "ledger-bad.csv").write_text("donor,amount\nCanada,1000\n", encoding="utf-8")
    for name in ("store.duckdb", "locked.duckdb"):
        store = open_store(str(ws / name))
        store.import_events(corpus_like())
        store.close()


@contextmanager
def lock_holder(db: Path) -> Iterator[subprocess.Popen[str]]:
    """Another spillwatch process writing to ``db`` (one long transaction, as an ingest), until the block ends.

    It holds the lock until its stdin closes (no fixed time: a slow, loaded machine once outlived a
    120 s hold and the lock test saw a free store).
    """
    code = ("import sys; from spillwatch.api import Spillwatch; sw = Spillwatch(sys.argv[1])\n"
            "with sw.store.transaction():\n    print('ready', flush=True); sys.stdin.read()")
    proc = subprocess.Popen([sys.executable, "-c", code, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            text=True, env=_env({}))
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        yield proc
    finally:
        proc.kill()
        proc.wait()
        for pipe in (proc.stdin, proc.stdout):
            if pipe is not None:
                pipe.close()


def _env(extra: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SPILLWATCH_")}
    env["PYTHONPATH"] = os.pathsep.join([str(REPO / "src"), str(REPO)])
    return env | extra


def run(m: Mistake, ws: Path) -> tuple[int, str]:
    """Exit code and stderr of the real CLI for one mistake."""
    env = _env({k: v.replace("{ws}", str(ws)) for k, v in m.env.items()})
    done = subprocess.run([sys.executable, "-m", "spillwatch", *m.argv(ws)], capture_output=True, text=True,
                          env=env, cwd=ws, timeout=300)
    return done.returncode, done.stderr


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _command(m: Mistake, ws: Path) -> str:
    env = " ".join(f"{k}={v.replace('{ws}', 'WS')}" for k, v in m.env.items())
    words = " ".join(a.replace(str(ws), "WS") for a in m.argv(ws))
    return f"{env} spillwatch {words}".strip()


def table(ws: Path) -> str:
    lines = ["| # | mistake | command | exit | the one line it prints |", "|---|---|---|---|---|"]
    with lock_holder(ws / "locked.duckdb") as holder:
        for n, m in enumerate(MISTAKES, 1):
            code, err = run(m, ws)
            last = err.strip().splitlines()[-1] if err.strip() else "(nothing)"
            last = last.replace(str(ws), "WS").replace(f"PID {holder.pid}", "PID N")
            lines.append(f"| {n} | {m.what} | `{_cell(_command(m, ws))}` | {code} | {_cell(last)} |")
    lines += ["", "Accepted now (they used to fail or find nothing):", "",
              "| what | command | exit | first output line |", "|---|---|---|---|"]
    for m in ACCEPTED:
        env = _env({})
        done = subprocess.run([sys.executable, "-m", "spillwatch", *m.argv(ws), "--format", "csv"],
                              capture_output=True, text=True, env=env, cwd=ws, timeout=300)
        rows = len(done.stdout.strip().splitlines()) - 1
        lines.append(f"| {m.what} | `{_cell(_command(m, ws))}` | {done.returncode} | {rows} events |")
    return "\n".join(lines)


def main() -> None:
    sys.path.insert(0, str(REPO))
    with tempfile.TemporaryDirectory(prefix="spillwatch-mistakes-") as tmp:
        ws = Path(tmp)
        build_workspace(ws)
        print("# User mistakes and the one line each prints\n")
        print("Generated by `PYTHONPATH=src python scripts/cli_mistakes.py` (the real CLI, one process per row;")
        print("WS is the scratch folder). Every row exits 2 with one `error:` line and no traceback;")
        print("`spillwatch --debug ...` prints the traceback first.\n")
        print(table(ws))


if __name__ == "__main__":
    main()
