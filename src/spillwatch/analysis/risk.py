"""Spillover risk. Input: monthly event counts per unit (country or ADM1), a fixed neighbour graph, fixed unit
centroids and a covered-month mask (``analysis.coverage``). Output: next-month probabilities of (a) any event
and (b) an onset (an event after at least ``QUIET_MONTHS`` quiet covered months), a rolling monthly backtest
against three baselines in the same run, and drivers in words. Declines: units no origin covers.

No look-ahead: everything that predicts month T (the unit list, features, the training rows and their labels)
is built from months before T only (``predict_month``); the graph and centroids are fixed tables, not built
from events. Counts enter as log(1 + n). Rows of year precision are left out of the monthly counts (they cannot
be placed in a month); month-precision rows count in their month.

Models, all fit on the training months of each step: ``model``, a standardised L2 logistic regression on all
features; ``last month`` (the share of training rows with an event next month, given whether the unit had one
this month); ``neighbours last month`` (the same, given whether a neighbour had one); ``lags LR``, a logistic
regression on log own and log neighbour counts of this month; and, in the backtest, ``own base rate``
(``base_rate``, the number the forecast shows when the model is not fit: nothing is fit, each unit's own covered
months before T). Scores: average precision, ROC AUC, Brier score, with positives and negatives; a target with
fewer than ``MIN_POSITIVES`` positives gets no score, only a note.

The forecast shows the model's number only where the model is fit: ``MIN_POSITIVES`` training unit-months with an
event and as many without (``unfit``). Otherwise a row says ``fitted`` False and carries the unit's own base rate
(``base_rate``: the share of its last ``HISTORY_MONTHS`` covered months with an event, as ``gaps`` falls back to),
its ``basis`` naming it so; an onset model that is not fit gives no onset risk.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, brier_score_loss, roc_auc_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from spillwatch.analysis.gaps import HISTORY_MONTHS, own_history

FEATURES = ("log_own_1", "log_own_3", "log_own_12", "ever", "months_quiet", "log_nb_1", "log_nb_3", "nb_active",
            "log_km_to_active")
QUIET_MONTHS = 6
MIN_POSITIVES = 10
NO_ACTIVE_KM = 3000.0
MODELS = ("model", "last month", "neighbours last month", "lags LR")
# What the forecast shows when the model is not fit (``base_rate``), scored in the backtest beside the others.
BASE_RATE = "own base rate"
BACKTEST_MODELS = (*MODELS, BASE_RATE)


def month_index(d: date) -> int:
    return d.year * 12 + d.month - 1


def month_of(index: int) -> date:
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True, slots=True)
class Panel:
    """Counts[unit, month] over months ``first .. first + n - 1``; covered[unit, month] where an origin watches."""

    units: tuple[str, ...]
    first: int  # month index of column 0
    counts: np.ndarray
    covered: np.ndarray
    neighbours: Mapping[str, frozenset[str]]
    centroids: Mapping[str, tuple[float, float]]

    @property
    def months(self) -> range:
        return range(self.first, self.first + self.counts.shape[1])


def distances(units: Sequence[str], centroids: Mapping[str, tuple[float, float]]) -> np.ndarray:
    """Great-circle km between unit centroids (inf on the diagonal and for units without a centroid)."""
    pts = np.array([centroids.get(u, (np.nan, np.nan)) for u in units], dtype=float).reshape(-1, 2)
    la, lo = np.radians(pts[:, 0]), np.radians(pts[:, 1])
    h = (np.sin((la[:, None] - la[None, :]) / 2) ** 2
         + np.cos(la[:, None]) * np.cos(la[None, :]) * np.sin((lo[:, None] - lo[None, :]) / 2) ** 2)
    out = 6371.0 * 2 * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))
    out[~np.isfinite(out)] = np.inf
    np.fill_diagonal(out, np.inf)
    return out


def _window(counts: np.ndarray, t: int, k: int) -> np.ndarray:
    return counts[:, max(0, t - k + 1): t + 1].sum(axis=1)


def features_at(panel: Panel, t: int, adjacency: np.ndarray, dist: np.ndarray) -> np.ndarray:
    """Feature rows of every unit at column ``t`` (uses columns <= t only)."""
    c = panel.counts[:, : t + 1]
    own1, own3, own12 = _window(c, t, 1), _window(c, t, 3), _window(c, t, 12)
    active_cols = c > 0
    ever = active_cols.any(axis=1)
    last = np.where(ever, t - (active_cols.shape[1] - 1 - np.argmax(active_cols[:, ::-1], axis=1)), -10**6)
    quiet = np.minimum(24, np.where(ever, t - last, 24))
    nb1, nb3 = adjacency @ own1, adjacency @ own3
    nb_active = adjacency @ (own3 > 0).astype(float)
    active = own3 > 0
    masked = np.where(active[None, :], dist, np.inf)
    near = masked.min(axis=1) if len(active) else np.array([])
    near = np.where(np.isfinite(near), near, NO_ACTIVE_KM)
    return np.column_stack([np.log1p(own1), np.log1p(own3), np.log1p(own12), ever.astype(float), quiet,
                            np.log1p(nb1), np.log1p(nb3), nb_active, np.log1p(np.minimum(near, NO_ACTIVE_KM))])


def _onset_set(panel: Panel, t: int) -> np.ndarray:
    """Units whose last ``QUIET_MONTHS`` months up to column t were all covered and had no event."""
    lo = t - QUIET_MONTHS + 1
    if lo < 0:
        return np.zeros(len(panel.units), dtype=bool)
    return panel.covered[:, lo: t + 1].all(axis=1) & (panel.counts[:, lo: t + 1].sum(axis=1) == 0)


def _eligible(panel: Panel, t: int, adjacency: np.ndarray) -> np.ndarray:
    """Plausible units at column t: covered then, and active by then or next to a unit that was."""
    seen = (panel.counts[:, : t + 1] > 0).any(axis=1)
    near = (adjacency @ seen.astype(float)) > 0
    return panel.covered[:, t] & (seen | near)


@dataclass(frozen=True, slots=True)
class Geometry:
    adjacency: np.ndarray
    dist: np.ndarray


def geometry(panel: Panel) -> Geometry:
    index = {u: i for i, u in enumerate(panel.units)}
    adj = np.zeros((len(panel.units), len(panel.units)))
    for u, i in index.items():
        for n in panel.neighbours.get(u, frozenset()):
            if n in index and n != u:
                adj[i, index[n]] = 1.0
    return Geometry(adj, distances(panel.units, panel.centroids))


def design(panel: Panel, geo: Geometry, cols: Sequence[int], target: str
           ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(features, labels, unit indices) for rows (u, t) with t in cols, label at t + 1 (must be covered)."""
    xs, ys, us = [], [], []
    for t in cols:
        idx = _at_risk(panel, geo, t, target)
        idx = idx[panel.covered[idx, t + 1]]
        if len(idx):
            xs.append(features_at(panel, t, geo.adjacency, geo.dist)[idx])
            ys.append((panel.counts[idx, t + 1] > 0).astype(int))
            us.append(idx)
    if not xs:
        return np.zeros((0, len(FEATURES))), np.zeros(0, dtype=int), np.zeros(0, dtype=int)
    return np.vstack(xs), np.concatenate(ys), np.concatenate(us)


