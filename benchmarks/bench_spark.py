"""The Spark job at local[1] and local[2] on the same CC-NEWS-named WARCs (goal: local[2] >= 1.8x local[1]).

Pages come from make_html_corpus.py (an even sample of ``--pages`` of them), dealt into ``--files``
archives. Each master runs the whole job (``spark.job.run``: session start, stages per partition,
Parquet writes, driver-side events) in a fresh child process, so neither run inherits the other's
warm JVM or Python workers; the wall time of each and their ratio are printed with the machine's
load average (the cores are shared).

Usage: python benchmarks/bench_spark.py [--pages 200] [--files 4] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import make_html_corpus
from bench_end_to_end import screen

from spillwatch.spark import warcs

RUN = "import sys\nfrom spillwatch.spark import job\nprint(job.run(sys.argv[3:], sys.argv[2], master=sys.argv[1]))"


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--files", type=int, default=4)
    parser.add_argument("--corpus", type=Path, default=None, help="pages from make_html_corpus.py")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        corpus = args.corpus or root / "pages"
        if args.corpus is None:
            make_html_corpus.build(corpus, max(args.pages, 2000))
        archives = warcs.write_cc_news(root / "warc", sample(corpus, args.pages), files=args.files)
        print(f"{args.pages} pages in {args.files} WARC files; load average {os.getloadavg()}")
        one = timed_run("local[1]", archives, root / "out1")
        two = timed_run("local[2]", archives, root / "out2")
    print(f"local[1]: {one:.1f} s, local[2]: {two:.1f} s, speed-up {one / two:.2f}x (goal >= 1.8x); "
          f"load average {os.getloadavg()}")


if __name__ == "__main__":
    main()
