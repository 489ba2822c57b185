"""Rebuild src/spillwatch/data/event_classifier.json.gz from the PLOVER synthetic stories.

Usage: python scripts/train_event_classifier.py [path/to/gpt_synthetic_events_*.csv.zip]
Default input: ../shared/data/plover/synthetic/gpt_synthetic_events_2023-10-19_19.csv.zip.
Training data only (the stories are invented and pseudo-labelled; never evaluate on them).
Each story contributes its lead (first two sentences) and each distinct prompt headline one more
sample: events are coded per sentence at run time, so short texts are what the model must read.
The numpy predictor in spillwatch.coding.classifier is checked against scikit-learn before saving.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import sys
import zipfile
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from spillwatch.coding.classifier import MODEL_NAME, from_dict

REPO = Path(__file__).resolve().parents[1]
DEFAULT = REPO.parent / "shared/data/plover/synthetic/gpt_synthetic_events_2023-10-19_19.csv.zip"
OUT = REPO / "src/spillwatch/data" / MODEL_NAME
SENT_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def lead(text: str, n: int = 2) -> str:
    return " ".join(SENT_END.split(text.strip())[:n])


def read_rows(path: Path) -> tuple[list[str], list[str]]:
    with zipfile.ZipFile(path) as z:
        name = next(n for n in z.namelist() if n.endswith(".csv"))
        rows = list(csv.DictReader(io.TextIOWrapper(z.open(name), "utf-8")))
    rows = [r for r in rows if r.get("text") and r.get("label")]
    texts = [lead(r["text"]) for r in rows]
    labels = [r["label"].strip().upper() for r in rows]
    # The prompt's first line is the hand-written headline the story was generated from.
    titles = {(r["prompt"].split("\n")[0].strip(), r["label"].strip().upper()) for r in rows if r.get("prompt")}
    for title, label in sorted(titles):
        texts.append(title)
        labels.append(label)
    return texts, labels


def export(vec: TfidfVectorizer, model: LogisticRegression, source: str) -> dict[str, object]:
    return {
        "classes": [str(c) for c in model.classes_],
        "vocabulary": {k: int(v) for k, v in sorted(vec.vocabulary_.items())},
        "idf": [round(float(x), 5) for x in vec.idf_],
        "coef": [[round(float(x), 4) for x in row] for row in model.coef_],
        "intercept": [round(float(x), 4) for x in model.intercept_],
        "ngram_max": 2,
        "trained_on": source,
    }


def main(argv: list[str]) -> int:
    src = Path(argv[0]) if argv else DEFAULT
    texts, labels = read_rows(src)
    vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=3, max_features=6000)
    x = vec.fit_transform(texts)
    model = LogisticRegression(max_iter=2000, C=4.0, class_weight="balanced")
    model.fit(x, labels)
    data = export(vec, model, src.name)
    ours = from_dict(data)
    probe = texts[:200]
    want = model.predict(vec.transform(probe))
    got = [ours.best(t)[0] for t in probe]
    agree = float(np.mean([a == b for a, b in zip(want, got, strict=True)]))
    if agree < 0.99:
        print(f"numpy predictor disagrees with scikit-learn ({agree:.3f}); not saving", file=sys.stderr)
        return 1
    OUT.write_bytes(gzip.compress(json.dumps(data, separators=(",", ":")).encode("utf-8"), mtime=0))
    print(
        f"{len(texts)} samples (leads, headlines), {len(vec.vocabulary_)} features, {len(model.classes_)} classes; "
        f"numpy/sklearn agreement {agree:.3f}; wrote {OUT} ({OUT.stat().st_size // 1024} KiB)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
