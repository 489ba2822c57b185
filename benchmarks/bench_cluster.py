"""Clustering speed: all 16,566 UCDP GED Syria events, each treated as one mention.

Baseline, measured in the same run: one linear pass computing every mention's features and
block keys (the least any clustering must do). Prints both times and their ratio; dense
theatres (Aleppo, Raqqa, Deir ez-Zor: hundreds of events per place and month) make this a
hard case for blocking and for the average-link step.

Usage: python benchmarks/bench_cluster.py [--file PATH]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from spillwatch.dedup.blocking import block_keys, probe_keys  # noqa: E402
from spillwatch.dedup.cluster import cluster  # noqa: E402
from spillwatch.dedup.score import features  # noqa: E402
from spillwatch.importers.ucdp import import_ucdp  # noqa: E402
from spillwatch.records import DateMention, Event, EventMention, Span  # noqa: E402

DEFAULT = REPO.parent / "shared" / "data" / "ucdp-ged-syria" / "ged191_syria_2016_2019.csv.gz"


def as_mention(e: Event) -> EventMention:
    when = DateMention(Span(0, 0), "", e.date_start, e.date_end, e.date_precision or "day")
    return EventMention(
        article_id=e.id,
        type=e.type,
        trigger=Span(0, 0),
        trigger_text="",
        sentence=Span(0, 0),
        sources=e.sources,
        targets=e.targets,
        place=e.place,
        date=when,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--file", type=Path, default=DEFAULT)
    args = parser.parse_args()
    mentions = [as_mention(e) for e in import_ucdp(args.file) if isinstance(e, Event)]
    start = time.perf_counter()
    keys = sum(len(block_keys(f)) + len(probe_keys(f)) for f in map(features, mentions))
    base = time.perf_counter() - start
    start = time.perf_counter()
    events = cluster(mentions)
    took = time.perf_counter() - start
    print(f"mentions: {len(mentions)}; block/probe keys: {keys}; events: {len(events)}")
    print(f"baseline features+keys: {base:.2f}s   cluster: {took:.2f}s   ratio {took / base:.1f}x")


if __name__ == "__main__":
    main()
