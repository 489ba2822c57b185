"""PLOVER gold-standard records (323 hand-coded sentences): event type and actor agreement.

Usage: python eval/plover_gsr.py [--limit N] [--gsr PATH]
Default data: ../shared/data/plover/gold_standard_records/PLOVER_GSR_CAMEO.txt (JSON array).
Old labels are mapped: DEMAND->REQUEST, DISAPPROVE->ACCUSE, INVESTIGATE->ACCUSE, FIGHT->ASSAULT.

Each sentence goes through the real stages (spaCy parse, actor stage, event coding). Printed:
- coverage: share of sentences where at least one event was coded;
- type accuracy and macro F1 of the coder (first coded event; "NONE" when nothing was coded),
  over all sentences and over the covered ones;
- the same in PLOVER's convention view (planned CONSULT/SUPPORT/COOPERATE/AID -> AGREE, planned
  RETREAT -> CONCEDE; spillwatch itself keeps the concrete type with modality "planned");
- the same for the sentence classifier alone (no lexicon);
- source/target actor match: among sentences with a gold source (target), the share whose coded
  event has an actor with the same country code, and with the same country and sector.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from spillwatch.coding.classifier import load_classifier
from spillwatch.coding.events import code_events
from spillwatch.coding.ontology import plover_convention_type
from spillwatch.nlp.actors import find_actors
from spillwatch.nlp.parse import annotate
from spillwatch.records import Actor, Article, Block, DateInfo, EventMention
from spillwatch.settings import Settings

REPO = Path(__file__).resolve().parents[1]
DEFAULT = REPO.parent / "shared/data/plover/gold_standard_records/PLOVER_GSR_CAMEO.txt"
OLD_LABELS = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
# The gold file's older mode names -> the v0.8 names (modes with no v0.8 counterpart are not scored).
OLD_MODES = {"strike-hun": "hunger", "strike-gen": "strike", "riot-spon": "riot", "demo-org": "demo",
             "demo-spon": "demo", "assassinate": "targeted"}


def load_records(path: Path, limit: int | None = None) -> list[dict[str, Any]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    rows = [r for r in data if r.get("event") not in (None, "DOCUMENT") and r.get("text")]
    return rows[:limit] if limit else rows


def held_in(record_id: str) -> bool:
    """The half of the gold whose sentences may be labelled for training (``eval/clauses/sample.py``'s
    ``plover_half``: an even first 32 bits of the id's sha1)."""
    return int(hashlib.sha1(record_id.encode("utf-8")).hexdigest()[:8], 16) % 2 == 0


def gold_type(record: dict[str, Any]) -> str:
    label = str(record["event"]).upper()
    return OLD_LABELS.get(label, label)


def gold_actors(record: dict[str, Any], key: str) -> list[tuple[str, str | None]]:
    raw = record.get(key)
    if not isinstance(raw, list):
        return []
    out = []
    for a in raw:
        if isinstance(a, dict) and a.get("code"):
            sector = a.get("sector")
            out.append((str(a["code"]).upper(), str(sector)[:3].upper() if sector and sector != "***" else None))
    return out


def macro_f1(gold: Sequence[str], pred: Sequence[str]) -> float:
    labels = sorted(set(gold))
    scores = []
    for lab in labels:
        tp = sum(g == p == lab for g, p in zip(gold, pred, strict=True))
        fp = sum(p == lab and g != lab for g, p in zip(gold, pred, strict=True))
        fn = sum(g == lab and p != lab for g, p in zip(gold, pred, strict=True))
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        scores.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return sum(scores) / len(scores) if scores else 0.0


def accuracy(gold: Sequence[str], pred: Sequence[str]) -> float:
    return sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold) if gold else 0.0


def actor_match(gold: list[tuple[str, str | None]], pred: Iterable[Actor]) -> tuple[bool, bool]:
    """(country matches, country and sector match) for any gold/predicted pair."""
    pred = list(pred)
    country = any(a.country == code for code, _ in gold for a in pred)
    full = any(a.country == code and (sector is None or a.sector == sector) for code, sector in gold for a in pred)
    return country, full


def articles(records: Sequence[dict[str, Any]]) -> list[Article]:
    return [
        Article(raw_id=r.get("id", str(i)), source="gsr", blocks=(Block("body", r["text"]),),
                published=DateInfo(None, "none"))
        for i, r in enumerate(records)
    ]  # fmt: skip


