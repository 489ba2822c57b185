"""Build a DuckDB store of 1,000,000 events from the UCDP GED Syria file (for bench_api.py).

The file is imported through the real importer (``Spillwatch.import_events``); the rest are shifted
copies made inside DuckDB with INSERT ... SELECT: copy k moves every date by 4*k years (so weekdays
and leap days stay put), jitters each point by up to ~0.01 degrees (a hash of the new id, so the
store is the same on every run) and gets the id ``<id>~k<k>``. Its event_actors rows and its stored
record (record_json) follow. Never commit the output: it is a benchmark artefact (~hundreds of MB).

Usage: python benchmarks/make_million.py OUT.duckdb [--events 1000000] [--file UCDP.csv.gz]
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

import duckdb  # noqa: E402

from spillwatch.api import Spillwatch  # noqa: E402

DEFAULT = REPO.parent / "shared" / "data" / "ucdp-ged-syria" / "ged191_syria_2016_2019.csv.gz"
JITTER = 0.01

_COPIES = """
CREATE TEMP TABLE copies AS
SELECT e.id AS old_id, e.id || '~k' || CAST(k AS VARCHAR) AS new_id, k,
       (hash(e.id || '~k' || CAST(k AS VARCHAR)) % 2001) / 1000.0 - 1.0 AS jlat,
       (hash(e.id || '~lon' || CAST(k AS VARCHAR)) % 2001) / 1000.0 - 1.0 AS jlon
FROM events e, range(1, ?) AS r(k)
ORDER BY k, e.id
LIMIT ?
"""


def _event_insert(columns: list[str]) -> str:
    """INSERT ... SELECT over every events column, with the shifted ones rewritten."""
    shifted = {
        "id": "c.new_id",
        "external_id": "e.external_id || '~k' || CAST(c.k AS VARCHAR)",
        "date_start": "CAST(e.date_start + to_years(CAST(4 * c.k AS INTEGER)) AS DATE)",
        "date_end": "CAST(e.date_end + to_years(CAST(4 * c.k AS INTEGER)) AS DATE)",
        "lat": f"e.lat + c.jlat * {JITTER}",
        "lon": f"e.lon + c.jlon * {JITTER}",
        "record_json": (
            "CAST(json_merge_patch(e.record_json, json_object("
            "'id', c.new_id, 'external_id', e.external_id || '~k' || CAST(c.k AS VARCHAR),"
            " 'date_start', CAST(e.date_start + to_years(CAST(4 * c.k AS INTEGER)) AS DATE),"
            " 'date_end', CAST(e.date_end + to_years(CAST(4 * c.k AS INTEGER)) AS DATE),"
            f" 'place', CASE WHEN e.lat IS NULL THEN NULL ELSE json_object('lat', e.lat + c.jlat * {JITTER},"
            f" 'lon', e.lon + c.jlon * {JITTER}) END)) AS VARCHAR)"),
    }
    select = ", ".join(shifted.get(col, f"e.{col}") for col in columns)
    return f"INSERT INTO events ({', '.join(columns)}) SELECT {select} FROM copies c JOIN events e ON e.id = c.old_id"


def build(out: Path, total: int, source: Path) -> dict[str, float]:
    if out.exists():
        raise SystemExit(f"{out} exists; remove it first")
    t0 = time.perf_counter()
    with Spillwatch(str(out)) as sw:
        summary = sw.import_events("ucdp", str(source))
    t1 = time.perf_counter()
    con = duckdb.connect(str(out))
    try:
        base = int(con.execute("SELECT count(*) FROM events").fetchone()[0])  # type: ignore[index]
        extra = max(0, total - base)
        rounds = math.ceil(extra / base) if base else 0
        con.execute(_COPIES, [rounds + 1, extra])
        columns = [r[0] for r in con.execute("SELECT name FROM pragma_table_info('events') ORDER BY cid").fetchall()]
        con.execute("BEGIN TRANSACTION")
        con.execute(_event_insert(columns))
        con.execute("INSERT INTO event_actors SELECT c.new_id, a.actor_id, a.role"
                    " FROM copies c JOIN event_actors a ON a.event_id = c.old_id")
        con.execute("COMMIT")
        con.execute("CHECKPOINT")
        n = int(con.execute("SELECT count(*) FROM events").fetchone()[0])  # type: ignore[index]
        pairs = int(con.execute("SELECT count(*) FROM event_actors").fetchone()[0])  # type: ignore[index]
    finally:
        con.close()
    t2 = time.perf_counter()
    return {"imported": summary.stored, "events": n, "event_actors": pairs, "import_s": t1 - t0,
            "copy_s": t2 - t1, "total_s": t2 - t0, "mb": out.stat().st_size / 2**20}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--file", type=Path, default=DEFAULT)
    args = parser.parse_args()
    r = build(args.out, args.events, args.file)
    print(f"imported {r['imported']:.0f} UCDP events in {r['import_s']:.1f} s; shifted copies in {r['copy_s']:.1f} s")
    print(f"store: {r['events']:.0f} events, {r['event_actors']:.0f} event_actors rows, {r['mb']:.0f} MiB,"
          f" built in {r['total_s']:.1f} s -> {args.out}")


if __name__ == "__main__":
    main()
