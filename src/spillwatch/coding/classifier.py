"""Sentence-level PLOVER type classifier: TF-IDF features and a linear (logistic) model.

Input: a sentence (or short passage) of text. Output: a probability per PLOVER event type.
Declines nothing: it always returns a distribution; callers decide what is confident enough.
The model lives in ``data/event_classifier.json.gz`` (rebuilt by
``scripts/train_event_classifier.py`` from the PLOVER synthetic stories, training only). Prediction
re-implements scikit-learn's TfidfVectorizer (word 1-2 grams, sublinear tf, l2 norm) and a
multinomial logistic regression in numpy, so no pickle is loaded at run time.
"""

from __future__ import annotations

import gzip
import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from spillwatch.errors import ConfigError

MODEL_NAME = "event_classifier.json.gz"
TOKEN_RE = re.compile(r"(?u)\b\w\w+\b")


@dataclass(frozen=True)
class TypeClassifier:
    classes: tuple[str, ...]
    vocabulary: dict[str, int]
    idf: np.ndarray
    coef: np.ndarray  # (n_classes, n_features)
    intercept: np.ndarray
    ngram_max: int = 2
    trained_on: str = ""

    def features(self, text: str) -> np.ndarray:
        words = TOKEN_RE.findall(text.lower())
        grams = list(words)
        for n in range(2, self.ngram_max + 1):
            grams += [" ".join(words[i : i + n]) for i in range(len(words) - n + 1)]
        x = np.zeros(len(self.idf))
        for gram, count in Counter(grams).items():
            j = self.vocabulary.get(gram)
            if j is not None:
                x[j] = (1.0 + math.log(count)) * self.idf[j]
        norm = float(np.linalg.norm(x))
        return x / norm if norm > 0 else x

    def predict_proba(self, text: str) -> dict[str, float]:
        scores = self.coef @ self.features(text) + self.intercept
        scores = np.exp(scores - scores.max())
        probs = scores / scores.sum()
        return {c: float(p) for c, p in zip(self.classes, probs, strict=True)}

    def best(self, text: str) -> tuple[str, float]:
        probs = self.predict_proba(text)
        top = max(probs, key=lambda k: probs[k])
        return top, probs[top]


def from_dict(data: dict[str, Any]) -> TypeClassifier:
    try:
        return TypeClassifier(
            classes=tuple(data["classes"]),
            vocabulary={str(k): int(v) for k, v in data["vocabulary"].items()},
            idf=np.asarray(data["idf"], dtype=float),
            coef=np.asarray(data["coef"], dtype=float),
            intercept=np.asarray(data["intercept"], dtype=float),
            ngram_max=int(data.get("ngram_max", 2)),
            trained_on=str(data.get("trained_on", "")),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"event classifier: malformed model: {exc!r}") from exc


def load_classifier(path: str | Path | None = None) -> TypeClassifier:
    """The packaged model (cached), or the one at ``path``."""
    if path is None:
        return _packaged()
    try:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            return from_dict(json.load(fh))
    except (OSError, json.JSONDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read event classifier: {exc}") from exc


@lru_cache(maxsize=1)
def _packaged() -> TypeClassifier:
    ref = resources.files("spillwatch") / "data" / MODEL_NAME
    try:
        raw = gzip.decompress(ref.read_bytes()).decode("utf-8")
        return from_dict(json.loads(raw))
    except (OSError, json.JSONDecodeError) as exc:
        hint = "run scripts/train_event_classifier.py"
        raise ConfigError(f"packaged event classifier unreadable ({exc}); {hint}") from exc
