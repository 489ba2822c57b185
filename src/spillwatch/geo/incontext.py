"""A toponym must be a place in context: input an article's recognised mentions (``places.recognise``
before resolution), output those that are places, some with a non-literal role.

A name the gazetteer knows is still not a place when its context says it names something else:
- a person: a word of a name the text uses for a person (spaCy PERSON entities, people the actor
  stage bound to a title: "Kelly", "Modi", "Martin" after "Martin Smith"), a name right after a
  person's title or kinship word ("spokesman Mujahid", "whose son, Martin"), unless a place word
  governs it ("in", "near", "at"...) or it is half of an "X, Y" pair;
- an actor of the actor table named whole ("Boko Haram", a group named after a town): dropped;
  a place inside an actor's name ("Islamic State of Iraq", "Kurdistan Workers' Party") keeps
  role ``name`` (found, never an event's place);
- an abbreviation the article defines for a name that is no place's ("the Ministry of Defence
  (MoD)": Maud, Oklahoma, by spelling; "Islamic State (IS)");
- a short upper-case abbreviation that names no country or unit ("BA", "FSA", "MW"), a month's or
  weekday's name or abbreviation ("Jan.": a town in Cameroon by spelling only), or a word cut short
  before a number or code in the same sentence ("case No. VA089897": Nord, Haiti, by an alternate
  name; "Art. 5", "Vol. 3");
- a single word the gazetteer does not know, in no place context ("Buhari said"; "furious at
  Macron": "at" after an adjective is no place word): the NER's guess alone is too weak to keep as
  unresolved place text.
Declines: countries named by demonyms keep their role (a demonym is never an event's place).
"""

from __future__ import annotations

import re
from dataclasses import replace

from spillwatch.geo.gazetteer import Gazetteer
from spillwatch.geo.lexicon import (
    ADMIN_WORDS,
    DIRECTIONS,
    OF_PLACE_NOUNS,
    PERSON_WORDS,
    PLACE_PREPOSITIONS,
    SPATIAL_NOUNS,
)
from spillwatch.geo.resolve import Mention
from spillwatch.records import AnnotatedArticle, Span, Token
from spillwatch.spanindex import SpanIndex

CALENDAR_WORDS = frozenset((
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue",
    "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "january", "february", "march", "april",
    "may", "june", "july", "august", "september", "october", "november", "december", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday",
))  # fmt: skip
# "from" is left out: "a statement from Kelly" is as common as "from Mosul"
PLACE_CONTEXT = PLACE_PREPOSITIONS - {"from"}


def _person_words(ann: AnnotatedArticle) -> frozenset[str]:
    names = [e.text for e in ann.entities if e.label == "PERSON"]
    names += [a.person for a in ann.actors if a.person]
    return frozenset(w.strip(".,'’") for n in names for w in n.split() if len(w) >= 3 and w[:1].isupper())


def _place_context(tokens: tuple[Token, ...], first: int, last: int, pair: bool, words: frozenset[str]) -> bool:
    """A place word governs the name: "in X", "in north X", "the city of X", "the X area", "X province",
    "X, Y"."""
    before = tokens[first - 1].text.lower() if first > 0 else ""
    before2 = tokens[first - 2].text.lower() if first > 1 else ""
    after = tokens[last + 1].text.lower() if last + 1 < len(tokens) else ""
    lemma2 = tokens[first - 2].lemma.lower() if first > 1 else ""
    spatial = before == "of" and (before2 in SPATIAL_NOUNS or before2 in ("village", "bastion", "suburb")
                                  or lemma2 in OF_PLACE_NOUNS)
    directed = before in DIRECTIONS and before2 in words  # "in north Sinai"
    governed = before in words and not _feeling_at(tokens, first - 1)
    return pair or spatial or directed or governed or after in ADMIN_WORDS or after in SPATIAL_NOUNS