def code_all(records: Sequence[dict[str, Any]], settings: Settings) -> list[tuple[EventMention, ...]]:
    out = []
    for ann in annotate(articles(records), settings):
        out.append(code_events(find_actors(ann, settings), settings))
    return out


def evaluate(records: Sequence[dict[str, Any]], settings: Settings) -> dict[str, float]:
    coded = code_all(records, settings)
    clf = load_classifier()
    gold = [gold_type(r) for r in records]
    pred = [m[0].type if m else "NONE" for m in coded]
    strict = [plover_convention_type(m[0].type, m[0].modality) if m else "NONE" for m in coded]
    alone = [clf.best(r["text"])[0] for r in records]
    covered = [k for k, m in enumerate(coded) if m]
    res = {
        "sentences": float(len(records)),
        "coverage": len(covered) / len(records) if records else 0.0,
        "type_accuracy": accuracy(gold, pred),
        "type_macro_f1": macro_f1(gold, pred),
        "type_accuracy_covered": accuracy([gold[k] for k in covered], [pred[k] for k in covered]),
        "plover_view_accuracy": accuracy(gold, strict),
        "plover_view_macro_f1": macro_f1(gold, strict),
        "classifier_accuracy": accuracy(gold, alone),
        "classifier_macro_f1": macro_f1(gold, alone),
    }
    for role, key, attr in (("source", "source", "sources"), ("target", "target", "targets")):
        has = [k for k, r in enumerate(records) if gold_actors(r, key)]
        matches = [actor_match(gold_actors(records[k], key), _actors(coded[k], attr)) for k in has]
        res[f"{role}_with_gold"] = float(len(has))
        res[f"{role}_country_match"] = sum(c for c, _ in matches) / len(has) if has else 0.0
        res[f"{role}_country_sector_match"] = sum(f for _, f in matches) / len(has) if has else 0.0
    res.update(mode_scores(records, coded))
    res["confusions"] = 0.0
    _print_confusions(gold, strict)
    return res


def gold_mode(record: dict[str, Any]) -> str | None:
    raw = str(record.get("mode") or "").strip().lower()
    return OLD_MODES.get(raw, raw) or None


def mode_scores(records: Sequence[dict[str, Any]], coded: Sequence[tuple[EventMention, ...]]) -> dict[str, float]:
    """Among sentences whose gold mode exists in the ontology: the coded event of the gold type carries it."""
    from spillwatch.coding.ontology import load_ontology

    onto = load_ontology()
    known = {t.name: {m.name for m in t.modes} for t in onto.types}
    scored = [k for k, r in enumerate(records) if gold_mode(r) in known.get(gold_type(r), set())]
    hits = [any(gold_mode(records[k]) in m.modes for m in coded[k] if m.type == gold_type(records[k]))
            for k in scored]
    return {"mode_scored": float(len(scored)), "mode_accuracy": sum(hits) / len(scored) if scored else 0.0}


def _actors(mentions: tuple[EventMention, ...], attr: str) -> list[Actor]:
    return list(getattr(mentions[0], attr)) if mentions else []


def _print_confusions(gold: Sequence[str], pred: Sequence[str]) -> None:
    pairs = Counter((g, p) for g, p in zip(gold, pred, strict=True) if g != p)
    print("most frequent confusions (gold -> coded):", ", ".join(f"{g}->{p} {n}" for (g, p), n in pairs.most_common(8)))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--gsr", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--half", choices=("all", "test"), default="all",
                    help="test: only the half never labelled for the mention model (eval/clauses/sample.py)")
    args = ap.parse_args(argv)
    if not args.gsr.exists():
        print(f"missing {args.gsr}", file=sys.stderr)
        return 2
    records = load_records(args.gsr, args.limit)
    if args.half == "test":
        records = [r for r in records if not held_in(str(r.get("id", "")))]
    res = evaluate(records, Settings())
    res.pop("confusions")
    for key, value in res.items():
        print(f"{key:28s} {value:.3f}" if value <= 1.0 else f"{key:28s} {int(value)}")
    print(json.dumps({k: round(float(v), 4) for k, v in res.items()}))  # the gate's one-line summary
    return 0


if __name__ == "__main__":
    sys.exit(main())
