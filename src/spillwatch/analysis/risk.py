"""Spillover risk. Input: monthly activity rows per unit (from ``activity``), a neighbour graph and optional unit
centroids. Output: a unit-month feature panel, a readable model (standardised L2 logistic regression, unweighted so
its probabilities stay calibrated) with its
coefficients, a backtest on months it did not see against the naive baseline (last month's activity) in the same
run, and next-month risk per unit with the features behind it. Declines: units with no country code.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, precision_score, recall_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

FEATURES = ("own_1", "own_3", "own_12", "ever", "months_quiet", "nb_1", "nb_3", "nb_active", "log_km_to_active")
NO_ACTIVE_KM = 3000.0


def month_index(d: date) -> int:
    return d.year * 12 + d.month - 1


def month_of(index: int) -> date:
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True, slots=True)
class Panel:
    units: tuple[str, ...]
    months: tuple[int, ...]
    counts: Mapping[tuple[str, int], int]


def build_panel(rows: Sequence[Mapping[str, Any]], unit_of: Any, extra_units: Sequence[str] = ()) -> Panel:
    counts: dict[tuple[str, int], int] = defaultdict(int)
    for r in rows:
        counts[(unit_of(r), month_index(r["period"]))] += int(r["events"])
    months = [m for _, m in counts]
    span = tuple(range(min(months), max(months) + 1)) if months else ()
    units = tuple(sorted({u for u, _ in counts} | set(extra_units)))
    return Panel(units, span, counts)


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


def features(panel: Panel, unit: str, t: int, neighbours: Mapping[str, frozenset[str]],
             centroids: Mapping[str, tuple[float, float]]) -> list[float]:
    c = panel.counts

    def window(u: str, k: int) -> int:
        return sum(c.get((u, m), 0) for m in range(t - k + 1, t + 1))

    past = [m for m in range(panel.months[0], t + 1) if c.get((unit, m), 0)] if panel.months else []
    quiet = min(24, t - past[-1]) if past else 24
    nbs = neighbours.get(unit, frozenset())
    active = [u for u in panel.units if u != unit and window(u, 3) > 0]
    here = centroids.get(unit)
    dists = [_km(here, centroids[u]) for u in active if here and u in centroids]
    return [window(unit, 1), window(unit, 3), window(unit, 12), float(bool(past)), quiet,
            sum(window(n, 1) for n in nbs), sum(window(n, 3) for n in nbs), sum(1 for n in nbs if window(n, 3) > 0),
            math.log1p(min(dists) if dists else NO_ACTIVE_KM)]


def design(panel: Panel, neighbours: Mapping[str, frozenset[str]], centroids: Mapping[str, tuple[float, float]],
           months: Sequence[int]) -> tuple[np.ndarray, np.ndarray, list[tuple[str, int]]]:
    """Rows (unit, t) for t in months with the label 'any event in t+1'."""
    xs, ys, keys = [], [], []
    for t in months:
        for u in panel.units:
            xs.append(features(panel, u, t, neighbours, centroids))
            ys.append(int(panel.counts.get((u, t + 1), 0) > 0))
            keys.append((u, t))
    return np.array(xs, dtype=float).reshape(-1, len(FEATURES)), np.array(ys), keys


def fit(x: np.ndarray, y: np.ndarray, c: float = 1.0) -> Any:
    model = make_pipeline(StandardScaler(), LogisticRegression(C=c, max_iter=1000))
    model.fit(x, y)
    return model


def coefficients(model: Any) -> dict[str, float]:
    coef = model[-1].coef_[0]
    return {f: round(float(w), 4) for f, w in zip(FEATURES, coef, strict=True)}


def _scores(y: np.ndarray, score: np.ndarray, predicted: np.ndarray) -> dict[str, float | int]:
    if len(y) == 0 or y.sum() == 0:
        return {"n": len(y), "positives": int(y.sum()), "average_precision": float("nan"),
                "precision": float("nan"), "recall": float("nan")}
    return {"n": len(y), "positives": int(y.sum()),
            "average_precision": round(float(average_precision_score(y, score)), 4),
            "precision": round(float(precision_score(y, predicted, zero_division=0)), 4),
            "recall": round(float(recall_score(y, predicted, zero_division=0)), 4)}


def backtest(panel: Panel, neighbours: Mapping[str, frozenset[str]], centroids: Mapping[str, tuple[float, float]],
             train_until: date, test_until: date | None = None) -> dict[str, Any]:
    """Train on targets up to ``train_until``; test on later months; baseline = last month's activity."""
    cut = month_index(train_until)
    end = month_index(test_until) if test_until else panel.months[-1]
    train_m = [t for t in panel.months if t + 1 <= cut]
    test_m = [t for t in panel.months if cut < t + 1 <= end]
    xtr, ytr, _ = design(panel, neighbours, centroids, train_m)
    xte, yte, _ = design(panel, neighbours, centroids, test_m)
    model = fit(xtr, ytr)
    prob = model.predict_proba(xte)[:, 1]
    base = xte[:, 0]
    first = xte[:, 2] == 0  # units quiet for the last 12 months: a next-month event is a first (new) event
    return {"train_rows": len(ytr), "test_rows": len(yte), "coefficients": coefficients(model),
            "any_event": {"model": _scores(yte, prob, prob >= 0.5), "baseline": _scores(yte, base, base > 0)},
            "first_event": {"model": _scores(yte[first], prob[first], prob[first] >= 0.5),
                            "baseline": _scores(yte[first], base[first], base[first] > 0)}}


def forecast(panel: Panel, neighbours: Mapping[str, frozenset[str]],
             centroids: Mapping[str, tuple[float, float]]) -> list[dict[str, Any]]:
    """Risk of an event next month per unit, from a model fit on all months, with the features that drive it."""
    if len(panel.months) < 2:
        return []
    x, y, _ = design(panel, neighbours, centroids, panel.months[:-1])
    if len(set(y.tolist())) < 2:
        return []
    model = fit(x, y)
    last = panel.months[-1]
    xs, _, keys = design(panel, neighbours, centroids, [last])
    prob = model.predict_proba(xs)[:, 1]
    scaler, coef = model[0], model[-1].coef_[0]
    contrib = scaler.transform(xs) * coef
    rows = [_risk_row(u, month_of(last + 1), float(p), xs[i], contrib[i]) for i, ((u, _), p) in
            enumerate(zip(keys, prob, strict=True))]
    return sorted(rows, key=lambda r: (-r["risk"], r["unit"]))


def _risk_row(unit: str, month: date, p: float, x: np.ndarray, contrib: np.ndarray) -> dict[str, Any]:
    top = sorted(zip(FEATURES, contrib, x, strict=True), key=lambda t: -t[1])[:3]
    why = ", ".join(f"{name}={value:g}" for name, c, value in top if c > 0) or "little recent activity nearby"
    values = {f: float(v) for f, v in zip(FEATURES, x, strict=True)}
    return {"unit": unit, "month": month, "risk": round(p, 4), **values, "drivers": why}
