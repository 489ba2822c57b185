"""Code tables for the ACLED and UCDP GED profiles: actor kinds, precisions, regions, country codes.

ACLED's codebook: inter codes 1 state forces, 2 rebel groups, 3 political militias, 4 identity
militias, 5 rioters, 6 protesters, 7 civilians, 8 external/other forces (a state's forces outside
their country count as 8); interaction = the two codes, lower first (10 x the code with no second
actor); time_precision 1 day, 2 within a week, 3 a month or more; geo_precision 1 the place, 2 near
it, 3 only the region. UCDP GED: date_prec 1 day .. 5 year; type_of_violence 1 state-based,
2 non-state, 3 one-sided; where_prec kept as stored (spillwatch uses its scale).
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY", "JUD", "LEG", "SEC", "MIL/GOV"})
REBEL_SECTORS = frozenset({"REB", "INS"})
MILITIA_SECTORS = frozenset({"PMG", "UAF"})
CIVILIAN_SECTORS = frozenset({"CVL", "REF", "EDU", "MED", "HLH", "JRN", "LAB", "BUS", "AGR", "REL", "NGO"})
INTERNATIONAL = frozenset({"IGO", "UNO", "EUR", "NGO", "MNC", "IMG"})
DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
ACLED_GEO_PRECISION = {1: 1, 2: 2, 3: 2, 4: 3, 5: 2, 6: 3, 7: 3}  # from where_prec (see importers/acled.py)
UCDP_DATE_PREC = {"day": 1, "range": 2, "week": 3, "month": 4, "year": 5}
# UN M49 sub-regions -> ACLED's regions (ACLED counts Iran in the Middle East and the Caucasus apart).
_ACLED_REGION = {
    "Western Asia": "Middle East", "Southern Asia": "South Asia", "Eastern Asia": "East Asia",
    "South-eastern Asia": "Southeast Asia", "Central Asia": "Caucasus and Central Asia",
    "Northern Africa": "Northern Africa", "Western Africa": "Western Africa", "Middle Africa": "Middle Africa",
    "Eastern Africa": "Eastern Africa", "Southern Africa": "Southern Africa", "Northern Europe": "Europe",
    "Western Europe": "Europe", "Southern Europe": "Europe", "Eastern Europe": "Europe",
    "Northern America": "North America", "Central America": "Central America",
    "South America": "South America", "Caribbean": "Caribbean", "Australia and New Zealand": "Oceania",
    "Melanesia": "Oceania", "Micronesia": "Oceania", "Polynesia": "Oceania",
}
_CAUCASUS = frozenset({"ARM", "AZE", "GEO"})
_UCDP_REGION = {"Middle East": "Middle East", "Caucasus and Central Asia": "Asia", "Europe": "Europe"}


def inter_code(actor: dict[str, Any] | None, event_country: str | None) -> int:
    """ACLED inter code of one actor ({"sector", "country"}), 0 when there is no actor."""
    if actor is None:
        return 0
    sector, country = actor.get("sector"), actor.get("country")
    if sector in STATE_SECTORS:
        return 8 if country and event_country and country != event_country else 1
    if sector in REBEL_SECTORS or country == "IMG":
        return 2
    if sector in MILITIA_SECTORS:
        return 3
    if sector in CIVILIAN_SECTORS:
        return 7
    if country in INTERNATIONAL:
        return 8
    return 3  # a named actor of unknown kind: ACLED codes an unidentified armed group as a militia


# ACLED's event types of violence by a side that can single out civilians (a battle is two armed sides)
CIVILIAN_TARGET_TYPES = ("Violence against civilians", "Explosions/Remote violence", "Riots")


def civilian_targeting(acled_type: str | None, inter2: int) -> bool:
    """ACLED's ``civilian_targeting`` flag: violence against civilians, or a remote attack or a riot
    whose second side is civilians (inter code 7; a shelling that hits civilians is Explosions/Remote
    violence with this flag)."""
    if acled_type not in CIVILIAN_TARGET_TYPES:
        return False
    return acled_type == "Violence against civilians" or inter2 == 7


def interaction(inter1: int, inter2: int) -> int:
    if inter2 == 0:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def time_precision(precision: str | None, start: date | None, end: date | None, source: str | None = None) -> int:
    """ACLED's 1 (the day), 2 (within a week), 3 (a month or more). A day taken from the report's own
    date (``source`` "reported": the source names no day for the event) is at best 2, as ACLED codes
    a day the source leaves unsaid."""
    if precision == "day":
        return 2 if source == "reported" else 1
    if precision == "week" or (precision == "range" and start and end and (end - start).days <= 7):
        return 2
    return 3


@cache
def country_info(iso3: str | None) -> tuple[int | None, str | None, str | None]:
    """ISO 3166 numeric code, short name and ACLED region of an ISO3 code (None for unknown codes)."""
    if not iso3:
        return None, None, None
    import pycountry

    found = pycountry.countries.get(alpha_3=iso3)
    if found is None:
        return None, None, None
    return int(found.numeric), _short_name(iso3) or found.name, _region(iso3)


@cache
def _converter() -> Any:
    import country_converter

    return country_converter.CountryConverter()


def _short_name(iso3: str) -> str | None:
    name = _converter().convert(iso3, src="ISO3", to="name_short", not_found=None)
    return name if isinstance(name, str) else None


def _region(iso3: str) -> str | None:
    if iso3 in _CAUCASUS:
        return "Caucasus and Central Asia"
    if iso3 == "IRN":
        return "Middle East"
    sub = _converter().convert(iso3, src="ISO3", to="UNregion", not_found=None)
    return _ACLED_REGION.get(sub) if isinstance(sub, str) else None


def ucdp_region(acled_region: str | None) -> str | None:
    """UCDP's five regions (Africa, Americas, Asia, Europe, Middle East) from an ACLED region."""
    if acled_region is None:
        return None
    if acled_region in _UCDP_REGION:
        return _UCDP_REGION[acled_region]
    if "Africa" in acled_region:
        return "Africa"
    if "America" in acled_region or acled_region == "Caribbean":
        return "Americas"
    return "Asia"