def _rate_table(flag: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """P(y | flag false), P(y | flag true), Laplace-smoothed."""
    return tuple(float((y[flag == v].sum() + 1) / ((flag == v).sum() + 2)) for v in (False, True))  # type: ignore


@dataclass(frozen=True, slots=True)
class Fitted:
    name: str
    predict: Any  # (x) -> probabilities
    model: Any = None
    positives: int = 0  # training rows with an event next month
    rows: int = 0  # training rows


def _constant(y: np.ndarray) -> Any:
    p = float((y.sum() + 1) / (len(y) + 2))
    return lambda x: np.full(len(x), p)


def fit_all(x: np.ndarray, y: np.ndarray) -> dict[str, Fitted]:
    """The model and the three baselines, fit on the same rows."""
    out: dict[str, Fitted] = {}
    one_class = len(set(y.tolist())) < 2
    if one_class:
        out["model"] = Fitted("model", _constant(y))
        out["lags LR"] = Fitted("lags LR", _constant(y))
    else:
        full = make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=1000)).fit(x, y)
        lags = make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=1000)).fit(x[:, [0, 5]], y)
        out["model"] = Fitted("model", lambda z, m=full: m.predict_proba(z)[:, 1], full)
        out["lags LR"] = Fitted("lags LR", lambda z, m=lags: m.predict_proba(z[:, [0, 5]])[:, 1], lags)
    own = _rate_table(x[:, 0] > 0, y)
    nb = _rate_table(x[:, 5] > 0, y)
    out["last month"] = Fitted("last month", lambda z, r=own: np.where(z[:, 0] > 0, r[1], r[0]))
    out["neighbours last month"] = Fitted("neighbours last month", lambda z, r=nb: np.where(z[:, 5] > 0, r[1], r[0]))
    return {k: replace(f, positives=int(y.sum()), rows=len(y)) for k, f in out.items()}


