"""Run the CLI and the REST API of two source trees on copies of one store and compare every output.

    python scripts/compare_outputs.py BEFORE_SRC AFTER_SRC STORE.duckdb

BEFORE_SRC / AFTER_SRC are ``src`` folders (e.g. a worktree of the base commit and this tree's ``src``);
each runs in its own copy of STORE (alerts write to it). Outputs are compared line by line, a line that
is JSON as parsed JSON (object key order and the trees' own paths aside). Prints each output that differs;
exits 1 if any does.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TXT = sorted((REPO / "corpus" / "txt").glob("*.txt"))[0]
COMMANDS: dict[str, list[str]] = {
    "help": ["--help"], "events": ["events", "--format", "json"], "events_table": ["events"],
    "events_csv": ["events", "--format", "csv", "--actor", "ISIS"],
    "events_jsonl": ["events", "--format", "jsonl", "--country", "syria"],
    "articles": ["articles"], "articles_json": ["articles", "--format", "json"],
    "skipped": ["articles", "--skipped", "--format", "csv"], "quarantine": ["quarantine", "--format", "json"],
    "actors": ["actors"], "actors_json": ["actors", "--format", "json"], "actors_csv": ["actors", "--format", "csv"],
    "spread": ["spread", "ISL"], "spread_json": ["spread", "ISL", "--format", "json"],
    "support": ["support"], "support_json": ["support", "--format", "json"], "gaps": ["gaps", "ISL"],
    "gaps_json": ["gaps", "ISL", "--format", "json"], "activity": ["activity", "ISL", "--format", "json"],
    "risk": ["risk", "ISL", "--format", "csv"], "alerts": ["alerts", "ISL", "--threshold", "0.1", "--format", "json"],
    "bad_date": ["events", "--from", "2016-13"], "bad_actor": ["events", "--actor", "ISLX"],
    "clean": ["clean", str(TXT)], "code": ["code", str(TXT)],
}
REST = ["/api/health", "/api/articles", "/api/events?limit=50", "/api/events/facets", "/api/geo/countries",
        "/api/map/layers", "/api/map/timeline", "/api/map/points", "/api/actors", "/api/activity?actor=ISL",
        "/api/spread?actor=ISL", "/api/risk?actor=ISL", "/api/support", "/api/gaps?actor=ISL",
        "/api/alerts?actor=ISL", "/api/map/marks?actor=ISL", "/api/events?from=2016-13", "/api/export/events.csv"]
REST_PROBE = """
import sys
from fastapi.testclient import TestClient
from spillwatch.serve.app import create_app
client = TestClient(create_app())
for path in sys.argv[1:]:
    r = client.get(path)
    print("==", path, r.status_code)
    print(r.text)
"""


def outputs(src: Path, store: Path, work: Path) -> dict[str, str]:
    db = work / "store.duckdb"
    shutil.copy(store, db)
    env = {**os.environ, "PYTHONPATH": str(src), "SPILLWATCH_DB": str(db)}
    found = {}
    for name, args in [*COMMANDS.items(), ("report", ["report", "ISL", "--out", str(work / "report.html")])]:
        done = subprocess.run([sys.executable, "-m", "spillwatch", *args, *(["--db", str(db)] if args[0] not in (
            "--help", "clean", "code") else [])], capture_output=True, text=True, env=env)
        found[name] = f"{done.stdout}\n{done.stderr}\nexit {done.returncode}".replace(str(work), "WORK")
    found["report.html"] = (work / "report.html").read_text(encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", REST_PROBE, *REST], capture_output=True, text=True, env=env)
    found["rest"] = done.stdout + done.stderr
    return found


def comparable(text: str, src: Path) -> list[object]:
    text = text.replace(str(src.parent), "TREE")
    lines: list[object] = []
    for line in text.splitlines():
        try:
            lines.append(json.loads(line))
        except ValueError:
            lines.append(re.sub(r"\d+\.\d+ ?s\b", "N s", line))  # durations
    return lines


def main(argv: list[str]) -> int:
    before, after, store = Path(argv[0]).resolve(), Path(argv[1]).resolve(), Path(argv[2]).resolve()
    with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
        old, new = outputs(before, store, Path(a)), outputs(after, store, Path(b))
    differ = [k for k in old if comparable(old[k], before) != comparable(new[k], after)]
    for name in differ:
        pairs = zip(comparable(old[name], before), comparable(new[name], after), strict=False)
        first = next(((x, y) for x, y in pairs if x != y), ("(length)", "(length)"))
        print(f"differs: {name}\n  before: {str(first[0])[:300]}\n  after:  {str(first[1])[:300]}")
    print(f"{len(old)} outputs compared, {len(differ)} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
