"""Train and evaluate the mention model on the hand-labelled mentions, baselines beside it.

Usage: python eval/clauses/train.py [--shared DIR] --ecb DIR [--labels TSV] [--write] [--cache FILE]

Reads ``eval/labelled/clauses.tsv`` (keys and labels), rebuilds each labelled document from
``--shared`` (``../shared/data``) and ``--ecb`` (ECB+ dev topics as text written by
``../shared/tools/ecbplus_coref.py convert``), runs the real stages on it and takes the features of
every labelled trigger (``coding/events.mention_features``). Documents are split by a hash of
(source, doc): a quarter to dev, never trained on. Printed on dev, per class precision / recall / F1
and for "happened" against the rest, for:
- ``majority``: every mention "happened";
- ``coder``: the coder without the model (kept = happened; a declined mention gets the class its
  reason names: negated, planned, generic; otherwise not_event);
- ``tfidf``: TF-IDF of the sentence with the trigger marked + logistic regression;
- ``parse``: the mention model's parse features alone + logistic regression;
- ``mention``: the same features and the int8 MiniLM vector of the words around the trigger
  (``coding/encoder.py``) + logistic regression: the shipped model (C and the vector's weight chosen
  by grouped 5-fold cross-validation on train only).
``--write`` stores the mention model fitted on the train documents as
``src/spillwatch/data/mention_model.json.gz``.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import pickle
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sample import SHARED, Doc, load_docs, stable
from scipy import sparse
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from spillwatch.coding.encoder import load_encoder
from spillwatch.coding.events import code_events_explained, mention_features
from spillwatch.coding.mention import CLASSES, FORMAT, MODEL_NAME
from spillwatch.run import pipeline
from spillwatch.settings import Settings

REPO = Path(__file__).resolve().parents[2]
LABELS = REPO / "eval/labelled/clauses.tsv"
OUT = REPO / "src/spillwatch/data" / MODEL_NAME
DEV_SHARE = 4  # one document in four goes to dev


@dataclass(frozen=True)
class Row:
    source: str
    doc: str
    start: int
    label: str
    feats: dict[str, float]
    coder: str
    sentence: str
    text: str  # the words the encoder reads

    @property
    def group(self) -> str:
        return f"{self.source}:{self.doc}"

    @property
    def dev(self) -> bool:
        return stable(self.group) % DEV_SHARE == 0


def read_labels(path: Path) -> dict[tuple[str, str, int], str]:
    with path.open(encoding="utf-8") as fh:
        rows = csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t")
        return {(r["source"], r["doc"], int(r["start"])): r["label"] for r in rows}


def coder_class(reason: str) -> str:
    if reason == "kept":
        return "happened"
    for word, label in (("negated", "negated"), ("denied", "negated"), ("planned", "planned"),
                        ("hypothetical", "planned"), ("habitual", "generic"), ("generic", "generic")):
        if word in reason:
            return label
    return "not_event"


def build_rows(labels: dict[tuple[str, str, int], str], shared: Path, ecb: Path | None) -> list[Row]:
    wanted = {(s, d) for s, d, _ in labels}
    settings = Settings()
    rows: list[Row] = []
    for d in load_docs(shared, ecb):
        if (d.source, d.doc) in wanted:
            rows += doc_rows(d, labels, settings)
    return rows


def doc_rows(d: Doc, labels: dict[tuple[str, str, int], str], settings: Settings) -> list[Row]:
    ann = pipeline.annotate_only(d.article, settings)
    kept, declined = code_events_explained(ann, settings)
    decision = {m.trigger.start: "kept" for m in kept} | {x.trigger.start: x.reason for x in declined}
    text = ann.article.text
    out = []
    for m in mention_features(ann, settings):
        span = m.trigger
        label = labels.get((d.source, d.doc, span.start))
        if label is None:
            continue
        sent = next(s.span for s in ann.sentences if s.span.start <= span.start < s.span.end)
        left, word, right = text[sent.start:span.start], text[span.start:span.end], text[span.end:sent.end]
        marked = f"{left} TRIGGER_ {word} _TRIGGER {right}"
        coder = decision.get(span.start, "kept")
        out.append(Row(d.source, d.doc, span.start, label, m.features, coder, marked, m.text))
    return out


def convert_ecb(shared: Path, out: Path) -> Path | None:
    """ECB+ dev topics 1-22 as text, written by the shared converter (None without it)."""
    tool = shared.parent / "tools/ecbplus_coref.py"
    if not tool.exists():
        return None
    topics = ",".join(str(t) for t in range(1, 23))
    subprocess.run([sys.executable, str(tool), "convert", str(shared / "ecbplus/ECB+"), str(out), "--topics", topics],
                   check=True, capture_output=True)
    return out / "txt"


def scores(gold: Sequence[str], pred: Sequence[str]) -> dict[str, tuple[float, float, float]]:
    out = {}
    for c in (*CLASSES, "happened-vs-rest"):
        if c == "happened-vs-rest":
            g = [x == "happened" for x in gold]
            p = [x == "happened" for x in pred]
        else:
            g = [x == c for x in gold]
            p = [x == c for x in pred]
        tp = sum(a and b for a, b in zip(g, p, strict=True))
        prec = tp / sum(p) if sum(p) else 0.0
        rec = tp / sum(g) if sum(g) else 0.0
        out[c] = (prec, rec, 2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return out


@dataclass(frozen=True)
class Fitted:
    vec: DictVectorizer
    clf: LogisticRegression
    scale: float  # weight of the encoder's vector beside the sparse features (0: no encoder)

    def matrix(self, rows: Sequence[Row], emb: dict[tuple[str, int], np.ndarray]) -> sparse.csr_matrix:
        x = self.vec.transform([r.feats for r in rows])
        if not self.scale:
            return x
        dense = np.vstack([emb[(r.group, r.start)] for r in rows]) * self.scale
        return sparse.hstack([x, sparse.csr_matrix(dense)]).tocsr()

    def predict(self, rows: Sequence[Row], emb: dict[tuple[str, int], np.ndarray]) -> list[str]:
        return [str(y) for y in self.clf.predict(self.matrix(rows, emb))]


def fit_mention(train: Sequence[Row], c: float, scale: float, emb: dict[tuple[str, int], np.ndarray]) -> Fitted:
    vec = DictVectorizer()
    vec.fit([r.feats for r in train])
    unfitted = Fitted(vec, LogisticRegression(C=c, max_iter=4000, class_weight="balanced"), scale)
    unfitted.clf.fit(unfitted.matrix(train, emb), [r.label for r in train])
    return unfitted


def choose(train: Sequence[Row], emb: dict[tuple[str, int], np.ndarray], scales: Sequence[float]
           ) -> tuple[float, float]:
    """(C, scale) by grouped 5-fold cross-validation on train (macro F1), never looking at dev."""
    groups = [r.group for r in train]
    best = (-1.0, 1.0, 0.0)
    for scale in scales:
        for c in (0.3, 1.0, 3.0):
            pred: list[str] = [""] * len(train)
            for tr, te in GroupKFold(n_splits=5).split(train, groups=groups):
                fitted = fit_mention([train[k] for k in tr], c, scale, emb)
                for k, y in zip(te, fitted.predict([train[k] for k in te], emb), strict=True):
                    pred[k] = y
            s = scores([r.label for r in train], pred)
            macro = float(np.mean([s[k][2] for k in CLASSES]))
            print(f"  C={c} encoder scale={scale}: train-CV macro F1 {macro:.3f}", file=sys.stderr)
            best = max(best, (macro, c, scale))
    return best[1], best[2]


def embeddings(rows: Sequence[Row]) -> dict[tuple[str, int], np.ndarray]:
    vectors = load_encoder().embed([r.text for r in rows])
    return {(r.group, r.start): v for r, v in zip(rows, vectors, strict=True)}


def tfidf_baseline(train: Sequence[Row], dev: Sequence[Row]) -> list[str]:
    vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    clf = LogisticRegression(C=3.0, max_iter=3000, class_weight="balanced")
    clf.fit(vec.fit_transform([r.sentence for r in train]), [r.label for r in train])
    return [str(y) for y in clf.predict(vec.transform([r.sentence for r in dev]))]


def report(name: str, gold: Sequence[str], pred: Sequence[str]) -> dict[str, list[float]]:
    s = scores(gold, pred)
    cells = "  ".join(f"{k[:9]:>9} {p:.2f}/{r:.2f}" for k, (p, r, _) in s.items())
    macro = float(np.mean([s[k][2] for k in CLASSES]))
    print(f"{name:<8} macroF1 {macro:.3f}  {cells}")
    return {k: [round(v, 3) for v in s[k]] for k in s}


def write_model(fitted: Fitted, meta: dict[str, object]) -> None:
    classes = [str(c) for c in fitted.clf.classes_]
    order = [classes.index(c) for c in CLASSES]
    coef = fitted.clf.coef_[order].T  # (features + encoder dimensions) x classes, in CLASSES order
    names = list(fitted.vec.get_feature_names_out())
    data = {
        "format": FORMAT,
        "classes": list(CLASSES),
        "features": names,
        "coef": [[round(float(v), 5) for v in row] for row in coef[: len(names)]],
        "embedding_coef": [[round(float(v), 5) for v in row] for row in coef[len(names):]],
        "embedding_scale": fitted.scale,
        "intercept": [round(float(fitted.clf.intercept_[k]), 5) for k in order],
        "meta": meta,
    }
    OUT.write_bytes(gzip.compress(json.dumps(data, sort_keys=True).encode("utf-8"), mtime=0))
    print(f"wrote {OUT} ({len(names)} features)", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--ecb", type=Path, default=None)
    ap.add_argument("--labels", type=Path, default=LABELS)
    ap.add_argument("--cache", type=Path, default=None, help="pickle of the built rows (reused when present)")
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args(argv)
    if not (args.shared / "geo/GeoWebNews.xml").exists():
        print(f"no data at {args.shared}", file=sys.stderr)
        return 2
    labels = read_labels(args.labels)
    tmp = None
    if args.ecb is None and (args.cache is None or not args.cache.exists()):
        tmp = tempfile.TemporaryDirectory()
        args.ecb = convert_ecb(args.shared, Path(tmp.name))
    if args.cache is not None and args.cache.exists():
        rows: list[Row] = pickle.loads(args.cache.read_bytes())
    else:
        rows = build_rows(labels, args.shared, args.ecb)
        if args.cache is not None:
            args.cache.write_bytes(pickle.dumps(rows))
    train = [r for r in rows if not r.dev]
    dev = [r for r in rows if r.dev]
    print(f"{len(rows)} of {len(labels)} labelled mentions found; train {len(train)} "
          f"({len({r.group for r in train})} docs), dev {len(dev)} ({len({r.group for r in dev})} docs)")
    print("dev labels:", dict(Counter(r.label for r in dev)))
    gold = [r.label for r in dev]
    figures = {"majority": report("majority", gold, ["happened"] * len(dev)),
               "coder": report("coder", gold, [coder_class(r.coder) for r in dev]),
               "tfidf": report("tfidf", gold, tfidf_baseline(train, dev))}
    emb = embeddings(rows)
    c0, _ = choose(train, emb, (0.0,))
    figures["parse"] = report("parse", gold, fit_mention(train, c0, 0.0, emb).predict(dev, emb))
    c, scale = choose(train, emb, (1.0, 2.0, 3.0))
    fitted = fit_mention(train, c, scale, emb)
    figures["mention"] = report("mention", gold, fitted.predict(dev, emb))
    if args.write:
        write_model(fitted, {"C": c, "embedding_scale": scale, "train_mentions": len(train),
                             "train_docs": len({r.group for r in train}), "dev_mentions": len(dev),
                             "labels": str(args.labels.name), "dev_figures": figures})
    return 0


if __name__ == "__main__":
    sys.exit(main())
