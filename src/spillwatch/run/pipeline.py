"""Runs the stage table (``stages.py``) over documents, one document's failure never stopping the others.

``clean_item`` cleans one raw item; ``understand`` parses a batch (one ``nlp.pipe`` call) and runs
every document stage on each article. Whatever a stage raises on one document (a project error, a
foreign exception, the time budget running out) becomes a ``Quarantined`` record naming the stage,
the reason and the exception text; the other documents go on. A ``ConfigError`` (a missing model,
a bad setting) is no document's fault: it stops the run. The executors (``run.executors``, in this
process or in a pool) and the Spark job all call these two functions.

Time budget (``settings.doc_time_budget`` CPU seconds, per document): cleaning gets one budget; the
parse (its share of a batch, by length) and the document stages share another. A document that
overruns is quarantined with reason "too-slow" and the stage that ran out; the other documents of its
parse batch are parsed again alone, each charged its own CPU time, so one long document never uses
up another's budget. CPU time, not wall time: a busy machine slows a document, it never fails it.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from itertools import islice
from typing import Any

from spillwatch.errors import ConfigError, SourceError, SpillwatchError
from spillwatch.records import AnnotatedArticle, Article, Quarantined, RawItem, Relevance
from spillwatch.run.budget import Overrun, limit
from spillwatch.settings import Settings
from spillwatch.stages import DEFAULT, Coded, Pipeline, Stage

__all__ = ["Coded", "annotate_one", "annotate_only", "clean_item", "understand", "understand_items"]

TOO_SLOW = "too-slow"
FAILED = "stage-failed"
PARSE_BATCH = 16


def failure(stage: Stage[Any, Any] | str, where: RawItem | Article, exc: BaseException,
            budget: float | None = None, reason: str | None = None) -> Quarantined:
    """The quarantine record of one document that ``stage`` failed on (or ran out of time in)."""
    name = stage if isinstance(stage, str) else stage.name
    article_id = where.id if isinstance(where, Article) else None
    raw_id = where.raw_id if isinstance(where, Article) else where.id
    if isinstance(exc, Overrun):
        return Quarantined(source=where.source, reason=TOO_SLOW, stage=name, raw_id=raw_id, article_id=article_id,
                           detail=f"the document's time budget of {budget:g} s ran out in stage {name!r}")
    reason = reason or (getattr(exc, "reason", None) if isinstance(exc, SpillwatchError) else None)
    detail = exc.message if isinstance(exc, SourceError) else f"{type(exc).__name__}: {exc}"
    return Quarantined(source=where.source, reason=reason or FAILED, stage=name, raw_id=raw_id,
                       detail=detail[:2000], article_id=article_id)


def _guarded(stage: Stage[Any, Any], exc: BaseException) -> None:
    """Re-raise what is not one document's problem: a bad configuration, or a stage set to ``on_error="raise"``."""
    if isinstance(exc, ConfigError) or (stage.on_error == "raise" and not isinstance(exc, Overrun)):
        raise exc


def clean_item(item: RawItem, settings: Settings, pipeline: Pipeline = DEFAULT) -> Article | Quarantined:
    """Clean one raw item; a document that cannot be cleaned (or overruns its budget) is a quarantine record."""
    try:
        with limit(settings.doc_time_budget or None):  # 0: no budget
            return pipeline.clean.fn(item, settings)
    except (Exception, Overrun) as exc:
        _guarded(pipeline.clean, exc)
        return failure(pipeline.clean, item, exc, settings.doc_time_budget)


def understand(articles: Iterable[Article], settings: Settings, pipeline: Pipeline = DEFAULT
               ) -> Iterator[Coded | Quarantined]:
    """Parse in batches (spaCy ``nlp.pipe``), then run every document stage; one result per article, in order."""
    it = iter(articles)
    while batch := list(islice(it, PARSE_BATCH)):
        decisions = _gate(batch, settings, pipeline)
        wanted = [a for a in batch if _runs(decisions[a.id])]
        parsed = dict(zip((a.id for a in wanted), _parse(wanted, settings, pipeline) if wanted else [], strict=True))
        for article in batch:  # one result per article, in input order
            decision = decisions[article.id]
            if isinstance(decision, Quarantined):
                yield decision
                continue
            if not _runs(decision):
                yield Coded(AnnotatedArticle(article, relevance=decision), ())
                continue
            ann, spent = parsed[article.id]
            if isinstance(ann, Quarantined):
                yield ann
            else:
                yield code_one(replace(ann, relevance=decision), settings, pipeline, spent=spent)


