"""The coverage-denominator check of issue 26: `gaps` as of a month with coded news watching a country only in the
months its articles report an event there (places named in passing left out), beside the rule in use.

    python scripts/gaps_events_only.py STORE [--as-of 2016-12] [--actor ISL]

Prints, per rated country, the threat and its basis under both readings (measurement only: nothing is written)."""

from __future__ import annotations

import argparse

from spillwatch.analysis import coverage as cv
from spillwatch.api import Spillwatch

PLACES = """about AS (SELECT article_id, country_iso3 FROM places
          WHERE country_iso3 IS NOT NULL AND role NOT IN ('dateline', 'demonym')
          UNION SELECT"""


def rated(db: str, actor: str, as_of: str) -> dict[str, tuple[float, str]]:
    with Spillwatch(db, read_only=True) as sw:
        return {r.country_iso3: (r.threat, r.basis) for r in sw.gaps(actor, as_of=as_of) if r.threat is not None}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("db")
    ap.add_argument("--as-of", default="2016-12")
    ap.add_argument("--actor", default="ISL")
    args = ap.parse_args()
    in_use = rated(args.db, args.actor, args.as_of)
    rule = cv.NEWS_MONTHS_SQL
    assert PLACES in rule, "the news coverage query changed: update this script"
    cv.NEWS_MONTHS_SQL = rule.replace(PLACES, "about AS (SELECT")
    events_only = rated(args.db, args.actor, args.as_of)
    cv.NEWS_MONTHS_SQL = rule
    for c in sorted(set(in_use) | set(events_only), key=lambda c: -in_use.get(c, (0.0, ""))[0]):
        a, b = in_use.get(c), events_only.get(c)
        print(f"{c}  in use {a[0] if a else '-':<6}  events only {b[0] if b else '-':<6}  "
              f"({(b or a or (0, ''))[1][:100]})")


if __name__ == "__main__":
    main()
