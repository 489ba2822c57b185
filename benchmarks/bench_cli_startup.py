"""CLI start-up: import time of `spillwatch --help` and `spillwatch events` (issue 17, "well under a second").

    PYTHONPATH=src python benchmarks/bench_cli_startup.py [--db STORE] [--runs 9] [--before OTHER_SRC]

Each case runs in a fresh interpreter under ``python -X importtime``; the figure is the sum of the
top-level imports' cumulative times, the fastest of ``--runs`` runs (the machine is shared: the
fastest run is the one least disturbed). Baseline in the same run: ``import click`` alone (the floor
any click CLI pays). ``--before`` measures another source tree too (e.g. main exported with
``git archive``) for a before/after table.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

SRC = str(Path(__file__).resolve().parents[1] / "src")


def _command(*args: str) -> str:
    return f"from spillwatch.cli import main\ntry:\n    main({list(args)!r})\nexcept SystemExit:\n    pass"


def cases(db: str) -> dict[str, str]:
    return {
        "import click (baseline)": "import click",
        "import spillwatch.cli": "import spillwatch.cli",
        "spillwatch --help": _command("--help"),
        "spillwatch events": _command("events", "--db", db, "--limit", "5"),
    }


def import_seconds(src: str, code: str) -> float:
    """Sum of the top-level imports' cumulative microseconds, in seconds."""
    env = {**os.environ, "PYTHONPATH": src}
    err = subprocess.run([sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True,
                         env=env, check=False).stderr
    total = 0
    for line in err.splitlines():
        parts = line.split("|")
        if line.startswith("import time:") and len(parts) == 3 and parts[1].strip().isdigit():
            name = parts[2]
            if len(name) - len(name.lstrip()) == 1:  # depth 0
                total += int(parts[1])
    return total / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="store for `events` (default: a new empty one)")
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--before", help="another src folder to measure beside this one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "empty.duckdb")
        if not args.db:
            create = f"from spillwatch.store import open_store; open_store({db!r}).close()"
            subprocess.run([sys.executable, "-c", create], env={**os.environ, "PYTHONPATH": SRC}, check=True)
        trees = [("before", args.before)] if args.before else []
        trees.append(("this tree", SRC))
        print("| case | " + " | ".join(name for name, _ in trees) + " |")
        print("|---|" + "---|" * len(trees))
        for label, code in cases(db).items():
            times = [min(import_seconds(src, code) for _ in range(args.runs)) for _, src in trees]
            print(f"| {label} | " + " | ".join(f"{t:.3f} s" for t in times) + " |")


if __name__ == "__main__":
    main()
