"""Death tolls per event on UCDP GED headlines: is each coded attack's toll one UCDP gives the event?

Usage: python eval/ucdp_tolls.py CSV [--years 2019] [--limit N]
Data: a UCDP GED CSV (gzip or plain) with ``source_headline``, ``year``, ``low`` and ``high``
(e.g. ../shared/data/ucdp-ged-syria/ged191_syria_2016_2019.csv.gz). A headline cited by several
UCDP events is coded once; its true tolls are the ``low``..``high`` ranges of every event citing it.

Printed, over the ASSAULT mentions that carry a "killed" figure (their report is the largest one,
as the merge stage takes it):
- ``headlines_with_toll``: headlines where some attack carries a figure (coverage);
- ``in_range``: the share whose report lies in one of the headline's UCDP ranges;
- ``sentence_max_in_range``: the same if every mention took the largest "killed" figure of its
  headline (the simplest baseline: a toll per sentence, not per event);
- the same two over the headlines with two or more "killed" figures, where they can differ.
No rule was fitted to UCDP tolls; run it with an older commit's ``src`` first on PYTHONPATH to
compare coders.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import sys
from collections import defaultdict
from pathlib import Path

from spillwatch.records import Article, Block, DateInfo
from spillwatch.run import pipeline
from spillwatch.settings import load_settings
from spillwatch.stages import Coded


def headlines(path: Path, years: set[str]) -> dict[str, list[tuple[float, float]]]:
    """Each headline (4 words or more) of the chosen years with the UCDP toll ranges citing it."""
    opener = gzip.open if path.suffix == ".gz" else open
    out: dict[str, list[tuple[float, float]]] = defaultdict(list)
    with opener(path, "rb") as raw:
        for row in csv.DictReader(io.TextIOWrapper(raw, "utf-8")):
            if years and row["year"] not in years:
                continue
            for part in (row.get("source_headline") or "").split(";"):
                text = part.strip()
                if len(text.split()) >= 4:
                    out[text].append((float(row["low"]), float(row["high"])))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("csv", type=Path)
    ap.add_argument("--years", default="2019", help="comma-separated; empty for all")
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args(argv)
    if not args.csv.exists():
        print(f"missing {args.csv}", file=sys.stderr)
        return 2
    heads = headlines(args.csv, {y for y in args.years.split(",") if y})
    texts = sorted(heads)[: args.limit] if args.limit else sorted(heads)
    docs = [Article(raw_id=f"ucdp-{k}", source="ucdp", blocks=(Block("title", t),),
                    published=DateInfo(None, "none")) for k, t in enumerate(texts)]
    counts = {"headlines_with_toll": 0, "mentions": 0, "in_range": 0, "sentence_max_in_range": 0,
              "multi_mentions": 0, "multi_in_range": 0, "multi_sentence_max_in_range": 0}
    for text, coded in zip(texts, pipeline.understand(docs, load_settings()), strict=True):
        if not isinstance(coded, Coded):
            continue
        figures = [q.best for q in coded.annotated.quantities if q.kind == "killed" and q.best is not None]
        ranges = heads[text]

        def ok(x: float) -> bool:
            return any(lo <= x <= hi for lo, hi in ranges)  # noqa: B023 (used at once)

        counts["headlines_with_toll"] += any(
            m.type == "ASSAULT" and any(q.kind == "killed" for q in m.quantities) for m in coded.mentions)
        for m in coded.mentions:
            own = [q.best for q in m.quantities if q.kind == "killed" and q.best is not None]
            if m.type != "ASSAULT" or not own:
                continue
            hit, base = ok(max(own)), ok(max(figures))
            counts["mentions"] += 1
            counts["in_range"] += hit
            counts["sentence_max_in_range"] += base
            if len(figures) > 1:
                counts["multi_mentions"] += 1
                counts["multi_in_range"] += hit
                counts["multi_sentence_max_in_range"] += base
    n, multi = counts["mentions"] or 1, counts["multi_mentions"] or 1
    print(json.dumps({
        "headlines": len(texts), "headlines_with_toll": counts["headlines_with_toll"],
        "mentions_with_toll": counts["mentions"],
        "in_range": round(counts["in_range"] / n, 4),
        "sentence_max_in_range": round(counts["sentence_max_in_range"] / n, 4),
        "multi_figure_mentions": counts["multi_mentions"],
        "multi_in_range": round(counts["multi_in_range"] / multi, 4),
        "multi_sentence_max_in_range": round(counts["multi_sentence_max_in_range"] / multi, 4),
    }))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
