"""``understand``: one document that overruns its parse budget is quarantined alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from faults import with_fault
from spillwatch.ingest.sources import iter_items
from spillwatch.records import Article, Quarantined
from spillwatch.run import pipeline
from spillwatch.settings import load_settings
from spillwatch.stages import Coded

TXT = Path(__file__).resolve().parents[2] / "corpus" / "txt"


@pytest.mark.slow
def test_a_parse_overrun_quarantines_that_document_and_no_other_of_its_batch() -> None:
    settings = load_settings(doc_time_budget=1.5)
    items = [i for i in iter_items([str(TXT)], settings) if not isinstance(i, Quarantined)][:3]
    articles = [a for a in (pipeline.clean_item(i, settings) for i in items) if isinstance(a, Article)]
    list(pipeline.understand(articles, load_settings(doc_time_budget=0)))  # resources loaded, outside any budget
    slow = articles[1]
    # The batch overruns (the slow parse never ends), so each article is parsed again alone: the old
    # share charged every article the whole batch's time and quarantined the healthy ones too.
    out = list(pipeline.understand(articles, settings, with_fault("parse", slow.id, "slow")))
    assert [type(r).__name__ for r in out] == ["Coded", "Quarantined", "Coded"]
    assert isinstance(out[1], Quarantined) and (out[1].reason, out[1].stage) == ("too-slow", "parse")
    assert all(isinstance(r, Coded) for r in (out[0], out[2]))


def test_a_budget_of_0_is_no_budget() -> None:
    settings = load_settings(doc_time_budget=0)
    item = next(i for i in iter_items([str(TXT)], settings) if not isinstance(i, Quarantined))
    assert isinstance(pipeline.clean_item(item, settings), Article)  # it was quarantined "too-slow" at once
