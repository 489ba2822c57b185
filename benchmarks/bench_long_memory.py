"""Peak memory per process of a run with the 1.1 M-character article beside the sample corpus (issue 28).

Writes the generated article (``long_article.article_text``, 1,100,000 characters by default) to a
temporary folder, runs ``spillwatch ingest corpus/txt corpus/html corpus/feeds corpus/jsonl LONG.txt
--workers 2`` on a fresh store, and reads every process's peak resident set (``VmHWM`` in
``/proc/PID/status``: the parent and each worker) every half second while it runs. Prints each
process's peak, the run's summary line and its quarantine reasons. The goal: every process at most
1.2 GB, the run finishes, and nothing but the long article (if its budget runs out) is quarantined.
Memory is bounded by parsing a long article a chunk at a time (``nlp.parse.CHUNK_CHARS``) and by the
character cap ``Settings.max_doc_chars``.

Usage: python benchmarks/bench_long_memory.py [--chars 1100000] [--workers 2] [--budget SECONDS]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import long_article

REPO = Path(__file__).resolve().parents[1]
CORPUS = [str(REPO / "corpus" / d) for d in ("txt", "html", "feeds", "jsonl")]


def _descendants(pid: int) -> set[int]:
    found, frontier = set(), [pid]
    while frontier:
        parent = frontier.pop()
        try:
            children = Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
        except OSError:
            continue
        for child in map(int, children):
            found.add(child)
            frontier.append(child)
    return found


def _peak_kb(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--chars", type=int, default=1_100_000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--budget", type=float, default=None, help="doc_time_budget in CPU seconds (default: settings)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="spillwatch-longmem-") as tmp:
        long_txt = Path(tmp) / "long.txt"
        long_txt.write_text(long_article.article_text(args.chars), encoding="utf-8")
        env = dict(os.environ)
        if args.budget is not None:
            env["SPILLWATCH_DOC_TIME_BUDGET"] = str(args.budget)
        cmd = [sys.executable, "-m", "spillwatch", "ingest", *CORPUS, str(long_txt), "--db", f"{tmp}/s.duckdb",
               "--workers", str(args.workers)]
        started = time.monotonic()
        proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        peaks: dict[int, int] = {}
        while proc.poll() is None:
            for pid in {proc.pid} | _descendants(proc.pid):
                kb = _peak_kb(pid)
                if kb is not None:
                    peaks[pid] = max(peaks.get(pid, 0), kb)
            time.sleep(0.5)
        out = proc.stdout.read() if proc.stdout is not None else ""
        print(f"exit {proc.returncode} after {time.monotonic() - started:.0f} s wall")
        for pid, kb in sorted(peaks.items(), key=lambda p: -p[1]):
            role = "parent" if pid == proc.pid else "child"
            print(f"  {role} {pid}: peak RSS {kb / 1024:,.0f} MB")
        print(out.strip())
        import duckdb

        with duckdb.connect(f"{tmp}/s.duckdb", read_only=True) as con:
            for source, reason, stage in con.execute("SELECT source, reason, stage FROM quarantine").fetchall():
                print(f"  quarantined: {Path(source).name} ({reason}, {stage})")


if __name__ == "__main__":
    main()
