"""Cost per 1,000 characters of every stage on one long article, at growing sizes (issue 18).

One generated article (benchmarks/long_article.py: paragraphs like "Gunmen attacked a checkpoint
near Hama on day 17 of the siege, killing 12 soldiers ...", varied actors, places, numbers and
dates) at each size in ``--sizes``, and with ``--real`` the page of ../shared/data's
article-extraction-benchmark with the longest article body (53,000 characters), goes through the
stages the runner calls, in the runner's order (pipeline.py):
clean, near-duplicate signature, parse, every annotator, event coding, attribution, event place,
then clustering of the document's own mentions (dedup/cluster.py). Prints milliseconds per 1,000
characters for each stage and size, and the ratio of the largest size's figure to the smallest's
(the goal: within 2 for the whole run; a 1M-character article coded in under 2 minutes on one core).

spaCy refuses text over its pipeline's ``max_length`` (1,000,000 characters). When parse.py
splits over-long text itself, run with ``--no-max-length``; by default the benchmark raises the
loaded pipeline's ``max_length`` to the article's length, so the largest size is parsed as one
``Doc`` (the CPU time of every stage is measured with ``time.process_time``, one process).

Usage: python benchmarks/bench_long_document.py [--sizes 10000 50000 200000 1000000] [--real]
       [--profile OUT.prof --profile-size 200000]
"""

from __future__ import annotations

import argparse
import cProfile
import gzip
import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import long_article

from spillwatch.dedup import cluster, near
from spillwatch.nlp.parse import annotate_one, load_pipeline
from spillwatch.records import Article, RawItem
from spillwatch.run import pipeline
from spillwatch.settings import Settings, load_settings
from spillwatch.stages import DEFAULT, Coded

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
SIZES = (10_000, 50_000, 200_000, 1_000_000)
STAGES = ("clean", "signature", "parse", *(s.name for s in DEFAULT.docs), "cluster")


class Timer:
    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def __call__(self, name: str, fn: Callable[..., Any], *args: Any) -> Any:
        started = time.process_time()
        out = fn(*args)
        self.seconds[name] = self.seconds.get(name, 0.0) + time.process_time() - started
        return out


def run_stages(item: RawItem, settings: Settings, raise_limit: bool) -> tuple[dict[str, float], int, int]:
    """CPU seconds per stage for one document; also its length after cleaning and its mention count."""
    t = Timer()
    article = t("clean", pipeline.clean_item, item, settings)
    if not isinstance(article, Article):
        raise SystemExit(f"{item.source}: not cleaned ({article.reason})")
    t("signature", near.signature, article)
    nlp = load_pipeline(settings.spacy_pipeline)
    chars = len(article.text)
    if raise_limit and chars >= nlp.max_length:
        nlp.max_length = chars + 1
    ann = t("parse", annotate_one, article, settings)
    doc = Coded(ann)
    for stage in DEFAULT.docs:  # the run's own stage table, each stage timed alone
        doc = t(stage.name, stage.fn, doc, settings)
    mentions = doc.mentions
    day = article.published.value
    t("cluster", lambda ms: cluster.cluster(ms, published=lambda _id: day), mentions)
    return t.seconds, chars, len(mentions)


def longest_real() -> tuple[str, RawItem] | None:
    """The page of ../shared/data/article-extraction-benchmark whose article body is the longest."""
    folder = SHARED / "article-extraction-benchmark"
    truth = folder / "ground-truth.json"
    if not truth.exists():
        return None
    bodies = json.loads(truth.read_text(encoding="utf-8"))
    key = max(bodies, key=lambda k: len(bodies[k].get("articleBody", "")))
    page = folder / "html" / f"{key}.html.gz"
    data = gzip.decompress(page.read_bytes())
    return f"real page {key[:8]}", RawItem(source=str(page), data=data, kind="html")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--real", action="store_true",
                        help="also the longest page of ../shared/data/article-extraction-benchmark")
    parser.add_argument("--no-max-length", dest="max_length", action="store_false",
                        help="leave spaCy's max_length alone (parse.py must split long text itself)")
    parser.add_argument("--profile", default=None, help="write a cProfile of the --profile-size run here")
    parser.add_argument("--profile-size", type=int, default=200_000)
    args = parser.parse_args()
    settings = load_settings()
    print(f"load average before: {os.getloadavg()}")
    warm = RawItem(source="warm-up", data=long_article.article_text(3000).encode(), kind="text")
    run_stages(warm, settings, args.max_length)  # models, gazetteer, lexicons: loaded once per process
    docs = [(f"generated {n:,}", RawItem(source=f"generated-{n}", data=long_article.article_text(n).encode(),
                                          kind="text")) for n in args.sizes]
    if args.real:
        found = longest_real()
        if found is not None:
            docs.append(found)
    rows: list[tuple[str, int, int, dict[str, float]]] = []
    for name, item in docs:
        profiler = cProfile.Profile() if args.profile and name == f"generated {args.profile_size:,}" else None
        if profiler:
            profiler.enable()
        seconds, chars, events = run_stages(item, settings, args.max_length)
        if profiler and args.profile:
            profiler.disable()
            profiler.dump_stats(args.profile)
        rows.append((name, chars, events, seconds))
        total = sum(seconds.values())
        print(f"{name}: {chars:,} characters, {events:,} event mentions, {total:.1f} s CPU "
              f"({1e6 * total / chars:.1f} ms per 1,000 characters)", flush=True)
    print_table(rows)
    print(f"load average after: {os.getloadavg()}")


def print_table(rows: list[tuple[str, int, int, dict[str, float]]]) -> None:
    """ms of CPU per 1,000 characters, one column per document; the last column: largest / smallest generated."""
    generated = [r for r in rows if r[0].startswith("generated")]
    header = ["stage", *(r[0] for r in rows), "largest / smallest"]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for stage in (*STAGES, "total"):
        per = [_per_k(r, stage) for r in rows]
        ratio = _per_k(generated[-1], stage) / max(_per_k(generated[0], stage), 1e-9) if generated else 0.0
        print(f"| {stage} | " + " | ".join(f"{v:.3f}" for v in per) + f" | {ratio:.2f} |")
    print("| characters | " + " | ".join(f"{r[1]:,}" for r in rows) + " | |")
    print("| event mentions | " + " | ".join(f"{r[2]:,}" for r in rows) + " | |")
    print("| total CPU s | " + " | ".join(f"{sum(r[3].values()):.1f}" for r in rows) + " | |")


def _per_k(row: tuple[str, int, int, dict[str, float]], stage: str) -> float:
    seconds = sum(row[3].values()) if stage == "total" else row[3].get(stage, 0.0)
    return 1e6 * seconds / row[1]


if __name__ == "__main__":
    main()
