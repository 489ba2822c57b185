"""The ordered stages and a thin runner that streams items through them.

The local runner (here), the parallel runner and the Spark job all call the same stage functions;
the order lives in one place: ``ANNOTATORS`` and the ``understand`` function below.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from spillwatch.errors import SourceError
from spillwatch.records import AnnotatedArticle, Article, EventMention, Quarantined, RawItem
from spillwatch.settings import Settings

# Per-article annotation stages, in order. Each: (AnnotatedArticle, Settings) -> AnnotatedArticle.
ANNOTATORS: tuple[str, ...] = (
    "spillwatch.nlp.actors:find_actors",
    "spillwatch.nlp.temporal:find_dates",
    "spillwatch.nlp.quantities:find_quantities",
    "spillwatch.nlp.quotes:find_quotes",
    "spillwatch.geo.places:find_places",
)
CLEAN = "spillwatch.extract.clean:clean"
PARSE = "spillwatch.nlp.parse:annotate"
GATE = "spillwatch.relevance.gate:gate_articles"
CODE = "spillwatch.coding.events:code_events"
ATTRIBUTE = "spillwatch.coding.attribution:attribute"
PLACE_EVENTS = "spillwatch.geo.eventplace:place_events"


@cache
def stage(dotted: str) -> Callable[..., Any]:
    """Resolve ``module:function`` once."""
    module, _, name = dotted.partition(":")
    return getattr(importlib.import_module(module), name)


@dataclass(frozen=True, slots=True)
class Coded:
    """What understanding one article yields: its annotations and its event mentions."""

    annotated: AnnotatedArticle
    mentions: tuple[EventMention, ...]


def clean_item(item: RawItem, settings: Settings) -> Article | Quarantined:
    """Clean one raw item; a document that cannot be cleaned becomes a quarantine record."""
    try:
        return stage(CLEAN)(item, settings)
    except SourceError as exc:
        return Quarantined(source=item.source, reason=exc.reason, stage="clean", raw_id=item.id,
                           detail=exc.message)


def annotate_one(ann: AnnotatedArticle, settings: Settings) -> AnnotatedArticle:
    for dotted in ANNOTATORS:
        ann = stage(dotted)(ann, settings)
    return ann


def code_one(ann: AnnotatedArticle, settings: Settings) -> Coded:
    ann = annotate_one(ann, settings)
    mentions = stage(CODE)(ann, settings)
    mentions = stage(ATTRIBUTE)(ann, mentions, settings)
    mentions = stage(PLACE_EVENTS)(ann, mentions, settings)
    return Coded(ann, tuple(mentions))


def understand(articles: Iterable[Article], settings: Settings) -> Iterator[Coded]:
    """Gate, parse in batches (spaCy ``nlp.pipe``), then run every per-article stage and code events.

    The relevance gate decides per article whether the NLP stages run; a skipped article comes out
    in its place, in order, with no annotations, no mentions and the gate's decision attached.
    """
    articles = list(articles)
    decisions = stage(GATE)(articles, settings)
    parsed = iter(stage(PARSE)([a for a, d in zip(articles, decisions, strict=True) if d.run], settings))
    for article, decision in zip(articles, decisions, strict=True):
        if decision.run:
            yield code_one(replace(next(parsed), relevance=decision), settings)
        else:
            yield Coded(AnnotatedArticle(article, relevance=decision), ())


def understand_items(items: Sequence[RawItem], settings: Settings) -> Iterator[Coded | Quarantined]:
    """Clean and understand raw items in one pass (used by the Spark job and `spillwatch code`)."""
    cleaned = [clean_item(item, settings) for item in items]
    for q in cleaned:
        if isinstance(q, Quarantined):
            yield q
    yield from understand([a for a in cleaned if isinstance(a, Article)], settings)
