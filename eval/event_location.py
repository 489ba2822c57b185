"""Event location: which place in a sentence is where its event happened (token F1).

Usage: python eval/event_location.py PATH [--split tune|report|all] [--limit N] [--cache FILE] [--misses N] [--fit]

PATH is a JSONL file (gzipped or not) in the format of ../shared/data/event-location (Halterman
2019): per line ``text``, ``tokens`` (start, end, id) and ``spans`` with one ``VERB`` (the event)
and zero or more ``LOCATION`` spans (where that event happened). Records whose ``answer`` is
``reject`` or ``ignore`` are left out; those with no ``answer`` (the research assistants' part) or
``accept`` are kept; a record with no VERB or with several is skipped.

Split by a hash of the text (sha256, first 8 hex digits even: ``tune``, odd: ``report``), so the
same sentence always falls in the same part, whatever file it comes in.

Each sentence runs through the product's own stages (spaCy parse, actors, ``geo/places.py``) and
becomes the ``EventMention`` the coder makes of its VERB span: its clause and its place arguments,
in the coder's order (``coding/args.ArgumentFinder.resolve`` and ``coding/belongs.own_actors``, as
``coding/events.py`` calls them for an ASSAULT trigger). It goes through the product's
``geo/eventplace.place_events`` (its scorer fitted by ``--split tune --fit``, written to
``src/spillwatch/data/geo_attach.json``): the predicted place is the mention's ``place`` span (an
``article-focus`` place is no place of the sentence's own and predicts nothing), with the places
listed with it (its "also-place" arguments: "struck Baghdad, Mosul and Kirkuk"). Scored as token
precision, recall and F1 (micro, over the record's own tokens) against the LOCATION tokens.
Beside it, in the same run: "scorer alone", the same mention without the coder's place arguments
(what this script measured before it followed the product's path; the product then took the
coder's first place that resolved), and two baselines over the same recognised places (literal and
region roles): the place nearest the verb, and the first place after the verb, else the nearest.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import pickle
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from spillwatch.coding.args import ArgumentFinder  # noqa: E402
from spillwatch.coding.belongs import own_actors  # noqa: E402
from spillwatch.coding.clause import REPORTING, find_clause, predicate  # noqa: E402
from spillwatch.coding.docindex import DocIndex  # noqa: E402
from spillwatch.coding.events import TYPE_TARGET_PREPS  # noqa: E402
from spillwatch.coding.ontology import load_ontology  # noqa: E402
from spillwatch.coding.patterns import DepGraph, roles  # noqa: E402
from spillwatch.geo.attach import load_fitted, options  # noqa: E402
from spillwatch.geo.eventcands import LITERAL_ROLES, Doc, candidates, coder_hints  # noqa: E402
from spillwatch.geo.eventplace import place_events  # noqa: E402
from spillwatch.geo.gazetteer import open_gazetteer  # noqa: E402
from spillwatch.geo.places import find_places  # noqa: E402
from spillwatch.geo.train_attach import fit  # noqa: E402
from spillwatch.nlp.actors import find_actors  # noqa: E402
from spillwatch.nlp.parse import annotate  # noqa: E402
from spillwatch.records import AnnotatedArticle, Article, Block, DateInfo, EventMention, Place, Span  # noqa: E402
from spillwatch.settings import Settings  # noqa: E402


@dataclass(frozen=True)
class Record:
    text: str
    tokens: tuple[tuple[int, int], ...]  # (start, end) per token
    verb: Span
    gold: frozenset[int]  # token ids inside LOCATION spans


def _lines(path: Path) -> Iterator[str]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        yield from fh


def part(text: str) -> str:
    return "tune" if int(hashlib.sha256(text.encode()).hexdigest()[:8], 16) % 2 == 0 else "report"


def load(path: Path, split: str, limit: int | None) -> list[Record]:
    out: list[Record] = []
    for line in _lines(path):
        row = json.loads(line)
        if row.get("answer") in ("reject", "ignore") or (split != "all" and part(row["text"]) != split):
            continue
        spans = row.get("spans") or []
        verbs = [s for s in spans if s["label"] == "VERB"]
        if len(verbs) != 1:
            continue
        gold = frozenset(i for s in spans if s["label"] == "LOCATION"
                         for i in range(s["token_start"], s["token_end"] + 1))
        tokens = tuple((t["start"], t["end"]) for t in row["tokens"])
        out.append(Record(row["text"], tokens, Span(verbs[0]["start"], verbs[0]["end"]), gold))
        if limit is not None and len(out) >= limit:
            break
    return out


def parsed(records: list[Record], settings: Settings, cache: Path | None) -> list[AnnotatedArticle]:
    """Parse and actors (the stages before places) per sentence; cached by the texts' hash."""
    key = hashlib.sha256("\x00".join(r.text for r in records).encode()).hexdigest()
    if cache is not None and cache.exists():
        stored = pickle.loads(cache.read_bytes())
        if stored[0] == key:
            return list(stored[1])
    arts = [Article(raw_id=str(i), source=f"event-location#{i}", blocks=(Block("body", r.text),),
                    published=DateInfo(None, "none")) for i, r in enumerate(records)]
    out = [find_actors(a, settings) for a in annotate(arts, settings, batch_size=256)]
    if cache is not None:
        cache.write_bytes(pickle.dumps((key, out)))
    return out


