"""Speed of the HTML cleaner against trafilatura alone, measured in the same run.

Run: ``python benchmarks/bench_extraction.py [--rounds N] [--limit N]``.

Pages: the article-extraction-benchmark's 181 pages when ../shared is beside the repo, else the
test fixture pages in tests/extract/html_pages. Each round times ``clean_html`` (trafilatura in
precision mode + readability + metadata, dates, roles, dropped lines) and ``trafilatura.extract``
(comments off) over the same decoded pages, alternating which goes first. Reports pages/s of
each and their ratio; the goal is a ratio of at least ``GOAL_RATIO`` (the cleaner runs two
extractors, so it cannot be as fast as one).
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import sys
import time
from collections.abc import Callable
from pathlib import Path

import trafilatura

from spillwatch.errors import SpillwatchError
from spillwatch.extract.html import clean_html

REPO = Path(__file__).resolve().parents[1]
BENCH_PAGES = REPO.parent / "shared" / "data" / "article-extraction-benchmark" / "html"
FIXTURE_PAGES = REPO / "tests" / "extract" / "html_pages"
GOAL_RATIO = 0.25


def load_pages(limit: int | None) -> tuple[str, list[str]]:
    if BENCH_PAGES.exists():
        files = sorted(BENCH_PAGES.glob("*.html.gz"))[:limit]
        return "article-extraction-benchmark", [
            gzip.decompress(f.read_bytes()).decode("utf-8", "replace") for f in files
        ]
    files = sorted(FIXTURE_PAGES.glob("*.html"))[:limit]
    return "test fixtures", [f.read_text(encoding="utf-8") for f in files]


def ours(page: str) -> None:
    with contextlib.suppress(SpillwatchError):
        clean_html(page, source="bench", raw_id="bench", timeout=60.0)


def baseline(page: str) -> None:
    trafilatura.extract(page, include_comments=False)


def timed(func: Callable[[str], None], pages: list[str]) -> float:
    start = time.perf_counter()
    for page in pages:
        func(page)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    name, pages = load_pages(args.limit)
    totals = {"clean_html": 0.0, "trafilatura": 0.0}
    for r in range(args.rounds):
        order = [("clean_html", ours), ("trafilatura", baseline)]
        for label, func in order if r % 2 == 0 else order[::-1]:
            totals[label] += timed(func, pages)
    n = len(pages) * args.rounds
    rate = {label: n / seconds for label, seconds in totals.items()}
    ratio = rate["clean_html"] / rate["trafilatura"]
    print(f"pages: {len(pages)} from {name}, rounds: {args.rounds}")
    for label, value in rate.items():
        print(f"{label:<12} {value:8.1f} pages/s")
    verdict = "ok" if ratio >= GOAL_RATIO else "BELOW GOAL"
    print(f"ratio clean_html / trafilatura: {ratio:.2f} (goal >= {GOAL_RATIO}: {verdict})")
    return 0 if ratio >= GOAL_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