def _feeling_at(tokens: tuple[Token, ...], prep: int) -> bool:
    """"furious at Macron", "angry at Washington": "at" after an adjective is what a feeling is
    about (a person, a government), not where anyone is."""
    tok = tokens[prep]
    return tok.text.lower() == "at" and tokens[tok.head].pos == "ADJ"


def _after_person_word(tokens: tuple[Token, ...], first: int) -> bool:
    """"spokesman Mujahid", "his son, Martin", "Sheikh Akil": a title or kinship word just before."""
    for back in (1, 2):
        i = first - back
        if i < 0:
            return False
        word = tokens[i].text.lower()
        if word in PERSON_WORDS:
            return True
        if word not in {",", "the"}:
            return False
    return False


OFFICE_WORDS = PERSON_WORDS | frozenset((
    "coordinator", "envoy", "official", "director", "secretary", "ambassador", "chairman", "chairwoman",
    "negotiator", "adviser", "advisor", "founder", "officer", "correspondent",
    "reporter", "journalist", "activist", "lawyer", "analyst", "professor", "researcher",
))  # fmt: skip  # nouns of a person's office: an apposition of one makes its name a person's


def _with_office(tokens: tuple[Token, ...], first: int, last: int) -> bool:
    """"Kenzo Oshima, the United Nations relief coordinator, demanded": a name whose apposition is a
    person's office is that person's (the NER may tag the surname alone as a place)."""
    return any(t.dep == "appos" and first <= t.head <= last and t.lemma.lower() in OFFICE_WORDS
               for t in tokens[last + 1 : last + 12])


def _title(tokens: tuple[Token, ...], first: int, last: int) -> bool:
    """The mention is one title word before a capitalised name ("Miss Abdhou", "Dr. Ojabo")."""
    if first != last or last + 1 >= len(tokens) or tokens[first].text.lower() not in PERSON_WORDS:
        return False
    return tokens[first].text[:1].isupper() and tokens[last + 1].text[:1].isupper()


def _before_number(tokens: tuple[Token, ...], last: int, starts: frozenset[int]) -> bool:
    """The word is an abbreviation: a full stop right after it, then a number or a code with digits
    in the same sentence ("No. 5", "No. VA089897"); "... in Mosul. 20 people" is two sentences."""
    if last + 2 >= len(tokens):
        return False
    stop, nxt = tokens[last + 1], tokens[last + 2]
    if stop.text != "." or stop.span.start != tokens[last].span.end or nxt.span.start in starts:
        return False
    return any(ch.isdigit() for ch in nxt.text)


def _pairs(mentions: list[Mention], text: str) -> set[int]:
    """Indexes of mentions in an "X, Y" pair: the writer's own placing of a town in its unit."""
    out: set[int] = set()
    for i in range(len(mentions) - 1):
        gap = text[mentions[i].span.end : mentions[i + 1].span.start]
        if gap.strip() == "," and "\n" not in gap:
            out.update((i, i + 1))
    return out


def _short_abbreviation(m: Mention, gz: Gazetteer) -> bool:
    letters = sum(ch.isalpha() for ch in m.text)
    if not (m.text.isupper() and letters <= 4) or m.role == "dateline" or m.place_id is not None:
        return False
    return not any(c.kind in ("country", "adm1", "continent", "region") for c in gz.lookup(m.text, fuzzy=False))


def _polity(gz: Gazetteer, text: str) -> bool:
    """A state, unit, capital or union: an actor named so is a government (a metonym), still found."""
    kinds = ("country", "adm1", "continent", "region")
    return any(c.kind in kinds or c.feature_code == "PPLC" for c in gz.lookup(text, fuzzy=False))


def _country(gz: Gazetteer, text: str) -> bool:
    return any(c.kind == "country" for c in gz.lookup(text, fuzzy=False))


_DEFINED = re.compile(r"((?:[A-Z][\w'’-]*\s+(?:(?:of|the|and|for|on)\s+)*){1,8}[A-Z][\w'’-]*)\s*"
                      r"\(\s*([A-Za-z]{2,6})\s*\)")