def tokens_of(record: Record, span: Span | None) -> frozenset[int]:
    if span is None:
        return frozenset()
    return frozenset(i for i, (s, e) in enumerate(record.tokens) if s < span.end and span.start < e)


def tokens_in(record: Record, spans: tuple[Span, ...]) -> frozenset[int]:
    return frozenset().union(*(tokens_of(record, s) for s in spans))


def nearest(verb: Span, places: list[Place]) -> Place | None:
    centre = (verb.start + verb.end) / 2
    return min(places, key=lambda p: abs((p.span.start + p.span.end) / 2 - centre), default=None)


def first_after(verb: Span, places: list[Place]) -> Place | None:
    after = [p for p in places if p.span.start >= verb.end]
    return after[0] if after else nearest(verb, places)


class Score:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0

    def add(self, gold: frozenset[int], pred: frozenset[int]) -> None:
        self.tp += len(gold & pred)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)

    def f1(self) -> float:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    def line(self) -> str:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return f"P {p:.3f}  R {r:.3f}  F1 {self.f1():.3f}"


def _mention(ann: AnnotatedArticle, record: Record) -> EventMention:
    """The record's event as the coder makes it: its trigger, sentence and clause
    (``coding/clause.find_clause``, with the places the geo stage found, as ``coding/events.py``)."""
    text = record.text
    clause = None
    at = next((t.i for t in ann.tokens if t.span.start <= record.verb.start < t.span.end), None)
    sent = next((s for s in ann.sentences if at is not None and s.first_token <= at < s.last_token), None)
    if at is not None and sent is not None:
        graph, places = DepGraph(ann.tokens), DocIndex(ann).place_candidates
        clause = find_clause(graph, at, sent.first_token, sent.last_token, lambda j: places.any(graph[j].span))
    return EventMention(article_id=ann.article.id, type="ASSAULT", trigger=record.verb,
                        trigger_text=text[record.verb.start : record.verb.end], sentence=Span(0, len(text)),
                        clause=clause)


def _coded(ann: AnnotatedArticle, record: Record) -> EventMention:
    """The record's event as the coder hands it to the event-place stage: ``_mention`` with the
    coder's own place arguments, in the coder's order (``coding/args.ArgumentFinder.resolve`` and
    ``coding/belongs.own_actors``, called as ``coding/events.py`` calls them for an ASSAULT trigger)."""
    m = _mention(ann, record)
    graph = DepGraph(ann.tokens)
    at = next((t.i for t in ann.tokens if t.span.start <= record.verb.start < t.span.end), None)
    k = next((k for k, s in enumerate(ann.sentences) if at is not None and s.first_token <= at < s.last_token), None)
    if at is None or k is None or m.clause is None:
        return m
    sent, clause = ann.sentences[k], m.clause
    finder = ArgumentFinder(ann, graph, load_ontology().classes.get("territory", frozenset()), DocIndex(ann))
    own = bool(graph.children(at, "poss") or graph.prep_objects(at, ("by",)))
    said = clause.frame in REPORTING and graph[predicate(graph, at, sent.first_token, sent.last_token)].dep == "ccomp"
    res = own_actors(finder.resolve(roles(graph, at, TYPE_TARGET_PREPS.get(m.type, ())), k, sent, at, clause),
                     m.type, clause, framed=not graph.is_verbal(at) and not own, speech=said)
    return replace(m, arguments=res.arguments, place_text=res.places[0].text if res.places else None)


