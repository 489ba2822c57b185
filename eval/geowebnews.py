"""GeoWebNews evaluation of the geoparser: recognition P/R/F1 and end-to-end resolution error.

Usage: python eval/geowebnews.py [PATH] [--split all|tune|report] [--limit N] [--cache FILE] [--fit]

PATH is the GeoWebNews XML (default ../shared/data/geo/GeoWebNews.xml). Splits are by article:
``tune`` is articles 1-100 (what ``geo/train_ranker.py`` fits on), ``report`` articles 101-200.
``--split tune --fit`` first fits the candidate ranker (``geo/train_ranker.py``, written to
``src/spillwatch/data/geo_ranker.json``) on articles 1-100, then evaluates there.
``--cache FILE`` keeps the spaCy parse and actors of the chosen articles (pickled) for re-runs.

Gold toponyms (Gritta et al. 2019 types): Literal, Literal_Modifier, Mixed, Coercion,
Embedded_Literal (literal places) plus Non_Literal_Modifier, Embedded_Non_Lit, Metonymic and
Demonym (associative uses, which a geoparser still has to find). Not counted: Non_Toponym,
Literal_Expression, Non_Lit_Expression, Homonym, Language. A second line scores literal types
against the places spillwatch marks literal (roles place/region/dateline).

Recognition: one-to-one matching, exact span and inexact (overlapping) span.
Resolution, end to end: for each gold toponym with coordinates that was recognised (inexact
match), the great-circle error between gold and predicted point; an unresolved prediction counts
as 20,039 km (half the circumference). Acc@161, mean and median km, AUC of the log error curve.
Resolution given gold spans: the same gold spans fed to the resolver (recognition removed).

The gold points are GeoNames' own, for the GeoNames id each toponym is resolved to (the corpus's
convention); spillwatch keeps GeoNames ids but puts countries at Natural Earth centroids and units at
ISO 3166-2 or their towns' mean points, which for large countries lie 190-700 km from GeoNames'
(China, Russia, Canada, Brazil). So beside Acc@161 on spillwatch's own points (the headline, as
before) a second line scores a prediction of the gold's own GeoNames id at GeoNames' point for it
(0 km), as a geoparser that outputs GeoNames' coordinates for its ids (Mordecai, CLAVIN) would be
scored; every other prediction keeps its own point. A gold toponym without a GeoNames id never
counts as the same id (an unresolved prediction has none either).
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import math
import pickle
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from spillwatch.geo.gazetteer import open_gazetteer  # noqa: E402
from spillwatch.geo.geowebnews import ASSOCIATIVE, LITERAL, SPLITS, Gold, load, match  # noqa: E402
from spillwatch.geo.neighbours import haversine_km  # noqa: E402
from spillwatch.geo.places import find_places  # noqa: E402
from spillwatch.geo.ranker import load_weights  # noqa: E402
from spillwatch.geo.resolve import Mention, resolve_mentions  # noqa: E402
from spillwatch.geo.train_ranker import fit  # noqa: E402
from spillwatch.nlp.actors import find_actors  # noqa: E402
from spillwatch.nlp.parse import annotate  # noqa: E402
from spillwatch.records import (  # noqa: E402
    AnnotatedArticle,
    Article,
    Block,
    DateInfo,
    Place,
)
from spillwatch.settings import Settings  # noqa: E402

MAX_KM = 20039.0


def prf(tp: int, n_gold: int, n_pred: int) -> str:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (tp {tp}, gold {n_gold}, predicted {n_pred})"


def error_km(g: Gold, p: Place) -> float:
    if p.lat is None or p.lon is None or g.lat is None or g.lon is None:
        return MAX_KM
    return haversine_km(g.lat, g.lon, p.lat, p.lon)


def summary(errors: list[float]) -> str:
    if not errors:
        return "no resolvable toponyms"
    acc = sum(e <= 161 for e in errors) / len(errors)
    scaled = sorted(math.log(1 + e) / math.log(MAX_KM) for e in errors)
    auc = sum((a + b) / 2 for a, b in itertools.pairwise(scaled)) / max(1, len(scaled) - 1)
    return (f"Acc@161 {acc:.3f}  mean {statistics.fmean(errors):.0f} km  median "
            f"{statistics.median(errors):.1f} km  AUC {auc:.3f}  (n {len(errors)})")


def gold_span_errors(text: str, golds: list[Gold]) -> list[float]:
    gz = open_gazetteer()
    todo = [g for g in golds if g.lat is not None]
    known = [gz.demonym_place(g.text) for g in todo]
    mentions = [Mention(g.span, text[g.span.start : g.span.end], "ner", "place",
                        place_id=k.id if k else None) for g, k in zip(todo, known, strict=True)]
    places = resolve_mentions(mentions, gz, text)
    return [error_km(g, p) for g, p in zip(todo, places, strict=True)]


def parsed(docs: list[tuple[str, list[Gold]]], settings: Settings, cache: Path | None) -> list[AnnotatedArticle]:
    """The articles through the stages before places (parse, actors), as the pipeline runs them;
    ``cache`` keeps them pickled, keyed by the texts' hash (a changed text means a new parse)."""
    key = hashlib.sha256("\x00".join(t for t, _ in docs).encode()).hexdigest()
    if cache is not None and cache.exists():
        stored = pickle.loads(cache.read_bytes())
        if stored[0] == key:
            return list(stored[1])
    arts = [Article(raw_id=str(i), source=f"geowebnews#{i}", blocks=(Block("body", t),),
                    published=DateInfo(None, "none")) for i, (t, _) in enumerate(docs)]
    out = [find_actors(a, settings) for a in annotate(arts, settings)]
    if cache is not None:
        cache.write_bytes(pickle.dumps((key, out)))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", nargs="?", type=Path, default=REPO.parent / "shared" / "data" / "geo" / "GeoWebNews.xml")
    ap.add_argument("--split", choices=sorted(SPLITS), default="all")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--cache", type=Path, default=None)
    ap.add_argument("--fit", action="store_true", help="fit the ranker on the tune split (data/geo_ranker.json)")
    args = ap.parse_args()
    docs = load(args.path, args.limit, args.split)
    settings = Settings()
    gz = open_gazetteer()
    if args.fit:
        if args.split != "tune" or args.limit is not None:
            ap.error("--fit takes the whole tune split (articles 1-100) and nothing else")
        print(fit(docs, parsed(docs, settings, args.cache), gz, args.path))
        load_weights.cache_clear()
    counts = {k: [0, 0, 0] for k in ("all-exact", "all-inexact", "lit-exact", "lit-inexact")}
    e2e: list[float] = []
    same_id: list[bool] = []
    by_id: list[float] = []  # the error with the gold's own GeoNames point for a prediction of the gold's id
    roles: list[tuple[str, str]] = []
    given: list[float] = []
    by_level: dict[str, list[float]] = {}
    geo_seconds = 0.0
    for ann, (text, golds) in zip(parsed(docs, settings, args.cache), docs, strict=True):
        t0 = time.process_time()
        places = list(find_places(ann, settings, gazetteer=gz).places)
        geo_seconds += time.process_time() - t0
        gold_all = [g for g in golds if g.type in LITERAL | ASSOCIATIVE]
        gold_lit = [g for g in golds if g.type in LITERAL]
        lit_pred = [p for p in places if p.role in ("place", "region", "dateline")]
        for name, gl, pr in (("all", gold_all, places), ("lit", gold_lit, lit_pred)):
            for exact in (True, False):
                c = counts[f"{name}-{'exact' if exact else 'inexact'}"]
                c[0] += len(match([g.span for g in gl], [p.span for p in pr], exact))
                c[1] += len(gl)
                c[2] += len(pr)
        for gi, pi in match([g.span for g in gold_all], [p.span for p in places], exact=False):
            roles.append((gold_all[gi].type, places[pi].role))
            if gold_all[gi].lat is not None:
                e2e.append(error_km(gold_all[gi], places[pi]))
                same_id.append(gold_all[gi].geonameid is not None and gold_all[gi].geonameid == places[pi].geonameid)
                by_id.append(0.0 if same_id[-1] else e2e[-1])
                prec = places[pi].precision
                level = "unresolved" if prec is None else ("country or wider" if prec >= 6 else "finer than country")
                by_level.setdefault(level, []).append(e2e[-1])
        given.extend(gold_span_errors(text, gold_all))
    print(f"GeoWebNews: {len(docs)} articles (split {args.split})")
    for key, (tp, ng, npred) in counts.items():
        print(f"recognition {key:12s} {prf(tp, ng, npred)}")
    print(f"resolution end to end      {summary(e2e)}")
    print(f"  the same, a prediction of the gold's GeoNames id at GeoNames' point: {summary(by_id)}")
    n = max(1, len(same_id))
    either = sum(ok or e <= 161 for ok, e in zip(same_id, e2e, strict=True)) / n
    print(f"  end to end, same GeoNames id as gold: {sum(same_id) / n:.3f}; "
          f"same id or within 161 km: {either:.3f} (country points differ by convention)")
    for level, errors in sorted(by_level.items()):
        print(f"  end to end, predicted {level:18s} {summary(errors)}")
    print(f"resolution given gold spans {summary(given)}")
    for gold_type, role in (("Metonymic", "metonym"),):
        tp = sum(g == gold_type and r == role for g, r in roles)
        print(f"role {role:8s} among recognised toponyms: "
              f"{prf(tp, sum(g == gold_type for g, _ in roles), sum(r == role for _, r in roles))}")
    print(f"geo stage (recognise+resolve, spaCy excluded): {1000 * geo_seconds / len(docs):.1f} ms CPU per article")
    print(json.dumps({"recognition_f1": {k: _f1(*v) for k, v in counts.items()},
                      "acc161": round(sum(e <= 161 for e in e2e) / max(1, len(e2e)), 4),
                      "same_geonameid": round(sum(same_id) / n, 4),
                      "acc161_geonames_points": round(sum(e <= 161 for e in by_id) / max(1, len(by_id)), 4),
                      "median_km": round(statistics.median(e2e), 1) if e2e else None,
                      "geo_cpu_ms_per_article": round(1000 * geo_seconds / len(docs), 2)}))


def _f1(tp: int, n_gold: int, n_pred: int) -> float:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return round(2 * p * r / (p + r), 4) if p + r else 0.0


if __name__ == "__main__":
    main()
