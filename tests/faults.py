"""Faults injected into one stage for one document: a pipeline like the default with one stage wrapped.

Module-level (importable by spawned workers), so the wrapped pipeline travels to a process pool whole.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from spillwatch.records import Article, RawItem
from spillwatch.stages import DEFAULT, Coded, Pipeline, Stage

Mode = Literal["raise", "unpicklable", "exit", "slow"]


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
            end = time.monotonic() + 120  # "slow": Python busy work until the time budget interrupts it
            while time.monotonic() < end:
                pass
        return self.fn(value, settings)


def stage_names(pipeline: Pipeline = DEFAULT) -> list[str]:
    return [s.name for s in pipeline.all() if s.name != "block-probes"]


def with_fault(name: str, target: str, mode: Mode = "raise", pipeline: Pipeline = DEFAULT) -> Pipeline:
    """``pipeline`` with the stage called ``name`` failing on ``target``."""

    def wrap(stage: Stage[Any, Any]) -> Any:
        return replace(stage, fn=Faulty(stage.fn, target, mode)) if stage.name == name else stage

    return replace(pipeline, clean=wrap(pipeline.clean), parse=wrap(pipeline.parse),
                   docs=tuple(wrap(s) for s in pipeline.docs), keys=wrap(pipeline.keys))
