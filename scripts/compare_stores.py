"""Compare two DuckDB stores row by row: every table both hold, every column but the run's clock times.

    python scripts/compare_stores.py BEFORE.duckdb AFTER.duckdb

Used to show that a change which should not change what is stored (a refactoring) stores the same rows
as its base commit on the same input. Prints one line per table (rows in each, rows only in one) and
the first differing rows; exits 1 when any table differs.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from typing import Any

import duckdb

CLOCK_TYPES = ("TIMESTAMP", "TIMESTAMP WITH TIME ZONE")  # when a run happened, not what it stored
RUN_TABLES = {"runs", "schema_migrations"}  # a record of the run itself


def columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    found = con.execute("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ?"
                        " ORDER BY ordinal_position", [table]).fetchall()
    return [name for name, kind in found if kind not in CLOCK_TYPES]


def rows(con: duckdb.DuckDBPyConnection, table: str, cols: list[str]) -> Counter[tuple[Any, ...]]:
    quoted = ", ".join(f'"{c}"' for c in cols)
    return Counter(tuple(r) for r in con.execute(f'SELECT {quoted} FROM "{table}"').fetchall())


def tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {t for (t,) in con.execute("SELECT table_name FROM information_schema.tables"
                                      " WHERE table_schema = 'main'").fetchall()} - RUN_TABLES


def compare(before: str, after: str, show: int = 3) -> int:
    a, b = duckdb.connect(before, read_only=True), duckdb.connect(after, read_only=True)
    differ = 0
    for table in sorted(tables(a) | tables(b)):
        if table not in tables(a) or table not in tables(b):
            print(f"{table}: only in {'after' if table not in tables(a) else 'before'}")
            differ += 1
            continue
        cols = [c for c in columns(a, table) if c in set(columns(b, table))]
        left, right = rows(a, table, cols), rows(b, table, cols)
        only_a, only_b = left - right, right - left
        print(f"{table}: {sum(left.values())} / {sum(right.values())} rows, "
              f"{sum(only_a.values())} only before, {sum(only_b.values())} only after")
        for label, extra in (("before", only_a), ("after", only_b)):
            for row in list(extra)[:show]:
                print(f"  only {label}: {dict(zip(cols, row, strict=True))}"[:400])
        differ += bool(only_a or only_b)
    print(f"{differ} table(s) differ")
    return 1 if differ else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("before")
    parser.add_argument("after")
    args = parser.parse_args(argv)
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
