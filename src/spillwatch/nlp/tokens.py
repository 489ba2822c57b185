"""Small helpers over ``AnnotatedArticle.tokens`` (dependency tree walks, span lookups).

Input: annotation tuples. Output: indices, spans and token lists. Declines nothing.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from spillwatch.records import AnnotatedArticle, Span, Token


class TokenView:
    """Index over one article's tokens: children, subtrees, char-offset lookup."""

    def __init__(self, ann: AnnotatedArticle) -> None:
        self.tokens: Sequence[Token] = ann.tokens
        self.text = ann.article.text
        self.starts = [t.span.start for t in ann.tokens]
        self.children: list[list[int]] = [[] for _ in ann.tokens]
        for t in ann.tokens:
            if t.head != t.i and 0 <= t.head < len(ann.tokens):
                self.children[t.head].append(t.i)
        self.sent_of: list[int] = [0] * len(ann.tokens)
        for n, s in enumerate(ann.sentences):
            for i in range(s.first_token, min(s.last_token, len(ann.tokens))):
                self.sent_of[i] = n

    def __len__(self) -> int:
        return len(self.tokens)

    def at(self, offset: int) -> int | None:
        """Index of the token covering char ``offset`` (None in whitespace or out of range)."""
        i = bisect_right(self.starts, offset) - 1
        if i < 0 or offset >= self.tokens[i].span.end:
            return None
        return i

    def covering(self, span: Span) -> list[int]:
        """Indices of tokens overlapping ``span``."""
        i = max(bisect_right(self.starts, span.start) - 1, 0)
        out = []
        while i < len(self.tokens) and self.tokens[i].span.start < span.end:
            if self.tokens[i].span.end > span.start:
                out.append(i)
            i += 1
        return out

    def text_after(self, i: int) -> str:
        """The next token's text when it follows ``i`` with no space, else ""."""
        if i + 1 < len(self.tokens) and self.tokens[i + 1].span.start == self.tokens[i].span.end:
            return self.tokens[i + 1].text
        return ""

    def head(self, i: int) -> Token:
        return self.tokens[self.tokens[i].head]

    def subtree(self, i: int) -> list[int]:
        out, stack = [], [i]
        while stack:
            j = stack.pop()
            out.append(j)
            stack.extend(self.children[j])
        return sorted(out)

    def span_of(self, indices: Sequence[int]) -> Span:
        return Span(self.tokens[min(indices)].span.start, self.tokens[max(indices)].span.end)

    def child_with(self, i: int, deps: set[str]) -> list[int]:
        return [c for c in self.children[i] if self.tokens[c].dep in deps]


def overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end
