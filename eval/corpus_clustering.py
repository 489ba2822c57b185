"""Event clustering on the sample corpus against its gold clustering (corpus/gold/reports.json).

Gold: reports sharing an id in ``facts`` report the same event (``context_facts`` are only
background mentions and do not merge reports). A report with two facts sits in two gold
clusters, so B-cubed is the extended (overlapping) form; see spillwatch.dedup.metrics.
Scored items: the reports that report at least one fact (event reports and syndicated copies);
no-event reports are listed separately when the prediction puts them in a multi-report event.

Predicted: for each stored event (origin spillwatch), the set of report files whose articles
(and their copies and near-duplicate copies) gave one of its mentions; identical sets count
once and single-report sets say nothing about grouping (a report in no multi-report set is a
cluster of its own). Two readings are printed: through every mention, and through "news"
mentions only (dated from ``NEWS_DAYS`` days before the article's publication day to the day
after, or undated), which is how the gold defines ``facts``: background mentions of earlier
events ("since the Paris attacks in November 2015") are correct at mention level but do not
make a report a report of that event. A mention that states a date of its own the dater could not
place ("In June" in an undated story) is not counted as news either: nothing shows it is.

Usage: python eval/corpus_clustering.py [--db PATH] [--orders]   (ingests corpus/ into a fresh
DuckDB file in a temporary directory unless --db names an existing one; --orders also ingests
it backwards and in two runs and compares the report groups)
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from spillwatch.dedup.metrics import Scores, bcubed, pairwise  # noqa: E402

CORPUS = REPO / "corpus"
NEWS_DAYS = 7
_RECORD = re.compile(r"#(?:L(?P<line>\d+)|entry-(?P<entry>\d+)|(?P<index>\d+))$")


def report_key(file: str, record: int | None) -> str:
    """A report's id: its file relative to corpus/, with ``#<record>`` for JSONL lines and feed items."""
    return file if record is None else f"{file}#{record}"


def key_from_source(source: str, corpus: Path = CORPUS) -> str:
    """The report key of a stored copy's ``source`` (JSONL "#L<line>" is 1-based, feed entries 0-based)."""
    found = _RECORD.search(source)
    path = source[: found.start()] if found else source
    try:
        rel = Path(path).resolve().relative_to(corpus.resolve()).as_posix()
    except ValueError:
        rel = path
    if not found:
        return rel
    if found.group("line"):
        return report_key(rel, int(found.group("line")) - 1)
    return report_key(rel, int(found.group("entry") or found.group("index")))


def load_reports(path: Path = CORPUS / "gold" / "reports.json") -> list[dict[str, Any]]:
    return list(json.loads(path.read_text(encoding="utf-8")))


def gold_clusters(reports: Iterable[Mapping[str, Any]]) -> list[set[str]]:
    """One cluster per fact id: the reports that report it."""
    by_fact: dict[str, set[str]] = defaultdict(set)
    for rep in reports:
        for fact in rep.get("facts") or ():
            by_fact[fact].add(report_key(rep["file"], rep.get("record")))
    return [by_fact[f] for f in sorted(by_fact)]


def score(predicted: Iterable[Iterable[str]], reports: list[dict[str, Any]]) -> dict[str, Any]:
    """Pairwise and B-cubed scores of predicted clusters of report keys, over the fact-bearing reports."""
    gold = gold_clusters(reports)
    scored = set().union(*gold) if gold else set()
    no_event = {report_key(r["file"], r.get("record")) for r in reports if not r.get("facts")}
    pred = [set(c) for c in {frozenset(c) for c in predicted if len(set(c)) > 1}]
    merged_no_event = sorted({k for c in pred if len(c) > 1 for k in c & no_event})
    kept = [c & scored for c in pred if c & scored]
    b3: Scores = bcubed(kept, gold)
    pw: Scores = pairwise(kept, gold)
    return {
        "reports": len(scored),
        "gold_events": len(gold),
        "predicted_events": len(kept),
        "bcubed": b3,
        "pairwise": pw,
        "no_event_reports_merged": merged_no_event,
    }


def is_news(start: date | None, end: date | None, published: date | None, days: int = NEWS_DAYS) -> bool:
    """A mention dated from ``days`` before publication to the day after (or undated) is news."""
    if start is None or published is None:
        return True
    return (end or start) >= published - timedelta(days=days) and start <= published + timedelta(days=1)


def _day(value: Any) -> date | None:
    text = str(value or "")[:10]
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def predicted_from_store(
    store: Any, corpus: Path = CORPUS, news_only: bool = False, recluster: bool = False
) -> list[set[str]]:
    """Report keys per spillwatch event (via mentions -> articles -> copies).

    ``recluster``: instead of the stored events, cluster the stored mentions again with
    ``dedup.cluster.cluster`` given each article's publication day (for undated mentions).
    """
    articles = store.query("SELECT id, duplicate_of, published FROM articles")
    dup_of = {r["id"]: r["duplicate_of"] for r in articles}
    published = {r["id"]: _day(r["published"]) for r in articles}
    sources: dict[str, set[str]] = defaultdict(set)
    for r in store.query("SELECT article_id, source FROM article_copies"):
        root = dup_of.get(r["article_id"]) or r["article_id"]
        sources[root].add(key_from_source(r["source"], corpus))
    mentions = store.mentions()
    if recluster:
        from spillwatch.dedup.cluster import cluster

        events = cluster(mentions, published=published.get)
        event_of = {mid: e.id for e in events for mid in e.mention_ids}
    else:
        event_of = {r["id"]: r["event_id"] for r in store.query("SELECT id, event_id FROM event_mentions")}
    clusters: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        event = event_of.get(m.id)
        start, end = (m.date.start, m.date.end) if m.date else (None, None)
        unplaced = m.date is not None and m.date.start is None and m.date.source == "expression"
        if event and (not news_only or (not unplaced and is_news(start, end, published.get(m.article_id)))):
            clusters[event] |= sources.get(m.article_id, set())
    return [clusters[k] for k in sorted(clusters)]


