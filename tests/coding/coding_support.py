"""Build annotated articles for the coding tests: real spaCy parse, hand-made annotations.

Actor, date, quantity and quote mentions are given by the test as surface strings with their
values, so the coding tests do not depend on the other nlp stages' choices.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from spillwatch.nlp.parse import annotate_one
from spillwatch.records import (
    Actor,
    ActorMention,
    AnnotatedArticle,
    Article,
    Block,
    BlockRole,
    DateInfo,
    DateMention,
    Quantity,
    Quote,
    Span,
)
from spillwatch.settings import Settings

SETTINGS = Settings()


def actor(code: str, sector: str | None, name: str = "") -> Actor:
    country = code if len(code) == 3 else None
    return Actor(f"{code}_{sector}" if sector else code, name or code, country, sector)


def spans_of(text: str, needle: str) -> list[Span]:
    out, start = [], text.find(needle)
    while start >= 0:
        out.append(Span(start, start + len(needle)))
        start = text.find(needle, start + 1)
    if not out:
        raise AssertionError(f"{needle!r} not in text")
    return out


def article(*blocks: tuple[BlockRole, str]) -> Article:
    return Article(
        raw_id="test",
        source="test",
        blocks=tuple(Block(role, text) for role, text in blocks),
        published=DateInfo(None, "none"),
    )


def annotate(
    art: Article,
    actors: dict[str, Actor] | None = None,
    dates: dict[str, tuple[date, date, str]] | None = None,
    quantities: dict[str, tuple[str, float, str | None]] | None = None,
    quotes: tuple[str, ...] = (),
    ann: AnnotatedArticle | None = None,
) -> AnnotatedArticle:
    """Parse ``art`` with spaCy and add the given mentions (every occurrence of each string)."""
    ann = ann or annotate_one(art, SETTINGS)
    text = art.text
    mentions = [ActorMention(sp, s, a) for s, a in (actors or {}).items() for sp in spans_of(text, s)]
    date_mentions = [
        DateMention(sp, s, lo, hi, prec)  # type: ignore[arg-type]
        for s, (lo, hi, prec) in (dates or {}).items()
        for sp in spans_of(text, s)
    ]
    qty = [
        Quantity(sp, s, kind, best, best, best, unit)
        for s, (kind, best, unit) in (quantities or {}).items()
        for sp in spans_of(text, s)
    ]
    quote_recs = [Quote(sp, q, True) for q in quotes for sp in spans_of(text, q)]
    return replace(
        ann,
        actors=ann.actors or tuple(sorted(mentions, key=lambda m: m.span.start)),
        dates=tuple(sorted(date_mentions, key=lambda d: d.span.start)) or ann.dates,
        quantities=tuple(sorted(qty, key=lambda q: q.span.start)) or ann.quantities,
        quotes=tuple(quote_recs) or ann.quotes,
    )


def one_sentence(
    text: str,
    actors: dict[str, Actor] | None = None,
    **kw: object,
) -> AnnotatedArticle:
    return annotate(article(("body", text)), actors, **kw)  # type: ignore[arg-type]
