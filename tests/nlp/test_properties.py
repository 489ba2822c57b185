"""Property tests: every stage survives arbitrary text and keeps its spans honest."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spillwatch.nlp.actors import find_actors
from spillwatch.nlp.quantities import find_quantities
from spillwatch.nlp.quotes import find_quotes
from spillwatch.nlp.temporal import find_dates
from spillwatch.records import AnnotatedArticle, Article, Block, DateInfo
from spillwatch.settings import Settings
from tests.nlp.conftest import Runner

WORDS_TEXT = (
    "“ ” ‘ ’ \" , . : ; - – ’s said told Thursday Monday last week yesterday In September Dec. 10, 2016 "
    "2015 at least more than dozens up to between 5 and 7 $ £ € 1 million 26 trucks troops killed "
    "wounded fled ISIS Islamic State group Daesh IS-K al-Qaeda Hamas Canadian French Iraqi Kurdish "
    "forces military government Defence Minister Harjit Sajjan British Secretary Fallon the minister "
    "Canada Iraq Syria Mosul OTTAWA WHAT IS civilians gunmen gear equipment he she ( ) \n"
)
WORDS = WORDS_TEXT.split(" ")
ROLES = ["title", "dateline", "caption", "credit", "body", "body", "body"]
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

free_text = st.text(min_size=0, max_size=300)
word_text = st.lists(st.sampled_from(WORDS), min_size=0, max_size=60).map(" ".join)
dates = st.one_of(st.none(), st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 12, 31)))
methods = st.sampled_from(["metadata", "text", "estimated", "none"])


@st.composite
def articles(draw: Any, texts: Any) -> Article:
    blocks = draw(st.lists(st.tuples(st.sampled_from(ROLES), texts), min_size=1, max_size=4))
    published = DateInfo(draw(dates), draw(methods), draw(st.sampled_from(["", "no later than x"])))
    return Article("r", "p", tuple(Block(r, t) for r, t in blocks), published)


def check(ann: AnnotatedArticle) -> None:
    text = ann.article.text
    for group in (ann.tokens, ann.entities, ann.actors, ann.quotes, ann.dates, ann.quantities):
        for item in group:
            assert 0 <= item.span.start <= item.span.end <= len(text), item
            assert item.span.of(text) == item.text, item
    for q in ann.quotes:
        if q.speaker_span is not None:
            assert q.speaker_span.of(text) == q.speaker_text
            assert q.speaker_span.end <= q.span.start or q.span.end <= q.speaker_span.start, q
    for d in ann.dates:
        assert d.start is None or d.end is None or d.start <= d.end, d
    for qty in ann.quantities:
        bounds = [b for b in (qty.low, qty.best, qty.high) if b is not None]
        assert bounds == sorted(bounds), qty
    blocks = [s for b, s in ann.article.block_spans() if "\n\n" not in b.text]
    for sent in ann.sentences:
        inside = [b for b in blocks if b.start <= sent.span.start < b.end or b.start < sent.span.end <= b.end]
        assert all(b.start <= sent.span.start and sent.span.end <= b.end for b in inside), sent


@FAST
@given(articles(free_text))
def test_arbitrary_text(run_nlp: Runner, article: Article) -> None:
    check(run_nlp(article))


@FAST
@given(articles(word_text))
def test_newsy_word_salad(run_nlp: Runner, article: Article) -> None:
    check(run_nlp(article))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(articles(word_text))
def test_stages_are_pure_and_idempotent(run_nlp: Runner, nlp_settings: Settings, article: Article) -> None:
    ann = run_nlp(article)
    again = ann
    for stage in (find_actors, find_quotes, find_dates, find_quantities):
        again = stage(again, nlp_settings)
    assert again == ann
