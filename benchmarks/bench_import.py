"""Import speed: the whole UCDP GED Syria file (16,566 rows), reader alone and the whole CLI import per store.

Measured in the same run:
- baseline: reading the same gzip CSV into dicts with the standard ``csv`` module and nothing else;
- ``import_ucdp``: the importer turning rows into Events (no store);
- the whole CLI, ``spillwatch import ucdp FILE --db NEW`` in a fresh process (interpreter start, imports,
  migrations, bulk writes), into a new DuckDB file and, when a PostgreSQL URL is given
  (``--pg`` or SPILLWATCH_TEST_PG; its schema is emptied first), into PostgreSQL.
Goal: each CLI import <= 15 s on these machines. Prints every time (wall, and the CLI process's CPU time,
which a busy machine does not inflate), its ratio to the baseline, the verdict and the machine's load.

Usage: python benchmarks/bench_import.py [--file PATH] [--repeat N] [--pg URL]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from spillwatch.importers.ucdp import import_ucdp  # noqa: E402
from spillwatch.records import Quarantined  # noqa: E402

DEFAULT = REPO.parent / "shared" / "data" / "ucdp-ged-syria" / "ged191_syria_2016_2019.csv.gz"
GOAL_SECONDS = 15.0
CLI = "import sys; from spillwatch.cli import main; sys.argv[0] = 'spillwatch'; main()"
T = TypeVar("T")


def bare_read(path: Path) -> int:
    with io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8", newline="") as handle:
        return sum(1 for _ in csv.DictReader(handle))


def full_import(path: Path) -> tuple[int, int]:
    events = bad = 0
    for item in import_ucdp(path):
        if isinstance(item, Quarantined):
            bad += 1
        else:
            events += 1
    return events, bad


def best_of(repeat: int, func: Callable[..., T], *args: Any) -> tuple[float, T]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func(*args)
        best = min(best, time.perf_counter() - start)
    assert result is not None
    return best, result


def empty_pg(url: str) -> str:
    import psycopg

    with psycopg.connect(url, autocommit=True) as con:
        con.execute("DROP SCHEMA public CASCADE")
        con.execute("CREATE SCHEMA public")
    return url


def cli_import(path: Path, db: Callable[[], str]) -> tuple[float, str]:
    """One whole CLI import into a new store; returns the CPU seconds it used and its summary line."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "src"), os.environ.get("PYTHONPATH", "")])}
    target = db()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run([sys.executable, "-c", CLI, "import", "ucdp", str(path), "--db", target], env=env,
                          capture_output=True, text=True, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"import failed: {done.stderr.strip().splitlines()[-1:]}")
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return cpu, done.stdout.strip().splitlines()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--file", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pg", default=os.environ.get("SPILLWATCH_TEST_PG"))
    args = parser.parse_args()
    base, rows = best_of(args.repeat, bare_read, args.file)
    took, (events, bad) = best_of(args.repeat, full_import, args.file)
    print(f"rows: {rows}; imported events: {events}; quarantined rows: {bad}")
    print(f"baseline csv read: {base:.2f}s   import_ucdp: {took:.2f}s   ratio {took / base:.1f}x")
    with tempfile.TemporaryDirectory() as tmp:
        counter = iter(range(10_000))
        stores: dict[str, Callable[[], str]] = {"duckdb": lambda: f"{tmp}/bench-{next(counter)}.duckdb"}
        if args.pg:
            stores["postgresql"] = lambda: empty_pg(args.pg)
        for name, db in stores.items():
            cli, (cpu, line) = best_of(args.repeat, cli_import, args.file, db)
            verdict = "met" if cli <= GOAL_SECONDS else "MISSED"
            print(f"whole CLI import into {name}: {cli:.2f}s wall, {cpu:.2f}s CPU in the CLI process"
                  f" ({rows / cli:,.0f} rows/s, {cli / base:.1f}x the baseline; {line});"
                  f" goal <= {GOAL_SECONDS:.0f}s: {verdict}")
    print(f"machine load (1, 5, 15 min): {os.getloadavg()}, {os.cpu_count()} cores")
    if not args.pg:
        print("PostgreSQL not measured: pass --pg URL or set SPILLWATCH_TEST_PG")


if __name__ == "__main__":
    main()
