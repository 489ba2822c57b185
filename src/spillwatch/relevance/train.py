"""Train the event detector (``make train`` / ``spillwatch train``) and report it beside its baseline.

Usage: python -m spillwatch.relevance.train [--shared DIR] [--out FILE] [--compare] [--no-save]

Reads the openly licensed sets described in ``corpora.py`` from ``DIR`` (default ../shared beside
the repository), fits three calibrated linear heads over one TF-IDF space (word 1-2 grams plus
character 3-5 grams) with fixed seeds, evaluates on data never trained on, and writes the model
with the training data's sha256, the seed and the figures. Evaluations (all held out):
- PLOVER gold sentences (322 real sentences): share called events; type accuracy and macro-F1;
- the 5-fold cross-validated type accuracy on the synthetic stories (the optimistic figure);
- UCDP GED 2019 headlines: share called events; one-sided violence (type 3) AUC and agreement;
- article-extraction-benchmark general pages: share of their sentences called events, out of fold
  (5 folds, each page whole in one fold).
The baseline is the same recipe with word 1-2 grams only (``TF-IDF + LR``); ``--compare`` adds
wordllama static embeddings + LR on the same samples (needs the optional ``wordllama`` package).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import minimize_scalar
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, roc_auc_score
from sklearn.model_selection import StratifiedGroupKFold, cross_val_predict

from spillwatch.relevance import corpora
from spillwatch.relevance.corpora import Sample
from spillwatch.relevance.features import analyze, word_only
from spillwatch.relevance.model import MODEL_NAME, DetectorModel, load_detector, save

SEED = 20261203
REPO = Path(__file__).resolve().parents[3]
DEFAULT_OUT = Path(__file__).resolve().parents[1] / "data" / MODEL_NAME
MAX_FEATURES = 30000
UCDP_TYPE_SAMPLES = 1500  # UCDP headlines added to the type head as ASSAULT (all 10k would drown the rest)


@dataclass(frozen=True)
class Data:
    event_train: list[Sample]
    type_train: list[Sample]
    violence_train: list[Sample]
    gold: list[Sample]
    ucdp_test: list[Sample]
    data_sha256: str

    @property
    def negatives(self) -> list[Sample]:
        return [s for s in self.event_train if not s.event]

    def groups(self) -> list[str]:
        return [s.group or f"sample-{k}" for k, s in enumerate(self.event_train)]


def load_data(shared: Path) -> Data:
    paths = corpora.DataPaths(shared)
    missing = [p for p in (*paths.all(), paths.gold) if not p.exists()]
    if missing:
        raise SystemExit(f"{missing[0]}: training data missing (needs ../shared/data)")
    syn = corpora.synthetic(paths.synthetic)
    ucdp_train, ucdp_test = corpora.ucdp(paths.ucdp)
    negatives = corpora.aeb_negatives(paths.aeb)
    rng = np.random.default_rng(SEED)
    picked = [ucdp_train[i] for i in sorted(rng.choice(len(ucdp_train), UCDP_TYPE_SAMPLES, replace=False))]
    return Data(
        event_train=syn + ucdp_train + negatives, type_train=syn + picked, violence_train=ucdp_train,
        gold=corpora.gold(paths.gold), ucdp_test=ucdp_test, data_sha256=corpora.data_hash(paths.all()),
    )  # fmt: skip


# ---------------------------------------------------------------- fitting
def _folds() -> StratifiedGroupKFold:
    return StratifiedGroupKFold(n_splits=5, shuffle=True, random_state=SEED)


def _lr(c: float = 4.0) -> LogisticRegression:
    return LogisticRegression(max_iter=3000, C=c, class_weight="balanced", random_state=SEED)


def fit_binary(x: Any, y: np.ndarray, groups: Sequence[str] | None = None, *, even_odds: bool = True
               ) -> tuple[np.ndarray, tuple[float, float, float], np.ndarray]:
    """Weights, (intercept, Platt slope, shift) fitted on out-of-fold scores, and those OOF probabilities.

    Folds keep each group (an AEB page) whole. With ``even_odds`` the Platt fit weights both classes
    equally, so a probability is calibrated for even odds, not for the training set's share of
    events (far higher than in real news); without it, for the training set's own shares (UCDP's
    share of one-sided violence is the real one for the violence head).
    """
    groups = list(groups) if groups is not None else [str(k) for k in range(len(y))]
    oof = cross_val_predict(_lr(), x, y, cv=_folds(), groups=groups, method="decision_function")
    weights = "balanced" if even_odds else None
    platt = LogisticRegression(C=1e4, class_weight=weights, random_state=SEED).fit(oof.reshape(-1, 1), y)
    slope, shift = float(platt.coef_[0, 0]), float(platt.intercept_[0])
    model = _lr().fit(x, y)
    calibrated = 1.0 / (1.0 + np.exp(-(slope * oof + shift)))
    return np.asarray(model.coef_[0]), (float(model.intercept_[0]), slope, shift), calibrated


def fit_types(x: Any, labels: Sequence[str]) -> tuple[LogisticRegression, float, np.ndarray]:
    """Multinomial type head, its temperature (fitted on out-of-fold scores) and OOF predictions."""
    y = np.asarray(labels)
    oof = cross_val_predict(_lr(), x, y, cv=_folds(), groups=[str(k) for k in range(len(y))],
                            method="decision_function")
    model = _lr().fit(x, y)
    idx = np.searchsorted(model.classes_, y)

    def nll(t: float) -> float:
        s = oof / t
        s = s - s.max(axis=1, keepdims=True)
        return float(-(s[np.arange(len(y)), idx] - np.log(np.exp(s).sum(axis=1))).mean())

    temp = float(minimize_scalar(nll, bounds=(0.05, 20.0), method="bounded").x)
    return model, temp, model.classes_[oof.argmax(axis=1)]


def build(data: Data, analyzer: Callable[[str], list[str]], char_hi: int) -> tuple[DetectorModel, dict[str, float]]:
    vec = TfidfVectorizer(analyzer=analyzer, sublinear_tf=True, min_df=2, max_features=MAX_FEATURES, dtype=np.float64)
    vec.fit([s.text for s in data.event_train])
    ev_y = np.array([s.event for s in data.event_train], dtype=int)
    event_w, event_ab, ev_oof = fit_binary(vec.transform([s.text for s in data.event_train]), ev_y, data.groups())
    type_model, temp, type_oof = fit_types(vec.transform([s.text for s in data.type_train]),
                                           [s.type or "" for s in data.type_train])
    vi_y = np.array([s.violence == corpora.CIVILIANS for s in data.violence_train], dtype=int)
    vi_w, vi_ab, _ = fit_binary(vec.transform([s.text for s in data.violence_train]), vi_y, even_odds=False)
    syn = [k for k, s in enumerate(data.type_train) if s.origin == "synthetic"]
    cv = {
        "synthetic_cv_type_accuracy": float(np.mean([type_oof[k] == data.type_train[k].type for k in syn])),
        "event_cv_brier": float(np.mean((ev_oof - ev_y) ** 2)),
        "aeb_cv_false_event_rate": float(np.mean(ev_oof[ev_y == 0] >= 0.5)),
        "event_cv_recall": float(np.mean(ev_oof[ev_y == 1] >= 0.5)),
    }
    model = DetectorModel(
        vocabulary={str(k): int(v) for k, v in vec.vocabulary_.items()}, idf=vec.idf_, event_w=event_w,
        event_ab=event_ab, types=tuple(str(c) for c in type_model.classes_), type_w=type_model.coef_,
        type_b=type_model.intercept_, temperature=temp, violence_w=vi_w, violence_ab=vi_ab,
        meta={"char_hi": char_hi, "seed": SEED},
    )  # fmt: skip
    return model, cv


# ---------------------------------------------------------------- evaluation
def macro_f1(gold: Sequence[str], pred: Sequence[str]) -> float:
    return float(f1_score(gold, pred, labels=sorted(set(gold)), average="macro", zero_division=0))


def evaluate(model: DetectorModel, data: Data, threshold: float = 0.5) -> dict[str, float]:
    gold = model.calls([s.text for s in data.gold])
    ucdp = model.calls([s.text for s in data.ucdp_test])
    civ_true = [s.violence == corpora.CIVILIANS for s in data.ucdp_test]
    civ_p = [c.civilians_p for c in ucdp]
    return {
        "gold_event_recall": float(np.mean([c.event_p >= threshold for c in gold])),
        "gold_type_accuracy": float(np.mean([c.type == s.type for c, s in zip(gold, data.gold, strict=True)])),
        "gold_type_macro_f1": macro_f1([s.type or "" for s in data.gold], [c.type for c in gold]),
        "ucdp2019_event_recall": float(np.mean([c.event_p >= threshold for c in ucdp])),
        "ucdp2019_assault_share": float(np.mean([c.event_p >= threshold and c.type == "ASSAULT" for c in ucdp])),
        "ucdp2019_civilians_auc": float(roc_auc_score(civ_true, civ_p)),
        "ucdp2019_violence_agreement": float(np.mean([(p >= 0.5) == t for p, t in zip(civ_p, civ_true, strict=True)])),
    }


def speed(model: DetectorModel, texts: list[str]) -> float:
    texts = texts[:2000]
    t0 = time.process_time()
    model.calls(texts)
    return len(texts) / max(time.process_time() - t0, 1e-9)


def wordllama_figures(data: Data) -> dict[str, float]:
    """Static wordllama embeddings + the same calibrated LR heads (comparison only, never shipped)."""
    from pathlib import Path as _P

    import wordllama
    from wordllama import WordLlama

    wl = WordLlama.load(cache_dir=_P(wordllama.__file__).parent, disable_download=True)

    def emb(samples: Sequence[Sample]) -> np.ndarray:
        return np.asarray(wl.embed([s.text for s in samples], norm=True))

    ev_y = np.array([s.event for s in data.event_train], dtype=int)
    x_events = emb(data.event_train)
    ev_oof = cross_val_predict(_lr(1.0), x_events, ev_y, cv=_folds(), groups=data.groups())
    ev = _lr(1.0).fit(x_events, ev_y)
    types = [s.type or "" for s in data.type_train]
    x_types = emb(data.type_train)
    alone = [str(k) for k in range(len(types))]
    oof = cross_val_predict(_lr(1.0), x_types, np.asarray(types), cv=_folds(), groups=alone)
    tm = _lr(1.0).fit(x_types, types)
    syn = [k for k, s in enumerate(data.type_train) if s.origin == "synthetic"]
    g, u = emb(data.gold), emb(data.ucdp_test)
    gold_types = list(tm.predict(g))
    t0 = time.process_time()
    emb(data.negatives[:2000])
    rate = min(2000, len(data.negatives)) / max(time.process_time() - t0, 1e-9)
    return {
        "gold_event_recall": float(np.mean(ev.predict(g))),
        "gold_type_accuracy": float(np.mean([p == s.type for p, s in zip(gold_types, data.gold, strict=True)])),
        "gold_type_macro_f1": macro_f1([s.type or "" for s in data.gold], gold_types),
        "synthetic_cv_type_accuracy": float(np.mean([oof[k] == types[k] for k in syn])),
        "ucdp2019_event_recall": float(np.mean(ev.predict(u))),
        "aeb_cv_false_event_rate": float(np.mean(ev_oof[ev_y == 0])),
        "event_cv_recall": float(np.mean(ev_oof[ev_y == 1])),
        "sentences_per_s_one_core": rate,
    }


def report(rows: dict[str, dict[str, float]]) -> None:
    keys = sorted({k for r in rows.values() for k in r})
    print(f"{'figure':34s}" + "".join(f"{name:>22s}" for name in rows))
    for k in keys:
        print(f"{k:34s}" + "".join(f"{r.get(k, float('nan')):22.3f}" for r in rows.values()))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Train the event detector on ../shared/data and report it.")
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--compare", action="store_true", help="also fit wordllama + LR on the same samples")
    ap.add_argument("--no-save", action="store_true")
    args = ap.parse_args(argv)
    data = load_data(args.shared)
    print(f"samples: event {len(data.event_train)}, type {len(data.type_train)}, violence "
          f"{len(data.violence_train)}; data sha256 {data.data_sha256[:16]}")
    rows: dict[str, dict[str, float]] = {}
    baseline, base_cv = build(data, word_only, 0)
    rows["tfidf-words+LR"] = {**evaluate(baseline, data), **base_cv,
                              "sentences_per_s_one_core": speed(baseline, [s.text for s in data.negatives])}
    model, cv = build(data, analyze, 5)
    rate = speed(model, [s.text for s in data.negatives])
    figures = {**evaluate(model, data), **cv, "sentences_per_s_one_core": rate}
    rows["tfidf-words+chars+LR"] = figures
    if args.compare:
        rows["wordllama+LR"] = wordllama_figures(data)
    report(rows)
    if args.no_save:
        return 0
    meta = {**model.meta, "data_sha256": data.data_sha256, "figures": figures, "baseline": rows["tfidf-words+LR"],
            "samples": {"event": len(data.event_train), "type": len(data.type_train),
                        "violence": len(data.violence_train)}}
    save(args.out, DetectorModel(**{**model.__dict__, "meta": meta}))
    t0 = time.perf_counter()
    load_detector(args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB, loads in {time.perf_counter() - t0:.2f} s)")
    print(json.dumps({k: round(v, 4) for k, v in figures.items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
