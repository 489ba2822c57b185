"""The actor table: packaged ``data/actors.json`` merged with the user's ``actor_file``.

Input: settings (``actor_file``: JSON in the packaged shape, or CSV with columns
``id,name,aliases,country,sector,affiliate_of,allies,people,affiliated_from,affiliated_to``;
lists separated by ``|``). ``affiliated_from``/``affiliated_to`` (ISO days, either may be empty)
bound the period an ``affiliate_of`` link held: analyses that include affiliates count an
affiliate's events only inside it.
``people`` names an actor's leaders ("Abu Bakr al-Baghdadi", with other names such as
"al-Baghdadi"): a mention of one is that actor, with ``person`` set to the full name.
Output: an ``ActorTable`` with a longest-match alias matcher over raw text. Declines nothing
silently: an unreadable or malformed file raises ``ConfigError`` naming the file and row.

Matching rules: an alias that is one word, or that contains an acronym word (two or more
capitals) or internal capitals, matches case-sensitively ("IS", "Hamas", "IS-K"); other
multi-word aliases match case-insensitively ("islamic state group"). Spaces match any run of
whitespace, hyphens match a hyphen or whitespace, straight and curly apostrophes are equal.
Among aliases starting at one position the longest wins (alternation sorted by length).
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from spillwatch.errors import ConfigError
from spillwatch.records import Actor
from spillwatch.settings import Settings


@dataclass(frozen=True, slots=True)
class ActorEntry:
    actor: Actor
    aliases: tuple[str, ...]
    affiliate_of: str | None = None
    allies: tuple[str, ...] = ()
    people: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (full name, other names) of its leaders
    affiliated: tuple[date | None, date | None] = (None, None)  # first and last day the affiliation held


def norm_alias(text: str) -> str:
    """Comparison key of an alias or a matched string (whitespace/hyphen/apostrophe folded)."""
    return re.sub(r"[\s\-‐–]+", " ", text.replace("’", "'")).strip()


def case_sensitive(alias: str) -> bool:
    words = norm_alias(alias).split()
    if len(words) == 1:
        return True
    return any(sum(ch.isupper() for ch in w) >= 2 for w in words)


def _alias_pattern(alias: str) -> str:
    out = []
    for ch in alias:
        if ch.isspace():
            out.append(r"\s+")
        elif ch in "-‐":
            out.append(r"[-‐\s]+")
        elif ch in "'’":
            out.append("['’]")
        else:
            out.append(re.escape(ch))
    body = "".join(out)
    return body if case_sensitive(alias) else f"(?i:{body})"


def _compile(names: list[str]) -> re.Pattern[str]:
    alternation = "|".join(_alias_pattern(a) for a in names) or r"(?!x)x"
    return re.compile(rf"(?<![\w@#])(?:{alternation})(?![\w])")


class ActorTable:
    """Actors by id, with alias lookup and affiliate queries."""

    def __init__(self, version: str, entries: Mapping[str, ActorEntry]) -> None:
        self.version = version
        self.entries = dict(entries)
        self._cs: dict[str, str] = {}
        self._ci: dict[str, str] = {}
        for entry in self.entries.values():
            for alias in (*entry.aliases, entry.actor.name):
                key = norm_alias(alias)
                if case_sensitive(alias):
                    self._cs[key] = entry.actor.id
                else:
                    self._ci[key.lower()] = entry.actor.id
        aliases = sorted(
            {a for e in self.entries.values() for a in (*e.aliases, e.actor.name)}, key=len, reverse=True
        )
        self._regex = _compile(aliases)
        self._people: dict[str, tuple[str, str]] = {}
        for entry in self.entries.values():
            for full, others in entry.people:
                for name in (full, *others):
                    self._people[norm_alias(name).lower()] = (entry.actor.id, full)
        self._people_regex = _compile(sorted({n for e in self.entries.values() for p in e.people
                                              for n in (p[0], *p[1])}, key=len, reverse=True))

    def get(self, actor_id: str) -> ActorEntry | None:
        return self.entries.get(actor_id)

    def lookup(self, text: str) -> ActorEntry | None:
        """The entry whose alias equals ``text`` (by the matching rules), else None."""
        key = norm_alias(text)
        found = self._cs.get(key) or self._ci.get(key.lower())
        return self.entries.get(found) if found else None

    def matches(self, text: str) -> Iterator[tuple[int, int, ActorEntry]]:
        """Non-overlapping longest alias matches in ``text``, left to right."""
        for m in self._regex.finditer(text):
            entry = self.lookup(m.group(0))
            if entry is not None:
                yield m.start(), m.end(), entry

    def people_matches(self, text: str) -> Iterator[tuple[int, int, ActorEntry, str]]:
        """Names of known people (a group's leaders) in ``text``: (start, end, entry, full name)."""
        for m in self._people_regex.finditer(text):
            found = self._people.get(norm_alias(m.group(0)).lower())
            if found is not None:
                yield m.start(), m.end(), self.entries[found[0]], found[1]

    def affiliates(self, actor_id: str) -> tuple[str, ...]:
        """Ids of the actor's affiliates, transitively (provinces of a group, and theirs)."""
        found: list[str] = []
        frontier = [actor_id]
        while frontier:
            parent = frontier.pop()
            kids = [e.actor.id for e in self.entries.values() if e.affiliate_of == parent]
            new = [k for k in kids if k not in found and k != actor_id]
            found.extend(new)
            frontier.extend(new)
        return tuple(found)


def _entry(row: Mapping[str, Any], where: str) -> ActorEntry:
    try:
        actor_id, name = str(row["id"]).strip(), str(row["name"]).strip()
    except KeyError as exc:
        raise ConfigError(f"{where}: actor needs 'id' and 'name' (missing {exc})") from exc
    if not actor_id or not name:
        raise ConfigError(f"{where}: empty id or name")
    aliases, allies = row.get("aliases") or [], row.get("allies") or []
    if isinstance(aliases, str):
        aliases = [a for a in aliases.split("|") if a.strip()]
    if isinstance(allies, str):
        allies = [a for a in allies.split("|") if a.strip()]
    actor = Actor(actor_id, name, row.get("country") or None, row.get("sector") or None)
    people = _people(row.get("people") or [], where)
    held = (_day(row.get("affiliated_from"), where), _day(row.get("affiliated_to"), where))
    return ActorEntry(
        actor, tuple(a.strip() for a in aliases), row.get("affiliate_of") or None, tuple(allies), people, held
    )


def _day(raw: Any, where: str) -> date | None:
    if raw is None or not str(raw).strip():
        return None
    try:
        return date.fromisoformat(str(raw).strip())
    except ValueError as exc:
        raise ConfigError(f"{where}: affiliation date is not YYYY-MM-DD: {raw!r}") from exc


def _people(raw: Any, where: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """People as "Name|Name" (CSV), ["Name", ...] or [{"name": ..., "aliases": [...]}, ...]."""
    if isinstance(raw, str):
        raw = [p for p in raw.split("|") if p.strip()]
    out: list[tuple[str, tuple[str, ...]]] = []
    for item in raw:
        if isinstance(item, str):
            out.append((item.strip(), ()))
        elif isinstance(item, dict) and item.get("name"):
            out.append((str(item["name"]).strip(), tuple(str(a).strip() for a in item.get("aliases", []))))
        else:
            raise ConfigError(f"{where}: a person needs a name: {item!r}")
    return tuple(out)


def _read_rows(path: Path) -> tuple[str, list[Mapping[str, Any]]]:
    try:
        text = path.read_text(encoding="utf-8")
        if path.suffix.lower() == ".csv":
            return "", list(csv.DictReader(text.splitlines()))
        data = json.loads(text)
    except (OSError, ValueError, csv.Error) as exc:
        raise ConfigError(f"{path}: cannot read actor table: {exc}") from exc
    if isinstance(data, list):
        return "", data
    if not isinstance(data, dict) or not isinstance(data.get("actors"), list):
        raise ConfigError(f"{path}: expected {{'version': ..., 'actors': [...]}} or a list of actors")
    return str(data.get("version", "")), data["actors"]


def packaged_table_path() -> Path:
    return Path(str(resources.files("spillwatch") / "data" / "actors.json"))


@lru_cache(maxsize=8)
def _load(paths: tuple[str, ...], stamps: tuple[float, ...]) -> ActorTable:
    entries: dict[str, ActorEntry] = {}
    versions: list[str] = []
    for path in paths:
        version, rows = _read_rows(Path(path))
        versions.append(version or Path(path).name)
        for n, row in enumerate(rows, 1):
            e = _entry(row, f"{path} actor {n}")
            entries[e.actor.id] = e
    return ActorTable("+".join(versions), entries)


def load_actor_table(settings: Settings) -> ActorTable:
    """Packaged table, then ``settings.actor_file`` over it (same id: the user's entry wins)."""
    paths = [packaged_table_path()]
    if settings.actor_file:
        user = Path(settings.actor_file)
        if not user.exists():
            raise ConfigError(f"actor_file {user} does not exist")
        paths.append(user)
    return _load(tuple(str(p) for p in paths), tuple(p.stat().st_mtime for p in paths))
