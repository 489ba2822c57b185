"""One article's annotations indexed by position, built once per document for the coding stages.

Input: an ``AnnotatedArticle``. Output: look-ups the per-sentence and per-event steps use instead
of scanning the whole article: annotations overlapping a span (``spanindex.SpanIndex``), the role
of the block holding an offset, the tokens inside a span, the latest earlier actor mention ending
in a given noun ("the teams" back to "Canadian military teams"), and the article's place
candidates (place-like entities, then the geo stage's places no entity covers). Each answers
exactly what the whole-article scan it replaces answered, in the same order.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict

from spillwatch.coding.argwords import PLACE_LABELS
from spillwatch.records import ActorMention, AnnotatedArticle, DateMention, Entity, Place, Quantity, Quote, Span
from spillwatch.spanindex import Bounds, SpanIndex


def _last_word(m: ActorMention) -> str:
    words = m.text.split()
    return words[-1].lower().rstrip("s") if words else ""


class DocIndex:
    def __init__(self, ann: AnnotatedArticle) -> None:
        self.ann = ann
        self.text = ann.article.text
        self.blocks = ann.article.block_spans()
        self._block_starts = Bounds([s.start for _, s in self.blocks])
        self.actors: SpanIndex[ActorMention] = SpanIndex(ann.actors)
        self.places: SpanIndex[Place] = SpanIndex(ann.places)
        self.entities: SpanIndex[Entity] = SpanIndex(ann.entities)
        self.dates: SpanIndex[DateMention] = SpanIndex(ann.dates)
        self.quantities: SpanIndex[Quantity] = SpanIndex(ann.quantities)
        self.quotes: SpanIndex[Quote] = SpanIndex(ann.quotes)
        self._token_starts = Bounds([t.span.start for t in ann.tokens])
        self.place_candidates = self._candidates()
        by_word: dict[str, list[tuple[int, int, ActorMention]]] = defaultdict(list)
        for n, m in enumerate(ann.actors):
            if last := _last_word(m):
                by_word[last].append((m.span.start, -n, m))
        self._by_word = {w: sorted(ms, key=lambda x: (x[0], x[1])) for w, ms in by_word.items()}

    def _candidates(self) -> SpanIndex[Entity]:
        """Place-like entities, then each geo-stage place (or region) that overlaps none taken before."""
        out: SpanIndex[Entity] = SpanIndex(e for e in self.ann.entities if e.label in PLACE_LABELS)
        for p in self.ann.places:
            if p.role in ("place", "region") and not out.any(p.span):
                out.add(Entity(p.span, "PLACE", p.text))
        return out

    def block_role(self, offset: int) -> str:
        """Role of the block holding ``offset`` (the blank line after a block counts as the block's)."""
        n = self._block_starts.last_at_or_before(offset)
        if n >= 0 and offset < self.blocks[n][1].end + 1:
            return self.blocks[n][0].role
        return "body"

    def tokens_in(self, span: Span) -> list[int]:
        """Indices of the tokens lying wholly inside ``span``."""
        tokens = self.ann.tokens
        out = []
        i = self._token_starts.first_at_or_after(span.start)
        while i < len(tokens) and tokens[i].span.start <= span.end:
            if tokens[i].span.end <= span.end:
                out.append(tokens[i].i)
            i += 1
        return out

    def latest_ending_in(self, word: str, before: int) -> ActorMention | None:
        """The actor mention starting latest before ``before`` whose last word is ``word`` (plural
        or not); of mentions starting at the same place, the first in the article's order."""
        found = self._by_word.get(word.rstrip("s"), [])
        pos = bisect_left(found, before, key=lambda x: x[0])
        return found[pos - 1][2] if pos else None