def stability_check(store: Any) -> str:
    """Cluster the stored mentions in reverse order, and in two batches arriving apart in time
    (articles published before the median publication day first, the rest later through
    ``assign``, undated articles in the later batch): same events as all at once?"""
    from spillwatch.dedup.cluster import assign, cluster, mention_keys

    published = {r["id"]: _day(r["published"]) for r in store.query("SELECT id, published FROM articles")}
    mentions = sorted(store.mentions(), key=lambda m: m.id)
    whole = cluster(mentions, published=published.get)
    if cluster(list(reversed(mentions)), published=published.get) != whole:
        return "reverse order DIFFERS"
    days = sorted(d for d in published.values() if d)
    cut = days[len(days) // 2] if days else None
    first = [m for m in mentions if cut and (published.get(m.article_id) or cut) < cut]
    later = [m for m in mentions if m not in first]
    index: dict[tuple[str, str, int], list[Any]] = defaultdict(list)
    for m in first:
        for key in mention_keys(m, published.get(m.article_id)):
            index[key].append(m)
    stored = cluster(first, published=published.get)
    result = assign(stored, later, lambda k: index.get(k, []), published=published.get)
    kept = [e for e in stored if set(e.mention_ids).isdisjoint(result.mention_ids)]
    same = sorted([*kept, *result.events], key=lambda e: e.id) == list(whole)
    return f"reverse order identical; two batches ({len(first)} + {len(later)} mentions) " + (
        "identical" if same else "DIFFER"
    )


def order_check(tmp: Path) -> dict[str, bool]:
    """Ingest the corpus forwards, backwards, and in two runs (html/txt, then feeds/jsonl):
    same report groups? (Compared by report files, since which copy of a syndicated story is
    stored, and so which article ids the mentions carry, depends on what arrives first.)"""
    from spillwatch.api import Spillwatch

    folders = [str(CORPUS / d) for d in ("txt", "html", "feeds", "jsonl")]
    plans = {
        "forwards": [folders],
        "backwards": [folders[::-1]],
        "two runs": [folders[:2], folders[2:]],
    }
    groups = {}
    for name, runs in plans.items():
        with Spillwatch(str(tmp / f"{name.replace(' ', '_')}.duckdb")) as sw:
            for batch in runs:
                sw.ingest(batch)
            groups[name] = tuple(
                {frozenset(c) for c in predicted_from_store(sw.store, news_only=news) if len(c) > 1}
                for news in (False, True)
            )
    return {name: found == groups["forwards"] for name, found in groups.items() if name != "forwards"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", help="an existing DuckDB file holding the ingested corpus")
    parser.add_argument("--orders", action="store_true", help="also ingest in other orders and compare")
    args = parser.parse_args()
    if args.orders:
        with tempfile.TemporaryDirectory() as tmp:
            same = order_check(Path(tmp))
        print(f"report groups equal to the forwards ingest: {same}")
    from spillwatch.api import Spillwatch

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "corpus.duckdb")
        with Spillwatch(db) as sw:
            if not args.db:
                ingested = sw.ingest([str(CORPUS / d) for d in ("txt", "html", "feeds", "jsonl")])
                print(f"ingested: {ingested}")
            stable = stability_check(sw.store)
            print(f"stability on the corpus mentions: {stable}")
            readings = {
                "every mention": predicted_from_store(sw.store),
                f"news mentions (within {NEWS_DAYS} days of publication)": predicted_from_store(
                    sw.store, news_only=True
                ),
                "news mentions, re-clustered with publication days for undated mentions": (
                    predicted_from_store(sw.store, news_only=True, recluster=True)
                ),
            }
    reports = load_reports()
    summary: dict[str, Any] = {"stable": "DIFFER" not in stable}
    for (name, predicted), tag in zip(readings.items(), ("all", "news", "recluster"), strict=True):
        result = score(predicted, reports)
        summary[tag] = {
            "bcubed_p": round(result["bcubed"].precision, 4),
            "bcubed_r": round(result["bcubed"].recall, 4),
            "bcubed_f1": round(result["bcubed"].f1, 4),
            "pairwise_p": round(result["pairwise"].precision, 4),
            "pairwise_r": round(result["pairwise"].recall, 4),
            "no_event_merged": len(result["no_event_reports_merged"]),
        }
        print(f"\n== through {name} ==")
        print(
            f"reports with a fact: {result['reports']}; gold events: {result['gold_events']}; "
            f"multi-report groups predicted: {result['predicted_events']}"
        )
        print(f"B-cubed   {result['bcubed']}")
        print(f"pairwise  P {result['pairwise'].precision:.3f}  R {result['pairwise'].recall:.3f}")
        print(f"no-event reports merged into events: {result['no_event_reports_merged'] or 'none'}")
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