def _at_risk(panel: Panel, geo: Geometry, t: int, target: str) -> np.ndarray:
    keep = _eligible(panel, t, geo.adjacency)
    return np.flatnonzero(keep & _onset_set(panel, t) if target == "onset" else keep)


def predict_month(panel: Panel, geo: Geometry, target_col: int, target: str
                  ) -> tuple[dict[str, np.ndarray], np.ndarray, np.ndarray, dict[str, Fitted]]:
    """Probabilities for month column ``target_col`` from months before it only: per model, with the unit
    indices and feature rows they are for. Changing any month >= target_col changes nothing here."""
    xtr, ytr, _ = design(panel, geo, range(0, target_col - 1), target)
    t = target_col - 1
    idx = _at_risk(panel, geo, t, target)
    x = features_at(panel, t, geo.adjacency, geo.dist)[idx]
    if len(ytr) == 0 or len(idx) == 0:
        return {}, idx, x, {}
    fitted = fit_all(xtr, ytr)
    return {name: f.predict(x) for name, f in fitted.items()}, idx, x, fitted


def _scores(y: np.ndarray, p: np.ndarray) -> dict[str, Any]:
    pos, neg = int(y.sum()), int(len(y) - y.sum())
    out: dict[str, Any] = {"positives": pos, "negatives": neg}
    if pos < MIN_POSITIVES or neg == 0:
        return {**out, "average_precision": None, "auc": None, "brier": None,
                "note": f"too few positives to judge ({pos} < {MIN_POSITIVES})" if pos < MIN_POSITIVES
                else "no negatives"}
    return {**out, "average_precision": round(float(average_precision_score(y, p)), 4),
            "auc": round(float(roc_auc_score(y, p)), 4), "brier": round(float(brier_score_loss(y, p)), 4),
            "note": None}


def backtest(panel: Panel, test_from: date, test_to: date | None = None) -> dict[str, Any]:
    """Rolling monthly backtest: each month from ``test_from`` is predicted by models fit on earlier months only."""
    geo = geometry(panel)
    first = max(month_index(test_from) - panel.first, 2)
    last = (month_index(test_to) - panel.first) if test_to else panel.counts.shape[1] - 1
    rows = []
    for target in ("any", "onset"):
        ys: list[np.ndarray] = []
        ps: dict[str, list[np.ndarray]] = {m: [] for m in BACKTEST_MODELS}
        for col in range(first, min(last, panel.counts.shape[1] - 1) + 1):
            probs, idx, _, _ = predict_month(panel, geo, col, target)
            if not probs or not len(idx):
                continue
            seen = panel.covered[idx, col]  # the truth is known only where an origin watched
            ys.append((panel.counts[idx[seen], col] > 0).astype(int))
            for m in MODELS:
                ps[m].append(probs[m][seen])
            ps[BASE_RATE].append(np.array([base_rate(panel, i, col - 1)[0] for i in idx[seen].tolist()]))
        y = np.concatenate(ys) if ys else np.zeros(0, dtype=int)
        for m in BACKTEST_MODELS:
            p = np.concatenate(ps[m]) if ps[m] else np.zeros(0)
            rows.append({"target": target, "model": m, **_scores(y, p)})
    return {"test_from": month_of(panel.first + first), "test_to": month_of(panel.first + last),
            "units": len(panel.units), "scores": rows}


def until(panel: Panel, month: int) -> Panel:
    """The panel cut after month index ``month`` (what was known at that month's end)."""
    keep = max(0, min(panel.counts.shape[1], month - panel.first + 1))
    return Panel(panel.units, panel.first, panel.counts[:, :keep], panel.covered[:, :keep], panel.neighbours,
                 panel.centroids)


