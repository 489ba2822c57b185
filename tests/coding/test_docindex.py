"""coding/docindex answers what the whole-article scans it replaced answered (issue 18)."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from spillwatch.coding.docindex import DocIndex
from spillwatch.records import Actor, ActorMention, AnnotatedArticle, Article, Block, DateInfo, Span, Token

ROLES = ("title", "dateline", "body", "caption", "credit")
WORDS = ("teams", "team", "forces", "Force", "group", "soldiers")


def _article(blocks: list[tuple[str, str]]) -> Article:
    return Article("raw", "test", tuple(Block(r, t) for r, t in blocks), DateInfo(date(2020, 1, 1), "metadata"))  # type: ignore[arg-type]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(ROLES), st.text("ab ", max_size=30)), min_size=1, max_size=8),
       st.integers(0, 300))
def test_block_role_is_the_first_block_holding_the_offset(blocks: list[tuple[str, str]], offset: int) -> None:
    article = _article(blocks)
    ix = DocIndex(AnnotatedArticle(article))
    scan = next((b.role for b, s in article.block_spans() if s.start <= offset < s.end + 1), "body")
    assert ix.block_role(offset) == scan


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 200), st.integers(1, 3), st.sampled_from(WORDS)), max_size=25),
       st.sampled_from(("team", "force", "group", "soldier", "")), st.integers(0, 220))
def test_latest_ending_in_matches_the_scan(raw: list[tuple[int, int, str]], word: str, before: int) -> None:
    text = "x" * 300
    actors = tuple(ActorMention(Span(a, a + n), f"the {w}", Actor(f"A{k}", w, None, None))
                   for k, (a, n, w) in enumerate(raw))
    ix = DocIndex(AnnotatedArticle(_article([("body", text)]), actors=actors))
    scan = None
    for m in sorted(actors, key=lambda m: -m.span.start):
        last = m.text.split()[-1].lower().rstrip("s") if m.text.split() else ""
        if m.span.start < before and last and last == word.rstrip("s"):
            scan = m
            break
    assert ix.latest_ending_in(word, before) == scan


def test_tokens_in_matches_the_scan() -> None:
    text = "Gunmen attacked a checkpoint near Hama."
    tokens, at = [], 0
    for i, w in enumerate(["Gunmen", "attacked", "a", "checkpoint", "near", "Hama", "."]):
        start = text.index(w, at)
        tokens.append(Token(i, Span(start, start + len(w)), w, w, "X", "X", "dep", i))
        at = start + len(w)
    ann = AnnotatedArticle(_article([("body", text)]), tokens=tuple(tokens))
    ix = DocIndex(ann)
    for a in range(len(text) + 1):
        for b in range(a, len(text) + 1):
            scan = [t.i for t in tokens if a <= t.span.start and t.span.end <= b]
            assert ix.tokens_in(Span(a, b)) == scan
