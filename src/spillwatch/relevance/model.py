"""The event detector model: TF-IDF features and calibrated linear heads, predicted with numpy.

Input: sentences. Output per sentence (``SentenceCall``): the calibrated probability that it reports
an event, the PLOVER type with its probability, and the probability that the violence (if any) is
one-sided against civilians (trained on UCDP's type of violence). Declines nothing.

The model is one ``.npz`` file (arrays only, loaded without pickle): ``data/event_detector.npz``,
built by ``make train`` (``python -m spillwatch.relevance.train``), or a user's own file built by
the same command and named in the ``detector_model`` setting. A missing, truncated or mismatched
file raises ``ConfigError`` with one line naming it and the command that rebuilds it.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse

from spillwatch.errors import ConfigError
from spillwatch.relevance.features import analyze

FORMAT = "spillwatch-event-detector/1"
MODEL_NAME = "event_detector.npz"
REBUILD = "make train (python -m spillwatch.relevance.train)"
ARRAYS = ("vocabulary", "idf", "event_coef", "type_coef", "type_intercept", "violence_coef", "meta")


@dataclass(frozen=True, slots=True)
class SentenceCall:
    """What the detector says about one sentence."""

    event_p: float  # calibrated probability that the sentence reports an event
    type: str  # most likely PLOVER type (whether or not it is an event)
    type_p: float
    civilians_p: float  # probability that violence in it is one-sided against civilians (UCDP type 3)


@dataclass(frozen=True)
class DetectorModel:
    vocabulary: dict[str, int]
    idf: np.ndarray
    event_w: np.ndarray  # (n_features,)
    event_ab: tuple[float, float, float]  # intercept, Platt slope, Platt shift
    types: tuple[str, ...]
    type_w: np.ndarray  # (n_types, n_features)
    type_b: np.ndarray
    temperature: float
    violence_w: np.ndarray
    violence_ab: tuple[float, float, float]
    meta: dict[str, Any]

    @property
    def char_hi(self) -> int:
        return int(self.meta.get("char_hi", 5))

    def matrix(self, texts: list[str]) -> sparse.csr_matrix:
        rows, cols, vals = [], [], []
        for r, text in enumerate(texts):
            counts: dict[int, int] = {}
            for gram in analyze(text, char_hi=self.char_hi):
                j = self.vocabulary.get(gram)
                if j is not None:
                    counts[j] = counts.get(j, 0) + 1
            if not counts:
                continue
            idx = np.fromiter(counts, dtype=np.int64, count=len(counts))
            tf = 1.0 + np.log(np.fromiter(counts.values(), dtype=float, count=len(counts)))
            w = tf * self.idf[idx]
            rows += [r] * len(idx)
            cols += idx.tolist()
            vals += (w / np.linalg.norm(w)).tolist()
        return sparse.csr_matrix((vals, (rows, cols)), shape=(len(texts), len(self.idf)))

    def event_proba(self, texts: list[str]) -> np.ndarray:
        return _platt(self.matrix(texts) @ self.event_w, self.event_ab)

    def calls(self, texts: list[str]) -> list[SentenceCall]:
        if not texts:
            return []
        x = self.matrix(texts)
        event = _platt(x @ self.event_w, self.event_ab)
        civ = _platt(x @ self.violence_w, self.violence_ab)
        scores = (x @ self.type_w.T + self.type_b) / self.temperature
        scores = np.exp(scores - scores.max(axis=1, keepdims=True))
        probs = scores / scores.sum(axis=1, keepdims=True)
        best = probs.argmax(axis=1)
        return [
            SentenceCall(float(event[k]), self.types[int(best[k])], float(probs[k, best[k]]), float(civ[k]))
            for k in range(len(texts))
        ]


def _platt(raw: np.ndarray, ab: tuple[float, float, float]) -> np.ndarray:
    b, slope, shift = ab
    return 1.0 / (1.0 + np.exp(-(slope * (np.asarray(raw).ravel() + b) + shift)))


def save(path: Path, model: DetectorModel) -> None:
    vocab = sorted(model.vocabulary, key=model.vocabulary.__getitem__)
    meta = {**model.meta, "format": FORMAT, "types": list(model.types), "temperature": model.temperature,
            "event_ab": list(model.event_ab), "violence_ab": list(model.violence_ab)}
    with path.open("wb") as fh:
        np.savez_compressed(
            fh, vocabulary=np.array(vocab), idf=model.idf.astype(np.float32),
            event_coef=model.event_w.astype(np.float32), type_coef=model.type_w.astype(np.float32),
            type_intercept=model.type_b.astype(np.float32), violence_coef=model.violence_w.astype(np.float32),
            meta=np.array(json.dumps(meta, sort_keys=True)),
        )  # fmt: skip


def _from_arrays(arrays: Any, name: str) -> DetectorModel:
    missing = [a for a in ARRAYS if a not in arrays.files]
    if missing:
        raise ConfigError(f"{name}: not an event detector model (no {missing[0]}); rebuild with {REBUILD}")
    meta = json.loads(str(arrays["meta"]))
    if meta.get("format") != FORMAT:
        raise ConfigError(f"{name}: model format {meta.get('format')!r}, expected {FORMAT!r}; rebuild with {REBUILD}")
    vocab = [str(v) for v in arrays["vocabulary"]]
    idf = arrays["idf"].astype(float)
    type_w = arrays["type_coef"].astype(float)
    types = tuple(meta["types"])
    n = len(vocab)
    if len(idf) != n or arrays["event_coef"].shape != (n,) or type_w.shape != (len(types), n):
        raise ConfigError(f"{name}: array shapes do not match its vocabulary; rebuild with {REBUILD}")
    ev, vi = meta["event_ab"], meta["violence_ab"]
    return DetectorModel(
        vocabulary={v: i for i, v in enumerate(vocab)}, idf=idf, event_w=arrays["event_coef"].astype(float),
        event_ab=(float(ev[0]), float(ev[1]), float(ev[2])), types=types, type_w=type_w,
        type_b=arrays["type_intercept"].astype(float), temperature=float(meta["temperature"]),
        violence_w=arrays["violence_coef"].astype(float), violence_ab=(float(vi[0]), float(vi[1]), float(vi[2])),
        meta=meta,
    )  # fmt: skip


def load_detector(path: str | Path | None = None) -> DetectorModel:
    """The packaged model (cached), or the user's file at ``path``."""
    if path is None:
        return _packaged()
    return _load_file(Path(path), str(path))


def _load_file(path: Path | Any, name: str) -> DetectorModel:
    try:
        with path.open("rb") as fh, np.load(fh, allow_pickle=False) as arrays:
            return _from_arrays(arrays, name)
    except FileNotFoundError:
        raise ConfigError(f"{name}: event detector model missing; rebuild with {REBUILD}") from None
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile, json.JSONDecodeError) as exc:
        raise ConfigError(f"{name}: event detector model unreadable ({type(exc).__name__}); "
                          f"rebuild with {REBUILD}") from None


@lru_cache(maxsize=1)
def _packaged() -> DetectorModel:
    ref = resources.files("spillwatch") / "data" / MODEL_NAME
    return _load_file(ref, f"spillwatch/data/{MODEL_NAME}")
