"""How many events reach an ADM1 polygon of the map: UCDP GED Syria's adm_1 names keyed to ISO 3166-2
(geo/adm1keys.py, no import needed) and, given a store, its map layers per origin (keyed, placed only at
country level, ADM1 given but matching no polygon, with the unmatched codes/names).

    python eval/adm1_coverage.py [--db STORE]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
UCDP = REPO.parent / "shared" / "data" / "ucdp-ged-syria" / "ged191_syria_2016_2019.csv.gz"


def ucdp_names() -> int:
    from spillwatch.geo.adm1keys import adm1_keys

    if not UCDP.exists():
        print(f"missing {UCDP}", file=sys.stderr)
        return 2
    with gzip.open(UCDP, "rt", encoding="utf-8") as fh:
        names = Counter(row["adm_1"] for row in csv.DictReader(fh))
    keys = adm1_keys()
    keyed = {n: keys.key("SYR", None, n) for n in names if n}
    rows_keyed = sum(names[n] for n, k in keyed.items() if k)
    print(f"UCDP GED Syria: {sum(names.values()):,} rows; {rows_keyed:,} keyed to {len(set(keyed.values()) - {None})}"
          f" ISO 3166-2 units; {names.get('', 0):,} with no adm_1; unkeyed names: "
          f"{sorted(n for n, k in keyed.items() if not k) or 'none'}")
    return 0


def store_layers(db: str) -> None:
    from spillwatch.api import EventFilter, Spillwatch
    from spillwatch.geo.adm1keys import adm1_keys

    with Spillwatch(db, read_only=True) as sw:
        origins = [r["origin"] for r in sw.store.query("SELECT DISTINCT origin FROM events ORDER BY 1")]
        for origin in origins:
            layers = sw.map_layers(EventFilter(origin=origin))
            keyed = sum(u.events for u in layers.adm1)
            print(f"{db} origin={origin}: {layers.events:,} events; {keyed:,} in {len(layers.adm1)} ADM1 polygons;"
                  f" {layers.adm1_missing:,} placed at country level or not at all; {layers.adm1_unkeyed:,} unmatched")
        rows = sw.store.query("SELECT country_iso3, adm1_code, adm1_name, count(*) AS n FROM events"
                              " WHERE adm1_code IS NOT NULL OR adm1_name IS NOT NULL GROUP BY 1, 2, 3")
    keys = adm1_keys()
    for r in rows:
        if keys.key(r["country_iso3"], r["adm1_code"], r["adm1_name"]) is None:
            print(f"  unmatched: {r['country_iso3']} {r['adm1_code']!r} {r['adm1_name']!r} ({r['n']} events)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="a store to report on too")
    args = parser.parse_args()
    status = ucdp_names()
    if args.db:
        store_layers(args.db)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
