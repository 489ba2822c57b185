"""Event place: input an AnnotatedArticle with places and the coded EventMentions, output the
mentions with ``place`` set to where each event happened, with its precision code.

The place is, in order: a recognised place inside the event's place argument (an Argument with
role "place", or ``place_text`` found in the event's sentence); else the literal place in the
event's sentence nearest to the trigger. Of an "X, Y" pair (town, country) the finer one wins.
For aid and cooperation (AID, COOPERATE, SUPPORT, CONSULT, AGREE) with no literal place, the
country of a recipient named by nationality after the trigger ("provided trucks to a Jordanian
unit") stands in, at country precision and with role "demonym" so that it shows.
An unresolved place keeps its text and takes the country that qualifies it in its sentence
("the Lebanese border village of Qaa"), at country precision.
Declines: the dateline, metonyms ("Ankara said": a government) and, for every other type,
demonyms ("Jordanian victims": a home country, not a scene) are never event places; an event
whose sentence names no usable place keeps ``place`` None rather than borrowing one from
elsewhere in the article.
"""

from __future__ import annotations

from dataclasses import replace

from spillwatch.records import AnnotatedArticle, EventMention, Place, Span
from spillwatch.settings import Settings
from spillwatch.spanindex import SpanIndex

LITERAL_ROLES = frozenset({"place", "region"})
RECIPIENT_COUNTRY_TYPES = frozenset({"AID", "COOPERATE", "SUPPORT", "CONSULT", "AGREE"})


def _inside(span: Span, outer: Span) -> bool:
    return outer.start <= span.start and span.end <= outer.end


def _finer(places: list[Place], chosen: Place, text: str) -> Place:
    """If ``chosen`` is the container in "X, Y", return X (the finer place) instead."""
    for p in places:
        gap = text[p.span.end : chosen.span.start]
        if p is not chosen and p.span.end <= chosen.span.start and gap.strip() == ",":
            same_country = p.country_iso2 is not None and p.country_iso2 == chosen.country_iso2
            if same_country and (p.precision or 9) < (chosen.precision or 9):
                return p
    return chosen


def _argument_spans(m: EventMention, text: str) -> list[Span]:
    spans = [a.span for a in m.arguments if a.role == "place"]
    if m.place_text and not spans:
        at = text.find(m.place_text, m.sentence.start, m.sentence.end)
        if at >= 0:
            spans.append(Span(at, at + len(m.place_text)))
    return spans


def _recipient_country(m: EventMention, demonyms: SpanIndex[Place]) -> Place | None:
    if m.type not in RECIPIENT_COUNTRY_TYPES:
        return None
    after = [p for p in demonyms.inside(m.sentence) if p.span.start >= m.trigger.end]
    found = min(after, key=lambda p: p.span.start, default=None)
    return found if found is not None and found.country_iso2 else None


def _qualified(place: Place, m: EventMention, literal: SpanIndex[Place], demonyms: SpanIndex[Place]) -> Place:
    """An unresolved place takes the country that qualifies it in the same sentence ("Qaa, Lebanon",
    "the Lebanese border village of Qaa"): the nearest resolved country or nationality, at that precision."""
    if place.country_iso2 is not None:
        return place
    in_sentence = literal.inside(m.sentence) + demonyms.inside(m.sentence)
    near = [p for p in in_sentence if p.country_iso2 and (p.precision or 0) >= 6]
    if not near:
        return place
    centre = (place.span.start + place.span.end) / 2
    country = min(near, key=lambda p: abs((p.span.start + p.span.end) / 2 - centre))
    return replace(place, country_iso2=country.country_iso2, country_iso3=country.country_iso3, lat=country.lat,
                   lon=country.lon, precision=country.precision)


def _best_place(m: EventMention, literal: SpanIndex[Place], demonyms: SpanIndex[Place], text: str) -> Place | None:
    for arg in _argument_spans(m, text):
        inside = [p for p in literal.near(arg) if _inside(p.span, arg) or _inside(arg, p.span)]
        if inside:
            chosen = _finer(inside, min(inside, key=lambda p: (p.precision or 9, p.span.start)), text)
            return _qualified(chosen, m, literal, demonyms)
    in_sentence = literal.inside(m.sentence)
    if not in_sentence:
        return _recipient_country(m, demonyms)
    centre = (m.trigger.start + m.trigger.end) / 2
    nearest = min(in_sentence, key=lambda p: abs((p.span.start + p.span.end) / 2 - centre))
    return _finer(in_sentence, nearest, text)


def place_events(
    ann: AnnotatedArticle, mentions: tuple[EventMention, ...], settings: Settings | None = None
) -> tuple[EventMention, ...]:
    """Set ``EventMention.place`` on each mention (see module docstring)."""
    literal = SpanIndex(p for p in ann.places if p.role in LITERAL_ROLES)
    demonyms = SpanIndex(p for p in ann.places if p.role == "demonym")
    text = ann.article.text
    return tuple(replace(m, place=_best_place(m, literal, demonyms, text)) for m in mentions)
