"""Issue 26's check of what a news-coded threat rests on: `gaps` as of a month under the rules in use, beside the
same with coded news watching a country only in the months its articles report an event there (places named in
passing left out), with every strike on the actor counted (`--role any`: what an ACLED user counting actor1 OR actor2
counts), and with both; each country's rank in each reading, so that a reader sees which rule (the coverage
denominator, the role model, or neither) moves a country.

    python scripts/gaps_events_only.py STORE [--as-of 2016-12] [--actor ISL]

Prints, per rated country, the threat and its rank under the four readings and the basis in use (measurement only:
nothing is written)."""

from __future__ import annotations

import argparse

from spillwatch.analysis import coverage as cv
from spillwatch.api import Spillwatch

PLACES = """about AS (SELECT article_id, country_iso3 FROM places
          WHERE country_iso3 IS NOT NULL AND role NOT IN ('dateline', 'demonym')
          UNION SELECT"""
READINGS = ("in use", "events only", "every strike", "both")


def rated(db: str, actor: str, as_of: str, roles: tuple[str, ...] = ()) -> dict[str, tuple[float, str]]:
    with Spillwatch(db, read_only=True) as sw:
        return {r.country_iso3: (r.threat, r.basis) for r in sw.gaps(actor, as_of=as_of, roles=roles)
                if r.threat is not None}


def readings(db: str, actor: str, as_of: str) -> dict[str, dict[str, tuple[float, str]]]:
    """The four readings of READINGS, each {country: (threat, basis)}."""
    rule = cv.NEWS_MONTHS_SQL
    assert PLACES in rule, "the news coverage query changed: update this script"
    out = {"in use": rated(db, actor, as_of), "every strike": rated(db, actor, as_of, ("any",))}
    cv.NEWS_MONTHS_SQL = rule.replace(PLACES, "about AS (SELECT")
    try:
        out["events only"] = rated(db, actor, as_of)
        out["both"] = rated(db, actor, as_of, ("any",))
    finally:
        cv.NEWS_MONTHS_SQL = rule
    return out


def _ranks(rates: dict[str, tuple[float, str]]) -> dict[str, int]:
    """Each country's rank by threat (1: the highest; ties by code)."""
    return {c: i + 1 for i, c in enumerate(sorted(rates, key=lambda c: (-rates[c][0], c)))}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("db")
    ap.add_argument("--as-of", default="2016-12")
    ap.add_argument("--actor", default="ISL")
    args = ap.parse_args()
    found = readings(args.db, args.actor, args.as_of)
    ranks = {k: _ranks(v) for k, v in found.items()}
    print("country  " + "  ".join(f"{k:>16}" for k in READINGS) + "  basis in use")
    for c in sorted(set().union(*found.values()), key=lambda c: ranks["in use"].get(c, 999)):
        cells = [f"{found[k][c][0]:.3f} (#{ranks[k][c]})" if c in found[k] else "-" for k in READINGS]
        basis = found["in use"].get(c, (0.0, ""))[1]
        print(f"{c:<7}  " + "  ".join(f"{x:>16}" for x in cells) + f"  {basis[:140]}")


if __name__ == "__main__":
    main()
