"""Event place: input an AnnotatedArticle with places and the coded EventMentions, output the
mentions with ``place`` set to where each event happened, with its precision code.

The place is the literal place or place phrase of the event's sentence (``geo/eventcands.py``)
that the fitted scorer (``geo/attach.py``) ranks first above its threshold: the place phrases of
the event's own clause, ``EventMention.clause.places``, the dependency path to the trigger, and
the coder's rank of the place among the mention's place arguments (a cue, not the answer: the
coder's first place was another clause's often enough to cost 0.12 token F1 on the event-location
tune part); a place in a statement's frame is left out ("officials in X said the raid killed
dozens" is not in X). When the scorer declines them all, a place in the event noun's possessive
("Hong Kong's street battles") still is its own. Without a parse of the trigger, the first
recognised place inside a place argument (or ``place_text`` found in the sentence) is taken.
Of an "X, Y" pair (town, country) the finer one wins. The other places of a list the event's place
stands in ("struck Baghdad, Mosul and Kirkuk") are the event's places too: ``Argument``s with role
"also-place" (a container, "Qayara, Iraq", is no list, but items the parse conjoins are one:
"the Golan Heights, Gaza Strip and Sinai"; names it conjoins with the place count whatever the NER
calls them: "Dikwa, Kala-Balge and Konduga").
For aid and cooperation (AID, COOPERATE, SUPPORT, CONSULT, AGREE) with no literal place, the
country of a recipient named by nationality after the trigger ("provided trucks to a Jordanian
unit") stands in, at country precision and with role "demonym" so that it shows.
An unresolved place keeps its text and takes the country that qualifies it in its sentence
("the Lebanese border village of Qaa"), at country precision.
An event with no place of its own takes the article's focus (``geo/focusplace.py``): role
``article-focus``, precision 6 (country) or 4 (an ADM1 unit that holds most of the article's
places in that country), pointing at the first words that name it.
``place_text`` becomes the words of the place chosen (the coder's guess before), None for the
article's focus: the stored row never names one place and points at another.
Declines: the dateline, metonyms ("Ankara said": a government) and, for every other type,
demonyms ("Jordanian victims": a home country, not a scene) are never an event's own place; an
article that names no country leaves ``place`` None. An unresolved place of the event's own keeps
its words and takes the article focus's country and unit.
"""

from __future__ import annotations

from dataclasses import replace

from spillwatch.geo.attach import attached, head_of, load_fitted, not_the_events, span_steps
from spillwatch.geo.eventcands import Doc, argument_spans, candidates, coder_hints, named_by_nouns
from spillwatch.geo.focusplace import article_focus
from spillwatch.geo.gazetteer import Gazetteer
from spillwatch.geo.lexicon import DIRECTIONS
from spillwatch.geo.placephrases import name_range
from spillwatch.records import AnnotatedArticle, Argument, EventMention, Place, Span
from spillwatch.settings import Settings
from spillwatch.spanindex import SpanIndex

COUNTRY_PRECISION = 6
UNIT_PRECISION = 4
PHRASE_STEPS = 3
RECIPIENT_COUNTRY_TYPES = frozenset({"AID", "COOPERATE", "SUPPORT", "CONSULT", "AGREE"})


def _inside(span: Span, outer: Span) -> bool:
    return outer.start <= span.start and span.end <= outer.end


def _finer(places: list[Place], chosen: Place, text: str, doc: Doc | None = None,
           named: tuple[Span, ...] = ()) -> Place:
    """If ``chosen`` is the container in "X, Y" or "X in Y", return X (the finer place) instead; likewise a
    finer place of the same country in the same phrase ("Turkey's capital Ankara", "into Syria at
    Jarablus": at most PHRASE_STEPS dependency steps apart), the nearer first. A name a place noun
    governs (``named``: "the Huriyah neighborhood of Baghdad", "Shawa village in Damboa") is finer
    than a town or a district too, in the same phrase."""
    def finer(p: Place) -> bool:
        if p.geonameid is None and p.country_iso2 is None:  # a place noun's unresolved name (``_named``)
            town = p.span in named and chosen.geonameid is not None
            return p.span != chosen.span and ((chosen.precision or 0) >= UNIT_PRECISION or town)
        same_country = p.country_iso2 is not None and p.country_iso2 == chosen.country_iso2
        return p is not chosen and same_country and (p.precision or 9) < (chosen.precision or 9)

    for p in places:
        gap = text[p.span.end : chosen.span.start]
        if p.span.end <= chosen.span.start and _contained_by(gap) and finer(p):
            return p
    if doc is None or ((chosen.precision or 0) < UNIT_PRECISION and not named):
        return chosen
    pool = places if (chosen.precision or 0) >= UNIT_PRECISION else [p for p in places if p.span in named]
    near = [(steps, p) for p in pool if finer(p)
            and (steps := span_steps(doc.ann.tokens, doc.index, p.span, chosen.span)) is not None
            and steps <= PHRASE_STEPS]
    return min(near, key=lambda t: (t[0], t[1].span.start))[1] if near else chosen


