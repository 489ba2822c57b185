"""Per-document look-up of annotations by character span, so that per-sentence and per-event steps
cost what the sentence holds, not what the whole document holds.

``SpanIndex`` files each item (anything with a ``Span``) under every fixed-width cell of text it
touches, once per document; ``overlapping(span)`` reads only the cells ``span`` touches and returns
exactly the items ``[x for x in items if overlaps(x.span, span)]`` would, in the same order.
``Bounds`` finds the interval (block, sentence, token) holding an offset by bisection. Both count
the items they compare (``compared``), so tests can check that the work stays linear.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from typing import Generic, TypeVar

from spillwatch.records import Span

T = TypeVar("T")
CELL = 64  # characters per cell: a sentence touches a handful, a token one or two


def overlaps(a: Span, b: Span) -> bool:
    """Half-open spans share a character (an empty span overlaps a span strictly around it)."""
    return a.start < b.end and b.start < a.end


def _cells(span: Span) -> range:
    return range(span.start // CELL, max(span.start, span.end - 1) // CELL + 1)


def _span_of(item: object) -> Span:
    span = getattr(item, "span")  # noqa: B009 - any record with a span
    assert isinstance(span, Span)
    return span


class SpanIndex(Generic[T]):
    """Items by the cells of text their spans touch (built once per document)."""

    def __init__(self, items: Iterable[T] = (), span: Callable[[T], Span] = _span_of) -> None:
        self.items: list[T] = []
        self.spans: list[Span] = []
        self.cells: dict[int, list[int]] = {}
        self.compared = 0
        self._span = span
        for x in items:
            self.add(x)

    def add(self, item: T) -> None:
        """File one more item (it comes after every item filed before it)."""
        n = len(self.items)
        s = self._span(item)
        self.items.append(item)
        self.spans.append(s)
        for c in _cells(s):
            self.cells.setdefault(c, []).append(n)

    def __len__(self) -> int:
        return len(self.items)

    def _candidates(self, cells: Iterable[int]) -> list[int]:
        seen: set[int] = set()
        for c in cells:
            seen.update(self.cells.get(c, ()))
        self.compared += len(seen)
        return sorted(seen)

    def overlapping(self, span: Span) -> list[T]:
        """Items whose span overlaps ``span``, in the order they were given."""
        return [self.items[n] for n in self._candidates(_cells(span)) if overlaps(self.spans[n], span)]

    def overlapping_any(self, spans: Iterable[Span]) -> list[T]:
        """Items overlapping at least one of ``spans``, in the order they were given."""
        spans = list(spans)
        cells = sorted({c for s in spans for c in _cells(s)})
        return [self.items[n] for n in self._candidates(cells)
                if any(overlaps(self.spans[n], s) for s in spans)]

    def any(self, span: Span) -> bool:
        return any(overlaps(self.spans[n], span) for n in self._candidates(_cells(span)))

    def near(self, span: Span) -> list[T]:
        """Every item whose span overlaps, holds, lies inside or touches ``span``, and maybe a few
        more close by (in order): the candidates for any containment test, to be filtered."""
        return [self.items[n] for n in self._candidates(range(max(span.start - 1, 0) // CELL, span.end // CELL + 1))]

    def inside(self, span: Span) -> list[T]:
        """Items lying wholly inside ``span``, in the order they were given."""
        return [x for x in self.near(span) if span.start <= self._span(x).start and self._span(x).end <= span.end]


class Bounds:
    """Sorted, non-overlapping intervals (blocks, sentences, tokens): which one holds an offset."""

    def __init__(self, starts: Sequence[int]) -> None:
        self.starts = list(starts)

    def last_at_or_before(self, offset: int) -> int:
        """Index of the last interval starting at or before ``offset`` (-1 if none)."""
        return bisect_right(self.starts, offset) - 1

    def first_at_or_after(self, offset: int) -> int:
        """Index of the first interval starting at or after ``offset`` (len if none)."""
        return bisect_left(self.starts, offset)


class LastEndingBy(Generic[T]):
    """Of some items (in a given order), the last one in that order whose span ends by an offset:
    what ``[x for x in items if x.span.end <= offset][-1]`` gives, by bisection."""

    def __init__(self, items: Iterable[T], span: Callable[[T], Span] = _span_of) -> None:
        self.items = list(items)
        ranked = sorted((span(x).end, n) for n, x in enumerate(self.items))
        self._ends = [end for end, _ in ranked]
        self._latest: list[int] = []  # the largest index among the first k by end
        for _, n in ranked:
            self._latest.append(max(n, self._latest[-1]) if self._latest else n)

    def before(self, offset: int) -> T | None:
        k = bisect_right(self._ends, offset)
        return self.items[self._latest[k - 1]] if k else None
