"""Fit the candidate ranker (``geo/ranker.py``): input parsed GeoWebNews articles of the tune
split (1-100) with their gold toponyms, output the weights written to ``data/geo_ranker.json``.

Run by ``python eval/geowebnews.py --split tune --fit`` (which parses the articles through the
product's stages before places). Every recognised mention (``places.recognise`` then
``incontext.places_in_context``, as the stage runs them) that overlaps a gold toponym with a point
gives its candidates (``resolve.rank_inputs``) as rows, labelled right when a candidate is the
gold GeoNames entry or lies within 161 km of the gold point. Mentions with one candidate or none
right teach no ranking and are left out. A logistic regression (scikit-learn, L2, lbfgs:
deterministic) fits the weights; the file records the data's sha256 and the fit's top-1 accuracy
beside the fixed prior's on the same mentions. Articles 101-200 are never fitted on.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from spillwatch.geo.gazetteer import Candidate, Gazetteer
from spillwatch.geo.geowebnews import ASSOCIATIVE, LITERAL, Gold, match
from spillwatch.geo.incontext import places_in_context
from spillwatch.geo.neighbours import haversine_km
from spillwatch.geo.places import recognise
from spillwatch.geo.ranker import FEATURES, features
from spillwatch.geo.resolve import first_guess, rank_inputs
from spillwatch.records import AnnotatedArticle

OUT = Path(__file__).resolve().parents[1] / "data" / "geo_ranker.json"
C = 1.0  # L2 strength: the default; 21 features on a few thousand rows need little more


def _right(c: Candidate, gid: int | None, lat: float, lon: float) -> bool:
    return (gid is not None and c.geonameid == gid) or haversine_km(c.lat, c.lon, lat, lon) <= 161


def rows(
    docs: list[tuple[str, list[Gold]]], anns: list[AnnotatedArticle], gz: Gazetteer
) -> tuple[list[list[float]], list[int], list[int], int]:
    """Feature rows, labels, group ids (one per mention) and how many the fixed prior gets right."""
    x: list[list[float]] = []
    y: list[int] = []
    groups: list[int] = []
    prior_right = 0
    for ann, (text, golds) in zip(anns, docs, strict=True):
        mentions = places_in_context(ann, recognise(ann, gz), gz)
        ranked = rank_inputs(mentions, gz, text, ann.actors)
        gold = [g for g in golds if g.type in LITERAL | ASSOCIATIVE and g.lat is not None and g.lon is not None]
        for gi, mi in match([g.span for g in gold], [m.span for m in mentions], exact=False):
            g, r = gold[gi], ranked[mi]
            assert g.lat is not None and g.lon is not None
            labels = [int(_right(c, g.geonameid, g.lat, g.lon)) for c in r.candidates]
            if len(labels) < 2 or not any(labels):
                continue
            first = first_guess(r.candidates)
            prior_right += int(first is not None and _right(first, g.geonameid, g.lat, g.lon))
            group = groups[-1] + 1 if groups else 0
            for c, label in zip(r.candidates, labels, strict=True):
                x.append(features(c, r.context))
                y.append(label)
                groups.append(group)
    return x, y, groups, prior_right


def top1(scores: list[float], y: list[int], groups: list[int]) -> int:
    best: dict[int, tuple[float, int]] = {}
    for s, label, g in zip(scores, y, groups, strict=True):
        if g not in best or s > best[g][0]:
            best[g] = (s, label)
    return sum(label for _, label in best.values())


def fit(docs: list[tuple[str, list[Gold]]], anns: list[AnnotatedArticle], gz: Gazetteer, data: Path,
        out: Path = OUT) -> str:
    """Fit on the given (tune) articles and write the weights to ``out``; returns a summary line."""
    from sklearn.linear_model import LogisticRegression

    x, y, groups, prior_right = rows(docs, anns, gz)
    model = LogisticRegression(C=C, max_iter=2000, solver="lbfgs").fit(x, y)
    scores = [float(s) for s in model.decision_function(x)]
    n = groups[-1] + 1 if groups else 0
    fitted = top1(scores, y, groups)
    result = {
        "features": list(FEATURES),
        "weights": [round(float(w), 5) for w in model.coef_[0]],
        "bias": round(float(model.intercept_[0]), 5),
        "data": {"file": data.name, "sha256": hashlib.sha256(data.read_bytes()).hexdigest(),
                 "split": "tune (articles 1-100)", "rows": len(y), "mentions": n},
        "top1": {"fitted": round(fitted / max(1, n), 4), "fixed_prior": round(prior_right / max(1, n), 4)},
    }
    out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return (f"{n} ambiguous mentions, {len(y)} candidates: top-1 fitted {fitted / max(1, n):.3f}, "
            f"fixed prior {prior_right / max(1, n):.3f}; wrote {out}")
