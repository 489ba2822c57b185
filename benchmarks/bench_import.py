"""Import speed: the whole UCDP GED Syria file (16,566 rows) through ``import_ucdp``.

Baseline, measured in the same run: reading the same gzip CSV into dicts with the standard
``csv`` module and nothing else. Goal: the import finishes in well under a minute (it is a
few times the bare CSV read). Prints both times, the ratio, and the quarantine count.

Usage: python benchmarks/bench_import.py [--file PATH] [--repeat N]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from spillwatch.importers.ucdp import import_ucdp  # noqa: E402
from spillwatch.records import Quarantined  # noqa: E402

DEFAULT = REPO.parent / "shared" / "data" / "ucdp-ged-syria" / "ged191_syria_2016_2019.csv.gz"
GOAL_SECONDS = 60.0
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--file", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    base, rows = best_of(args.repeat, bare_read, args.file)
    took, (events, bad) = best_of(args.repeat, full_import, args.file)
    print(f"rows: {rows}; imported events: {events}; quarantined rows: {bad}")
    print(f"baseline csv read: {base:.2f}s   import_ucdp: {took:.2f}s   ratio {took / base:.1f}x")
    verdict = "met" if took < GOAL_SECONDS else "MISSED"
    print(f"rows per second: {rows / took:,.0f}; goal < {GOAL_SECONDS:.0f}s: {verdict}")


if __name__ == "__main__":
    main()
