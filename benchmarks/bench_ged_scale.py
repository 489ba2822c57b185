"""Scale: a generated file the size of the full UCDP GED (about 390,000 rows, GED's columns, 1989-2019) imported
into a fresh DuckDB store, then each analysis command timed on it.

The rows are drawn (fixed seed) from the real Syria file's rows: each copy keeps a row's columns, moves it to a
random country among the 60 with ADM1 units in pycountry (its adm_1 becomes one of that country's units) and a
random year 1989-2019 (same month and day), and gets a new id. Baseline, same run: reading the generated file
with the ``csv`` module alone. Goals (issue 16): import <= 60 s, each analysis command <= 2 s.

Usage: python benchmarks/bench_ged_scale.py [--rows 390000] [--out DIR]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import random
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
SYRIA = REPO.parent / "shared" / "data" / "ucdp-ged-syria" / "ged191_syria_2016_2019.csv.gz"
IMPORT_GOAL, COMMAND_GOAL = 60.0, 2.0


def generate(path: Path, rows: int, seed: int = 7) -> None:
    import pycountry

    rng = random.Random(seed)
    with gzip.open(SYRIA, "rt", encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        columns, source = list(reader.fieldnames or []), list(reader)
    places = []
    for c in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        subs = [s.name for s in pycountry.subdivisions.get(country_code=c.alpha_2) or [] if s.parent_code is None]
        if subs:
            places.append((c.name, subs))
    places = places[::4][:60]
    with gzip.open(path, "wt", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=columns)
        writer.writeheader()
        for n in range(rows):
            row = dict(rng.choice(source))
            country, subs = rng.choice(places)
            start = date.fromisoformat(row["date_start"][:10])
            year = rng.randint(1989, 2019)
            day = min(start.day, 28)
            row.update(id=str(10_000_000 + n), country=country, adm_1=rng.choice(subs), year=str(year),
                       date_start=date(year, start.month, day).isoformat(), date_end=date(year, start.month,
                                                                                          day).isoformat())
            writer.writerow(row)


def timed(label: str, fn: object, goal: float) -> float:
    t0 = time.perf_counter()
    fn()  # type: ignore[operator]
    took = time.perf_counter() - t0
    print(f"{label:34s} {took:8.2f} s  (goal <= {goal:g} s: {'met' if took <= goal else 'NOT met'})")
    return took


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=390_000)
    parser.add_argument("--out", default=None)
    args = parser.parse_args()
    from spillwatch.api import Spillwatch
    from spillwatch.settings import load_settings

    folder = Path(args.out or tempfile.mkdtemp(prefix="spillwatch-ged-"))
    path = folder / "ged-generated.csv.gz"
    generate(path, args.rows)
    t0 = time.perf_counter()
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        n = sum(1 for _ in csv.DictReader(fh))
    print(f"generated {n} rows; bare csv read {time.perf_counter() - t0:.2f} s (baseline)")
    with Spillwatch(settings=load_settings(db=str(folder / "ged.duckdb"))) as sw:
        timed("import", lambda: sw.import_events("ucdp", str(path)), IMPORT_GOAL)
        timed("activity ISL country", lambda: sw.activity("ISL"), COMMAND_GOAL)
        timed("activity ISL adm1", lambda: sw.activity("ISL", "adm1"), COMMAND_GOAL)
        timed("spread ISL country", lambda: sw.spread("ISL"), COMMAND_GOAL)
        timed("spread ISL adm1", lambda: sw.spread("ISL", "adm1"), COMMAND_GOAL)
        timed("risk ISL country", lambda: sw.risk("ISL"), COMMAND_GOAL)
        timed("gaps ISL", lambda: sw.gaps("ISL"), COMMAND_GOAL)
        timed("alerts ISL", lambda: sw.refresh_alerts("ISL"), COMMAND_GOAL)
    return 0


if __name__ == "__main__":
    sys.exit(main())