def _placed(placed: EventMention) -> tuple[Span, ...]:
    if placed.place is None or placed.place.role == "article-focus":
        return ()
    return (placed.place.span, *(a.span for a in placed.arguments if a.role == "also-place"))


def product_place(ann: AnnotatedArticle, record: Record) -> tuple[Span, ...]:
    """What the product places the event at: the coder's mention (its place arguments in the
    coder's order) through ``place_events``: the event's own place and the places listed with it."""
    (placed,) = place_events(ann, (_coded(ann, record),))
    return _placed(placed)


def scorer_place(ann: AnnotatedArticle, record: Record) -> tuple[Span, ...]:
    """The event-place scorer alone (the mention without the coder's place arguments): this
    script's figure before it measured the product's path."""
    (placed,) = place_events(ann, (_mention(ann, record),))
    return _placed(placed)


def _spans(place: Place | None) -> tuple[Span, ...]:
    return (place.span,) if place is not None else ()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", type=Path)
    ap.add_argument("--split", choices=("tune", "report", "all"), default="report")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--cache", type=Path, default=None)
    ap.add_argument("--misses", type=int, default=0, help="print this many wrong predictions")
    ap.add_argument("--fit", action="store_true", help="fit the event-place scorer on the tune part first")
    args = ap.parse_args()
    records = load(args.path, args.split, args.limit)
    settings = Settings()
    gz = open_gazetteer()
    anns = parsed(records, settings, args.cache)
    if args.fit:
        if args.split != "tune":
            ap.error("--fit fits on the tune part only")
        groups = []
        for ann, record in zip(anns, records, strict=True):
            ann = find_places(ann, settings, gazetteer=gz)
            doc = Doc.of(ann)
            m = _coded(ann, record)
            clause = m.clause.places if m.clause is not None else ()
            pool = candidates(doc, m)
            opts = options(ann.tokens, doc.index, record.verb, pool, clause, coder_hints(m, ann.article.text, pool))
            groups.append((record.gold, [(o.features, o.cues, tokens_of(record, o.span)) for o in opts]))
        print(fit(groups, args.path.name))
        load_fitted.cache_clear()
    systems: dict[str, Callable[[AnnotatedArticle, Record], tuple[Span, ...]]] = {
        "spillwatch (geo/eventplace.py)": product_place,
        "scorer alone (the old figure)": scorer_place,
        "baseline: nearest place": lambda ann, r: _spans(nearest(r.verb, _literal(ann))),
        "baseline: first after verb, else nearest": lambda ann, r: _spans(first_after(r.verb, _literal(ann))),
    }
    scores = {name: Score() for name in systems}
    shown = 0
    for ann, record in zip(anns, records, strict=True):
        ann = find_places(ann, settings, gazetteer=gz)
        for name, fn in systems.items():
            spans = fn(ann, record)
            pred = tokens_in(record, spans)
            scores[name].add(record.gold, pred)
            if name.startswith("spillwatch") and pred != record.gold and shown < args.misses:
                shown += 1
                gold = " ".join(record.text[slice(*record.tokens[i])] for i in sorted(record.gold)
                                if i < len(record.tokens))  # some records' spans end past their tokens
                print(f"MISS verb={record.text[record.verb.start:record.verb.end]!r} gold={gold!r} "
                      f"pred={' | '.join(record.text[sp.start : sp.end] for sp in spans)!r} :: {record.text}")
    with_gold = sum(bool(r.gold) for r in records)
    print(f"event location: {len(records)} records (split {args.split}; {with_gold} with a place)")
    for name, score in scores.items():
        print(f"  {name:45s} {score.line()}")
    print(json.dumps({"token_f1": round(scores["spillwatch (geo/eventplace.py)"].f1(), 4),
                      "scorer_alone_f1": round(scores["scorer alone (the old figure)"].f1(), 4),
                      "nearest_f1": round(scores["baseline: nearest place"].f1(), 4),
                      "first_after_f1": round(scores["baseline: first after verb, else nearest"].f1(), 4)}))


def _literal(ann: AnnotatedArticle) -> list[Place]:
    return [p for p in ann.places if p.role in LITERAL_ROLES]


if __name__ == "__main__":
    main()
