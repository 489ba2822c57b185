"""Place recognition: input an AnnotatedArticle (tokens, sentences, entities), output the same
article with ``places`` filled, each mention resolved against the gazetteer where possible.

Mentions come from spaCy GPE/LOC entities (FAC ones only when they name a country, unit,
region or town of 50,000+; a unit word after the name joins it: "Idlib governorate"; an entity
the gazetteer does not know whole gives the names inside it: "Greece Italy"), capitalised token
runs the NER missed that name such a place, town names the small NER model tags PERSON when the
article names their country and a place preposition or assault verb governs them ("raided
Gwoza"), demonyms and adjectives ("Jordanian" -> Jordan, "Kurdish" -> Kurdistan; role
"demonym"), and the dateline (block role "dateline", or an upper-case "CITY –" opening of the
first paragraph; role "dateline").
Roles (metonym, region, border, near: "Ankara said", "northern Iraq", "the Syrian border", "near
X") are read by ``geo/roles.py``.
A name the NER cut short takes the next capitalised words when the gazetteer holds the whole
("Boa" + "Vista", "Trinidad" + "and Tobago").
"Gulf of Oman", "Straits of Malacca" are one feature's name however the NER cuts them, and a word
ending a longer written name is no place alone ("Farah" of "Hawsh Al-Farah"; ``geo/nameparts.py``).
Declines: places in other scripts, street addresses, rivers, lakes and other features that the
gazetteer lacks; an unknown name is kept as text (geonameid None), never dropped.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spillwatch.geo.gazetteer import Gazetteer, open_gazetteer
from spillwatch.geo.incontext import places_in_context
from spillwatch.geo.lexicon import (
    ADMIN_WORDS,
    ASSAULT_LEMMAS,
    DIRECTIONS,
    GENERIC_GEO_WORDS,
    NAME_ELEMENTS,
    OF_PLACE_NOUNS,
    PLACE_PREPOSITIONS,
    STOP_CAPS,
    VENUE_WORDS,
)
from spillwatch.geo.nameparts import WATER_HEADS, name_tail, water_body
from spillwatch.geo.resolve import Mention, resolve_mentions
from spillwatch.geo.roles import TokenIndex, conj_metonyms, is_metonym, is_polity, prev_words, with_modifiers
from spillwatch.records import AnnotatedArticle, Span, Token
from spillwatch.settings import Settings
from spillwatch.spanindex import SpanIndex

_DATELINE = re.compile(r"^\s*([A-Z][A-Z.'\- ]{2,40}?)(?:,\s*[A-Za-z.' ]{2,30})?\s*(?:\([^)]{1,40}\))?\s*[–—-]{1,2}\s")
_TAKE_LABELS = frozenset({"GPE", "LOC"})


def _strip_the(span: Span, text: str) -> tuple[Span, str]:
    for prefix in ("the ", "The "):
        if text.startswith(prefix) and len(text) > len(prefix):
            return Span(span.start + len(prefix), span.end), text[len(prefix) :]
    return span, text


def _spans(spans: list[Span]) -> SpanIndex[Span]:
    """Spans already taken by a mention, looked up by position (a new mention must overlap none)."""
    return SpanIndex(spans, lambda s: s)


def _dateline_mentions(ann: AnnotatedArticle) -> list[Mention]:
    out: list[Mention] = []
    first_body = True
    for block, span in ann.article.block_spans():
        if block.role == "dateline":
            text = block.text.strip(" –—-")
            start = span.start + block.text.find(text)
            head = text.split(",")[0].split("(")[0].strip()
            out.append(Mention(Span(start, start + len(head)), head, "dateline", "dateline"))
        elif block.role == "body" and first_body:
            first_body = False
            m = _DATELINE.match(block.text)
            if m:
                head = m.group(1).strip()
                start = span.start + m.start(1)
                out.append(Mention(Span(start, start + len(head)), head, "dateline", "dateline"))
    return out


def _entity_mentions(
    ann: AnnotatedArticle, gz: Gazetteer, taken: SpanIndex[Span], index: TokenIndex, doc: str
) -> list[Mention]:
    out: list[Mention] = []
    for ent in ann.entities:
        if ent.label not in _TAKE_LABELS and not (ent.label == "FAC" and _strong_name(gz, ent.text)):
            continue
        span, text = _strip_the(ent.span, ent.text)
        if text.endswith(("'s", "’s")):
            span, text = Span(span.start, span.end - 2), text[:-2]
        elif text.endswith(("'", "’")):
            span, text = Span(span.start, span.end - 1), text[:-1]
        if taken.any(span) or not any(c.isalpha() for c in text) or gz.demonym_place(text):
            continue  # a demonym tagged GPE ("Emirati") is left to the demonym pass
        idx = index.inside(span)
        body = water_body(ann.tokens, idx) if idx else idx
        if body != idx:
            span = Span(ann.tokens[body.start].span.start, ann.tokens[body.stop - 1].span.end)
            text = doc[span.start : span.end]
            if taken.any(span):
                continue
        span, text = _with_admin_suffix(ann, span, text, index, doc)
        span, text = _with_name_rest(ann, gz, span, index, doc)
        if taken.any(span):
            continue
        parts = _split_unknown(ann, gz, span, text, index, doc)
        out.extend(parts)
        for p in parts:
            taken.add(p.span)
    return out


def _with_admin_suffix(
    ann: AnnotatedArticle, span: Span, text: str, index: TokenIndex, doc: str
) -> tuple[Span, str]:
    """"Idlib governorate", "Anbar province": take the unit word the NER left out."""
    idx = index.inside(span)
    if not idx or idx.stop >= len(ann.tokens):
        return span, text
    nxt = ann.tokens[idx.stop]
    if nxt.text.lower() not in ADMIN_WORDS:
        return span, text
    grown = Span(span.start, nxt.span.end)
    return grown, doc[grown.start : grown.end]


NAME_REST = 3  # words after an entity that may complete the name the NER cut short


def _with_name_rest(ann: AnnotatedArticle, gz: Gazetteer, span: Span, index: TokenIndex, doc: str) -> tuple[Span, str]:
    """"Boa" + "Vista", "Trinidad" + "and Tobago", "Baja" + "California": the NER cut a name short;
    the longest run of the next capitalised words (and "and") that makes, with it, a name the
    gazetteer holds as a country's, a unit's or a place's own is taken whole."""
    idx = index.inside(span)
    best = span
    if not idx:
        return span, doc[span.start : span.end]
    end = idx.stop
    for k in range(end, min(end + NAME_REST, len(ann.tokens))):
        tok, prev = ann.tokens[k], ann.tokens[k - 1]
        if tok.span.start != prev.span.end + 1 or doc[prev.span.end] != " ":
            break
        if not (tok.text[:1].isupper() or tok.text == "and"):
            break
        grown = Span(span.start, tok.span.end)
        name = doc[grown.start : grown.end]
        if tok.text != "and" and any(c.match == "exact" and (c.main_name or c.kind in ("country", "adm1"))
                                     for c in gz.lookup(name, fuzzy=False)):
            best = grown
    return best, doc[best.start : best.end]


