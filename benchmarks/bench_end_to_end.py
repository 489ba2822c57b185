"""End-to-end throughput: HTML pages -> ingest -> store -> code -> cluster, beside trafilatura alone.

Both are measured in the same run on the same pages (made by make_html_corpus.py when no folder
is given). Figures: articles/s end to end (the parallel runner with ``--workers``, DuckDB store),
pages/s of ``trafilatura.extract`` alone in one process, their ratio, time per phase, and peak
memory (max RSS of this process, of the largest worker, and their sum over all workers as the
upper bound of what the run held at once). The machine's load average is printed, since the
cores are shared. Goal (issue 8): >= 20 articles/s on 2 cores, peak memory < 1.5 GB.

Usage: python benchmarks/bench_end_to_end.py [--pages DIR | --n 2000] [--workers 2] [--limit N]
       [--profile OUT.prof]  (cProfile of the parent process; workers run with --workers 1 inline)
"""

from __future__ import annotations

import argparse
import cProfile
import os
import resource
import shutil
import tempfile
import time
from pathlib import Path

import make_html_corpus
import trafilatura

from spillwatch.records import Quarantined, RawItem
from spillwatch.run import executors
from spillwatch.run.phases import ingest
from spillwatch.settings import load_settings
from spillwatch.store import open_store


def trafilatura_rate(pages: list[Path]) -> float:
    started = time.perf_counter()
    for page in pages:
        trafilatura.extract(page.read_bytes().decode("utf-8", "replace"))
    return len(pages) / (time.perf_counter() - started)


def screen(pages: list[Path], seconds: float, workers: int = 2) -> list[Path]:
    """Pages the cleaner finishes within ``seconds`` (for runs with no deadline of their own, e.g. Spark).

    Uses the parallel runner's pool, which kills a worker stuck on a page; hung pages are printed.
    """
    settings = load_settings()
    items = [RawItem(source=str(p), data=p.read_bytes(), kind="html") for p in pages]

    def hung(item: RawItem) -> Quarantined:
        print(f"  cleaner overran {seconds:g} s, left out: {item.source}")
        return Quarantined(source=item.source, reason="timeout", stage="clean")

    with executors.make_executor(workers, settings) as pool:
        results = list(executors.ordered_map(pool, executors.clean_task, items, 4 * workers, seconds, hung))
    return [Path(item.source) for item, r in results if not (isinstance(r, Quarantined) and r.reason == "timeout")]


class Phases:
    """Wall time from start to the first and last step of each phase."""

    def __init__(self) -> None:
        self.start = time.perf_counter()
        self.first: dict[str, float] = {}
        self.last: dict[str, float] = {}
        self.count: dict[str, int] = {}

    def __call__(self, phase: str, n: int) -> None:
        now = time.perf_counter() - self.start
        self.first.setdefault(phase, now)
        self.last[phase] = now
        self.count[phase] = self.count.get(phase, 0) + n

    def report(self) -> str:
        return ", ".join(f"{k}: {self.count[k]} steps {self.first[k]:.1f}-{self.last[k]:.1f} s" for k in self.first)


def cpu_seconds() -> float:
    """User + system CPU of this process and of its reaped children (the pool's workers)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def end_to_end(folder: Path, workers: int, profile: str | None, deadline: float) -> tuple[float, float, str]:
    tmp = Path(tempfile.mkdtemp(prefix="bench-e2e-"))
    db = str(tmp / "bench.duckdb")
    store = open_store(db)
    phases = Phases()
    profiler = cProfile.Profile() if profile else None
    started = time.perf_counter()
    if profiler:
        profiler.enable()
    summary = ingest([str(folder)], store, load_settings(db=db), workers=workers, progress=phases,
                               deadline=deadline)
    if profiler and profile:
        profiler.disable()
        profiler.dump_stats(profile)
    elapsed = time.perf_counter() - started
    store.close()
    shutil.rmtree(tmp)
    print(f"  summary: {summary}")
    return summary.read / elapsed, elapsed, phases.report()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=None)
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--limit", type=int, default=None, help="use an even sample of N pages")
    parser.add_argument("--profile", default=None)
    parser.add_argument("--deadline", type=float, default=10.0,
                        help="seconds a worker may clean one page before it is killed (page quarantined)")
    args = parser.parse_args()
    made = None
    folder = args.pages
    if folder is None:
        made = folder = Path(tempfile.mkdtemp(prefix="bench-pages-"))
        make_html_corpus.build(folder, args.n)
    if args.limit:
        subset = Path(tempfile.mkdtemp(prefix="bench-subset-"))
        every = sorted(folder.glob("*.html"))
        for page in every[:: max(1, len(every) // args.limit)][: args.limit]:  # an even sample of the kinds
            os.symlink(page.resolve(), subset / page.name)
        folder = subset
    pages = sorted(folder.glob("*.html"))
    print(f"pages: {len(pages)} ({sum(p.stat().st_size for p in pages) / 1e6:.1f} MB), workers: {args.workers}, "
          f"load average before: {os.getloadavg()}")
    base = trafilatura_rate(pages)
    print(f"trafilatura.extract alone (1 process): {base:.1f} pages/s")
    cpu_before = cpu_seconds()
    rate, elapsed, phases = end_to_end(folder, args.workers, args.profile, args.deadline)
    cpu = cpu_seconds() - cpu_before
    print(f"end to end: {rate:.2f} articles/s ({elapsed:.1f} s); phases: {phases}")
    print(f"CPU: {cpu:.1f} s for {len(pages)} pages = {1000 * cpu / len(pages):.0f} ms per article "
          f"({len(pages) / cpu:.1f} articles per CPU-second; wall rate on idle cores is at most cores x that)")
    print(f"ratio end-to-end / trafilatura alone: {rate / base:.3f}")
    parent = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak RSS: parent {parent:.0f} MB, largest worker {child:.0f} MB, "
          f"parent + {args.workers} x worker <= {parent + max(args.workers, 0) * child:.0f} MB")
    print(f"load average after: {os.getloadavg()}")
    if made:
        shutil.rmtree(made)


if __name__ == "__main__":
    main()
