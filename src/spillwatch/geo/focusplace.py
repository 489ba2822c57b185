"""The article's focus as a place: input an AnnotatedArticle with resolved places, output one
``Place`` with role ``article-focus`` (or None), for events that name no place of their own.

Votes per resolved mention: a literal place (roles place, region) 1; the dateline 1.5 (where the
story was filed, usually but not always where it happened); a metonym 0.5 (a government acts from
home); a demonym 0 (a nationality is not a scene, and never an event's place). The country with
most votes is the focus (of two with as many, the one the article names first: news names the
scene first, and a comparison with another attack later), at precision 6; when one ADM1 unit holds
most (over half) of that country's literal places with a unit (the dateline and metonyms aside:
"Beirut said" is a government, not a scene; the first such place counts twice, as news names the
scene first), the focus is that unit, at precision 4.
The place points at the first words of the article that name the chosen country or unit, and its
point is the country's (or unit's) gazetteer point. Declines: no resolved country, no focus.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace

from spillwatch.geo import adm1
from spillwatch.geo.gazetteer import Gazetteer, open_gazetteer
from spillwatch.records import AnnotatedArticle, Place

ROLE_VOTES = {"place": 1.0, "region": 1.0, "dateline": 1.5, "metonym": 0.5}
UNIT_SHARE = 1 / 2  # a majority of the country's places with a unit
LEAD_VOTE = 2  # the first place inside the country counts twice (news puts the scene first)
COUNTRY_PRECISION = 6
UNIT_PRECISION = 4


def _unit(places: list[Place], iso2: str) -> str | None:
    units: Counter[str] = Counter()
    for p in places:
        if p.country_iso2 == iso2 and p.adm1_code and p.role in ("place", "region"):
            units[p.adm1_code] += LEAD_VOTE if not units else 1  # the lead names the scene
    if not units:
        return None
    code, n = units.most_common(1)[0]
    return code if n / sum(units.values()) > UNIT_SHARE else None


def article_focus(ann: AnnotatedArticle, gazetteer: Gazetteer | None = None) -> Place | None:
    """The article's focus place (see module docstring), or None."""
    votes: dict[str, float] = defaultdict(float)
    for p in ann.places:
        if p.country_iso2:
            votes[p.country_iso2] += ROLE_VOTES.get(p.role, 0.0)
    votes = {k: v for k, v in votes.items() if v > 0}
    if not votes:
        return None
    first_named: dict[str | None, int] = {}
    for p in ann.places:
        first_named.setdefault(p.country_iso2, p.span.start)
    iso2 = min(votes, key=lambda k: (-votes[k], first_named[k]))  # a tie: the country named first
    named = [p for p in ann.places if p.country_iso2 == iso2 and p.role in ROLE_VOTES]
    unit = _unit(named, iso2)
    first = next(p for p in named if unit is None or p.adm1_code == unit)
    gz = gazetteer or open_gazetteer()
    if unit is not None:
        entry = next((c for c in gz.adm1_units(iso2) if adm1.from_geonames(f"{iso2}.{c.adm1}") == unit), None)
        if entry is not None:
            return replace(first, role="article-focus", geonameid=entry.geonameid, name=entry.name,
                           feature_class=entry.feature_class, feature_code=entry.feature_code, adm1_code=unit,
                           adm1_name=entry.name, lat=entry.lat, lon=entry.lon, precision=UNIT_PRECISION)
    country = gz.country(iso2)
    if country is None:
        return None
    return replace(first, role="article-focus", geonameid=country.geonameid, name=country.name,
                   feature_class=country.feature_class, feature_code=country.feature_code, country_iso2=iso2,
                   country_iso3=gz.iso3(iso2), adm1_code=None, adm1_name=None, lat=country.lat, lon=country.lon,
                   precision=COUNTRY_PRECISION)
