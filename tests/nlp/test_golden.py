"""Golden tests: six hand-written articles in different styles (tests/nlp/data/*.json).

Each fixture lists what a careful reader finds; every listed item must be found with the
expected resolution (extra findings are allowed, except where a test says otherwise).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from spillwatch.records import AnnotatedArticle
from tests.nlp.conftest import Runner
from tests.nlp.golden import FIXTURES, load, matching, speaker_matches

_CACHE: dict[Path, tuple[AnnotatedArticle, dict[str, Any]]] = {}


def annotated(path: Path, run_nlp: Runner) -> tuple[AnnotatedArticle, dict[str, Any]]:
    if path not in _CACHE:
        article, expect = load(path)
        _CACHE[path] = (run_nlp(article), expect)
    return _CACHE[path]


def test_fixture_styles_are_varied() -> None:
    assert len(FIXTURES) >= 5
    assert len({load(p)[0].published.method for p in FIXTURES}) >= 3


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_actors(path: Path, run_nlp: Runner) -> None:
    ann, expect = annotated(path, run_nlp)
    for text, actor_id, *person in expect["actors"]:
        found = matching(ann.article.text, text, ann.actors)
        ok = [m for m in found if m.actor.id == actor_id and (not person or m.person == person[0])]
        assert ok, (text, actor_id, person, [(m.text, m.actor.id, m.person) for m in found])


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_quotes(path: Path, run_nlp: Runner) -> None:
    ann, expect = annotated(path, run_nlp)
    for words, direct, speaker in expect["quotes"]:
        found = [q for q in ann.quotes if words in q.text and q.direct == direct]
        assert any(speaker_matches(q, speaker) for q in found), (words, speaker, found)


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_dates(path: Path, run_nlp: Runner) -> None:
    ann, expect = annotated(path, run_nlp)
    if not expect["dates"]:
        # no anchor: a relative expression is kept unresolved, never guessed; only written years resolve
        assert all(d.start is None or re.search(r"\b(?:1[89]|20)\d\d\b", d.text) for d in ann.dates)
    for text, start, end, precision in expect["dates"]:
        found = matching(ann.article.text, text, ann.dates)
        ok = [d for d in found if (str(d.start), str(d.end), d.precision) == (start, end, precision)]
        assert ok, (text, start, end, precision, found)


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_quantities(path: Path, run_nlp: Runner) -> None:
    ann, expect = annotated(path, run_nlp)
    for text, kind, low, best, high, *unit in expect["quantities"]:
        found = matching(ann.article.text, text, ann.quantities)
        ok = [
            q for q in found
            if q.kind == kind and (q.low, q.best, q.high) == (low, best, high) and (not unit or q.unit == unit[0])
        ]
        assert ok, (text, kind, low, best, high, unit, found)
