"""Regression test for issue 18: finding a sentence's place candidates costs what the sentence
holds, not what the whole article holds (counted comparisons, never timings).

The article is built by hand (no parse needed): N one-sentence paragraphs, each naming ``k``
places, every name both a GPE entity and a geo-stage place (so each place must be checked against
the entities to be dropped as a duplicate). Every span comparison made while the coder indexes
the article and answers ``_place_candidates`` for each sentence is counted.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from spillwatch import spanindex
from spillwatch.coding import args as args_module
from spillwatch.coding.args import ArgumentFinder
from spillwatch.coding.patterns import DepGraph
from spillwatch.records import (
    BLOCK_SEP,
    AnnotatedArticle,
    Article,
    Block,
    DateInfo,
    Entity,
    Place,
    Sentence,
    Span,
)

NAMES = ("Hama", "Homs", "Aleppo", "Idlib", "Raqqa", "Palmyra", "Daraa", "Latakia", "Tartus", "Mosul")


def _article(paragraphs: int, per_sentence: int) -> AnnotatedArticle:
    texts = []
    for n in range(paragraphs):
        names = [NAMES[(n + j) % len(NAMES)] for j in range(per_sentence)]
        texts.append("Fighting spread from " + ", ".join(names) + ".")
    article = Article("raw", "test", tuple(Block("body", t) for t in texts), DateInfo(date(2020, 1, 1), "metadata"))
    entities, places, sentences = [], [], []
    for (_, span), text in zip(article.block_spans(), texts, strict=True):
        sentences.append(Sentence(span, 0, 0))
        at = len("Fighting spread from ")
        for name in text[at:-1].split(", "):
            s = Span(span.start + at, span.start + at + len(name))
            entities.append(Entity(s, "GPE", name))
            places.append(Place(s, name, geonameid=1, feature_code="PPL"))
            at += len(name) + 2
    assert BLOCK_SEP.join(texts) == article.text
    return AnnotatedArticle(article, (), tuple(sentences), tuple(entities), places=tuple(places))


class _Counter:
    def __init__(self) -> None:
        self.calls = 0

    def wrap(self, fn: Callable[[Span, Span], bool]) -> Callable[[Span, Span], bool]:
        def counted(a: Span, b: Span) -> bool:
            self.calls += 1
            return bool(fn(a, b))

        return counted


def _comparisons(monkeypatch: pytest.MonkeyPatch, ann: AnnotatedArticle) -> tuple[int, int]:
    """(span comparisons to index the article, to answer every sentence)."""
    counter = _Counter()
    monkeypatch.setattr(spanindex, "overlaps", counter.wrap(spanindex.overlaps))
    monkeypatch.setattr(args_module, "_overlaps", counter.wrap(args_module._overlaps))
    finder = ArgumentFinder(ann, DepGraph(()))
    build = counter.calls
    found = [finder._place_candidates(s) for s in ann.sentences]
    answer = counter.calls - build
    assert [len(f) for f in found] == [len(s.span.of(ann.article.text).split(", ")) for s in ann.sentences]
    return build, answer


@pytest.mark.parametrize("paragraphs", [50, 400])
def test_place_candidates_work_is_linear_in_the_sentence(monkeypatch: pytest.MonkeyPatch, paragraphs: int) -> None:
    per_sentence = 6
    ann = _article(paragraphs, per_sentence)
    entities = len(ann.entities) + len(ann.places)
    build, answer = _comparisons(monkeypatch, ann)
    # Each sentence's answer compares only candidates filed near it (a text cell holds a handful).
    assert answer <= 3 * per_sentence * len(ann.sentences), (answer, paragraphs)
    # Indexing the article compares each place with the entities near it, not with all of them.
    assert build <= 6 * entities, (build, entities)


def test_work_per_sentence_does_not_grow_with_the_article(monkeypatch: pytest.MonkeyPatch) -> None:
    small = _comparisons(monkeypatch, _article(40, 5))
    large = _comparisons(monkeypatch, _article(800, 5))
    assert large[1] / 800 <= 1.1 * small[1] / 40
    assert large[0] / 800 <= 1.1 * small[0] / 40


def test_work_grows_linearly_with_the_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    """One long sentence with many places: comparisons grow with k, not with k squared."""
    few = _comparisons(monkeypatch, _article(1, 10))
    many = _comparisons(monkeypatch, _article(1, 200))
    assert many[1] <= 3 * 200 and many[1] / 200 <= 2 * max(few[1], 1) / 10
