"""Place phrases of a sentence the gazetteer may not know: input the tokens (dependency parse),
a sentence's token range, its entities and the spans already taken (places, actors, people),
output the spans of the phrases that name a place there, for ``geo/eventcands.py``: the NER's
facilities, locations and GPEs, proper nouns a scene word governs ("at her Reshimbagh residence")
and names a place noun governs ("the town of Rawa", "Shawa village", "the outskirts of Bza'a"),
whatever the NER calls them. ``name_range`` gives the whole written name around a token.
"""

from __future__ import annotations

from collections.abc import Sequence

from spillwatch.records import Entity, Span, Token

SCENE_WORDS = frozenset(("in", "at", "near", "outside", "inside", "around", "across", "on", "throughout", "within"))
INSIDE_WORDS = frozenset(("in", "inside", "near", "outside"))
PLACE_ENTITIES = frozenset(("", "FAC", "LOC", "GPE"))
# nouns that say the proper noun they govern is a settlement or a unit ("the town of X", "X village"),
# or the ground around one ("the outskirts of Bza'a", "the western countryside of Palmyra")
PLACE_NOUNS = frozenset((
    "town", "towns", "village", "villages", "city", "cities", "neighborhood", "neighbourhood", "neighborhoods",
    "neighbourhoods", "district", "districts", "suburb", "suburbs", "area", "areas", "camp", "province",
    "provinces", "region", "governorate", "settlement", "settlements", "hamlet", "quarter", "sector",
    "locality", "municipality", "commune", "township", "county", "island", "islands", "valley", "hill", "hills",
    "outskirts", "countryside", "perimeter", "vicinity", "environs",
))  # fmt: skip


def phrases(tokens: Sequence[Token], sentence: range, entities: Sequence[Entity], taken: Sequence[Span]) -> list[Span]:
    """Place phrases of a sentence (its token positions) the gazetteer does not know: the NER's
    facilities, locations and GPEs ("the Bardo Museum", "Heart Hospital", "bombed Pooneryn": the
    NER's own place label on a name the gazetteer lacks) and proper nouns governed by a
    scene word ("at her Reshimbagh residence"), none overlapping a ``taken`` span (places, actors,
    people)."""

    def free(span: Span) -> bool:
        return not any(t.start < span.end and span.start < t.end for t in taken)

    out = [_without_the(e) for e in entities if e.label in ("FAC", "LOC", "GPE") and free(e.span)]
    for i in sentence:
        tok = tokens[i]
        if tok.dep != "pobj" or tok.ent_type not in PLACE_ENTITIES:
            continue  # "on June 29", "at Reuters": a date's or a name's words are no place
        if tokens[tok.head].text.lower() not in SCENE_WORDS:
            continue
        lo = i
        while lo > sentence.start and tokens[lo - 1].dep == "compound" and tokens[lo - 1].pos == "PROPN":
            lo -= 1
        if tok.pos != "PROPN" and lo == i:
            continue
        lo = min(lo, name_range(tokens, lo, sentence)[0])  # "the Al-Qusour neighbourhood": the whole name
        span = Span(tokens[lo].span.start, tokens[i if tok.pos == "PROPN" else i - 1].span.end)
        if free(span) and span not in out:
            out.append(span)
    return out


def _without_the(entity: Entity) -> Span:
    """An entity's span without the article the NER sometimes takes in ("the Hayat Tower"): the
    name starts after it, as the place recogniser's names do."""
    for article in ("the ", "The "):
        if entity.text.startswith(article) and len(entity.text) > len(article):
            return Span(entity.span.start + len(article), entity.span.end)
    return entity.span


def named_by_place_noun(tokens: Sequence[Token], i: int, depth: int = 0) -> bool:
    """A place noun names ``tokens[i]``: "the town of X", "X village", "the villages of A, B and C",
    "the A and B neighborhoods"; or a scene word governs a name the NER calls a person's or an
    organisation's ("in Shah Wali Kot": people and firms are not "in" a sentence's events)."""
    tok = tokens[i]
    head = tokens[tok.head]
    if tok.dep == "pobj" and head.text.lower() == "of" and head.head != tok.head:
        return tokens[head.head].text.lower() in PLACE_NOUNS
    if tok.dep in ("compound", "nmod", "amod") and tok.head > i and head.text.lower() in PLACE_NOUNS:
        return True
    if tok.dep == "pobj" and head.text.lower() in INSIDE_WORDS and tok.ent_type in ("PERSON", "ORG"):
        return True  # "in Shah Wali Kot", "inside Kafr Sousah": a person or a firm is not "in" anything
    return tok.dep == "conj" and tok.head != i and depth < 8 and named_by_place_noun(tokens, tok.head, depth + 1)


def _joined(left: Token, right: Token) -> bool:
    """Two tokens of one written word ("al-Tijara", "Sa'eed"): no space between, neither a bracket
    nor a comma."""
    return left.span.end == right.span.start and all(t.text[:1].isalnum() or t.text in "-'’‘" for t in (left, right))


def name_range(tokens: Sequence[Token], i: int, sentence: range) -> tuple[int, int]:
    """The proper name around ``tokens[i]``: capitalised proper nouns next to it (never a place
    noun) and words joined to it without a space, as a token range."""
    def part(t: Token) -> bool:
        return t.pos == "PROPN" and t.text[:1].isupper() and t.text.lower() not in PLACE_NOUNS

    lo, hi = i, i + 1
    while lo > sentence.start and (part(tokens[lo - 1]) or _joined(tokens[lo - 1], tokens[lo])):
        lo -= 1
    while hi < sentence.stop and (part(tokens[hi]) or _joined(tokens[hi - 1], tokens[hi])):
        hi += 1
    return lo, hi


def noun_named(tokens: Sequence[Token], sentence: range, taken: Sequence[Span]) -> list[Span]:
    """Proper names a place noun governs ("the town of Rawa", "Shawa village", "inside the Bani Za'id
    quarter"), whatever the NER calls them (the small model tags many such towns PERSON or ORG), none
    overlapping a ``taken`` span (places, resolved actors)."""
    out: list[Span] = []
    for i in sentence:
        tok = tokens[i]
        if tok.pos != "PROPN" or not tok.text[:1].isupper() or tok.text.lower() in PLACE_NOUNS:
            continue
        if not named_by_place_noun(tokens, i):
            continue
        lo, hi = name_range(tokens, i, sentence)
        span = Span(tokens[lo].span.start, tokens[hi - 1].span.end)
        if not any(t.start < span.end and span.start < t.end for t in taken) and span not in out:
            out.append(span)
    return out
