"""Where the understand step's CPU goes: each spaCy component, then the project's own stages.

Pages (made by make_html_corpus.py when no folder is given) are cleaned first, outside the clock.
Then, in one process with the model warm, the cleaned texts go through the tokenizer and each
pipeline component in turn, in batches of 16 (``component.pipe``), each timed on its own; then the
whole ``pipeline.understand`` (parse plus every later stage) runs over the same articles. Printed:
milliseconds per article for each part, spaCy's total, and what the project's stages add.

Usage: python benchmarks/bench_parse_components.py [--pages DIR | --n 2000] [--limit 200]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import make_html_corpus

from spillwatch.ingest.sources import iter_items
from spillwatch.nlp.parse import load_pipeline
from spillwatch.records import Article, RawItem
from spillwatch.run import pipeline
from spillwatch.settings import load_settings

BATCH = 16


def cleaned(folder: Path, limit: int) -> list[Article]:
    settings = load_settings()
    pages = [str(p) for p in sorted(folder.glob("*.html"))[:limit]]
    items = [i for i in iter_items(pages, settings) if isinstance(i, RawItem)]
    return [a for a in (pipeline.clean_item(i, settings) for i in items) if isinstance(a, Article)]


def component_times(texts: list[str]) -> dict[str, float]:
    """Seconds spent in the tokenizer and in each component over all ``texts``."""
    nlp = load_pipeline(load_settings().spacy_pipeline)
    spent: dict[str, float] = defaultdict(float)
    for start in range(0, len(texts), BATCH):
        began = time.perf_counter()
        docs = [nlp.make_doc(t) for t in texts[start : start + BATCH]]
        spent["tokenizer"] += time.perf_counter() - began
        for name, component in nlp.pipeline:
            began = time.perf_counter()
            docs = list(component.pipe(docs)) if hasattr(component, "pipe") else [component(d) for d in docs]
            spent[name] += time.perf_counter() - began
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=None)
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--limit", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.pages or Path(tmp)
        if args.pages is None:
            make_html_corpus.build(folder, args.n)
        articles = cleaned(folder, args.limit)
    texts = [a.text for a in articles]
    settings = load_settings()
    list(pipeline.understand(articles[:8], settings))  # warm: model, gazetteer, lexicons
    spent = component_times(texts)
    began = time.perf_counter()
    for start in range(0, len(articles), BATCH):
        list(pipeline.understand(articles[start : start + BATCH], settings))
    whole = time.perf_counter() - began
    per = 1000 / len(texts)
    words = sum(len(t.split()) for t in texts) / len(texts)
    print(f"{len(texts)} articles, {words:.0f} words on average; ms per article:")
    for name, seconds in spent.items():
        print(f"  {name:32s} {seconds * per:6.1f}")
    print(f"  {'spaCy in all':32s} {sum(spent.values()) * per:6.1f}")
    print(f"  {'understand (spaCy + own stages)':32s} {whole * per:6.1f}")
    print(f"  {'own stages (difference)':32s} {(whole - sum(spent.values())) * per:6.1f}")


if __name__ == "__main__":
    main()
