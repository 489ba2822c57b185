"""Event dates on the sample corpus against its gold facts, beside the reports' publication days.

Usage: python eval/corpus_dates.py [--db PATH] [--misses]
(ingests corpus/ into a temporary DuckDB store unless ``--db`` names one already holding it)

Facts: the gold facts (``corpus/gold/facts.json``) with a day or a range that some report states
(``corpus/gold/reports.json``). A fact's event: among the stored events built from mentions in its
reports (through their articles, exact copies and near-duplicate copies), those of the fact's
PLOVER type (a report also names background events of the same type). The fact is dated within a
day when one of them starts and ends within a day of the fact's date (a day: the fact's day; a
range: its first and last day); else the misses list the one with the most mentions from those
reports. Baseline in the same run: the earliest publication day among the fact's reports, as
if every event took its article's date. Both are also given on the facts for which some stored
event of their type exists (``with_event_*``): a fact the coder found no event for is a miss of
the dater's but not of the baseline's, so the whole-set comparison mixes detection with dating.

Store checks, which hold on any store: events dated after the latest publication day of their
articles, events dated after the run's day, and events left undated although one of their
articles has a date.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from corpus_clustering import _day, key_from_source, load_reports, report_key  # noqa: E402
from corpus_events import GOLD, store_of  # noqa: E402

DAY = timedelta(days=1)


def _fact_days(fact: dict[str, Any]) -> tuple[date, date] | None:
    if fact["date_precision"] not in ("day", "range") or len(fact["date"]) < 10:
        return None
    start = date.fromisoformat(fact["date"])
    return start, date.fromisoformat(fact["date_end"]) if fact.get("date_end") else start


def _within(start: date | None, end: date | None, truth: tuple[date, date]) -> bool:
    return start is not None and abs(start - truth[0]) <= DAY and abs((end or start) - truth[1]) <= DAY


def gather(store: Any) -> dict[str, Any]:
    """Per event: its type, dates and report keys; per report key: its publication day."""
    articles = {r["id"]: r for r in store.query("SELECT id, duplicate_of, published FROM articles")}
    root = {a: (r["duplicate_of"] or a) for a, r in articles.items()}
    keys: dict[str, set[str]] = defaultdict(set)
    for r in store.query("SELECT article_id, source FROM article_copies"):
        keys[root.get(r["article_id"], r["article_id"])].add(key_from_source(r["source"]))
    published = {k: _day(articles[a]["published"]) for a, ks in keys.items() for k in ks if a in articles}
    days: dict[str, list[date]] = defaultdict(list)  # an article's day and its near-duplicate copies'
    for a, r in articles.items():
        if (day := _day(r["published"])) is not None:
            days[root[a]].append(day)
    events = {r["id"]: {"type": r["type"], "start": _day(r["date_start"]), "end": _day(r["date_end"]),
                        "reports": Counter(), "days": []}
              for r in store.query("SELECT id, type, date_start, date_end FROM events WHERE origin = 'spillwatch'")}
    for r in store.query("SELECT article_id, event_id FROM event_mentions WHERE event_id IS NOT NULL"):
        e = events.get(r["event_id"])
        if e is None:
            continue
        art = root.get(r["article_id"], r["article_id"])
        e["reports"].update(keys.get(art, set()))
        e["days"] += days.get(art, [])
    return {"events": events, "published": published}


def score(data: dict[str, Any], reports: list[dict[str, Any]], today: date) -> dict[str, Any]:
    facts = {f["id"]: f for f in json.loads((GOLD / "facts.json").read_text(encoding="utf-8"))}
    by_fact: dict[str, set[str]] = defaultdict(set)
    for rep in reports:
        for fid in rep.get("facts") or ():
            by_fact[fid].add(report_key(rep["file"], rep.get("record")))
    events, published = data["events"], data["published"]
    rows: list[dict[str, Any]] = []
    for fid, keys in sorted(by_fact.items()):
        truth = _fact_days(facts[fid]) if fid in facts else None
        if truth is None:
            continue
        cands = [e for e in events.values() if e["type"] == facts[fid]["type"] and sum(e["reports"][k] for k in keys)]
        best = max(cands, key=lambda e: (_within(e["start"], e["end"], truth), sum(e["reports"][k] for k in keys)),
                   default=None)
        base = min((published[k] for k in keys if published.get(k)), default=None)
        rows.append({"fact": fid, "event": best is not None,
                     "dated": best is not None and _within(best["start"], best["end"], truth),
                     "got": (str(best["start"]), str(best["end"])) if best else None,
                     "article_date": base is not None and _within(base, base, truth)})
    n = len(rows) or 1
    after = [e for e in events.values() if e["start"] and e["days"] and e["start"] > max(e["days"])]
    return {
        "facts": len(rows),
        "with_event": sum(r["event"] for r in rows) / n,
        "dated_within_a_day": sum(r["dated"] for r in rows) / n,
        "article_date_within_a_day": sum(r["article_date"] for r in rows) / n,
        # the same two on the facts some stored event of their type stands for: the dater can date only
        # what the coder found, the baseline needs no event
        "with_event_dated": sum(r["dated"] for r in rows if r["event"]) / (sum(r["event"] for r in rows) or 1),
        "with_event_article_date": sum(r["article_date"] for r in rows if r["event"]) / (
            sum(r["event"] for r in rows) or 1),
        "events": len(events),
        "after_article": len(after),
        "after_run": sum(e["start"] is not None and e["start"] > today for e in events.values()),
        "undated_with_dated_article": sum(e["start"] is None and bool(e["days"]) for e in events.values()),
        "rows": rows,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--db", help="an existing store holding the ingested corpus")
    ap.add_argument("--misses", action="store_true", help="list the facts not dated within a day")
    args = ap.parse_args()
    if args.db is not None and not Path(args.db).exists():
        print(f"no store at {args.db}", file=sys.stderr)
        return 2
    from spillwatch.api import Spillwatch

    with Spillwatch(store_of(args.db), read_only=True) as sw:
        res = score(gather(sw.store), load_reports(), date.today())
    for r in res.pop("rows"):
        if args.misses and not r["dated"]:
            print(f"MISS {r['fact']}: event={r['event']} got={r['got']} article_date_ok={r['article_date']}")
    print(json.dumps({k: round(v, 4) if isinstance(v, float) else v for k, v in res.items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
