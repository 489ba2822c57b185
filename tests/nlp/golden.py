"""Load the hand-written fixture articles in tests/nlp/data and compare stage output to them."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from spillwatch.records import Article, Block, DateInfo, Span

DATA = Path(__file__).parent / "data"
FIXTURES = sorted(DATA.glob("*.json"))


def load(path: Path) -> tuple[Article, dict[str, Any]]:
    raw = json.loads(path.read_text(encoding="utf-8"))
    value, method, *evidence = raw["published"]
    published = DateInfo(date.fromisoformat(value) if value else None, method, evidence[0] if evidence else "")
    blocks = tuple(Block(role, text) for role, text in raw["blocks"])
    article = Article(raw_id=path.stem, source=str(path.name), blocks=blocks, published=published, outlet=raw["outlet"])
    return article, raw["expect"]


def occurrences(text: str, needle: str) -> list[Span]:
    out, start = [], text.find(needle)
    while start != -1:
        out.append(Span(start, start + len(needle)))
        start = text.find(needle, start + 1)
    return out


def matching(text: str, expected: str, found: Iterable[Any]) -> list[Any]:
    """Found items whose span overlaps an occurrence of ``expected`` and whose text nests with it."""
    spans = occurrences(text, expected)
    assert spans, f"fixture error: {expected!r} not in the article"
    out = []
    for item in found:
        s = item.span
        if any(s.start < o.end and o.start < s.end for o in spans) and (
            item.text in expected or expected in item.text
        ):
            out.append(item)
    return out


def speaker_matches(quote: Any, expected: str | None) -> bool:
    if expected is None:
        return True
    names: Sequence[str | None] = (
        quote.speaker_person,
        quote.speaker_text,
        quote.speaker.id if quote.speaker else None,
    )
    return any(n and (expected == n or expected in n) for n in names)
