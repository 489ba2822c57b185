"""Events coded from the sample corpus against its gold fact list (corpus/gold/facts.json).

A fact is *found* when a stored event of the corpus has the fact's country (when the fact names one) and a date
within the fact's window (±3 days for day precision, the same month for month precision). Among found facts we
score the PLOVER type, the source actor (the fact's source, or the group that claimed or was blamed for it), and
the death toll (the event's low..high range covers the fact's best figure). Facts reported only as background in
the corpus (`context_facts`) are scored separately: they are harder, as no report is about them.

    python eval/corpus_events.py            # ingests the corpus into a temporary DuckDB file
    python eval/corpus_events.py --db X     # scores an existing store
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "corpus" / "gold"
SOURCES = [str(REPO / "corpus" / d) for d in ("txt", "html", "feeds", "jsonl")]
ALIASES = {"Islamic State": "ISL", "IS-linked militants": "ISL", "Islamic State (Libya)": "ISL",
           "Islamic State in the Greater Sahara": "ISL", "Islamic State; Nusra Front": "ISL"}


def _window(fact: dict[str, Any]) -> tuple[date, date]:
    day = date.fromisoformat(fact["date"][:10]) if len(fact["date"]) >= 10 else date.fromisoformat(fact["date"] + "-01")
    if fact["date_precision"] == "day":
        end = date.fromisoformat(fact["date_end"]) if fact.get("date_end") else day
        return date.fromordinal(day.toordinal() - 3), date.fromordinal(end.toordinal() + 3)
    first = day.replace(day=1)
    nxt = first.replace(year=first.year + (first.month == 12), month=first.month % 12 + 1)
    return first, date.fromordinal(nxt.toordinal() - 1)


def _candidates(fact: dict[str, Any], events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    lo, hi = _window(fact)
    return [e for e in events if e["date_start"] and lo <= e["date_start"] <= hi
            and (fact["country"] is None or e["country_iso3"] == fact["country"])]


def _actor_ok(fact: dict[str, Any], e: dict[str, Any]) -> bool:
    wanted = fact["source"] if fact["source"] else None
    if not wanted:
        return True
    want_id = ALIASES.get(wanted)
    ids, names = e["source_ids"].split("|"), e["source_names"].lower()
    if want_id:
        return any(i == want_id or i.startswith(want_id + "_") for i in ids)
    country_word = wanted.split()[0].lower()
    return country_word[:5] in names or country_word[:5] in e["source_ids"].lower()


def _toll_ok(fact: dict[str, Any], e: dict[str, Any]) -> bool | None:
    killed = fact.get("killed")
    if not killed or (killed.get("best") is None and killed.get("low") is None):
        return None
    want = killed.get("best") or killed.get("low")
    lo, hi = e["fatalities_low"], e["fatalities_high"] or e["fatalities_best"]
    return lo is not None and hi is not None and lo <= want <= max(hi, lo)


def score(events: list[dict[str, Any]]) -> dict[str, Any]:
    facts = json.loads((GOLD / "facts.json").read_text(encoding="utf-8"))
    reports = json.loads((GOLD / "reports.json").read_text(encoding="utf-8"))
    reported = {f for r in reports for f in r["facts"]}
    rows = []
    for fact in facts:
        cands = _candidates(fact, events)
        best = max(cands, key=lambda e: (e["type"] == fact["type"], _actor_ok(fact, e), e["n_mentions"]), default=None)
        rows.append({"fact": fact["id"], "reported": fact["id"] in reported, "found": best is not None,
                     "type_ok": bool(best and best["type"] == fact["type"]),
                     "actor_ok": bool(best and _actor_ok(fact, best)),
                     "toll_ok": _toll_ok(fact, best) if best else None, "event": best["id"] if best else None,
                     "got": f"{best['type']} {best['source_names']} @ {best['place_name']}" if best else None})
    return {"facts": rows, "summary": _summary(rows)}


def _rate(rows: list[dict[str, Any]], key: str) -> float:
    vals = [r[key] for r in rows if r[key] is not None]
    return round(sum(vals) / len(vals), 4) if vals else float("nan")


def _summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    main = [r for r in rows if r["reported"]]
    found = [r for r in main if r["found"]]
    return {"reported_facts": len(main), "found": round(len(found) / len(main), 4),
            "type_given_found": _rate(found, "type_ok"), "actor_given_found": _rate(found, "actor_ok"),
            "toll_given_found": _rate(found, "toll_ok"),
            "background_found": _rate([r for r in rows if not r["reported"]], "found")}


def load_events(db: str) -> list[dict[str, Any]]:
    from spillwatch.api import EventFilter, Spillwatch
    from spillwatch.codec import fields

    with Spillwatch(db, read_only=True) as sw:
        return [fields(r) for r in sw.events(EventFilter(origin="spillwatch", limit=100_000))]


def store_of(db: str | None) -> str:
    """``db`` itself, or a new temporary store with the corpus ingested into it."""
    if db is not None:
        return db
    from spillwatch.api import Spillwatch

    db = str(Path(tempfile.mkdtemp(prefix="spillwatch-eval-")) / "corpus.duckdb")
    with Spillwatch(db) as sw:
        sw.ingest(SOURCES)
    return db


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="an existing store holding the ingested corpus")
    parser.add_argument("--misses", action="store_true", help="list the facts not found or mis-coded")
    args = parser.parse_args()
    result = score(load_events(store_of(args.db)))
    if args.misses:
        for r in result["facts"]:
            if r["reported"] and not (r["found"] and r["type_ok"] and r["actor_ok"]):
                print(f"{r['fact']}: found={r['found']} type={r['type_ok']} actor={r['actor_ok']} got={r['got']}")
    print(json.dumps(result["summary"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
