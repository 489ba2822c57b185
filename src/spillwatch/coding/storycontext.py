"""What a story's page says about its own context: credits and datelines a flattened page keeps
mid-text, and the one country the story is about.

Input: the article's text, sentences and resolved places. Output: spans the argument finder blocks
(``inline_credits``) and the focus country (``focus_country``). Declines: no focus when no country
holds most of the places.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from spillwatch.records import Block, Place, Sentence, Span

INLINE_DATELINE = re.compile(r"^[A-Z][A-Z.'’ -]{2,40}(?:, [A-Z][A-Za-z. ]{1,30})?\s*(?:[–—-]|\(\w+\)\s*[–—-]?)\s")
FOCUS_MIN_PLACES = 3  # one or two places are no story's country
FOCUS_MIN_SHARE = 0.6  # three in five of the places the story resolves


def inline_datelines(spans: tuple[tuple[Block, Span], ...]) -> list[Span]:
    """ "OTTAWA – Two Canadian teams ...": a dateline the cleaner left at the head of a paragraph."""
    out = []
    for block, span in spans:
        found = INLINE_DATELINE.match(block.text) if block.role == "body" else None
        if found is not None:
            out.append(Span(span.start, span.start + found.end()))
    return out


# Credits a page's text keeps inline: "Photo by A. Name/Agency.", "By: Jane Doe" (a byline with its colon:
# "By Tuesday the army ..." is no credit). The names in them took no part in any event.
INLINE_CREDIT = re.compile(
    r"\b(?:(?i:(?:file )?(?:photo|photograph|picture|image)s? (?:by|courtesy of))|By:)\s+(?=[A-Z])"
    r"(?:[^.\n]{1,80}?\.(?=\s|$)|(?:[A-Z][a-z'’-]+ ){1,2}[A-Z][a-z'’-]+)"
)


def inline_credits(text: str, sentences: Sequence[Sentence]) -> list[Span]:
    """Inline credits, and a dateline that opens a sentence or follows a credit ("... Photo by X/Agency.
    MANILA, Philippines – Ahead of Easter, ..."): a page flattened to one block keeps them mid-text."""
    credits = [Span(m.start(), m.end()) for m in INLINE_CREDIT.finditer(text)]
    out = list(credits)
    for start in sorted({s.span.start for s in sentences} | {c.end for c in credits}):
        while start < len(text) and text[start].isspace():
            start += 1
        found = INLINE_DATELINE.match(text[start:start + 120])
        if found is not None:
            out.append(Span(start, start + found.end()))
    return out


def focus_country(places: Sequence[Place]) -> tuple[str, str] | None:
    """The country (iso3, name) holding most of the story's resolved places, if one does."""
    counts = Counter(p.country_iso3 for p in places if p.country_iso3)
    top = counts.most_common(1)
    if not top or top[0][1] < FOCUS_MIN_PLACES or top[0][1] < FOCUS_MIN_SHARE * sum(counts.values()):
        return None
    iso3 = top[0][0]
    name = next((p.name for p in places if p.country_iso3 == iso3 and (p.feature_code or "").startswith("PCL")
                 and p.name), iso3)
    return iso3, name
