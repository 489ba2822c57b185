"""Sample corpus gold: is every placed fact's event in the right country and ADM1 unit?

    python eval/corpus_places.py            # ingests the corpus into a temporary DuckDB file
    python eval/corpus_places.py --db X     # an existing store holding the ingested corpus

For each gold fact with a place and a country (corpus/gold/facts.json), the gold ADM1 unit is the
one of the fact's place name read in the fact's country (the gazetteer's exact readings there, the
biggest first: "Mosul" in IRQ is IQ-NI). The events of the corpus dated in the fact's window
(±3 days, or its month) whose place is in the fact's country or whose place name is the fact's
are the fact's events; the fact is right when every one of them has the gold country and, when
gold has one, the gold ADM1 (the share of right events is printed too). Events placed at the
article's focus count like any other (their unit is the article's). Prints each fact's verdict
with ``--list``, and a JSON summary.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from corpus_events import GOLD, _window, load_events, store_of  # noqa: E402

from spillwatch.geo import adm1  # noqa: E402
from spillwatch.geo.gazetteer import open_gazetteer  # noqa: E402


def gold_unit(place: str, iso3: str) -> str | None:
    gz = open_gazetteer()
    iso2 = {v: k for k, v in gz.iso2_to_iso3().items()}.get(iso3)
    found = [c for c in gz.lookup(place, fuzzy=False) if c.iso2 == iso2 and c.adm1 and c.kind != "country"]
    best = max(found, key=lambda c: (c.kind == "adm1", c.population), default=None)
    return adm1.from_geonames(f"{best.iso2}.{best.adm1}") if best else None


def score(events: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    facts = [f for f in json.loads((GOLD / "facts.json").read_text(encoding="utf-8")) if f["place"] and f["country"]]
    rows = []
    for fact in facts:
        lo, hi = _window(fact)
        unit = gold_unit(fact["place"], fact["country"])
        dated = [e for e in events if e["date_start"] and lo <= e["date_start"] <= hi and e["type"] == fact["type"]]
        cands = [e for e in dated if e["country_iso3"] == fact["country"]
                 or fact["place"].lower() in (e["place_name"] or "").lower()]
        right = [e for e in cands
                 if e["country_iso3"] == fact["country"] and (unit is None or e["adm1_code"] == unit)]
        got = sorted({f"{e['place_name']} {e['country_iso3']} {e['adm1_code']}" for e in cands})
        rows.append({"fact": fact["id"], "place": fact["place"], "country": fact["country"], "adm1": unit,
                     "found": bool(cands), "right": bool(right) and len(right) == len(cands), "got": got[:4],
                     "events": len(cands), "events_right": len(right)})
    found = [r for r in rows if r["found"]]
    n_events = max(1, sum(r["events"] for r in found))
    summary = {"placed_facts": len(rows), "found": len(found),
               "every_event_right_of_found": round(sum(r["right"] for r in found) / max(1, len(found)), 4),
               "events_right": round(sum(r["events_right"] for r in found) / n_events, 4)}
    return rows, summary


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="an existing store holding the ingested corpus")
    parser.add_argument("--list", action="store_true", help="print every fact's verdict")
    args = parser.parse_args()
    rows, summary = score(load_events(store_of(args.db)))
    for r in rows:
        if args.list or (r["found"] and not r["right"]):
            print(f"{'ok ' if r['right'] else 'BAD' if r['found'] else '---'} {r['fact']}: gold {r['place']} "
                  f"{r['country']} {r['adm1']}; got {r['got']}")
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
