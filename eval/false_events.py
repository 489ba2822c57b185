"""False events on general news: event mentions per 100 GeoWebNews pages, each one judged by hand.

Usage: python eval/false_events.py [--xml PATH] [--limit N] [--list] [--baseline]
Default data: ../shared/data/geo/GeoWebNews.xml (200 news articles from many outlets; never used in
training: the detector's negatives come from the article-extraction-benchmark pages only).

Every article goes through the real stages (``pipeline.understand``: relevance gate, spaCy parse,
annotators, event coding). Each mention is looked up in ``eval/judged/geowebnews_events.tsv``
(article number, trigger offset, type -> true/false and why; written by hand, no article text in
it). Printed: mentions per 100 pages, judged-false mentions per 100 pages (the goal: <= 3),
unjudged mentions (must be 0 for the figure to count), pages the gate skipped; and the same as
events (each page's mentions clustered on their own: a repeat joined to its report is no false event). ``--list`` prints
every mention with its sentence for judging; ``--baseline`` adds the same run with the gate off
beside it. The code before the detector is measured by running this script with that commit's
``src`` first on PYTHONPATH.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

from spillwatch.records import Article, Block, DateInfo, EventMention
from spillwatch.run import pipeline
from spillwatch.settings import Settings, load_settings
from spillwatch.stages import Coded

REPO = Path(__file__).resolve().parents[1]
DEFAULT = REPO.parent / "shared/data/geo/GeoWebNews.xml"
JUDGED = REPO / "eval/judged/geowebnews_events.tsv"
Key = tuple[str, int, str]


def load(xml: Path, limit: int | None) -> list[tuple[str, Article]]:
    out: list[tuple[str, Article]] = []
    for node in ET.parse(xml).getroot().iter("article"):
        title = (node.findtext("title") or "").strip()
        text = (node.findtext("text") or "").strip()
        blocks = tuple(b for b in (Block("title", title), Block("body", text)) if b.text)
        out.append((node.get("file", str(len(out))), Article(raw_id=f"gwn-{len(out)}", source="geowebnews",
                                                             blocks=blocks, published=DateInfo(None, "none"))))
    return out[:limit] if limit else out


def judgements() -> dict[Key, tuple[str, str]]:
    if not JUDGED.exists():
        return {}
    with JUDGED.open(encoding="utf-8") as fh:
        rows = csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t")
        return {(r["file"], int(r["trigger_start"]), r["type"]): (r["verdict"], r["why"]) for r in rows}


def verdict_of(judged: dict[Key, tuple[str, str]], file_id: str, m: EventMention) -> tuple[str, str]:
    """A mention's judgement: by (file, offset, type), else by (file, offset) alone: a mention keeps
    its judgement when only its type changed (it is the same words, judged as an event or not)."""
    hit = judged.get((file_id, m.trigger.start, m.type))
    if hit is None:
        hit = next((v for (f, start, _), v in judged.items() if f == file_id and start == m.trigger.start), None)
    return hit or ("?", "")


def run(docs: list[tuple[str, Article]], settings: Settings) -> tuple[list[tuple[str, Article, EventMention]], int]:
    found: list[tuple[str, Article, EventMention]] = []
    skipped = 0
    coded = pipeline.understand([a for _, a in docs], settings)
    for (file_id, article), c in zip(docs, coded, strict=True):
        if not isinstance(c, Coded):  # quarantined by a stage: no events
            continue
        relevance = getattr(c.annotated, "relevance", None)  # None on code from before the gate
        if relevance is not None and not relevance.run:
            skipped += 1
        found += [(file_id, article, m) for m in c.mentions]
    return found, skipped


def summarise(found: list[tuple[str, Article, EventMention]], skipped: int, pages: int) -> dict[str, float]:
    judged = judgements()
    verdicts = [verdict_of(judged, f, m)[0] for f, _, m in found]
    per100 = 100.0 / pages
    return {
        "pages": float(pages),
        "skipped_pages": float(skipped),
        "mentions_per_100_pages": len(found) * per100,
        "false_per_100_pages": sum(v == "false" for v in verdicts) * per100,
        "true_per_100_pages": sum(v == "true" for v in verdicts) * per100,
        "unjudged": float(sum(v == "?" for v in verdicts)),
        **event_counts(found, [verdict_of(judged, f, m)[0] for f, _, m in found], per100),
    }


def event_counts(
    found: list[tuple[str, Article, EventMention]], verdicts: list[str], per100: float
) -> dict[str, float]:
    """The same mentions as events: each page's mentions clustered on their own (``dedup.cluster``: the
    within-article merging), an event false when every mention of it is judged false (a repeat of a
    counted report joins that report's event and is no false event)."""
    from spillwatch.dedup.cluster import cluster

    verdict = {m.id: v for (_, _, m), v in zip(found, verdicts, strict=True)}
    pages: dict[str, list[EventMention]] = {}
    for f, _, m in found:
        pages.setdefault(f, []).append(m)
    events = [e for ms in pages.values() for e in cluster(ms)]
    false = sum(all(verdict[i] == "false" for i in e.mention_ids) for e in events)
    true = sum(any(verdict[i] == "true" for i in e.mention_ids) for e in events)
    return {"events_per_100_pages": len(events) * per100, "false_events_per_100_pages": false * per100,
            "true_events_per_100_pages": true * per100}


def print_list(found: list[tuple[str, Article, EventMention]]) -> None:
    judged = judgements()
    for f, article, m in found:
        verdict = verdict_of(judged, f, m)[0]
        sentence = m.sentence.of(article.text).replace("\n", " ")
        sides = (("src", m.sources), ("tgt", m.targets))
        actors = " ".join(f"{role}:{a.name}/{a.sector or '-'}" for role, side in sides for a in side)
        print(f"{f}\t{m.trigger.start}\t{m.type}\t{m.trigger_text}\t{m.confidence:.2f}\t{verdict}\t{sentence[:300]}"
              f"\t{actors}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--xml", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--baseline", action="store_true")
    args = ap.parse_args(argv)
    if not args.xml.exists():
        print(f"missing {args.xml}", file=sys.stderr)
        return 2
    docs = load(args.xml, args.limit)
    settings = load_settings()  # SPILLWATCH_* variables apply (SPILLWATCH_DETECTOR_VETO=1, ...)
    found, skipped = run(docs, settings)
    if args.list:
        print_list(found)
    res = summarise(found, skipped, len(docs))
    if args.baseline:
        base, _ = run(docs, replace(settings, relevance_gate=False))
        res["baseline_mentions_per_100_pages"] = len(base) * 100.0 / len(docs)
    for key, value in res.items():
        print(f"{key:34s} {value:.2f}")
    print(json.dumps({k: round(v, 4) for k, v in res.items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
