"""Names and dates users write, resolved once for the API, the CLI and REST; unknown ones fail with the closest.

* ``resolve_actor``: an actor id or any alias in the actor table (ISIS, ISIL, Daesh, Islamic State,
  IS -> ISL), else an actor id or name found in the store (imported data sets' actors); anything
  else is a ``SpillwatchError`` naming the input and the closest known names.
* ``resolve_country``: ISO3 in any case, ISO2, or a name ("Syria", "Ivory Coast") -> ISO3; also
  the PLOVER international codes (IGO, IMG, ...) and any code the store's events carry.
* ``resolve_event_type``: a PLOVER type in any case (``assault`` -> ASSAULT), else the closest types.
* Dates: ``2016-05-03`` (a day), ``2016-05`` (the whole month), ``2016`` (the whole year), or ``A..B``
  (from the start of A to the end of B, each any of the three). ``parse_span`` gives a ``DateSpan``
  with the first and last day, both inclusive, or a ``ValueError`` whose message names the input and
  says how to write it (with a hint for near misses such as ``2016/05`` or ``05-2016``): impossible
  days (``2017-02-30``), months over 12, reversed ranges and anything else. ``start_of`` / ``end_of``
  give a span's first / last ISO day (a ``SpillwatchError`` if it is not one); the CLI wraps
  ``parse_span`` in click types (``spillwatch.cli.params``).
* ``closest`` / ``did_you_mean``: the closest valid names for a mistyped one (difflib).
* ``check_store_exists``: a DuckDB path that is missing or a folder is an error naming it.
"""

from __future__ import annotations

import calendar
import difflib
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, Protocol

from spillwatch.errors import NotFoundError, SpillwatchError
from spillwatch.settings import Settings

_ISO3 = re.compile(r"[A-Za-z]{3}")
_INTERNATIONAL = frozenset({"IGO", "IMG", "NGO", "UNO", "EUR", "MNC", "AFR", "ASA", "MEA", "WST"})


class Queryable(Protocol):
    def query(self, sql: str, params: Any = ()) -> list[dict[str, Any]]: ...


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def resolve_actor(name: str, settings: Settings, store: Queryable | None = None) -> str:
    """The canonical actor id for ``name`` (see module docstring)."""
    from spillwatch.nlp.actortable import load_actor_table

    table = load_actor_table(settings)
    entry = table.get(name.strip()) or table.lookup(name)
    if entry is not None:
        return entry.actor.id
    stored = _stored_actors(store) if store is not None else {}
    wanted = name.strip().casefold()
    for actor_id, actor_name in stored.items():
        if wanted in (actor_id.casefold(), (actor_name or "").casefold()) or f"unresolved:{_slug(name)}" == actor_id:
            return actor_id
    names = [*table.entries, *(a for e in table.entries.values() for a in (e.actor.name, *e.aliases)),
             *stored, *(n for n in stored.values() if n)]
    raise SpillwatchError(f"unknown actor {name!r}{did_you_mean(name, names)} (see `spillwatch actors`)")


def _stored_actors(store: Queryable) -> dict[str, str | None]:
    """Actor ids in the store's events (imported ones included) with a name where one is known."""
    found: dict[str, str | None] = {r["id"]: None for r in store.query(
        "SELECT DISTINCT actor_id AS id FROM event_actors")}
    for r in store.query("SELECT id, name FROM actors"):
        found[r["id"]] = r["name"]
    return found


def resolve_country(text: str, store: Queryable | None = None) -> str:
    """ISO3 for a code in any case or a country name; unknown: SpillwatchError with the closest names."""
    import pycountry

    raw = text.strip()
    code = raw.upper()
    if _ISO3.fullmatch(raw) and (pycountry.countries.get(alpha_3=code) or code in _INTERNATIONAL):
        return code
    try:
        return str(pycountry.countries.lookup(raw).alpha_3)  # ISO2, ISO3, numeric, name, official name
    except LookupError:
        pass
    named = _converted(raw)
    if named:
        return named
    if store is not None and _ISO3.fullmatch(raw) and store.query(
            "SELECT 1 AS x FROM events WHERE country_iso3 = ? LIMIT 1", [code]):
        return code
    fields = ("alpha_3",) if _ISO3.fullmatch(raw) else ("name", "common_name")
    names = [n for c in pycountry.countries for f in fields if (n := getattr(c, f, None))]
    raise SpillwatchError(f"unknown country {text!r}{did_you_mean(raw, names)} (use ISO3, e.g. SYR, or a name)")


@cache
def _converter() -> Any:
    import country_converter as coco

    logging.getLogger("country_converter").setLevel(logging.ERROR)
    return coco.CountryConverter()


def _converted(name: str) -> str | None:
    """country_converter's regular expressions know most names in use ("DR Congo", "Ivory Coast")."""
    missing = "<not found>"  # a falsy not_found makes it echo the input back
    found = _converter().convert(name, to="ISO3", not_found=missing)
    return found if isinstance(found, str) and found != missing else None


