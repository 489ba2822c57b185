"""Pairwise evidence that two event mentions report the same real-world event.

Input: two ``records.EventMention`` values (type, modes, actors, place, date).
Output: ``pair_score`` in [0, 1], or ``None`` when a hard blocking rule says they cannot be one
event; the keys that find candidate pairs are ``dedup/blocking.py``'s. Mentions with no date (and
no publication day), a year-precision date or no country are not ``pairable`` here: they meet
others through ``blocking.open_keys`` and are scored by ``dedup.fitted``;
``contradicts`` says when two reports can never be one event. Quantities never split reports,
since reports of one event disagree on numbers (5 killed vs 7 killed); an identical killed
count is evidence that joins them (``Features.tolls``, ``pairs.same_toll``).

Hard blocks (``None``): different country; both name specific, resolved actors and none is
shared (state actors compare by country, so SYR_MIL and SYR_GOV are one side; unidentified
"UNK_*" and unresolved names never veto); different type family (``TYPE_FAMILY``); dates
further apart than the window (``DATE_WINDOW_DAYS`` for day precision, wider for coarse
precision); two located points further apart than the sum of their uncertainty radii
(``RADIUS_KM`` by where_prec-like precision); two different ADM1 units when either side has no
point to measure.

Score (weights ``WEIGHTS``, sum 1): date 0.35 (0.5 ** days between the two date ranges: 1 for
overlapping dates, 0.5 one day apart, 0.25 two days), place 0.30 (points: 1 minus half the
distance over the allowed radius; same ADM1 only: 0.6; a country-level place (precision 5 or coarser,
or a PCL feature) with any place of that country, itself included: ``COUNTRY_PLACE`` 0.4, since "Qaa" read
only as Lebanon may be the Baalbek-Hermel town another report names; ``NAMED_PLACE`` 0.8 when its sentence
names the other's place, "Beirut" beside an unresolved "Burj al-Barajneh"), actors 0.20
(0.5 when either side names no actor, else 0.5 + 0.5 x Jaccard of the actor-id sets, 0 when
the sets are disjoint), type 0.15 (same type with a shared or missing mode 1.0, same type with
disjoint modes 0.7, same family 0.4). ``THRESHOLD`` (0.78) is the average-link merge level.
The steep date term follows the coding rule of hand-coded data sets (ACLED: one event per day,
location and actor pair): with the same point, actors and type, reports one day apart merge
(0.825) and two days apart do not (0.7375); with only the ADM1 in common, or no actor named,
only same-day reports merge. The window still bounds which pairs are compared at all.

An undated mention may be given its article's publication day: it is then dated
[publication - ``ESTIMATE_DAYS``, publication] and its date term counts half
(``ESTIMATE_FACTOR``), so it merges only on the same point with the same actors and type
(0.825), never on ADM1 or country alone.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

from spillwatch.records import Actor, DateMention, EventMention, Place, Span

WEIGHTS = {"date": 0.35, "place": 0.30, "actors": 0.20, "type": 0.15}
THRESHOLD = 0.78
# What a pair counts in average-link (``cluster``) when the scorers decline it with no contradiction:
# unknown, below the merge level. Chosen on ECB+ topics 1-22 with the shipped pair model (cross-document
# CoNLL F1 0 and 0.5: 70.9, 0.6: 71.7, 0.7: 72.6; refitted with issue 25's second round of open-pair
# rules, 0.7: 76.4, 0.75: 77.6); the sample corpus's news B-cubed is the same at 0.7 and 0.75 (0.891)
# and falls at 0.78 (precision 0.943 -> 0.922).
UNKNOWN_PAIR = 0.75
DATE_WINDOW_DAYS = 3
# Extra window for coarse dates, in days (a "month" date already spans its month).
COARSE_SLACK = {"day": 0, "range": 1, "week": 4, "month": 0}
# Uncertainty radius in km by place precision (UCDP where_prec: 1 exact, 2 within 25 km, 3 ADM2).
RADIUS_KM = {1: 10.0, 2: 25.0, 3: 50.0}
COUNTRY_PLACE = 0.4  # place term of a country-level place beside any place of its country (``place_score``)
NAMED_PLACE = 0.8  # ... whose sentence names the other report's place
COARSE_PRECISION = 5  # 5: part of a country ("northern Syria"), 6: country, 7: region
TOWN_PRECISION = 3  # a place this precise (or finer) is a shared place ("p:"); coarser ones share a name only
BUCKET_DAYS = 4
CELL_DEGREES = 1.0  # grid cell for located points: 111 km of latitude > the largest allowed distance
ESTIMATE_DAYS = 3  # an undated mention happened within this many days before publication
ESTIMATE_FACTOR = 0.5  # date evidence from publication counts half
REPORTED_SLACK_DAYS = 1  # an article's day as a date: the act happened then or this many days before (``days_apart``)
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "POL", "JUD", "SPY"})
GENERIC_PREFIXES = ("UNK", "unresolved:")

TYPE_FAMILY = {
    "ASSAULT": "violence",
    "FIGHT": "violence",
    "COERCE": "coercion",
    "MOBILIZE": "posture",
    "THREATEN": "posture",
    "PROTEST": "protest",
    "SANCTION": "sanction",
    "DEMAND": "verbal-conflict",
    "DISAPPROVE": "verbal-conflict",
    "ACCUSE": "verbal-conflict",
    "REJECT": "verbal-conflict",
    "AGREE": "cooperation",
    "CONSULT": "cooperation",
    "SUPPORT": "cooperation",
    "CONCEDE": "cooperation",
    "COOPERATE": "cooperation",
    "AID": "aid",
    "RETREAT": "retreat",
}


def family(event_type: str) -> str:
    """Type family used for blocking; an unknown type is its own family."""
    return TYPE_FAMILY.get(event_type, event_type)


@dataclass(frozen=True, slots=True)
class Features:
    """What the score reads from a mention, computed once."""

    id: str
    family: str
    type: str
    modes: frozenset[str]
    actors: frozenset[str]
    known: frozenset[str]  # keys of specific, resolved actors (can veto a pair)
    country: str | None
    adm1: str | None
    lat: float | None
    lon: float | None
    radius: float | None  # km; None when the place is coarser than ADM2 or unlocated
    country_level: bool
    start: date | None
    end: date | None
    slack: int | None  # extra days of window; None = too coarse to pair
    estimated: bool = False  # date taken from the article's publication, not the text
    article: str = ""  # the reporting article: mentions of one article always meet (``same_article_score``)
    reported: bool = False  # dated by the article's day (``DateMention.source`` "reported"), not by its words
    names: frozenset[str] = frozenset()  # named entities of the evidence sentence, specific actors, the place
    lemma: str = ""  # the trigger's word, lower-cased (``open_keys``, ``fitted.vector``)
    named: frozenset[str] = frozenset()  # sources and targets the actor table does not know ("n:jamal williams")
    place_name: str = ""  # the place's own name as a name key ("n:..."): a place, not a specific (``fitted``)
    background: bool = False  # an offset sets it apart from its sentence's news ("seven months after X": X)
    tolls: frozenset[int] = frozenset()  # the killed counts the mention states ("killed 43": 43; ``pairs.same_toll``)


def _adm1_key(place: Place) -> str | None:
    if place.adm1_code:
        return place.adm1_code.strip().upper()
    if place.adm1_name:
        return "name:" + " ".join(place.adm1_name.lower().split())
    return None


def _is_country_level(place: Place) -> bool:
    if place.precision is not None:
        return place.precision >= COARSE_PRECISION
    if place.feature_code and place.feature_code.startswith("PCL"):
        return True
    return place.adm1_code is None and place.adm1_name is None and place.lat is None


def _radius(place: Place) -> float | None:
    if place.lat is None or place.lon is None:
        return None
    if place.precision is None:
        return RADIUS_KM[2] if place.feature_class == "P" else None
    return RADIUS_KM.get(place.precision)


def actor_key(actor: Actor) -> str:
    """State actors compare by country (SYR_MIL and SYR_GOV are one side); others by id."""
    if actor.sector in STATE_SECTORS and actor.country and len(actor.country) == 3:
        return f"state:{actor.country}"
    return actor.id


def _specific(actor: Actor) -> bool:
    return actor.resolved and not actor.id.startswith(GENERIC_PREFIXES)


def features(m: EventMention, published: date | None = None) -> Features:
    """Features of a mention; ``published`` (the article's day) dates an undated mention."""
    p, d, estimated = m.place, m.date, False
    if (d is None or d.start is None) and published is not None:
        earliest = published - timedelta(days=ESTIMATE_DAYS)
        d, estimated = DateMention(Span(0, 0), "", earliest, published, "range"), True
    everyone = (*m.sources, *m.targets)
    actors = frozenset(actor_key(a) for a in everyone)
    start = d.start if d else None
    slack = COARSE_SLACK.get(d.precision) if d else None
    return Features(
        id=m.id,
        family=family(m.type),
        type=m.type,
        modes=frozenset(m.modes),
        actors=actors,
        known=frozenset(actor_key(a) for a in everyone if _specific(a)),
        country=p.country_iso3 if p else None,
        adm1=_adm1_key(p) if p else None,
        lat=p.lat if p else None,
        lon=p.lon if p else None,
        radius=_radius(p) if p else None,
        country_level=_is_country_level(p) if p else True,
        start=start,
        end=(d.end or start) if d else None,
        slack=slack,
        estimated=estimated,
        article=m.article_id,
        reported=d is not None and d.source == "reported",
        names=_names(m, everyone, p),
        lemma=trigger_word(m),
        background=any(a.role == "offset" for a in m.arguments),
        named=frozenset("n:" + name_key(a.name) for a in everyone if not a.resolved and a.name),
        place_name="n:" + name_key(p.name) if p is not None and p.name else "",
        tolls=frozenset(int(q.best) for q in m.quantities if q.kind == "killed" and q.best and q.best >= 1),
    )


def name_key(text: str) -> str:
    """A name as a key: lower case, no leading article, no possessive, single spaces."""
    words = text.lower().replace("\u2019", "'").removesuffix("'s").split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def trigger_word(m: EventMention) -> str:
    """The trigger's word, one stem for its verb and its noun: the parse's lemma when the trigger heads
    its clause, else the text; then a plural "-s" and "-ing" off (the verb "shot" and the nouns "the
    shooting", "shootings" are all "shoot": spaCy lemmatises the noun "shooting" to itself); a violent
    act's "opened" (fire) is "shoot"."""
    if m.clause is not None and m.clause.head == m.trigger and m.clause.head_lemma:
        word = m.clause.head_lemma.lower()
    else:
        word = " ".join(m.trigger_text.lower().split())
    if word.endswith("s") and not word.endswith("ss") and len(word) > 4:
        word = word[:-1]
    word = word[:-3] if word.endswith("ing") and len(word) > 5 else word
    return "shoot" if word in ("open", "opened") and family(m.type) == "violence" else word  # "opened fire"


def _names(m: EventMention, everyone: tuple[Actor, ...], place: Place | None) -> frozenset[str]:
    """Entities of the sentence and the place's name ("n:"), specific actors ("a:"), the place ("p:")."""
    names = {"n:" + name_key(a.text) for a in m.arguments if a.role == "entity"}
    names |= {"a:" + actor_key(a) for a in everyone if _specific(a)}
    if place is not None and not _is_country_level(place):
        if place.geonameid and (place.precision or 9) <= TOWN_PRECISION:
            names.add(f"p:{place.geonameid}")
        if place.name:
            names.add("n:" + name_key(place.name))
    names.discard("n:")
    return frozenset(names)


def pairable(f: Features) -> bool:
    return f.country is not None and f.start is not None and f.slack is not None


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def days_apart(a: Features, b: Features) -> int:
    """Days between two date ranges (0 when they overlap). An article's day (``reported``) says the act
    happened no later than that day: beside a date stated in words, the day before is the same day.
    Two article days stay exact. One day chosen on ECB+ topics 1-22 (CoNLL F1 unchanged; 2-3 days lower it).
    """
    assert a.start and a.end and b.start and b.end
    gap = max(0, (max(a.start, b.start) - min(a.end, b.end)).days)
    if a.reported != b.reported and not (a.estimated or b.estimated):
        said, told = (a.end, b.end) if a.reported else (b.end, a.end)
        if told <= said and (said - told).days <= REPORTED_SLACK_DAYS:
            return 0
    return gap


def date_score(a: Features, b: Features, window: int) -> float | None:
    assert a.start and a.end and b.start and b.end and a.slack is not None and b.slack is not None
    gap = days_apart(a, b)
    allowed = window + max(a.slack, b.slack)
    if gap > allowed:
        return None
    return 0.5**gap * (ESTIMATE_FACTOR if a.estimated or b.estimated else 1.0)


def place_score(a: Features, b: Features) -> float | None:
    """Place term of two places of one country (the caller checks the country), None when they differ."""
    if a.country_level or b.country_level:
        coarse, fine = (a, b) if a.country_level else (b, a)
        if not fine.country_level and fine.place_name and fine.place_name in coarse.names:
            return NAMED_PLACE  # the country-level report's sentence names the other's town ("Beirut")
        return COUNTRY_PLACE  # no finer place to compare: compatible, weak evidence
    if a.radius is not None and b.radius is not None:
        assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
        dist = haversine_km(a.lat, a.lon, b.lat, b.lon)
        allowed = a.radius + b.radius
        return None if dist > allowed else 1.0 - 0.5 * dist / allowed
    if a.adm1 is None or b.adm1 is None or a.adm1 != b.adm1:
        return None
    return 0.6


def actor_score(a: Features, b: Features) -> float:
    if not a.actors or not b.actors:
        return 0.5
    shared = len(a.actors & b.actors)
    return 0.0 if shared == 0 else 0.5 + 0.5 * shared / len(a.actors | b.actors)


def type_score(a: Features, b: Features) -> float:
    if a.type != b.type:
        return 0.4
    if a.modes and b.modes and not a.modes & b.modes:
        return 0.7
    return 1.0


def _weighted(a: Features, b: Features, when: float, where: float) -> float:
    total = (
        WEIGHTS["date"] * when
        + WEIGHTS["place"] * where
        + WEIGHTS["actors"] * actor_score(a, b)
        + WEIGHTS["type"] * type_score(a, b)
    )
    return round(total, 6)


def years_apart(a: Features, b: Features, window: int) -> bool:
    """A side dated only to the year (too coarse to pair) still contradicts a date outside that year."""
    if a.start is None or b.start is None or (a.slack is not None and b.slack is not None):
        return False
    return (max(a.start, b.start) - min(a.end or a.start, b.end or b.start)).days > window


def differs(a: Features, b: Features, window: int) -> bool:
    """Kept apart whatever else is known: type families, known countries, specific actors, years."""
    if a.family != b.family or (a.country and b.country and a.country != b.country):
        return True
    return bool(a.known and b.known and a.known.isdisjoint(b.known)) or years_apart(a, b, window)


def reported_before(a: Features, b: Features, window: int = DATE_WINDOW_DAYS) -> bool:
    """a is dated by its article's day and b by its own words, which put b more than the window (and b's
    coarse slack) after that day: a's article was written before b happened (an Indian navy deployment
    reported in September 2008 is not the one of November 2011)."""
    if not (a.reported and a.end and b.start) or b.reported or b.estimated or b.slack is None:
        return False
    return (b.start - a.end).days > window + b.slack


def contradicts(a: Features, b: Features, window: int = DATE_WINDOW_DAYS) -> bool:
    """Something both sides state differs: two countries, own dates apart, specific actors with none
    shared, two sub-national places too far apart. Such reports are never in one event, whatever
    links each of them to the others (average-link keeps the clusters holding them apart). Dates
    contradict only when both are a report's own (its words, or no date at all but its article's
    day as an estimate): an article's day as a date ("reported") only says when the article was
    written, so a follow-up story's "the murder" dated on its day scores low but stays unknown; but
    an article cannot tell what happened after it was written (``reported_before``)."""
    if a.country and b.country and a.country != b.country:
        return True
    if a.known and b.known and a.known.isdisjoint(b.known):
        return True
    own = not (a.reported or b.reported)  # an article's day is an estimate: it scores, never contradicts
    both_pairable = a.slack is not None and b.slack is not None
    apart = a.start and b.start and (years_apart(a, b, window) or (both_pairable and date_score(a, b, window) is None))
    if (own and apart) or reported_before(a, b, window) or reported_before(b, a, window):
        return True
    sub_national = a.country and b.country and not (a.country_level or b.country_level)
    return bool(sub_national) and place_score(a, b) is None


def same_article_score(a: Features, b: Features, window: int = DATE_WINDOW_DAYS) -> float | None:
    """Two reports of one type family in one article: one happening unless something contradicts it.

    An article tells its story once and comes back to it ("the attack", "the blast", a toll
    sentence) without repeating place and date, so a missing field is unknown, not a mismatch.
    Kept apart (None): two different known countries, two different ADM1s or points too far
    apart, specific actors with none shared, or dates of their own (not the article's day)
    further apart than the window. Otherwise the usual weighted score with every unknown term
    counted as agreement (actors half), so the type and whatever is known still decide. A report an
    offset sets apart from its sentence's news ("the attack comes seven months after bombings in
    Beirut") is another happening than the story's own reports, unless both state dates of their own
    that agree.
    """
    if differs(a, b, window):
        return None
    own_both = not (a.estimated or b.estimated or a.reported or b.reported) and bool(a.start and b.start)
    if a.background != b.background and not own_both:
        return None
    when = 1.0
    if a.start and b.start and a.slack is not None and b.slack is not None:
        found = date_score(a, b, window)
        if found is None:
            return None  # "in June" in a story of January: a background event, not today's news
        own_dates = not (a.estimated or b.estimated or a.reported or b.reported)
        when = found if own_dates else 1.0  # within the window, the article's own day says nothing more
    where = 1.0
    if a.country and b.country and not (a.country_level or b.country_level):
        found = place_score(a, b)
        if found is None:
            return None
        where = max(found, 0.8)  # the same ADM1 in one story is the same place as far as it tells
    return _weighted(a, b, when, where)


def pair_score(a: Features, b: Features, window: int = DATE_WINDOW_DAYS) -> float | None:
    """Weighted evidence in [0, 1] that a and b are one event, or None if blocked."""
    if a.article and a.article == b.article:
        return same_article_score(a, b, window)
    if not (pairable(a) and pairable(b)) or a.country != b.country or a.family != b.family:
        return None
    if a.known and b.known and a.known.isdisjoint(b.known):
        return None
    when = date_score(a, b, window)
    if when is None:
        return None
    where = place_score(a, b)
    if where is None:
        return None
    return _weighted(a, b, when, where)
