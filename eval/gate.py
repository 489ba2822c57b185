"""Accuracy gate: run each evaluation on its public set and compare with the pinned floors.

Floors live in eval/floors.json: {"script.py": {"args": [...], "floors": {"dotted.key": value},
"data": {"path under ../shared": "sha256"}}}: the figures are pinned for that data; changed data fails
the entry with one line naming the file (re-measure, then re-pin its hash and floors). Each
evaluation prints a JSON summary as its last JSON line. A floor is only ever raised, never lowered
silently: lowering one is a reviewed change to floors.json with the reason in the commit message.
Exit status 1 when any figure falls below its floor; sets whose data is absent are reported as skipped.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"


def last_json(stdout: str) -> dict[str, Any]:
    for line in reversed(stdout.strip().splitlines()):
        line = line.strip()
        if line.startswith("{"):
            try:
                found = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(found, dict):
                return found
    raise ValueError("no JSON summary line in the output")


def lookup(summary: dict[str, Any], dotted: str) -> float:
    value: Any = summary
    for part in dotted.split("."):
        value = value[part]
    return float(value)


def check(value: float, bound: float | dict[str, float]) -> tuple[str, bool]:
    """A number is a floor (value >= it); {"max": n} is a ceiling (value <= n)."""
    if isinstance(bound, dict):
        return f"<= {bound['max']:.4f}", value <= bound["max"]
    return f">= {bound:.4f}", value >= bound


def data_changed(spec: dict[str, Any]) -> str | None:
    """The first pinned data file that is missing or whose sha256 differs, as one line; else None."""
    for rel, want in spec.get("data", {}).items():
        path = SHARED / rel
        if not path.exists():
            return f"{path}: pinned data missing"
        got = hashlib.sha256(path.read_bytes()).hexdigest()
        if got != want:
            return f"{path}: data changed (sha256 {got[:12]}, floors pinned for {want[:12]})"
    return None


def run_one(script: str, spec: dict[str, Any]) -> list[tuple[str, float, str, bool]]:
    cmd = [sys.executable, str(HERE / script), *spec.get("args", [])]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=spec.get("timeout", 1800), check=False)
    summary = last_json(done.stdout)  # a script may exit non-zero on its own floor; the summary still counts
    out = []
    for key, bound in spec["floors"].items():
        value = lookup(summary, key)
        out.append((key, value, *check(value, bound)))
    return out


def main() -> int:
    if not SHARED.exists():
        print("../shared is absent: every public-set evaluation skipped")
        return 0
    floors = json.loads((HERE / "floors.json").read_text(encoding="utf-8"))
    failed = False
    for script, spec in floors.items():
        changed = data_changed(spec)
        if changed is not None:
            print(f"FAIL {script}: {changed}")
            failed = True
            continue
        try:
            results = run_one(script, spec)
        except (RuntimeError, ValueError, KeyError, subprocess.TimeoutExpired) as exc:
            print(f"FAIL {script}: {exc}")
            failed = True
            continue
        for key, value, bound, ok in results:
            print(f"{'ok  ' if ok else 'FAIL'} {script} {key} = {value:.4f} (must be {bound})")
            failed |= not ok
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
