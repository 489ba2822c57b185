"""The role a recognised place mention plays in its sentence (for ``geo/places.py``): input the
article's tokens and the mention's token range, output the mention with its role and modifiers.

Roles: the subject of a speech or decision verb ("Ankara said"), and a country or capital that
acts ("Russia launched", "Britain blames Russia", "Russia's request", not "Iran's unrest") is a "metonym" (a
government, not a scene), and so is a place joined by "and" to one ("Britain and France to
answer"). Direction words make a part of a unit ("northern Iraq", role "region"), "the Syrian
border" is the border area (role "place", border), "near/outskirts of X" and "10 km north of X"
lower the precision (near). Declines nothing: a mention with no role word keeps its role.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace

from spillwatch.geo.gazetteer import Gazetteer
from spillwatch.geo.lexicon import (
    ADDRESS_LEMMAS,
    BORDER_WORDS,
    DIRECTIONS,
    NEAR_WORDS,
    SPATIAL_NOUNS,
    SPEECH_LEMMAS,
    STATIVE_LEMMAS,
    UNREST_NOUNS,
)
from spillwatch.geo.resolve import Mention
from spillwatch.records import Span, Token


@dataclass(frozen=True, slots=True)
class TokenIndex:
    """Token starts and ends, for the tokens inside a character span."""

    starts: list[int]
    ends: list[int]

    def inside(self, span: Span) -> range:
        lo = bisect_left(self.starts, span.start)
        hi = bisect_right(self.ends, span.end)
        return range(lo, max(lo, hi))


def prev_words(tokens: tuple[Token, ...], first: int, n: int) -> list[str]:
    """The ``n`` words before token ``first``, lower-cased."""
    return [t.text.lower() for t in tokens[max(0, first - n) : first]]


def is_polity(gz: Gazetteer, text: str) -> bool:
    """A country or a national capital: the names that stand for governments."""
    return any(c.kind == "country" or c.feature_code == "PPLC" for c in gz.lookup(text, fuzzy=False))


def is_metonym(tokens: tuple[Token, ...], idx: range, polity: bool) -> bool:
    """Subject of a speech/decision verb ("Ankara said"); for a country or capital also active
    subject of a non-stative verb ("Russia launched strikes"), object of an address or blame verb
    ("Britain blames Russia") or owner of a noun neither spatial nor of unrest ("Russia's request";
    "Hong Kong's street battles" are in Hong Kong): an actor."""
    for i in idx:
        tok = tokens[i]
        head = tokens[tok.head]
        lemma = head.lemma.lower()
        if tok.dep == "nsubj" and lemma in SPEECH_LEMMAS:
            return True
        if not polity:
            continue
        if tok.dep == "nsubj" and head.pos in ("VERB", "AUX") and lemma not in STATIVE_LEMMAS:
            return True
        if tok.dep == "dobj" and lemma in ADDRESS_LEMMAS | SPEECH_LEMMAS:
            return True
        if tok.dep == "poss" and head.pos == "NOUN" and lemma not in SPATIAL_NOUNS | UNREST_NOUNS:
            return True
    return False


def conj_metonyms(tokens: tuple[Token, ...], mentions: list[Mention], index: TokenIndex) -> list[Mention]:
    """"Britain and France to answer": a place joined by "and" to a metonym is one too."""
    metonym_tokens = {i for m in mentions if m.role == "metonym" for i in index.inside(m.span)}
    out = []
    for m in mentions:
        idx = index.inside(m.span)
        joined = any(tokens[i].dep == "conj" and tokens[i].head in metonym_tokens for i in idx)
        out.append(replace(m, role="metonym") if m.role == "place" and joined else m)
    return out


def with_modifiers(m: Mention, tokens: tuple[Token, ...], idx: range) -> Mention:
    if not idx:
        return m
    before = prev_words(tokens, idx.start, 4)
    after = tokens[idx.stop].text.lower() if idx.stop < len(tokens) else ""
    if m.role == "demonym" and after in BORDER_WORDS:
        return replace(m, role="place", border=True)
    if m.role != "place":
        return m
    if before and before[-1] in DIRECTIONS:
        return replace(m, role="region")
    if any(w in NEAR_WORDS for w in before[-3:]) or (
        len(before) >= 2
        and before[-1] == "of"
        and (before[-2] in DIRECTIONS or before[-2] in {"km", "kilometres", "kilometers", "miles"})
    ):
        return replace(m, near=True)
    if after in BORDER_WORDS:
        return replace(m, border=True)
    return m