def _runs(decision: Relevance | Quarantined | None) -> bool:
    return not isinstance(decision, Quarantined) and (decision is None or decision.run)


def _gate(batch: Sequence[Article], settings: Settings, pipeline: Pipeline
          ) -> dict[str, Relevance | Quarantined | None]:
    """The relevance gate's decision per article (None: no gate); if the batch call fails, each article
    alone, and one the gate still fails on is quarantined naming the gate."""
    if pipeline.gate is None:
        return {a.id: None for a in batch}
    try:
        return dict(zip((a.id for a in batch), pipeline.gate.fn(batch, settings), strict=True))
    except Exception as exc:
        _guarded(pipeline.gate, exc)
        if len(batch) == 1:
            return {batch[0].id: failure(pipeline.gate, batch[0], exc)}
    return {k: v for a in batch for k, v in _gate([a], settings, pipeline).items()}


Parsed = tuple[AnnotatedArticle | Quarantined, float]  # an article's parse and the CPU seconds charged to it


def _parse(batch: Sequence[Article], settings: Settings, pipeline: Pipeline) -> list[Parsed]:
    """The batch in one ``nlp.pipe`` call, each article charged its share of the CPU time by length;
    if that fails or overruns, each article alone (charged its own time), failures quarantined."""
    budget = settings.doc_time_budget
    stage: Stage[Any, Any] = pipeline.parse
    start = time.thread_time()
    try:
        with limit(budget * len(batch) if budget else None):
            parsed = list(pipeline.parse.fn(batch, settings))
    except (Exception, Overrun) as exc:
        _guarded(stage, exc)
        if len(batch) == 1:
            return [(failure(stage, batch[0], exc, budget), time.thread_time() - start)]
    else:
        spent = time.thread_time() - start
        chars = sum(len(a.text) + 1 for a in batch)
        return [(ann, spent * (len(a.text) + 1) / chars) for a, ann in zip(batch, parsed, strict=True)]
    return [found for article in batch for found in _parse([article], settings, pipeline)]


def code_one(ann: AnnotatedArticle, settings: Settings, pipeline: Pipeline = DEFAULT, spent: float = 0.0
             ) -> Coded | Quarantined:
    """Every document stage on one parsed article, within what is left of its time budget."""
    doc = Coded(ann)
    budget = settings.doc_time_budget
    current: Stage[Any, Any] = pipeline.parse
    try:
        with limit(budget - spent if budget else None):
            for current in pipeline.docs:  # the stage that fails is named in the record
                doc = current.fn(doc, settings)
    except (Exception, Overrun) as exc:
        _guarded(current, exc)
        return failure(current, ann.article, exc, budget)
    return doc


def annotate_one(ann: AnnotatedArticle, settings: Settings, pipeline: Pipeline = DEFAULT) -> AnnotatedArticle:
    """The annotators before event coding over one parsed article (errors raise: a single-document tool)."""
    doc = Coded(ann)
    for stage in pipeline.annotators():
        doc = stage.fn(doc, settings)
    return doc.annotated


def annotate_only(article: Article, settings: Settings, pipeline: Pipeline = DEFAULT) -> AnnotatedArticle:
    """Parse one article and run the annotators before event coding (errors raise)."""
    return annotate_one(next(iter(pipeline.parse.fn([article], settings))), settings, pipeline)


def understand_items(items: Sequence[RawItem], settings: Settings, pipeline: Pipeline = DEFAULT
                     ) -> Iterator[Coded | Quarantined]:
    """Clean and understand raw items in one pass (quarantine records first, then the coded articles)."""
    cleaned = [clean_item(item, settings, pipeline) for item in items]
    for q in cleaned:
        if isinstance(q, Quarantined):
            yield q
    yield from understand([a for a in cleaned if isinstance(a, Article)], settings, pipeline)
