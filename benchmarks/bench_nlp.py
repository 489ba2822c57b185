"""Speed of the nlp stages (parse + actors + quotes + dates + quantities) against spaCy alone.

Run: ``python benchmarks/bench_nlp.py [--rounds N] [--batch N]``.

Texts: the re3d documents (71 Syria/Iraq press releases and reports) when ../shared is beside
the repo, else the hand-written fixture articles in tests/nlp/data. Each round times, over the
same texts and with the same loaded pipeline, (a) ``nlp.pipe`` alone, consuming the Docs, and
(b) ``annotate`` (record building) followed by every nlp stage, alternating which goes first.
Reports words/s of each and the ratio (b)/(a); the goal is a ratio of at least ``GOAL_RATIO``.
An untimed pass first loads what is loaded once per process (actor table, country_converter's
patterns, dateparser); the per-string caches (country names, dateparser results) are cleared
before every timed pass so repeated rounds do not flatter the stages.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from spillwatch.nlp.actors import find_actors
from spillwatch.nlp.countries import clear_caches
from spillwatch.nlp.datewords import parse_entity
from spillwatch.nlp.parse import annotate, load_pipeline
from spillwatch.nlp.quantities import find_quantities
from spillwatch.nlp.quotes import find_quotes
from spillwatch.nlp.temporal import find_dates
from spillwatch.records import Article, Block, DateInfo
from spillwatch.settings import Settings

REPO = Path(__file__).resolve().parents[1]
RE3D = REPO.parent / "shared" / "data" / "re3d"
FIXTURES = REPO / "tests" / "nlp" / "data"
GOAL_RATIO = 0.5
STAGES = (find_actors, find_quotes, find_dates, find_quantities)


def load_articles() -> tuple[str, list[Article]]:
    out: list[Article] = []
    if RE3D.exists():
        for path in sorted(RE3D.glob("*/documents.json")):
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    doc = json.loads(line)
                    paragraphs = [Block("title", doc["title"])] + [
                        Block("body", p.strip()) for p in doc["text"].split("\n\n") if p.strip()
                    ]
                    published = DateInfo(date(2017, 1, 1), "metadata")
                    out.append(Article(doc["_id"], path.parent.name, tuple(paragraphs), published))
        return "re3d", out
    for path in sorted(FIXTURES.glob("*.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))
        blocks = tuple(Block(r, t) for r, t in raw["blocks"])
        out.append(Article(path.stem, "fixture", blocks, DateInfo(date(2020, 1, 1), "metadata")))
    return "tests/nlp/data fixtures", out


def timed(func: Callable[[], object]) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--batch", type=int, default=32)
    args = parser.parse_args(argv)
    settings = Settings()
    nlp = load_pipeline(settings.spacy_pipeline)
    name, articles = load_articles()
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)

    def spacy_only() -> None:
        for _ in nlp.pipe(texts, batch_size=args.batch):
            pass

    def ours() -> None:
        clear_caches()
        parse_entity.cache_clear()
        for ann in annotate(articles, settings, batch_size=args.batch):
            for stage in STAGES:
                ann = stage(ann, settings)

    ours()  # warm-up
    base, full = 0.0, 0.0
    for n in range(args.rounds):
        pair = (spacy_only, ours) if n % 2 == 0 else (ours, spacy_only)
        times = {f.__name__: timed(f) for f in pair}
        base += times["spacy_only"]
        full += times["ours"]
    base_wps, full_wps = words * args.rounds / base, words * args.rounds / full
    ratio = full_wps / base_wps
    print(f"texts: {name}, {len(texts)} articles, {words} words, {args.rounds} rounds, batch {args.batch}")
    print(f"spaCy nlp.pipe alone:            {base_wps:8.0f} words/s")
    print(f"annotate + actors/quotes/dates/quantities: {full_wps:8.0f} words/s")
    print(f"ratio (ours / spaCy alone): {ratio:.2f}  (goal >= {GOAL_RATIO})")
    return 0 if ratio >= GOAL_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
