"""CPU cost of the statement-of-intent pass (``coding/intent.py``) per article of event coding.

Run: ``python benchmarks/bench_intent.py [DIR ...] [--rounds N]`` (default: the sample corpus's text
files; ``--geowebnews PATH`` reads the GeoWebNews XML instead). Every article is read, cleaned, parsed
and annotated once (untimed). Then each round times the event stages twice, interleaved: as shipped,
and with ``_ArticleCoder._with_intents`` replaced by the identity (no statement of intent is looked
for). CPU time (``time.process_time``), best of the rounds each; the figure to read is the difference
in ms per article (issue 22 allows at most 50 ms more per kept article than the coder before it).
"""

from __future__ import annotations

import argparse
import json
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench_coding import REPO, _articles, understand

from spillwatch.coding import events
from spillwatch.records import Article, Block, DateInfo
from spillwatch.settings import Settings
from spillwatch.stages import DEFAULT, Coded


def _geowebnews(xml: Path, settings: Settings, limit: int) -> list[Coded]:
    articles = []
    for n, node in enumerate(ET.parse(xml).getroot().iter("article")):
        if n >= limit:
            break
        title, text = (node.findtext("title") or "").strip(), (node.findtext("text") or "").strip()
        blocks = tuple(b for b in (Block("title", title), Block("body", text)) if b.text)
        articles.append(Article(raw_id=f"gwn-{n}", source="geowebnews", blocks=blocks,
                                published=DateInfo(None, "none")))
    return [c for c in understand(articles, settings) if isinstance(c, Coded)]


@contextmanager
def _without_intents() -> Iterator[None]:
    coder: Any = events._ArticleCoder
    shipped = coder._with_intents
    coder._with_intents = lambda self, k, sent, call, built: built
    try:
        yield
    finally:
        coder._with_intents = shipped


def _cpu(run: Callable[[], None]) -> float:
    start = time.process_time()
    run()
    return time.process_time() - start


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("dirs", nargs="*", type=Path, default=[REPO / "corpus/txt"])
    ap.add_argument("--geowebnews", type=Path, help="GeoWebNews.xml: time its articles instead of DIRs")
    ap.add_argument("--limit", type=int, default=60, help="GeoWebNews articles read (default 60)")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args(argv)
    settings = Settings()
    loaded = _geowebnews(args.geowebnews, settings, args.limit) if args.geowebnews else _articles(args.dirs, settings)
    docs = [d for d in loaded if d.annotated.tokens]
    stages = [s for s in DEFAULT.docs if "mentions" in s.provides or "mentions" in s.requires]

    def code_all() -> None:
        for doc in docs:
            coded = Coded(doc.annotated)
            for stage in stages:
                coded = stage.fn(coded, settings)

    code_all()  # warm caches (lexicon, ontology cue sets) outside the timing
    with_pass, without = float("inf"), float("inf")
    for _ in range(args.rounds):
        with_pass = min(with_pass, _cpu(code_all))
        with _without_intents():
            without = min(without, _cpu(code_all))
    per = 1000 / max(len(docs), 1)
    print(json.dumps({"articles": len(docs), "cpu_ms_per_article": round(with_pass * per, 2),
                      "cpu_ms_per_article_without_intent": round(without * per, 2),
                      "intent_ms_per_article": round((with_pass - without) * per, 2)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
