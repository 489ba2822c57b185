"""The Spark job at local[1] and local[2] on the same CC-NEWS-named WARCs (goal: local[2] >= 1.8x local[1]).

Pages come from make_html_corpus.py (an even sample of ``--pages`` of them), dealt into ``--files``
archives. Each master runs the whole job (``spark.job.run``: session start, stages per partition,
Parquet writes in the tasks, driver-side events) in a fresh child process, so neither run inherits the other's
warm JVM or Python workers; the wall time of each and their ratio are printed with the machine's
load average (the cores are shared), with the wall time of each phase (session start, stages,
session stop, driver-side events).

With ``--ceiling`` it also measures what this machine gives two processes at all: the same stage
functions over the same archives in a plain process pool of 1 and of 2 warm workers (no Spark,
models loaded before the clock starts). That ratio is the ceiling a 2-core Spark run can approach.

Usage: python benchmarks/bench_spark.py [--pages 200] [--files 4] [--corpus DIR] [--ceiling]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import make_html_corpus
from bench_end_to_end import screen

from spillwatch.settings import load_settings
from spillwatch.spark import job, warcs

RUN = ("import sys\nfrom spillwatch.spark import job\nphases = {}\n"
       "counts = job.run(sys.argv[3:], sys.argv[2], master=sys.argv[1], phases=phases)\nprint(counts, phases)")


def sample(corpus: Path, n: int) -> list[tuple[str, bytes]]:
    """An even sample of the pages, less any the cleaner hangs on (a hung task would stall the job)."""
    every = sorted(corpus.glob("*.html"))
    chosen = screen(every[:: max(1, len(every) // n)][:n], 10.0)
    return [(f"https://bench.example/{p.stem}", p.read_bytes()) for p in chosen]


def timed_run(master: str, archives: list[Path], out: Path) -> float:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", RUN, master, str(out), *map(str, archives)],
                          capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{master} failed:\n{done.stderr[-3000:]}")
    print(f"  {master}: {done.stdout.strip().splitlines()[-1]}")
    return elapsed


def _warm(path: str) -> None:
    _process(path)  # loads the model, gazetteer and lexicons once per worker


def _pause(_: int) -> None:
    time.sleep(1.0)  # one per worker: every worker has run its initializer before the clock starts


def _process(path: str) -> int:
    return sum(1 for _ in job.process_file(0, path, load_settings()))


def ceiling(archives: list[Path], warm: Path, workers: int) -> float:
    """Seconds for ``workers`` warm plain processes to run the stages over every archive, largest first."""
    ordered = [path for _, path in job.largest_first([str(a) for a in archives])]
    with multiprocessing.get_context("spawn").Pool(workers, initializer=_warm, initargs=(str(warm),)) as pool:
        pool.map(_pause, range(workers), chunksize=1)
        started = time.perf_counter()
        pool.map(_process, ordered, chunksize=1)
        return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--files", type=int, default=4)
    parser.add_argument("--corpus", type=Path, default=None, help="pages from make_html_corpus.py")
    parser.add_argument("--ceiling", action="store_true", help="also time a plain 1- and 2-process pool")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        corpus = args.corpus or root / "pages"
        if args.corpus is None:
            make_html_corpus.build(corpus, max(args.pages, 2000))
        pages = sample(corpus, args.pages)
        archives = warcs.write_cc_news(root / "warc", pages, files=args.files)
        warm = warcs.write_cc_news(root / "warm", pages[:2], files=1)[0]
        print(f"{args.pages} pages in {args.files} WARC files; load average {os.getloadavg()}")
        one = timed_run("local[1]", archives, root / "out1")
        two = timed_run("local[2]", archives, root / "out2")
        if args.ceiling:
            alone, pair = ceiling(archives, warm, 1), ceiling(archives, warm, 2)
            print(f"  plain pool, warm: 1 process {alone:.1f} s, 2 processes {pair:.1f} s, "
                  f"ceiling {alone / pair:.2f}x")
    print(f"local[1]: {one:.1f} s, local[2]: {two:.1f} s, speed-up {one / two:.2f}x (goal >= 1.8x); "
          f"load average {os.getloadavg()}")


if __name__ == "__main__":
    main()
