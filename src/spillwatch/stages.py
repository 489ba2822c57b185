"""The stage table: every stage as a typed object that imports its function directly, in run order.

A ``Stage`` names what it ``requires`` and ``provides``: facts of a document, each named after the
field it is (an ``AnnotatedArticle`` field such as "tokens" or "article_date", or ``Coded.mentions``), and
for the three refinements of the mentions a name for what they did to them ("attributed",
"event-places", "linked"), which orders them. ``tests/test_stage_declarations.py`` runs each document
stage on a record holding only what it declares and fails on a stage that reads more. ``Pipeline``
checks the order when it is built, so a stage that requires what no earlier stage provides fails at
start-up with a ``ConfigError``, never half-way through a run.
``on_error="quarantine"`` (every stage here) turns a stage's failure on one document into a
quarantine row naming the stage; ``"raise"`` lets it stop the run (for tests and debugging).

The per-document stages share one signature, ``(Coded, Settings) -> Coded``: ``Annotates``,
``Codes`` and ``Refines`` adapt the stage modules' own functions to it (and stay picklable, so a
pipeline travels to worker processes and Spark executors whole).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Generic, Literal, TypeVar

from spillwatch.coding.attribution import attribute
from spillwatch.coding.events import code_events
from spillwatch.dedup.cluster import mention_keys, mention_probes
from spillwatch.dedup.within import link_reports
from spillwatch.errors import ConfigError
from spillwatch.extract.clean import clean
from spillwatch.geo.eventplace import place_events
from spillwatch.geo.places import find_places
from spillwatch.nlp.actors import find_actors
from spillwatch.nlp.parse import annotate
from spillwatch.nlp.quantities import find_quantities
from spillwatch.nlp.quotes import find_quotes
from spillwatch.nlp.temporal import find_dates
from spillwatch.records import AnnotatedArticle, Article, EventMention, RawItem, Relevance
from spillwatch.relevance.gate import gate_articles
from spillwatch.settings import Settings

In = TypeVar("In")
Out = TypeVar("Out")
OnError = Literal["quarantine", "raise"]
BlockKey = tuple[str, str, int]


@dataclass(frozen=True, slots=True)
class Coded:
    """What understanding one article yields: its annotations and its event mentions."""

    annotated: AnnotatedArticle
    mentions: tuple[EventMention, ...] = ()


@dataclass(frozen=True, slots=True)
class Stage(Generic[In, Out]):
    """One step of the run: ``fn(input, settings) -> output``, with the facts it needs and adds."""

    name: str
    fn: Callable[[In, Settings], Out]
    requires: frozenset[str] = frozenset()
    provides: frozenset[str] = frozenset()
    on_error: OnError = "quarantine"


DocStage = Stage[Coded, Coded]


@dataclass(frozen=True, slots=True)
class Annotates:
    """Adapts ``fn(ann, settings) -> ann`` (an nlp/geo annotator) to a document stage."""

    fn: Callable[[AnnotatedArticle, Settings], AnnotatedArticle]

    def __call__(self, doc: Coded, settings: Settings) -> Coded:
        return Coded(self.fn(doc.annotated, settings), doc.mentions)


@dataclass(frozen=True, slots=True)
class Codes:
    """Adapts ``fn(ann, settings) -> mentions`` (the event coder) to a document stage."""

    fn: Callable[[AnnotatedArticle, Settings], Sequence[EventMention]]

    def __call__(self, doc: Coded, settings: Settings) -> Coded:
        return Coded(doc.annotated, tuple(self.fn(doc.annotated, settings)))


@dataclass(frozen=True, slots=True)
class Refines:
    """Adapts ``fn(ann, mentions, settings) -> mentions`` (attribution, event place) to a document stage."""

    fn: Callable[[AnnotatedArticle, tuple[EventMention, ...], Settings], Sequence[EventMention]]

    def __call__(self, doc: Coded, settings: Settings) -> Coded:
        return Coded(doc.annotated, tuple(self.fn(doc.annotated, doc.mentions, settings)))


def _keys(item: tuple[EventMention, date | None], settings: Settings) -> tuple[BlockKey, ...]:
    return mention_keys(*item)


def _probes(item: tuple[EventMention, date | None], settings: Settings) -> tuple[BlockKey, ...]:
    return mention_probes(*item)


def _parse(articles: Sequence[Article], settings: Settings) -> Iterator[AnnotatedArticle]:
    return annotate(articles, settings)


def _set(*names: str) -> frozenset[str]:
    return frozenset(names)


CLEAN: Stage[RawItem, Article] = Stage("clean", clean, _set("raw"), _set("article"))
GATE: Stage[Sequence[Article], list[Relevance]] = Stage("gate", gate_articles, _set("article"), _set("relevance"))
PARSE: Stage[Sequence[Article], Iterator[AnnotatedArticle]] = Stage(
    "parse", _parse, _set("article"), _set("tokens", "sentences", "entities"))
ACTORS: DocStage = Stage("actors", Annotates(find_actors), _set("tokens", "sentences", "entities"), _set("actors"))
DATES: DocStage = Stage("dates", Annotates(find_dates), _set("tokens", "sentences", "entities"),
                        _set("dates", "article_date", "part_dates"))
QUANTITIES: DocStage = Stage("quantities", Annotates(find_quantities),
                             _set("tokens", "sentences", "dates", "actors"), _set("quantities"))
QUOTES: DocStage = Stage("quotes", Annotates(find_quotes), _set("tokens", "sentences", "actors"), _set("quotes"))
PLACES: DocStage = Stage("places", Annotates(find_places), _set("tokens", "sentences", "entities", "actors"),
                         _set("places"))
_CODED = _set("tokens", "sentences", "entities", "actors", "dates", "article_date", "part_dates", "quantities",
              "quotes", "places")  # what the coder and attribution read of the annotations
EVENTS: DocStage = Stage("events", Codes(code_events), _CODED, _set("mentions"))
ATTRIBUTION: DocStage = Stage("attribution", Refines(attribute), (_CODED - _set("article_date", "part_dates"))
                              | _set("mentions"), _set("attributed"))
EVENT_PLACE: DocStage = Stage("event-place", Refines(place_events),
                              _set("tokens", "entities", "actors", "places", "mentions"), _set("event-places"))
WITHIN_ARTICLE: DocStage = Stage("within-article", Refines(link_reports), _set("entities", "mentions", "event-places"),
                                 _set("linked"))
BLOCK_KEYS: Stage[tuple[EventMention, date | None], tuple[BlockKey, ...]] = Stage(
    "block-keys", _keys, _set("mentions", "event-places", "linked"), _set("block-keys"))
BLOCK_PROBES: Stage[tuple[EventMention, date | None], tuple[BlockKey, ...]] = Stage(
    "block-probes", _probes, _set("block-keys"), _set("probes"))


@dataclass(frozen=True, slots=True)
class Pipeline:
    """Clean, parse, then the document stages in order; checked when built."""

    clean: Stage[RawItem, Article] = CLEAN
    gate: Stage[Sequence[Article], list[Relevance]] | None = GATE  # None: every article is parsed
    parse: Stage[Sequence[Article], Iterator[AnnotatedArticle]] = PARSE
    docs: tuple[DocStage, ...] = (ACTORS, DATES, QUANTITIES, QUOTES, PLACES, EVENTS, ATTRIBUTION, EVENT_PLACE,
                                  WITHIN_ARTICLE)
    keys: Stage[tuple[EventMention, date | None], tuple[BlockKey, ...]] = BLOCK_KEYS
    probes: Stage[tuple[EventMention, date | None], tuple[BlockKey, ...]] = BLOCK_PROBES
    given: frozenset[str] = field(default=frozenset({"raw"}))

    def __post_init__(self) -> None:
        check(self.all(), self.given)

    def all(self) -> tuple[Stage[Any, Any], ...]:
        gate: list[Stage[Any, Any]] = [self.gate] if self.gate is not None else []
        found: list[Stage[Any, Any]] = [self.clean, *gate, self.parse, *self.docs, self.keys, self.probes]
        return tuple(found)

    def annotators(self) -> tuple[DocStage, ...]:
        """The document stages before event coding (what ``api.geocode_path`` runs)."""
        return tuple(s for s in self.docs if "mentions" not in s.provides and "mentions" not in s.requires)


def check(stages: Iterable[Stage[Any, Any]], given: frozenset[str]) -> None:
    """Raise ``ConfigError`` when a stage requires a fact no earlier stage provides (or a name repeats)."""
    have = set(given)
    seen: set[str] = set()
    for stage in stages:
        if stage.name in seen:
            raise ConfigError(f"stage {stage.name!r} appears twice in the pipeline")
        seen.add(stage.name)
        missing = stage.requires - have
        if missing:
            raise ConfigError(f"stage {stage.name!r} requires {sorted(missing)}, which no earlier stage provides")
        have |= stage.provides


DEFAULT = Pipeline()