def _contained_by(gap: str) -> bool:
    """The words between two places say the first lies in the second: "X, Y", "X in Y", "X in
    north Y" ("Bir al-Abed in north Sinai")."""
    words = gap.strip().lower().split()
    return gap.strip() == "," or (bool(words) and words[0] == "in" and all(w in DIRECTIONS for w in words[1:]))


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


def _argued_place(m: EventMention, doc: Doc) -> Place | None:
    """The first of the mention's place arguments that holds a literal place (or lies in one)."""
    ann, literal, text = doc.ann, doc.literal, doc.ann.article.text
    for arg in argument_spans(m, text):
        inside = [p for p in literal.near(arg) if (_inside(p.span, arg) or _inside(arg, p.span))
                  and not not_the_events(ann.tokens, doc.index, m.trigger, p.span, p.precision)]
        if inside:
            chosen = _finer(inside, min(inside, key=lambda p: (p.precision or 9, p.span.start)), text)
            return _qualified(_finer(literal.inside(m.sentence), chosen, text, doc), m, literal, doc.demonyms)
    return None


def _possessor(doc: Doc, m: EventMention, pool: list[tuple[Span, Place, int | None]]) -> Place | None:
    """A literal place in the possessive of the event noun itself ("Hong Kong's street battles"):
    whose scene it is, once ``geo/roles.py`` kept it a place rather than a government ("Russia's
    request" is a metonym and no candidate). The fitted scorer has too few nominal triggers to
    weigh this tie (the coder's first place before, it scores below its threshold); when it
    declines every place, this tie still holds."""
    trig = doc.index.get(m.trigger.start)
    tokens = doc.ann.tokens
    for span, place, _ in pool:
        words = doc.tokens_in(span)
        if place.geonameid is None or trig is None or not words:
            continue
        head = head_of(tokens, words.start, words.stop)
        if tokens[head].dep == "poss" and tokens[head].head == trig:
            return place
    return None


def _best_place(m: EventMention, doc: Doc) -> Place | None:
    ann, literal, demonyms = doc.ann, doc.literal, doc.demonyms
    text = ann.article.text
    if doc.index.get(m.trigger.start) is None:  # no parse to weigh the places by: the arguments as given
        argued = _argued_place(m, doc)
        if argued is not None:
            return argued
    clause = m.clause.places if m.clause is not None else ()
    pool = candidates(doc, m)
    ranked = attached(ann.tokens, doc.index, m.trigger, pool, load_fitted(), clause, coder_hints(m, text, pool))
    if not ranked:
        return _possessor(doc, m, pool) or _recipient_country(m, demonyms)
    named = _named(doc, m)
    chosen = _finer(literal.inside(m.sentence) + named, ranked[0], text, doc, tuple(p.span for p in named))
    return _qualified(chosen, m, literal, demonyms)


def _named(doc: Doc, m: EventMention) -> list[Place]:
    """Unresolved places a place noun names in the event's sentence ("Tell Hamdun village in Nineveh
    province"): finer than any unit or country they stand with."""
    text = doc.ann.article.text
    return [Place(span=s, text=text[s.start : s.end]) for s in named_by_nouns(doc, m.sentence, [])]


def _in_focus(place: Place, focus: Place | None) -> Place:
    """An unresolved place of the event's own keeps its words and takes the article's country and
    unit (at the focus's precision): "at the Heart Hospital" in a story about Deir ez-Zor."""
    if focus is None:
        return place
    return replace(place, country_iso2=focus.country_iso2, country_iso3=focus.country_iso3,
                   adm1_code=focus.adm1_code, adm1_name=focus.adm1_name, lat=focus.lat, lon=focus.lon,
                   precision=focus.precision)


def place_events(
    ann: AnnotatedArticle, mentions: tuple[EventMention, ...], settings: Settings | None = None,
    *, gazetteer: Gazetteer | None = None,
) -> tuple[EventMention, ...]:
    """Set ``EventMention.place`` on each mention (see module docstring)."""
    doc = Doc.of(ann)
    out: list[EventMention] = []
    focus: list[Place | None] = []  # computed once, when the first event without a place needs it
    for m in mentions:
        place = _best_place(m, doc)
        listed = _listed(place, doc, m) if place is not None else []
        if place is None or place.country_iso2 is None:
            if not focus:
                focus.append(article_focus(ann, gazetteer))
            home = _recipients_country(m, ann, focus[0]) if place is None else None
            place = home or (focus[0] if place is None else _in_focus(place, focus[0]))
        also = tuple(Argument("also-place", p.span, p.text) for p in listed)
        own = place.text if place is not None and place.role != "article-focus" else None
        out.append(replace(m, place=place, place_text=own, arguments=m.arguments + also))
    return tuple(out)


LIST_GAPS = frozenset((",", "and", "or", ", and", ", or", "&"))