def forecast(panel: Panel, min_risk: float = 0.0, label: Any = None) -> list[dict[str, Any]]:
    """Next month's risk (any event; onset where the unit has been quiet and covered for 6 months) for every
    plausible unit covered in the last month, from models fit on all earlier months, with its drivers."""
    if panel.counts.shape[1] < 3:
        return []
    geo = geometry(panel)
    n = panel.counts.shape[1]
    padded = Panel(panel.units, panel.first, np.pad(panel.counts, ((0, 0), (0, 1))),
                   np.pad(panel.covered, ((0, 0), (0, 1)), constant_values=False), panel.neighbours, panel.centroids)
    probs, idx, x, fitted = predict_month(padded, geo, n, "any")
    if not probs:
        return []
    trained = fitted["model"]
    note = unfit(trained)
    onset_probs, onset_idx, _, onset_fitted = predict_month(padded, geo, n, "onset")
    onset = ({} if not onset_probs or unfit(onset_fitted["model"]) else
             dict(zip(onset_idx.tolist(), onset_probs["model"].tolist(), strict=True)))
    month = month_of(panel.first + n)
    rows = []
    for k, i in enumerate(idx.tolist()):
        if note is None:
            p, basis = float(probs["model"][k]), (f"forecast: the model fit on {trained.rows} covered unit-months, "
                                                  f"{trained.positives} with an event")
        else:  # the model's number is not shown: the unit's own base rate, said to be one
            p, history = base_rate(panel, i, n - 1)
            basis = f"base rate, not a forecast ({note}): {history}"
        if p < min_risk:
            continue
        rows.append({"unit": panel.units[i], "month": month, "risk": round(p, 4), "fitted": note is None,
                     "basis": basis, "fit_note": note, "trained_positives": trained.positives,
                     "trained_rows": trained.rows, "onset_risk": round(onset[i], 4) if i in onset else None,
                     **{f: round(float(v), 4) for f, v in zip(FEATURES, x[k], strict=True)},
                     "drivers": drivers(panel, geo, i, n - 1, label)})
    return sorted(rows, key=lambda r: (-r["risk"], r["unit"]))


def unfit(trained: Fitted) -> str | None:
    """None when the model had ``MIN_POSITIVES`` training rows with an event and as many without; else why not."""
    negatives = trained.rows - trained.positives
    if min(trained.positives, negatives) >= MIN_POSITIVES:
        return None
    return (f"model not fit: {trained.positives} covered unit-months with an event and {negatives} without to learn "
            f"from, each needs {MIN_POSITIVES}")


def base_rate(panel: Panel, i: int, t: int) -> tuple[float, str]:
    """Unit i's own base rate up to column t (``gaps.own_history``: the share of its last ``HISTORY_MONTHS``
    covered months with an event, Laplace-smoothed), with the months it rests on in words."""
    cols = np.flatnonzero(panel.covered[i, : t + 1])[-HISTORY_MONTHS:]
    months = [panel.first + int(c) for c in cols]
    return own_history(months, {panel.first + int(c) for c in cols if panel.counts[i, c] > 0})


def drivers(panel: Panel, geo: Geometry, i: int, t: int, label: Any = None) -> str:
    """The facts behind a unit's risk in words: its own recent events and its active neighbours last month."""
    name = label or (lambda u: u)
    c = panel.counts
    parts = []
    own1, own12 = int(c[i, t]), int(c[i, max(0, t - 11): t + 1].sum())
    if own1:
        parts.append(f"{own1} event{'s' if own1 != 1 else ''} here last month")
    elif own12:
        parts.append(f"{own12} event{'s' if own12 != 1 else ''} here in the last 12 months, none last month")
    else:
        parts.append("no event here in the last 12 months")
    nbs = [(int(c[j, t]), j) for j in np.flatnonzero(geo.adjacency[i]) if c[j, t] > 0]
    for count, j in sorted(nbs, reverse=True)[:3]:
        km = geo.dist[i, j]
        away = f", {km:,.0f} km away" if np.isfinite(km) else ""
        parts.append(f"{count} event{'s' if count != 1 else ''} in neighbouring {name(panel.units[j])} last "
                     f"month{away}")
    return "; ".join(parts)
