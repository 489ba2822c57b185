"""re3d (Dstl): gold FightingAgainst relations as conflict events, and gold entities.

Usage: python eval/re3d_relations.py [--limit N] [--re3d DIR]
Default data: ../shared/data/re3d/{centcom,uk-government,us-state-department}.

Each document runs through the real stages (spaCy parse, actors, dates, quotes, event coding).
Only gold annotations with confidence >= 0.5 count (re3d keeps crowd-rejected ones at 0).

Relations. A gold FightingAgainst(source, target) is recovered when a coded conflict event
(ASSAULT, COERCE, THREATEN, SANCTION, MOBILIZE) in the same document has a source and a target
that each match the gold side (either direction: fighting is mutual). A side matches when an
event argument overlaps the gold span (source: a source or instrument argument or the trigger,
since re3d often names "strikes" as the fighting side; target: a target, recipient or non-actor object
argument), or the event actor is the actor the actor stage found at the gold span. Precision:
share of coded conflict events with a target (actor or object) that match some gold relation
(a lower bound: re3d does not mark every fight).

Entities. Gold Person/Organisation/Location/Weapon/Money/Quantity spans against ours: spaCy
entities (PERSON; ORG and NORP; GPE, LOC, FAC; MONEY; QUANTITY, CARDINAL and PERCENT), actor
mentions (Person when a person is bound, else Organisation), quantity mentions (money or
quantity) and weapon words (the ontology's ASSAULT weapon-mode cues). A prediction and a gold
span match when they overlap and have the same type.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spillwatch.coding.events import code_events
from spillwatch.coding.lexicon import WEAPON_MODES
from spillwatch.coding.ontology import load_ontology
from spillwatch.nlp.actors import find_actors
from spillwatch.nlp.parse import annotate
from spillwatch.nlp.quotes import find_quotes
from spillwatch.nlp.temporal import find_dates
from spillwatch.records import AnnotatedArticle, Article, Block, DateInfo, EventMention, Span
from spillwatch.settings import Settings

REPO = Path(__file__).resolve().parents[1]
DEFAULT = REPO.parent / "shared/data/re3d"
SOURCES = ("centcom", "uk-government", "us-state-department")
CONFLICT = ("ASSAULT", "COERCE", "THREATEN", "SANCTION", "MOBILIZE")
ENTITY_TYPES = ("Person", "Organisation", "Location", "Weapon", "Money", "Quantity")
SPACY_MAP = {
    "PERSON": "Person", "ORG": "Organisation", "NORP": "Organisation", "GPE": "Location", "LOC": "Location",
    "FAC": "Location", "MONEY": "Money", "QUANTITY": "Quantity", "CARDINAL": "Quantity", "PERCENT": "Quantity",
}  # fmt: skip
MIN_CONFIDENCE = 0.5


@dataclass(frozen=True)
class Doc:
    id: str
    text: str
    entities: tuple[tuple[str, Span], ...]
    fights: tuple[tuple[Span, Span], ...]


def _lines(path: Path) -> Iterator[dict[str, Any]]:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            yield json.loads(line)


def load_docs(root: Path, limit: int | None = None) -> list[Doc]:
    docs: list[Doc] = []
    for name in SOURCES:
        folder = root / name
        ents: dict[str, list[tuple[str, Span]]] = defaultdict(list)
        for e in _lines(folder / "entities.json"):
            if e["type"] in ENTITY_TYPES and e.get("confidence", 1) >= MIN_CONFIDENCE:
                ents[e["documentId"]].append((e["type"], Span(e["begin"], e["end"])))
        fights: dict[str, set[tuple[Span, Span]]] = defaultdict(set)
        for r in _lines(folder / "relations.json"):
            if r["type"] == "FightingAgainst" and r.get("confidence", 1) >= MIN_CONFIDENCE:
                a, b = Span(r["sourceBegin"], r["sourceEnd"]), Span(r["targetBegin"], r["targetEnd"])
                if (b, a) not in fights[r["documentId"]]:
                    fights[r["documentId"]].add((a, b))
        for d in _lines(folder / "documents.json"):
            docs.append(Doc(d["_id"], d["text"], tuple(ents[d["_id"]]), tuple(sorted(fights[d["_id"]], key=str))))
    return docs[:limit] if limit else docs


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def run_stages(docs: Sequence[Doc], settings: Settings) -> list[tuple[AnnotatedArticle, tuple[EventMention, ...]]]:
    arts = [Article(d.id, "re3d", (Block("body", d.text),), DateInfo(None, "none")) for d in docs]
    out = []
    for ann in annotate(arts, settings):
        ann = find_quotes(find_dates(find_actors(ann, settings), settings), settings)
        out.append((ann, code_events(ann, settings)))
    return out


def _side_ids(ann: AnnotatedArticle, span: Span) -> set[str]:
    return {m.actor.id for m in ann.actors if _overlaps(m.span, span)}


def _side_match(ann: AnnotatedArticle, m: EventMention, roles: tuple[str, ...], gold: Span) -> bool:
    spans = [a.span for a in m.arguments if a.role in roles]
    if "source" in roles:  # re3d often names the strike itself as the fighting side
        spans.append(m.trigger)
    actors = {a.id for a in (m.sources if "source" in roles else m.targets)}
    return any(_overlaps(s, gold) for s in spans) or bool(actors & _side_ids(ann, gold))


def _matches(ann: AnnotatedArticle, m: EventMention, fight: tuple[Span, Span]) -> bool:
    src, tgt = ("source", "instrument"), ("target", "recipient", "object")
    a, b = fight
    forward = _side_match(ann, m, src, a) and _side_match(ann, m, tgt, b)
    return forward or (_side_match(ann, m, src, b) and _side_match(ann, m, tgt, a))


def _two_sided(m: EventMention) -> bool:
    return bool(m.targets or any(a.role == "object" for a in m.arguments))


def relation_scores(
    docs: Sequence[Doc], coded: Sequence[tuple[AnnotatedArticle, tuple[EventMention, ...]]]
) -> dict[str, float]:
    gold_total = found = pred_total = pred_ok = 0
    for doc, (ann, mentions) in zip(docs, coded, strict=True):
        conflict = [m for m in mentions if m.type in CONFLICT and _two_sided(m)]
        gold_total += len(doc.fights)
        found += sum(any(_matches(ann, m, f) for m in conflict) for f in doc.fights)
        pred_total += len(conflict)
        pred_ok += sum(any(_matches(ann, m, f) for f in doc.fights) for m in conflict)
    return {
        "fighting_against_gold": float(gold_total),
        "fighting_against_recall": found / gold_total if gold_total else 0.0,
        "conflict_events_with_both_sides": float(pred_total),
        "conflict_event_precision": pred_ok / pred_total if pred_total else 0.0,
    }


def predicted_entities(ann: AnnotatedArticle) -> list[tuple[str, Span]]:
    out = [(SPACY_MAP[e.label], e.span) for e in ann.entities if e.label in SPACY_MAP]
    out += [("Person" if m.person else "Organisation", m.span) for m in ann.actors]
    out += [("Money" if q.kind == "money" else "Quantity", q.span) for q in ann.quantities]
    weapons = {c for m in load_ontology().type("ASSAULT").modes if m.name in WEAPON_MODES for c in m.cues}
    out += [("Weapon", t.span) for t in ann.tokens if t.lemma.lower() in weapons and t.pos == "NOUN"]
    return out


def entity_scores(
    docs: Sequence[Doc], coded: Sequence[tuple[AnnotatedArticle, tuple[EventMention, ...]]]
) -> dict[str, float]:
    res: dict[str, float] = {}
    for etype in ENTITY_TYPES:
        gold_n = gold_hit = pred_n = pred_hit = 0
        for doc, (ann, _) in zip(docs, coded, strict=True):
            gold = [s for t, s in doc.entities if t == etype]
            pred = [s for t, s in predicted_entities(ann) if t == etype]
            gold_n += len(gold)
            pred_n += len(pred)
            gold_hit += sum(any(_overlaps(g, p) for p in pred) for g in gold)
            pred_hit += sum(any(_overlaps(g, p) for g in gold) for p in pred)
        res[f"{etype}_gold"] = float(gold_n)
        res[f"{etype}_recall"] = gold_hit / gold_n if gold_n else 0.0
        res[f"{etype}_precision"] = pred_hit / pred_n if pred_n else 0.0
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--re3d", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args(argv)
    if not args.re3d.exists():
        print(f"missing {args.re3d}", file=sys.stderr)
        return 2
    docs = load_docs(args.re3d, args.limit)
    coded = run_stages(docs, Settings())
    print(f"documents                          {len(docs)}")
    scores = {**relation_scores(docs, coded), **entity_scores(docs, coded)}
    for key, value in scores.items():
        print(f"{key:34s} {int(value)}" if key.endswith(("_gold", "_sides")) else f"{key:34s} {value:.3f}")
    print(json.dumps({k: round(float(v), 4) for k, v in scores.items()}))  # the gate's one-line summary
    return 0


if __name__ == "__main__":
    sys.exit(main())