def _listed(place: Place, doc: Doc, m: EventMention) -> list[Place]:
    """The other places of a list the event's place stands in ("shelled Jobar, Harasta and Arbin",
    "between Areza and Maidema"): joined to it by commas and one "and" or "or", never a container
    ("Tal Afar, Nineveh": a place in a unit or a country is one place, not two)."""
    text = doc.ann.article.text
    found = {p.span: p for _, p, _ in candidates(doc, m)}
    for span in _conjunct_names(doc, m, place, list(found)):
        found[span] = Place(span=span, text=text[span.start : span.end])
    pool = sorted(found.values(), key=lambda p: p.span.start)
    at = next((k for k, p in enumerate(pool) if p.span == place.span), None)
    if at is None:
        return []
    chain, joined = [at], False
    for step in (-1, 1):
        k = at
        while 0 <= k + step < len(pool):
            a, b = (pool[k + step], pool[k]) if step < 0 else (pool[k], pool[k + step])
            gap = " ".join(text[a.span.end : b.span.start].split()).lower()
            if gap not in LIST_GAPS or (gap == "," and _holds(b, a) and not _conjoined(doc, a, b)):
                break
            joined = joined or gap != ","
            k += step
            chain.append(k)
    return [pool[k] for k in sorted(chain) if k != at] if joined else []


def _conjunct_names(doc: Doc, m: EventMention, place: Place, known: list[Span]) -> list[Span]:
    """Proper names the parse conjoins with the event's place ("in Dikwa, Kala-Balge and Konduga"),
    whatever the NER and the gazetteer make of them (the small model tags "Kala-Balge" ORG), none
    over a known candidate, a resolved actor or a person: the names of one list are places alike."""
    tokens = doc.ann.tokens
    words = doc.tokens_in(place.span)
    if not words:
        return []
    top = head_of(tokens, words.start, words.stop)
    while tokens[top].dep == "conj" and tokens[top].head != top:
        top = tokens[top].head
    cluster, todo = {top}, [top]
    while todo:
        i = todo.pop()
        for j in doc.tokens_in(m.sentence):
            if tokens[j].dep == "conj" and tokens[j].head == i and j not in cluster:
                cluster.add(j)
                todo.append(j)
    people = [e.span for e in doc.entities.inside(m.sentence) if e.label == "PERSON"]
    taken = known + doc.named.near(m.sentence) + people  # an unresolved actor's name may be a village's
    out: list[Span] = []
    sentence = doc.tokens_in(m.sentence)
    for i in sorted(cluster):
        if i in words or tokens[i].pos != "PROPN" or not tokens[i].text[:1].isupper():
            continue
        lo, hi = name_range(tokens, i, sentence)
        span = Span(tokens[lo].span.start, tokens[hi - 1].span.end)
        if not any(t.start < span.end and span.start < t.end for t in taken):
            out.append(span)
    return out


def _conjoined(doc: Doc, first: Place, second: Place) -> bool:
    """The parse reads ``second`` as a conjunct of ``first`` ("the Golan Heights, Gaza Strip and
    Sinai"): a list, whatever their sizes say, never "X, Y" as a place in its container."""
    tokens = doc.ann.tokens
    a, b = doc.tokens_in(first.span), doc.tokens_in(second.span)
    if not a or not b:
        return False
    head = head_of(tokens, b.start, b.stop)
    return tokens[head].dep == "conj" and tokens[head].head in a


def _holds(outer: Place, inner: Place) -> bool:
    """"X, Y" where Y is a unit or country holding X ("Tal Afar, Nineveh"; "Qaa, Lebanon", Qaa
    unresolved): a container, not a list ("Aleppo, Hama and Homs": Aleppo is not in Hama)."""
    if outer.country_iso2 is None or (outer.precision or 0) < UNIT_PRECISION:
        return False
    if inner.country_iso2 is None:
        return True
    if inner.country_iso2 != outer.country_iso2 or (inner.precision or 9) >= (outer.precision or 9):
        return False
    return outer.precision != UNIT_PRECISION or inner.adm1_code == outer.adm1_code


# acts whose place, when the sentence names none, is where the help goes, not where the story is
RECIPIENT_PLACED = ("AID", "SUPPORT")


def _recipients_country(m: EventMention, ann: AnnotatedArticle, focus: Place | None) -> Place | None:
    """Aid or support with no place of its own goes to its recipients' country, when the article's
    focus lies elsewhere ("$1 million toward a Lebanese border regiment" in a story about Mosul is in
    Lebanon, not in Nineveh): the article's own mention of that country, at country precision."""
    homes = {a.country for a in m.targets if a.country}
    if m.type not in RECIPIENT_PLACED or not homes or (focus is not None and focus.country_iso3 in homes):
        return None
    named = (p for p in ann.places if p.role in ("place", "metonym") and p.country_iso3 in homes
             and p.feature_code in ("PCLI", "PCLS", "PCLD", "PCLF", "PCLIX"))  # "Canada helps Lebanon": a metonym
    found = next(named, None)
    return replace(found, role="place") if found is not None else None
