"""spanindex answers exactly what a scan of every item answers, in the same order (issue 18)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from spillwatch.records import Span
from spillwatch.spanindex import CELL, LastEndingBy, SpanIndex, overlaps


@st.composite
def spans(draw: st.DrawFn, limit: int = 6 * CELL) -> Span:
    start = draw(st.integers(0, limit))
    length = draw(st.one_of(st.integers(0, 12), st.integers(0, 3 * CELL)))  # empty, short and long
    return Span(start, start + length)


@settings(max_examples=300, deadline=None)
@given(st.lists(spans(), max_size=40), st.lists(spans(), min_size=1, max_size=8))
def test_same_answers_as_a_scan(items: list[Span], queries: list[Span]) -> None:
    ix = SpanIndex(items, lambda s: s)
    for q in queries:
        assert ix.overlapping(q) == [s for s in items if overlaps(s, q)]
        assert ix.any(q) == any(overlaps(s, q) for s in items)
        assert ix.inside(q) == [s for s in items if q.start <= s.start and s.end <= q.end]
        near = ix.near(q)
        assert all(s in near for s in items if overlaps(s, q) or (s.start <= q.start and q.end <= s.end))
    assert ix.overlapping_any(queries) == [s for s in items if any(overlaps(s, q) for q in queries)]


@settings(max_examples=200, deadline=None)
@given(st.lists(spans(), max_size=40), st.integers(0, 8 * CELL))
def test_last_ending_by(items: list[Span], offset: int) -> None:
    wanted = [n for n, s in enumerate(items) if s.end <= offset]
    found = LastEndingBy(list(enumerate(items)), lambda x: x[1]).before(offset)
    assert found == ((wanted[-1], items[wanted[-1]]) if wanted else None)


def test_a_query_reads_only_the_cells_it_touches() -> None:
    items = [Span(k * 10, k * 10 + 5) for k in range(10_000)]
    ix = SpanIndex(items, lambda s: s)
    assert ix.overlapping(Span(50_000, 50_020)) == [Span(50_000, 50_005), Span(50_010, 50_015)]
    assert ix.compared <= 2 * (CELL // 10 + 1)
