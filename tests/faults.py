"""Faults injected into one stage for one document: a pipeline like the default with one stage wrapped.

Module-level (importable by spawned workers), so the wrapped pipeline travels to a process pool whole.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from spillwatch.ingest.sources import iter_items
from spillwatch.records import Article, RawItem
from spillwatch.run.pipeline import clean_item
from spillwatch.settings import Settings
from spillwatch.stages import DEFAULT, Coded, Pipeline, Stage

Mode = Literal["raise", "unpicklable", "exit", "slow", "stuck"]


class Unpicklable(Exception):
    """A foreign error whose pickle cannot be loaded again (its ``__init__`` wants two arguments)."""

    def __init__(self, code: int, detail: str) -> None:
        super().__init__(f"{code}: {detail}")


def _ids(value: Any) -> set[str]:
    """Article and raw ids a stage input names (any stage's input shape)."""
    if isinstance(value, RawItem):
        return {value.id}
    if isinstance(value, Article):
        return {value.id, value.raw_id}
    if isinstance(value, Coded):
        return _ids(value.annotated.article)
    if isinstance(value, tuple):  # block keys: (mention, published)
        return {value[0].article_id}
    if isinstance(value, Sequence):  # parse: a batch of articles
        return {i for v in value for i in _ids(v)}
    return set()


@dataclass(frozen=True, slots=True)
class Faulty:
    """``fn``, except on the document ``target`` (an article or raw id), where it fails as ``mode`` says."""

    fn: Any
    target: str
    mode: Mode = "raise"

    def __call__(self, value: Any, settings: Any) -> Any:
        if self.target in _ids(value):
            if self.mode == "raise":
                raise ValueError("injected fault")
            if self.mode == "unpicklable":
                raise Unpicklable(7, "injected foreign fault")
            if self.mode == "exit":
                os._exit(3)  # the worker dies: the pool breaks
            if self.mode == "stuck":  # one C call that never returns: no time budget can interrupt it
                re.fullmatch(r"(a+)+b", "a" * 64)
            end = time.thread_time() + 600  # "slow": Python busy work until the time budget interrupts it
            while time.thread_time() < end:
                pass
        return self.fn(value, settings)


def stage_names(pipeline: Pipeline = DEFAULT) -> list[str]:
    return [s.name for s in pipeline.all() if s.name != "block-probes"]


def with_fault(name: str, target: str, mode: Mode = "raise", pipeline: Pipeline = DEFAULT) -> Pipeline:
    """``pipeline`` with the stage called ``name`` failing on ``target``."""

    def wrap(stage: Stage[Any, Any]) -> Any:
        return replace(stage, fn=Faulty(stage.fn, target, mode)) if stage.name == name else stage

    gate = wrap(pipeline.gate) if pipeline.gate is not None else None
    return replace(pipeline, clean=wrap(pipeline.clean), gate=gate, parse=wrap(pipeline.parse),
                   docs=tuple(wrap(s) for s in pipeline.docs), keys=wrap(pipeline.keys))


def plan_every_stage(sources: Sequence[str], settings: Settings, reference: dict[str, list[tuple[Any, ...]]]
                     ) -> dict[str, str]:
    """A different document for every stage to fail on: the raw id for "clean", the article id for the others.

    ``reference`` is the store snapshot (``store_snapshot.snapshot``) of a clean run over ``sources``:
    it tells which articles are originals (near-duplicates are never coded) and which have mentions
    (block keys are only asked for those).
    """
    originals = {row[0] for row in reference["articles"] if row[3] is None}
    with_mentions = {row[1] for row in reference["mentions"]}
    found: list[tuple[str, str]] = []
    copies: dict[str, int] = {}
    for item in iter_items(list(sources), settings):
        article = clean_item(item, settings) if isinstance(item, RawItem) else None
        if isinstance(article, Article):
            copies[article.id] = copies.get(article.id, 0) + 1
        if isinstance(item, RawItem) and isinstance(article, Article) and article.id in originals:
            originals.discard(article.id)  # the first copy only
            found.append((item.id, article.id))
    # An article with one copy only: which copy's source a multi-copy article's row names is not
    # what this plan tests.
    keyed = next(pair for pair in found if pair[1] in with_mentions and copies[pair[1]] == 1)
    rest = [pair for pair in found if pair != keyed]
    names = [n for n in stage_names() if n != "block-keys"]
    # Stages after the relevance gate run only on articles it lets through: those get documents that
    # have mentions in the clean run; clean and the gate itself run on every document.
    early = [n for n in names if n in ("clean", "gate")]
    late = [n for n in names if n not in early]
    through = [pair for pair in rest if pair[1] in with_mentions]
    copied = {row[3] for row in reference["articles"] if row[3] is not None}  # a failed original changes its copies
    others = [pair for pair in through[len(late):] + [p for p in rest if p[1] not in with_mentions]
              if pair[1] not in copied]
    assert len(through) >= len(late) and len(others) >= len(early), "too few documents for a fault in every stage"
    plan = {"block-keys": keyed[1]}
    plan.update({name: aid for name, (_, aid) in zip(late, through, strict=False)})
    plan.update({name: raw if name == "clean" else aid for name, (raw, aid) in zip(early, others, strict=False)})
    return plan


def failing_everywhere(plan: dict[str, str], mode: Mode = "raise") -> Pipeline:
    """The default pipeline with every stage of ``plan`` failing on its own document."""
    stages = DEFAULT
    for name, target in plan.items():
        stages = with_fault(name, target, mode, stages)
    return stages


@dataclass(frozen=True, slots=True)
class SlowWarmup:
    """``fn``, after ``seconds`` of CPU work whenever its input holds the pool's warm-up article: a slow start-up."""

    fn: Any
    seconds: float

    def __call__(self, value: Any, settings: Any) -> Any:
        if "warmup" in _ids(value):
            end = time.thread_time() + self.seconds
            while time.thread_time() < end:
                pass
        return self.fn(value, settings)


def slow_start(seconds: float, pipeline: Pipeline = DEFAULT) -> Pipeline:
    """``pipeline`` whose workers take ``seconds`` of CPU more to start (in the parse of the warm-up article)."""
    return replace(pipeline, parse=replace(pipeline.parse, fn=SlowWarmup(pipeline.parse.fn, seconds)))