def _split_unknown(
    ann: AnnotatedArticle, gz: Gazetteer, span: Span, text: str, index: TokenIndex, doc: str
) -> list[Mention]:
    """An entity the gazetteer does not know as a whole ("Greece Italy", "South Kilburn Estate")
    gives the known names inside it, if any; else it is kept whole, as unresolved text. A name the
    gazetteer knows only by a looser spelling ("Bir al-Abed" for Bi'r al 'Abd) stays whole: the
    resolver takes such a reading only with the article's support. A generic word that opens
    place names ("Bir", "Tal", "Wadi", "San") is never a name alone, and a name found inside a
    longer one is marked ``part``: the resolver takes a town for it only in the article's focus.
    Neither is a lower-case word ("region" of "East Ghouta region") nor, here or in a longer
    capitalised run, a feature word (``GENERIC_GEO_WORDS``: "Plateau" of "the Al-Bab Plateau" is
    no Nigerian state)."""
    whole = [Mention(span, text, "ner", "place")]
    if " " not in text or gz.lookup(text) or (text.split(" ", 1)[0] in WATER_HEADS and " of " in text):
        return whole
    tokens = [ann.tokens[i] for i in index.inside(span)]
    found: list[Mention] = []
    i = 0
    while i < len(tokens):
        for j in range(len(tokens), i, -1):
            sub = Span(tokens[i].span.start, tokens[j - 1].span.end)
            sub_text = doc[sub.start : sub.end]
            generic = j - i == 1 and (sub_text.lower() in DIRECTIONS | GENERIC_GEO_WORDS | NAME_ELEMENTS
                                      or not sub_text[:1].isupper()  # "region" of "East Ghouta region"
                                      or _short_word(sub_text))
            if not generic and _strong_name(gz, sub_text):
                found.append(Mention(sub, sub_text, "part", "place"))
                i = j - 1
                break
        i += 1
    return found or whole


def _short_word(text: str) -> bool:
    """A word of two letters, not all capitals, inside a longer name ("La" of "La Niña", "El" of "El
    Niño"): an article or a particle, never the state a postal code spells ("La", "Pa")."""
    return len(text) <= 2 and not text.isupper()