def defined_abbreviations(text: str, gz: Gazetteer) -> frozenset[str]:
    """Abbreviations the article defines for a name that is not a place's: "the Ministry of Defence
    (MoD)", "Islamic State (IS)", "Internet of Things Expo (IoTX)": an organisation's, wherever they
    recur, whatever a gazetteer spells so (Maud, Oklahoma; Iceland's code). A place's own
    ("Democratic Republic of Congo (DRC)") stays one. The abbreviation opens with the name's
    first letter and has two capitals or more."""
    out: set[str] = set()
    for m in _DEFINED.finditer(text):
        name, short = m.group(1).removeprefix("The "), m.group(2)
        if short[0].upper() != name[:1] or sum(ch.isupper() for ch in short) < 2:
            continue
        if not _polity(gz, name):
            out.add(short)
    return frozenset(out)


def not_a_place(ann: AnnotatedArticle, mentions: list[Mention], gz: Gazetteer) -> list[str | None]:
    """Per mention, why it is not a place here ("person", "actor", "abbreviation", "unknown"), or None."""
    tokens = ann.tokens
    starts = {t.span.start: i for i, t in enumerate(tokens)}
    ends = {t.span.end: i for i, t in enumerate(tokens)}
    people = _person_words(ann)
    actors = SpanIndex(a for a in ann.actors if a.actor.resolved and not a.person)
    pairs = _pairs(mentions, ann.article.text)
    sentence_starts = frozenset(s.span.start for s in ann.sentences)
    defined = defined_abbreviations(ann.article.text, gz)
    out: list[str | None] = []
    for k, m in enumerate(mentions):
        first, last = starts.get(m.span.start), ends.get(m.span.end)
        if m.role in ("dateline", "demonym") or first is None or last is None:
            out.append(None)
            continue
        context = _place_context(tokens, first, last, k in pairs, PLACE_CONTEXT)
        # a country's name in a person's name ("Jordan") needs a title or kinship word right before it
        named_person = m.text in people and not _country(gz, m.text)
        office = _with_office(tokens, first, last) and not _polity(gz, m.text)  # "Turkey, a NATO member" stays
        if (named_person or _after_person_word(tokens, first) or office) and not context:
            out.append("person")
        elif _title(tokens, first, last):
            out.append("person")  # "Miss Abdhou": a title, however a gazetteer abbreviates a state
        elif _short_abbreviation(m, gz) or m.text in defined:
            out.append("abbreviation")
        elif m.text.rstrip(".").lower() in CALENDAR_WORDS or _before_number(tokens, last, sentence_starts):
            out.append("date")  # "Since Jan. 1": a date's word, however a gazetteer spells towns
        elif (m.source == "ner" and " " not in m.text and not gz.lookup(m.text, fuzzy=False)
              and not _place_context(tokens, first, last, k in pairs, PLACE_PREPOSITIONS)):
            out.append("unknown")
        elif any(a.span == m.span and a.actor.sector != "GOV" for a in actors.near(m.span)) and not _polity(gz, m.text):
            out.append("actor")  # a group's or a firm's whole name; a state's ("Gaza City") stays
        else:
            out.append(None)
    return out


def places_in_context(ann: AnnotatedArticle, mentions: list[Mention], gz: Gazetteer) -> list[Mention]:
    """The mentions that name places here (see module docstring), in the same order."""
    actors = SpanIndex(a for a in ann.actors if a.actor.resolved and not a.person)
    out: list[Mention] = []
    for m, reason in zip(mentions, not_a_place(ann, mentions, gz), strict=True):
        if reason is not None:
            continue
        inside = [a for a in actors.near(m.span) if _covers(a.span, m.span) and a.span != m.span]
        if any(a.span == m.span and a.actor.sector != "GOV" for a in actors.near(m.span)) and m.role == "place":
            m = replace(m, role="metonym")  # a union or bloc named as an actor ("the EU")
        elif inside and m.role in ("place", "region"):
            m = replace(m, role="name")
        out.append(m)
    return out


def _covers(outer: Span, inner: Span) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end
