"""Shared parts of the event-file importers: CSV rows with numbers, countries, actor names.

Input: a CSV file (plain, .gz, .bz2, .xz or .zst) and the packaged actor table (src/spillwatch/data/actors.json).
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
import io
import itertools
import json
import re
from collections.abc import Callable, Iterator
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import IO, TypeVar

import pycountry

from spillwatch.errors import ImportRowError, SourceError, SpillwatchError
from spillwatch.ingest import compressed
from spillwatch.ingest.compressed import split_suffix
from spillwatch.records import Actor, Quarantined
from spillwatch.settings import Settings

T = TypeVar("T")

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
    """Open a CSV as text (.gz, .bz2, .xz or .zst by suffix), translating OSError to SourceError."""
    p = Path(path)
    codec = split_suffix(p.name)[1]
    if codec is not None:
        stream = compressed.open_stream(p, codec, Settings().max_decompressed_bytes)
        return io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    try:
        return p.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise SourceError(str(path), f"cannot open: {exc}") from exc


# A row the csv module cannot parse (a field over its size limit): the reader goes on after it.
_BAD_ROW = (csv.Error,)
# A stream that cannot be read on: the rest of the file is lost (rows before it are kept).
_BROKEN = (OSError, EOFError, UnicodeDecodeError, SourceError)


def _checked_reader(handle: IO[str], path: str | Path, required: tuple[str, ...]) -> csv.DictReader[str]:
    reader = csv.DictReader(handle)
    try:
        header = reader.fieldnames or []
    except _BAD_ROW + _BROKEN as exc:
        raise SourceError(str(path), f"unreadable header: {exc}") from exc
    missing = [c for c in required if c not in header]
    if missing:
        raise SourceError(str(path), f"not this format: missing columns {missing}", reason="wrong-format")
    return reader


def numbered_rows(path: str | Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """(row number, row) for each data row; raises SourceError if a required column is missing."""
    with open_text(path) as handle:
        reader = _checked_reader(handle, path, required)
        n = 0
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except _BAD_ROW + _BROKEN as exc:
                raise SourceError(f"{path}#row{n + 1}", f"file unreadable from here: {exc}") from exc
            n += 1
            yield n, row


def import_rows(path: str | Path, required: tuple[str, ...], stage: str,
                convert: Callable[[dict[str, str], str], T]) -> Iterator[T | Quarantined]:
    """``convert(row, "<file>#row<n>")`` for every data row, in file order; one bad row never stops the file.

    A row that raises anything (ImportRowError, or a foreign error on values nobody foresaw) and a
    row the csv module cannot parse become one Quarantined row each; a stream that breaks
    (undecodable bytes, damaged compression) ends the file with one Quarantined row for where it
    broke. Project errors that are not about the data (ConfigError) propagate.
    """
    with open_text(path) as handle:
        reader = _checked_reader(handle, path, required)
        for n in itertools.count(1):
            where = f"{path}#row{n}"
            try:
                row = next(reader)
            except StopIteration:
                return
            except _BAD_ROW as exc:
                yield Quarantined(where, "bad-row", stage, detail=f"unparsable CSV row: {exc}")
                continue
            except _BROKEN as exc:
                yield Quarantined(where, "unreadable", stage, detail=f"file unreadable from here: {exc}")
                return
            yield _converted(convert, row, where, stage)


def _converted(convert: Callable[[dict[str, str], str], T], row: dict[str, str], where: str,
               stage: str) -> T | Quarantined:
    try:
        return convert(row, where)
    except SourceError as exc:
        return Quarantined(where, exc.reason, stage, detail=exc.message)
    except SpillwatchError:
        raise
    except Exception as exc:  # a foreign error on one row's values is that row's
        return Quarantined(where, "bad-row", stage, detail=f"row could not be read: {type(exc).__name__}: {exc}")


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