def _demonym_mentions(tokens: tuple[Token, ...], gz: Gazetteer, taken: SpanIndex[Span]) -> list[Mention]:
    out: list[Mention] = []
    for i, tok in enumerate(tokens):
        if not tok.text[:1].isupper():
            continue
        for width in (2, 1):
            if i + width > len(tokens) or not tokens[i + width - 1].text[:1].isalpha():
                continue
            span = Span(tok.span.start, tokens[i + width - 1].span.end)
            text = " ".join(t.text for t in tokens[i : i + width])
            place = gz.demonym_place(text)
            if place is not None and not taken.any(span):
                out.append(Mention(span, text, "demonym", "demonym", place_id=place.id))
                taken.add(span)
                break
    return out


def _capital_runs(tokens: tuple[Token, ...]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        j = i
        while j < len(tokens) and tokens[j].pos == "PROPN" and tokens[j].text[:1].isupper():
            j += 1
        if j > i:
            runs.append((i, j))
        i = max(j, i + 1)
    return runs


def _gazetteer_mentions(ann: AnnotatedArticle, gz: Gazetteer, taken: SpanIndex[Span], doc: str) -> list[Mention]:
    """Capitalised PROPN runs the NER left out (or put inside an ORG) that the gazetteer knows."""
    person = _spans([e.span for e in ann.entities if e.label == "PERSON"])
    out: list[Mention] = []
    tokens = ann.tokens
    for lo, hi in _capital_runs(tokens):
        for a in range(lo, hi):
            for b in range(hi, a, -1):
                span = Span(tokens[a].span.start, tokens[b - 1].span.end)
                text = doc[span.start : span.end]
                single = b - a == 1
                stop = single and (text in STOP_CAPS or text.lower() in DIRECTIONS | NAME_ELEMENTS
                                   or ((a, b) != (lo, hi) and (text.lower() in GENERIC_GEO_WORDS
                                                               or _short_word(text))))
                if stop or taken.any(span) or person.any(span) or name_tail(tokens, a):
                    continue
                if water_body(tokens, range(a, b)) != range(a, b):
                    continue
                # a name inside a longer capitalised run must be a country or unit ("Bank of England")
                whole = (a, b) == (lo, hi)
                if _strong_name(gz, text, towns=whole):
                    out.append(Mention(span, text, "gazetteer" if whole else "inner", "place"))
                    taken.add(span)
                    break
    return out


def _repeats(ann: AnnotatedArticle, found: list[Mention], taken: SpanIndex[Span], doc: str) -> list[Mention]:
    """One sense per discourse: a name the article already uses as a place is a place wherever it
    recurs as a proper noun the passes above missed ("... into Syria at Jarablus" after a headline
    naming Jarablus), unless it lies in a person's name."""
    names = {m.text for m in found if m.role in ("place", "region", "dateline") and m.text[:1].isupper()}
    if not names:
        return []
    person = _spans([e.span for e in ann.entities if e.label == "PERSON"])
    tokens = ann.tokens
    out: list[Mention] = []
    for lo, hi in _capital_runs(tokens):
        for a in range(lo, hi):
            for b in range(min(hi, a + 4), a, -1):
                span = Span(tokens[a].span.start, tokens[b - 1].span.end)
                text = doc[span.start : span.end]
                if text in names and not taken.any(span) and not person.any(span):
                    out.append(Mention(span, text, "gazetteer", "place"))
                    taken.add(span)
                    break
    return out


def _article_countries(found: list[Mention], gz: Gazetteer) -> set[str]:
    """Countries the article names outright or by demonym (context for the rescue below)."""
    out: set[str] = set()
    for m in found:
        cands = [gz.place(m.place_id)] if m.place_id is not None else gz.lookup(m.text, fuzzy=False)
        out.update(c.iso2 for c in cands if c.kind == "country" and c.iso2)
    return out


def _person_places(
    ann: AnnotatedArticle, gz: Gazetteer, taken: SpanIndex[Span], index: TokenIndex, countries: set[str]
) -> list[Mention]:
    """Place names the small NER model tags as PERSON or ORG ("Tal Afar", "Kismayo", "Ghouta"):
    taken when the whole name is a town or unit of a country the article names, or a region within
    one country ("in north Sinai"), and it follows "in/near/at" (with a direction word between or
    not) or "the city/battle/parts of" (``OF_PLACE_NOUNS``: "the battle for the southern city of
    Marawi"), or is the object of an assault verb ("raided Gwoza"); a name of two or more
    words that is exactly an ADM1 unit's own name ("Tamil Nadu") is taken anyway; a venue's name
    (any of the three labels) gives the town it opens with (``_venue_town``)."""
    out: list[Mention] = []
    for ent in ann.entities:
        if ent.label not in ("PERSON", "ORG", "FAC") or taken.any(ent.span):
            continue
        idx = index.inside(ent.span)
        if ent.label == "FAC":
            if (town := _venue_town(ann, gz, ent.span, idx)) is not None:
                out.append(town)
                taken.add(town.span)
            continue
        before = prev_words(ann.tokens, idx.start, 2) if idx else []
        noun = ann.tokens[idx.start - 2].lemma.lower() if idx and idx.start > 1 else ""
        after_preposition = bool(before) and (before[-1] in PLACE_PREPOSITIONS or (
            before[-1] in DIRECTIONS and len(before) == 2 and before[0] in PLACE_PREPOSITIONS) or (
            before[-1] == "of" and noun in OF_PLACE_NOUNS))
        cands = [c for c in gz.lookup(ent.text, fuzzy=False) if c.match == "exact" and c.kind != "country"]
        known = any(c.iso2 in countries or (c.kind == "region" and c.iso2) for c in cands)
        in_context = known and (after_preposition or _object_of_assault(ann.tokens, idx))
        unit_name = " " in ent.text and any(c.kind == "adm1" and c.main_name for c in cands)
        if in_context or (unit_name and ent.label == "PERSON"):
            out.append(Mention(ent.span, ent.text, "ner", "place"))
            taken.add(ent.span)
        elif (town := _venue_town(ann, gz, ent.span, idx)) is not None:
            out.append(town)
            taken.add(town.span)
    return out


def _venue_town(ann: AnnotatedArticle, gz: Gazetteer, span: Span, idx: range) -> Mention | None:
    """The town a venue's name opens with ("Manchester Arena", "Brussels Airport"; the small NER model
    tags such names PERSON or ORG): the words before a last word of ``VENUE_WORDS``, when they are
    a strong name (a country, unit, region or town of 50,000+), as a place of their own."""
    if len(idx) < 2 or ann.tokens[idx.stop - 1].text.lower() not in VENUE_WORDS:
        return None
    name = Span(span.start, ann.tokens[idx.stop - 2].span.end)
    text = ann.article.text[name.start : name.end]
    return Mention(name, text, "ner", "place") if _strong_name(gz, text) else None


def _object_of_assault(tokens: tuple[Token, ...], idx: range) -> bool:
    for i in idx:
        tok = tokens[i]
        head = tokens[tok.head]
        if tok.dep == "conj":  # "raided Maiduguri and Gwoza"
            head = tokens[head.head] if head.dep == "dobj" else head
        elif tok.dep != "dobj":
            continue
        if head.lemma.lower() in ASSAULT_LEMMAS:
            return True
    return False


def _strong_name(gz: Gazetteer, text: str, *, towns: bool = True) -> bool:
    """A name worth taking without NER support: a country, unit, region or town of 50,000+."""
    for c in gz.lookup(text, fuzzy=False):
        if c.match != "exact":
            continue
        # a town only by its own name: big towns have many short alternate names ("Sam" of "Sam's
        # Club" is one of Damascus') that the NER's silence gives no reason to read as the town
        big_town = towns and c.kind == "city" and c.population >= 50_000 and c.main_name
        if c.kind in ("country", "continent", "region", "adm1") or big_town:
            return True
    return False


def recognise(ann: AnnotatedArticle, gz: Gazetteer) -> list[Mention]:
    """All place mentions in reading order, with their roles (no resolution yet)."""
    index = TokenIndex([t.span.start for t in ann.tokens], [t.span.end for t in ann.tokens])
    doc = ann.article.text
    datelines = _dateline_mentions(ann)
    taken = _spans([d.span for d in datelines])
    found = datelines + _entity_mentions(ann, gz, taken, index, doc) + _demonym_mentions(ann.tokens, gz, taken)
    found += _gazetteer_mentions(ann, gz, taken, doc)
    found += _person_places(ann, gz, taken, index, _article_countries(found, gz))
    found += _repeats(ann, found, taken, doc)
    out: list[Mention] = []
    for m in found:
        idx = index.inside(m.span)
        if m.role == "place" and is_metonym(ann.tokens, idx, is_polity(gz, m.text)):
            m = replace(m, role="metonym")
        out.append(with_modifiers(m, ann.tokens, idx))
    return sorted(conj_metonyms(ann.tokens, out, index), key=lambda m: m.span.start)


def find_places(
    ann: AnnotatedArticle, settings: Settings | None = None, *, gazetteer: Gazetteer | None = None
) -> AnnotatedArticle:
    """Fill ``ann.places`` with every place mention, resolved where the gazetteer allows."""
    gz = gazetteer or open_gazetteer()
    mentions = places_in_context(ann, recognise(ann, gz), gz)
    places = resolve_mentions(mentions, gz, ann.article.text, ann.actors)
    # a word inside a longer name was taken only because the gazetteer knows it: with no reading
    # left in context ("Paul" of "Paul Riva" in a Michigan story) it names no place
    kept = (p for m, p in zip(mentions, places, strict=True) if m.source != "inner" or p.geonameid is not None)
    return replace(ann, places=tuple(kept))
