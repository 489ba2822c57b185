"""UCDP GED Syria headlines dated by the coder, beside the report-date baseline, in one run.

Usage: python eval/ucdp_dates.py PATH [--split tune|test] [--sample N] [--seed S] [--misses K]
PATH: the GED CSV (gzipped), e.g. ../shared/data/ucdp-ged-syria/ged191_syria_2016_2019.csv.gz.

Unit: one (headline, source_date) pair of a day-precise event (date_prec 1, date_start ==
date_end); each headline is one article (a title block) dated by its own source_date (the
headlines and source_dates of a row are ';'-separated and paired in order; a row whose counts
differ, and headlines of fewer than 4 words, Airwars case codes or Arabic text, are left out).
The truth is the set of event dates that pair reports (one headline can sum several days).
Split by the event's year: ``tune`` 2016-2018, ``test`` 2019 (rules are tuned on tune only).

Stages: parse once per distinct headline, then actors, dates, quantities, quotes, places, events,
attribution and event place per pair (no relevance gate: every UCDP headline reports violence).
The dater's date for a headline: the date of its first dated ASSAULT mention (``chosen``);
for a headline the coder finds no event in, the date the dater gives news in that article (its
``news_date``: the day its lead names, else its date), counted in ``no_event``; a date that is
not one day counts as a miss (``no_day``). ``coded_only``: the same on the headlines with a coded
event, without that fallback.

"With a temporal expression": the headline matches ``TEMPORAL`` below, a list written for this
script (relative day words, weekdays, month names, "N days ago", numeric dates), independent of
the dater's own rules, so the subset does not depend on what the dater finds.
Printed: for all pairs and for that subset, exact day and within one day (day precision only),
for the dater and for the report date (the baseline), then JSON.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import random
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from spillwatch.coding.eventdate import news_date
from spillwatch.nlp.parse import annotate
from spillwatch.records import Article, Block, DateInfo, EventMention
from spillwatch.relevance.corpora import AIRWARS_LINE, NON_LATIN
from spillwatch.run.pipeline import code_one
from spillwatch.settings import load_settings
from spillwatch.stages import Coded

TEMPORAL = re.compile(
    r"\b(?:yesterday|today|tonight|last\s+night|this\s+(?:morning|afternoon|evening)|overnight"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|january|february|march|april|june|july|august|september|october|november|december"
    r"|May(?=\s+\d)|\d+\s+days?\s+ago|(?:last|this|past)\s+(?:week|weekend|month)"
    r"|\d{1,2}/\d{1,2}/\d{4})\b",
    re.I,
)
OFFSET_DATE = re.compile(r"\b(?:after|before|following)$", re.I)  # the dater's words for an offset date
ISO = re.compile(r"^\d{4}-\d\d-\d\d$")


@dataclass(frozen=True, slots=True)
class Pair:
    headline: str
    reported: date
    truth: frozenset[date]

    @property
    def temporal(self) -> bool:
        return TEMPORAL.search(self.headline) is not None


def pairs(path: Path, split: str) -> list[Pair]:
    found: dict[tuple[str, date], set[date]] = defaultdict(set)
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["date_prec"] != "1" or row["date_start"] != row["date_end"]:
                continue
            if (row["date_start"][:4] == "2019") != (split == "test"):
                continue
            heads = [h.strip() for h in (row["source_headline"] or "").split(";")]
            days = [d.strip() for d in (row["source_date"] or "").split(";")]
            days = days * len(heads) if len(days) == 1 else days
            if len(days) != len(heads):
                continue
            for head, day in zip(heads, days, strict=True):
                if len(head.split()) < 4 or AIRWARS_LINE.match(head) or NON_LATIN.search(head) or not ISO.match(day):
                    continue
                found[(head, date.fromisoformat(day))].add(date.fromisoformat(row["date_start"]))
    return [Pair(h, d, frozenset(t)) for (h, d), t in sorted(found.items())]


def chosen(mentions: tuple[EventMention, ...]) -> EventMention | None:
    """The headline's news: the latest dated ASSAULT, else the first ASSAULT, the latest dated, the
    first. News is the most recent event a headline reports: a background event is older ("after the
    suicide attack 3 days ago, a new suicide bomber detonates", "kill 17 ..., America killed 50 of
    them 35 days ago"), or left undated by the dater ("after the massacre"); one dated by an offset
    from the headline's time ("two days after a massacre") is not its news. Ties keep text order."""
    def latest(m: EventMention) -> int:
        return -(m.date.end or m.date.start).toordinal() if m.date is not None and m.date.start is not None else 0

    ranked = sorted(mentions, key=lambda m: (m.type != "ASSAULT", m.date is None or m.date.start is None,
                                             m.date is not None and OFFSET_DATE.search(m.date.text) is not None,
                                             latest(m)))
    return ranked[0] if ranked else None


def predict(sample: list[Pair]) -> tuple[list[EventMention | None], list[date | None]]:
    """The chosen mention of each pair, and the date the dater gives news in that article
    (``news_date``: what an event coded there without a time of its own would get, the day the
    lead names, else the article's date)."""
    settings = load_settings()
    texts = sorted({p.headline for p in sample})
    bare = [Article(raw_id=t, source="ucdp", blocks=(Block("title", t),), published=DateInfo(None, "none"))
            for t in texts]
    parsed = dict(zip(texts, annotate(bare, settings), strict=True))
    out: list[EventMention | None] = []
    news: list[date | None] = []
    for p in sample:
        ann = parsed[p.headline]
        dated = replace(ann, article=replace(ann.article, published=DateInfo(p.reported, "metadata", "source_date")))
        coded = code_one(dated, settings)
        out.append(chosen(coded.mentions) if isinstance(coded, Coded) else None)
        reported = news_date(coded.annotated, 0) if isinstance(coded, Coded) else None
        news.append(reported.start if reported is not None and reported.precision == "day" else None)
    return out, news


def _day(m: EventMention | None) -> date | None:
    if m is None or m.date is None or m.date.precision != "day":
        return None
    return m.date.start


def score(sample: list[Pair], days: list[date | None]) -> dict[str, float]:
    n = len(sample) or 1
    exact = sum(d is not None and d in p.truth for p, d in zip(sample, days, strict=True))
    near = sum(d is not None and min(abs((d - t).days) for t in p.truth) <= 1
               for p, d in zip(sample, days, strict=True))
    return {"n": float(len(sample)), "exact": exact / n, "within1": near / n}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("path", type=Path)
    ap.add_argument("--split", choices=("tune", "test"), default="test")
    ap.add_argument("--sample", type=int, default=None, help="a fixed-seed sample of N pairs (default: all)")
    ap.add_argument("--seed", type=int, default=23)
    ap.add_argument("--misses", type=int, default=0, help="print up to K temporal pairs the coder misses")
    args = ap.parse_args(argv)
    if not args.path.exists():
        print(f"missing {args.path}", file=sys.stderr)
        return 2
    sample = pairs(args.path, args.split)
    total = len(sample)
    if args.sample and args.sample < total:
        sample = sorted(random.Random(args.seed).sample(sample, args.sample), key=lambda p: (p.headline, p.reported))
    print(f"split {args.split}: {len(sample)} of {total} pairs"
          + (f" (fixed-seed sample, seed {args.seed})" if len(sample) < total else " (all)"))
    mentions, news = predict(sample)
    coder = [_day(m) for m in mentions]
    # a headline the coder finds no event in: the date the dater gives news in it (the article's day)
    fallback = [d if m is None else d0 for m, d, d0 in zip(mentions, news, coder, strict=True)]
    baseline: list[date | None] = [p.reported for p in sample]
    res: dict[str, dict[str, float]] = {}
    for subset, keep in (("all", lambda p: True), ("temporal", lambda p: p.temporal)):
        idx = [i for i, p in enumerate(sample) if keep(p)]
        part = [sample[i] for i in idx]
        res[f"{subset}.dater"] = score(part, [fallback[i] for i in idx])
        res[f"{subset}.report_date"] = score(part, [baseline[i] for i in idx])
        coded = [i for i in idx if mentions[i] is not None]
        res[f"{subset}.coded_only"] = score([sample[i] for i in coded], [coder[i] for i in coded])
        res[f"{subset}.dater"]["no_event"] = sum(mentions[i] is None for i in idx) / (len(idx) or 1)
        res[f"{subset}.dater"]["no_day"] = sum(fallback[i] is None for i in idx) / (len(idx) or 1)
    for key, row in res.items():
        print(f"{key:22s} " + "  ".join(f"{k} {v:.3f}" if k != "n" else f"n {int(v)}" for k, v in row.items()))
    # the misses the dater's figure counts: the fallback day for a headline with no coded event
    misses = [(p, m, d) for p, m, d in zip(sample, mentions, fallback, strict=True) if p.temporal and d not in p.truth]
    for p, m, d in misses[: args.misses]:
        got = f"no event, news day {d}" if m is None else "undated"
        if m is not None and m.date is not None:
            got = f"{m.date.text!r} {m.date.start} {m.date.precision}"
        print(f"MISS {p.reported} truth {sorted(str(t) for t in p.truth)} got {got}: {p.headline[:150]}")
    print(json.dumps({k: {kk: round(vv, 4) for kk, vv in v.items()} for k, v in res.items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
