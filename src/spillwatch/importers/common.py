"""Shared parts of the event-file importers: CSV rows with numbers, countries, actor names.

Input: a CSV file (plain or .gz) and the packaged actor table (src/spillwatch/data/actors.json).
Output: numbered rows (1 = first data row after the header), ISO3 codes for country names or
ISO numeric codes, and ``records.Actor`` values for the group names hand-coded data sets use.
Declines: a file that cannot be opened or has no header raises ``SourceError``; a value that
cannot be parsed raises ``ImportRowError`` for the importer to turn into ``Quarantined``.

Actor names resolve, in order: an exact alias of the actor table (acronyms case-sensitive,
other aliases case-insensitive, a trailing "(Country)" or "(2000-)" qualifier dropped);
"Government of X" -> X_GOV, "Military Forces of X" -> X_MIL, "Police Forces of X" -> X_COP
(X an ISO3 code); anything else is kept by name, ``resolved=False``, id ``unresolved:<slug>``.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
from collections.abc import Iterator
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import IO

import pycountry

from spillwatch.errors import ImportRowError, SourceError
from spillwatch.records import Actor, Quarantined

_QUALIFIER = re.compile(r"\s*\((?:[^()]*)\)\s*$")
_STATE = re.compile(r"^(Government|Military Forces|Police Forces) of (.+)$", re.IGNORECASE)
_STATE_SECTOR = {"government": "GOV", "military forces": "MIL", "police forces": "COP"}
_COUNTRY_ALIASES = {
    "dr congo": "COD",
    "democratic republic of congo": "COD",
    "republic of congo": "COG",
    "ivory coast": "CIV",
    "russia": "RUS",
    "syria": "SYR",
    "iran": "IRN",
    "turkey": "TUR",
    "palestine": "PSE",
    "kosovo": "XKX",
    "bosnia-herzegovina": "BIH",
    "cambodia (kampuchea)": "KHM",
    "myanmar (burma)": "MMR",
    "yemen (north yemen)": "YEM",
    "russia (soviet union)": "RUS",
    "serbia (yugoslavia)": "SRB",
    "zimbabwe (rhodesia)": "ZWE",
    "dr congo (zaire)": "COD",
    "madagascar (malagasy)": "MDG",
}


def open_text(path: str | Path) -> IO[str]:
    """Open a CSV as text (gzip by suffix), translating OSError to SourceError."""
    p = Path(path)
    try:
        if p.suffix == ".gz":
            return io.TextIOWrapper(gzip.open(p, "rb"), encoding="utf-8-sig", newline="")
        return p.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise SourceError(str(path), f"cannot open: {exc}") from exc


def numbered_rows(path: str | Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """(row number, row) for each data row; raises SourceError if a required column is missing."""
    with open_text(path) as handle:
        reader = csv.DictReader(handle)
        try:
            header = reader.fieldnames or []
        except (csv.Error, OSError, EOFError, UnicodeDecodeError) as exc:
            raise SourceError(str(path), f"unreadable header: {exc}") from exc
        missing = [c for c in required if c not in header]
        if missing:
            raise SourceError(str(path), f"not this format: missing columns {missing}", reason="wrong-format")
        n = 0
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except (csv.Error, OSError, EOFError, UnicodeDecodeError) as exc:
                raise SourceError(f"{path}#row{n + 1}", f"file unreadable from here: {exc}") from exc
            n += 1
            yield n, row


def quarantine(path: str | Path, row: int, stage: str, exc: ImportRowError) -> Quarantined:
    return Quarantined(f"{path}#row{row}", exc.reason, stage, detail=exc.message)


def field(row: dict[str, str], name: str, source: str) -> str:
    value = (row.get(name) or "").strip()
    if not value:
        raise ImportRowError(source, f"empty {name}")
    return value


def opt_float(row: dict[str, str], name: str, source: str) -> float | None:
    raw = (row.get(name) or "").strip()
    if not raw or raw.upper() == "NA":
        return None
    try:
        return float(raw)
    except ValueError:
        raise ImportRowError(source, f"{name} is not a number: {raw!r}") from None


def iso_date(raw: str, name: str, source: str) -> date:
    try:
        return date.fromisoformat(raw.strip()[:10])
    except ValueError:
        raise ImportRowError(source, f"{name} is not a date: {raw!r}") from None


@cache
def country_iso3(name_or_code: str) -> str | None:
    """ISO3 for a country name ("Syria"), an ISO numeric code ("760") or an ISO3 code."""
    text = name_or_code.strip()
    if not text:
        return None
    if text.lower() in _COUNTRY_ALIASES:
        return _COUNTRY_ALIASES[text.lower()]
    if text.isdigit():
        found = pycountry.countries.get(numeric=text.zfill(3))
        return found.alpha_3 if found else None
    try:
        return str(pycountry.countries.lookup(_QUALIFIER.sub("", text)).alpha_3)
    except LookupError:
        return None


@cache
def _alias_table() -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]]]:
    """(case-sensitive acronym aliases, lower-cased other aliases) -> actor row."""
    data = json.loads(resources.files("spillwatch").joinpath("data/actors.json").read_text("utf-8"))
    exact: dict[str, dict[str, str]] = {}
    folded: dict[str, dict[str, str]] = {}
    for row in data["actors"]:
        for alias in [row["name"], *row.get("aliases", [])]:
            if alias.isupper() and len(alias) <= 6:
                exact.setdefault(alias, row)
            else:
                folded.setdefault(" ".join(alias.lower().split()), row)
    return exact, folded


def _from_table(name: str) -> Actor | None:
    exact, folded = _alias_table()
    row = exact.get(name) or folded.get(" ".join(name.lower().split()))
    if row is None:
        return None
    return Actor(row["id"], row["name"], row.get("country"), row.get("sector"))


def _state(name: str) -> Actor | None:
    found = _STATE.match(name)
    if not found:
        return None
    iso3 = country_iso3(_QUALIFIER.sub("", found.group(2)))
    if iso3 is None:
        return None
    sector = _STATE_SECTOR[found.group(1).lower()]
    return Actor(f"{iso3}_{sector}", name, iso3, sector)


@cache
def resolve_actor(name: str, sector: str | None = None, country: str | None = None) -> Actor:
    """Canonical actor for a data set's group name (see module docstring); never fails."""
    clean = name.strip()
    bare = _QUALIFIER.sub("", clean) or clean
    actor = _from_table(clean) or _from_table(bare) or _state(clean)
    if actor is not None:
        return actor
    slug = re.sub(r"[^a-z0-9]+", "-", clean.lower()).strip("-") or "unnamed"
    return Actor(f"unresolved:{slug}", clean, country, sector, resolved=False)