def resolve_event_type(text: str, store: Queryable | None = None) -> str:
    """A PLOVER event type in any case (ASSAULT, protest) or one the store's events carry; else the closest."""
    from spillwatch.coding.ontology import load_ontology

    code = text.strip().upper()
    names = load_ontology().type_names
    if code in names or (store is not None and store.query("SELECT 1 AS x FROM events WHERE type = ? LIMIT 1",
                                                           [code])):
        return code
    raise SpillwatchError(f"unknown event type {text!r}{did_you_mean(code, names)} (PLOVER types: {', '.join(names)})")


def _bound(text: str | None, end: bool) -> str | None:
    if not text:
        return None
    try:
        span = parse_span(text)
    except ValueError as exc:
        raise SpillwatchError(str(exc)) from None
    return (span.end if end else span.start).isoformat()


def start_of(text: str | None) -> str | None:
    """First day (ISO) of a date, month, year or range as written; SpillwatchError if it is not one."""
    return _bound(text, end=False)


def end_of(text: str | None) -> str | None:
    """Last day (ISO) of a date, month, year or range as written; SpillwatchError if it is not one."""
    return _bound(text, end=True)


def check_store_exists(url: str) -> None:
    """A read never creates a store: a missing DuckDB file, or a folder given as one, is an error."""
    if url.startswith(("postgresql://", "postgres://")) or url == ":memory:":
        return
    path = Path(url)
    if path.is_dir():
        raise SpillwatchError(f"{url}: is a folder, not a DuckDB store file (e.g. {path / 'spillwatch.duckdb'})")
    if not path.exists():
        raise NotFoundError(f"{url}: no such store (create one with `spillwatch ingest` or `spillwatch import`)")


# ---------------------------------------------------------------- dates as users write them
FORMS = "YYYY-MM-DD, YYYY-MM (whole month), YYYY or FROM..TO"
_YEAR = re.compile(r"\d{4}")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_NEAR_MONTH = (re.compile(r"(\d{4})[/.\s_-](\d{1,2})"), re.compile(r"(\d{1,2})[/.\s_-](\d{4})"))


@dataclass(frozen=True, slots=True)
class DateSpan:
    """First and last day of what the user wrote (inclusive)."""

    start: date
    end: date


def _one(text: str) -> DateSpan:
    if _DAY.fullmatch(text):
        day = date.fromisoformat(text)  # ValueError names the bad part: "day is out of range for month"
        return DateSpan(day, day)
    month = _MONTH.fullmatch(text)
    if month:
        year, mon = int(month[1]), int(month[2])
        if not 1 <= mon <= 12:
            raise ValueError("month must be in 1..12")
        return DateSpan(date(year, mon, 1), date(year, mon, calendar.monthrange(year, mon)[1]))
    if _YEAR.fullmatch(text) and int(text) >= 1:
        return DateSpan(date(int(text), 1, 1), date(int(text), 12, 31))
    raise ValueError(f"not a date{_hint(text)}")


def _hint(text: str) -> str:
    for pattern in _NEAR_MONTH:
        found = pattern.fullmatch(text)
        if found:
            year, mon = sorted(found.groups(), key=len, reverse=True)
            if 1 <= int(mon) <= 12:
                return f" (for the whole month write {year}-{int(mon):02d})"
    return ""


def parse_span(text: str) -> DateSpan:
    """The span ``text`` names; ValueError with the input, the reason and the accepted forms."""
    raw = text.strip()
    try:
        if ".." in raw:
            first, _, last = raw.partition("..")
            span = DateSpan(_one(first.strip()).start, _one(last.strip()).end)
            if span.end < span.start:
                raise ValueError("the range ends before it starts")
            return span
        return _one(raw)
    except ValueError as exc:
        raise ValueError(f"{text!r}: {exc}; write {FORMS}") from None


# ---------------------------------------------------------------- closest names
def closest(word: str, names: Iterable[str], n: int = 3, cutoff: float = 0.6) -> list[str]:
    """Up to ``n`` of ``names`` most like ``word`` (compared case-insensitively), best first."""
    by_key: dict[str, str] = {}
    for name in names:
        by_key.setdefault(name.casefold(), name)
    found = difflib.get_close_matches(word.casefold(), list(by_key), n=n, cutoff=cutoff)
    return [by_key[k] for k in found]


def did_you_mean(word: str, names: Iterable[str], n: int = 3) -> str:
    """``"; did you mean A, B or C?"`` for the closest names, or ``""`` when none is close."""
    found = closest(word, names, n)
    if not found:
        return ""
    listed = found[0] if len(found) == 1 else ", ".join(found[:-1]) + " or " + found[-1]
    return f"; did you mean {listed}?"
