"""A pool run beside busy-loop processes stores what an inline run stores, and quarantines nothing (issue 28).

Runs ``spillwatch ingest PAGES --workers 2`` into one fresh store while N processes
(``python -c "while True: pass"``, 8 by default) keep every core busy, then ``spillwatch ingest PAGES``
inline into another with the busy loops stopped, both with the same environment
(``SPILLWATCH_EXTRACT_TIMEOUT=3`` by default: the pool's cleaning deadline is 3 x that, 9 CPU seconds),
and compares the two stores table by table (``scripts/compare_stores.py``). Prints each run's
summary line, wall time and quarantine rows, and exits 1 when anything was quarantined in the pool
run or the stores differ.

The busy loops are started by this script and always killed by their own process ids (in a
``finally``), as soon as the pool run ends; ``--nice`` runs the loops and the pool run at a lower
priority together (they still compete with each other as the issue describes, and a machine shared
with other people's work is spared most of the load).

PAGES: the article-extraction benchmark's ``html`` folder (181 ``.html.gz`` pages), e.g.
``../shared/data/article-extraction-benchmark/html``; ``--limit N`` takes the first N pages by name
(copied, as links, into a temporary folder).

Usage: python benchmarks/bench_busy_ingest.py PAGES [--busy 8] [--workers 2] [--extract-timeout 3]
       [--limit N] [--nice 0] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
import compare_stores  # noqa: E402  (scripts/ is not a package)

BUSY = "while True: pass"


def start_busy(n: int, nice: int) -> list[subprocess.Popen[bytes]]:
    """``n`` busy-loop processes (at ``nice``), started by this process: the caller kills them by pid."""
    return [subprocess.Popen([sys.executable, "-c", BUSY], preexec_fn=(lambda: os.nice(nice)) if nice else None)
            for _ in range(n)]


def stop_busy(loops: list[subprocess.Popen[bytes]]) -> None:
    for proc in loops:
        if proc.poll() is None:
            os.kill(proc.pid, 9)
        proc.wait()


def ingest(pages: Path, db: Path, workers: int, env: dict[str, str], nice: int) -> tuple[float, str]:
    cmd = [sys.executable, "-m", "spillwatch", "ingest", str(pages), "--db", str(db)]
    if workers > 1:
        cmd += ["--workers", str(workers)]
    started = time.monotonic()
    done = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, check=False,
                          preexec_fn=(lambda: os.nice(nice)) if nice else None)
    wall = time.monotonic() - started
    said = (done.stdout + done.stderr).strip()
    if done.returncode != 0:
        print(f"ingest into {db.name} exited {done.returncode} after {wall:.0f} s: {said[-2000:]}")
    return wall, said.splitlines()[0] if said else ""


def quarantined(db: Path) -> list[tuple[str, str, str, str]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return [tuple(r) for r in con.execute(
            "SELECT source, reason, stage, coalesce(detail, '') FROM quarantine ORDER BY source").fetchall()]


def pick(pages: Path, limit: int | None, tmp: Path) -> Path:
    if not limit:
        return pages
    chosen = tmp / "pages"
    chosen.mkdir()
    for page in sorted(p for p in pages.iterdir() if p.is_file())[:limit]:
        (chosen / page.name).symlink_to(page.resolve())
    return chosen


def _stop(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pages", type=Path, help="folder of pages (the article-extraction benchmark's html/)")
    ap.add_argument("--busy", type=int, default=8, help="busy-loop processes beside the pool run")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--extract-timeout", type=float, default=3.0, help="SPILLWATCH_EXTRACT_TIMEOUT (CPU seconds)")
    ap.add_argument("--limit", type=int, default=None, help="only the first N pages by name")
    ap.add_argument("--nice", type=int, default=0, help="niceness of the busy loops and the pool run together")
    ap.add_argument("--keep", type=Path, default=None, help="folder to keep both stores in")
    args = ap.parse_args()
    if not args.pages.is_dir():
        print(f"error: {args.pages}: not a folder of pages", file=sys.stderr)
        return 2
    env = dict(os.environ, SPILLWATCH_EXTRACT_TIMEOUT=f"{args.extract_timeout:g}")
    signal.signal(signal.SIGTERM, _stop)  # a terminated script still kills its busy loops (``finally``)
    with tempfile.TemporaryDirectory(prefix="spillwatch-busy-") as tmp_name:
        tmp = Path(tmp_name)
        out = args.keep or tmp
        out.mkdir(parents=True, exist_ok=True)
        pool_db, inline_db = out / "pool.duckdb", out / "inline.duckdb"
        for db in (pool_db, inline_db):
            db.unlink(missing_ok=True)
        pages = pick(args.pages, args.limit, tmp)
        n_pages = sum(1 for p in pages.iterdir() if p.is_file())
        print(f"{n_pages} pages, extract timeout {args.extract_timeout:g} CPU s "
              f"(pool cleaning deadline {3 * args.extract_timeout:g}), {args.busy} busy loops, nice {args.nice}")
        loops = start_busy(args.busy, args.nice)
        try:
            print(f"busy loops: pids {' '.join(str(p.pid) for p in loops)}")
            load_before = os.getloadavg()[0]
            wall, summary = ingest(pages, pool_db, args.workers, env, args.nice)
            load_after = os.getloadavg()[0]
        finally:
            stop_busy(loops)
        print(f"pool (--workers {args.workers}) beside the busy loops: {wall:.0f} s wall, "
              f"load {load_before:.1f} -> {load_after:.1f}; {summary}")
        wall, summary = ingest(pages, inline_db, 1, env, 0)
        print(f"inline, busy loops stopped: {wall:.0f} s wall; {summary}")
        held = quarantined(pool_db)
        print(f"pool run quarantined {len(held)}; inline run quarantined {len(quarantined(inline_db))}")
        for source, reason, stage, detail in held:
            print(f"  {Path(source).name}: {reason} ({stage}) {detail[:120]}")
        differ = compare_stores.compare(str(inline_db), str(pool_db))
    return 1 if held or differ else 0


if __name__ == "__main__":
    sys.exit(main())
