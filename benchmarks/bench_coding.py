"""CPU cost of the event stages (events, attribution, event place, within-article) per article.

Run: ``python benchmarks/bench_coding.py [DIR ...] [--rounds N]`` (default: the sample corpus's text
files). Every article is read, cleaned, parsed and annotated once (untimed); then each round runs the
event stages over all of them and the CPU time (``time.process_time``) per article is reported, best
of the rounds. To compare two versions of the code, run the script twice in one sitting with each
version's ``src`` first on PYTHONPATH: the figure to read is the difference in ms per article.
"""

from __future__ import annotations

import argparse
import importlib
import json
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from spillwatch.settings import Settings
from spillwatch.stages import DEFAULT, Coded


def understand(articles: Iterable[Any], settings: Settings) -> Iterator[Any]:
    """The run's parse + document stages (``run.pipeline``; ``spillwatch.pipeline`` on older code)."""
    try:
        module = importlib.import_module("spillwatch.run.pipeline")
    except ImportError:  # code from before run/ held the pipeline, for a before/after comparison
        module = importlib.import_module("spillwatch.pipeline")
    fn: Callable[[Iterable[Any], Settings], Iterator[Any]] = module.understand
    return fn(articles, settings)

REPO = Path(__file__).resolve().parents[1]


def _articles(dirs: list[Path], settings: Settings) -> list[Coded]:
    from spillwatch.extract.clean import clean
    from spillwatch.ingest.sources import iter_items
    from spillwatch.records import RawItem

    raws = [r for r in iter_items([str(d) for d in dirs], settings) if isinstance(r, RawItem)]
    articles = [clean(r, settings) for r in raws]
    return [c for c in understand(articles, settings) if isinstance(c, Coded)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("dirs", nargs="*", type=Path, default=[REPO / "corpus/txt"])
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args(argv)
    settings = Settings()
    docs = [d for d in _articles(args.dirs, settings) if d.annotated.tokens]
    stages = [s for s in DEFAULT.docs if "mentions" in s.provides or "mentions" in s.requires]
    best = float("inf")
    for _ in range(args.rounds):
        start = time.process_time()
        for doc in docs:
            coded = Coded(doc.annotated)
            for stage in stages:
                coded = stage.fn(coded, settings)
        best = min(best, time.process_time() - start)
    res = {"articles": len(docs), "stages": [s.name for s in stages], "cpu_ms_per_article": 1000 * best / len(docs)}
    print(json.dumps(res))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
