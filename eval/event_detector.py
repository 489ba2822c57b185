"""The packaged event detector on its held-out sets, without retraining; plus size, load time and speed.

Usage: python eval/event_detector.py [--shared DIR]
Figures (see spillwatch.relevance.train for the sets): PLOVER gold sentences (event recall, type
accuracy, macro-F1), UCDP GED 2019 headlines (share called events, share called ASSAULT events,
one-sided violence AUC), the model file's size, its load time and sentences per second on one core
(process time, over the AEB general-news sentences). The last line is the gate's JSON summary.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from spillwatch.relevance import model as detector_model
from spillwatch.relevance.train import REPO, evaluate, load_data, speed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = ap.parse_args(argv)
    if not (args.shared / "data").exists():
        print(f"missing {args.shared / 'data'}", file=sys.stderr)
        return 2
    path = Path(detector_model.__file__).resolve().parents[1] / "data" / detector_model.MODEL_NAME
    t0 = time.perf_counter()
    model = detector_model.load_detector(path)
    load_s = time.perf_counter() - t0
    data = load_data(args.shared)
    res = evaluate(model, data)
    res.update(model_mb=path.stat().st_size / 1e6, load_seconds=load_s,
               sentences_per_s_one_core=speed(model, [s.text for s in data.negatives]))
    for key, value in res.items():
        print(f"{key:34s} {value:.3f}")
    print(json.dumps({k: round(v, 4) for k, v in res.items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
