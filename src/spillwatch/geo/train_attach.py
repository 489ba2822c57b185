"""Fit the event-place scorer (``geo/attach.py``): input, per event, the gold place's token
positions and the options (features, token positions) the product's ``eventplace.candidates`` and
``attach.options`` give, output ``data/geo_attach.json``.

Run by ``python eval/event_location.py PATH --split tune --fit`` (the tune half by text hash).
An option is labelled right when it overlaps the gold place. A logistic regression (scikit-learn,
L2, lbfgs: deterministic) fits the weights over ``attach.expand``'s inputs; the threshold under
which the best option is no place of the event's own is the one of a fixed grid that gives the
best token F1 on the same tune part. The report half is never fitted on.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from spillwatch.geo.attach import FEATURES, Fitted, expand

OUT = Path(__file__).resolve().parents[1] / "data" / "geo_attach.json"
C = 1.0
GRID = tuple(x / 4 for x in range(-16, 5))  # thresholds -4 .. 1 in quarter steps

Group = tuple[frozenset[int], Sequence[tuple[Sequence[float], frozenset[int]]]]


def token_f1(groups: Sequence[Group], fitted: Fitted) -> float:
    tp = fp = fn = 0
    for gold, opts in groups:
        pred: frozenset[int] = frozenset()
        if opts:
            score, toks = max(((fitted.score(f), t) for f, t in opts), key=lambda st: st[0])
            pred = toks if score > fitted.threshold else frozenset()
        tp, fp, fn = tp + len(gold & pred), fp + len(pred - gold), fn + len(gold - pred)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def fit(groups: Sequence[Group], data: str, out: Path = OUT) -> str:
    from sklearn.linear_model import LogisticRegression

    x = [expand(f) for _, opts in groups for f, _ in opts]
    y = [int(bool(toks & gold)) for gold, opts in groups for _, toks in opts]
    model = LogisticRegression(C=C, max_iter=3000, solver="lbfgs").fit(x, y)
    weights = tuple(round(float(w), 5) for w in model.coef_[0])
    bias = round(float(model.intercept_[0]), 5)
    f1, threshold = max((token_f1(groups, Fitted(weights, bias, t)), t) for t in GRID)
    result = {"features": list(FEATURES), "weights": list(weights), "bias": bias, "threshold": threshold,
              "data": {"file": data, "split": "tune (text hash even)", "events": len(groups), "options": len(y)},
              "tune_token_f1": round(f1, 4)}
    out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return f"{len(groups)} events, {len(y)} options: tune token F1 {f1:.3f} at threshold {threshold}; wrote {out}"
