"""Gazetteer look-ups: input a place name, output GeoNames candidates from the on-disk index.

The index is one SQLite file (see ``build.py``) in the user cache directory
(``$SPILLWATCH_CACHE`` or ``~/.cache/spillwatch``), named after the schema and source package
versions, built at first use and reused afterwards. Names are matched by exact folded key, then
by the spelling-tolerant loose key, then by rapidfuzz on loose keys of similar length that share
a prefix. Declines: it never downloads anything and never guesses a place with no name match.
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from rapidfuzz import fuzz, process

from spillwatch.errors import ConfigError
from spillwatch.geo.build import build_gazetteer, gazetteer_version
from spillwatch.geo.normalize import exact_key, loose_key

Match = Literal["exact", "loose", "fuzzy"]
# a spelling-tolerant key shorter than this matches towns on every continent: "Qaa" (Lebanon) and
# "An Khê" (Vietnam) both fold to "ka", and a dozen other towns with them
MIN_LOOSE = 4
MEMO_SIZE = 50_000  # look-ups remembered per process (names repeat across articles)
_COLUMNS = "p.id, p.geonameid, p.kind, p.name, p.fclass, p.fcode, p.iso2, p.adm1, p.adm1_name, " \
    "p.lat, p.lon, p.population"


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry a name may refer to."""

    id: int
    geonameid: int | None
    kind: str  # country, adm1, adm2, city, continent, region
    name: str
    feature_class: str | None
    feature_code: str | None
    iso2: str | None
    adm1: str | None
    adm1_name: str | None
    lat: float
    lon: float
    population: int
    match: Match = "exact"
    main_name: bool = False


def cache_dir() -> Path:
    env = os.environ.get("SPILLWATCH_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "spillwatch"


def default_path() -> Path:
    return cache_dir() / f"gazetteer-{gazetteer_version()}.sqlite"


class Gazetteer:
    """Read-only access to a built gazetteer file. Safe to share across threads."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            self._lock = threading.Lock()
            meta = dict(self._db.execute("SELECT k, v FROM meta").fetchall())
            countries = self._db.execute("SELECT iso2, iso3, name, place, neighbours, capital FROM country")
            self._countries = {r[0]: r for r in countries.fetchall()}
            demonyms = self._db.execute("SELECT key, iso2, place FROM demonym").fetchall()
            self._demonyms = {r[0]: (r[1], r[2]) for r in demonyms}
        except sqlite3.Error as exc:
            raise ConfigError(f"{path}: not a spillwatch gazetteer: {exc}") from exc
        self.meta: dict[str, str] = meta
        self._by_id: dict[int, Candidate] = {}
        self._memo: dict[tuple[str, bool, float], list[Candidate]] = {}

    def _rows(self, sql: str, args: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._db.execute(sql, args).fetchall()

    @staticmethod
    def _candidate(row: tuple[Any, ...], match: Match, main: int = 0) -> Candidate:
        return Candidate(
            id=row[0], geonameid=row[1], kind=row[2], name=row[3], feature_class=row[4],
            feature_code=row[5], iso2=row[6], adm1=row[7], adm1_name=row[8], lat=row[9], lon=row[10],
            population=row[11] or 0, match=match, main_name=bool(main),
        )

    def _by_key(self, column: str, key: str, match: Match) -> list[Candidate]:
        sql = f"SELECT {_COLUMNS}, max(n.main) FROM name n JOIN place p ON p.id = n.place " \
            f"WHERE n.{column} = ? GROUP BY p.id"
        return [self._candidate(r[:12], match, r[12]) for r in self._rows(sql, (key,))]

    def _fuzzy(self, key: str, cutoff: float) -> list[Candidate]:
        if len(key) < 5:
            return []
        sql = "SELECT DISTINCT loose FROM name WHERE loose >= ? AND loose < ? " \
            "AND length(loose) BETWEEN ? AND ?"
        prefix = key[:3]
        rows = self._rows(sql, (prefix, prefix + "~", len(key) - 2, len(key) + 2))
        best = process.extract(key, [r[0] for r in rows], scorer=fuzz.ratio, score_cutoff=cutoff, limit=3)
        out: list[Candidate] = []
        for loose, _, _ in best:
            out.extend(self._by_key("loose", loose, "fuzzy"))
        return out

    def lookup(self, name: str, *, fuzzy: bool = True, cutoff: float = 88.0) -> list[Candidate]:
        """Candidates for a name: exact-key matches, else loose-key, else (optionally) fuzzy."""
        memo_key = (name, fuzzy, cutoff)
        found = self._memo.get(memo_key)
        if found is None:
            if len(self._memo) >= MEMO_SIZE:
                self._memo.clear()
            found = self._memo[memo_key] = self._lookup(name, fuzzy, cutoff)
        return list(found)

    def _lookup(self, name: str, fuzzy: bool, cutoff: float) -> list[Candidate]:
        key = exact_key(name)
        if not key:
            return []
        found = self._by_key("key", key, "exact")
        if found:
            return found
        loose = loose_key(name)
        found = self._by_key("loose", loose, "loose") if len(loose) >= MIN_LOOSE else []
        if found or not fuzzy:
            return found
        return self._fuzzy(loose, cutoff)

    def has_name(self, name: str) -> bool:
        rows = self._rows("SELECT 1 FROM name WHERE key = ? LIMIT 1", (exact_key(name),))
        return bool(rows)

    def place(self, pid: int) -> Candidate:
        if pid not in self._by_id:
            rows = self._rows(f"SELECT {_COLUMNS} FROM place p WHERE p.id = ?", (pid,))
            if not rows:
                raise KeyError(pid)
            self._by_id[pid] = self._candidate(rows[0], "exact", 1)
        return self._by_id[pid]

    def country(self, iso2: str) -> Candidate | None:
        row = self._countries.get(iso2)
        return self.place(row[3]) if row else None

    def iso3(self, iso2: str | None) -> str | None:
        row = self._countries.get(iso2 or "")
        return row[1] if row else None

    def country_name(self, iso2: str) -> str | None:
        row = self._countries.get(iso2)
        return row[2] if row else None

    def capital(self, iso2: str) -> str | None:
        row = self._countries.get(iso2)
        return row[5] if row else None

    def demonym(self, text: str) -> str | None:
        """ISO2 of the country a demonym or adjective names ("Jordanian" -> "JO")."""
        found = self._demonyms.get(exact_key(text))
        return found[0] if found else None

    def demonym_place(self, text: str) -> Candidate | None:
        """The country, continent or region a demonym names ("Kurdish" -> Kurdistan)."""
        found = self._demonyms.get(exact_key(text))
        return self.place(found[1]) if found else None

    def neighbours(self) -> dict[str, frozenset[str]]:
        """ISO2 -> neighbouring ISO2 codes (GeoNames country neighbour lists)."""
        return {k: frozenset(filter(None, r[4].split(","))) for k, r in self._countries.items()}

    def iso2_to_iso3(self) -> dict[str, str]:
        return {k: r[1] for k, r in self._countries.items()}

    def adm1_units(self, iso2: str | None = None) -> list[Candidate]:
        sql = f"SELECT {_COLUMNS} FROM place p WHERE p.kind = 'adm1'"
        args: tuple[Any, ...] = ()
        if iso2:
            sql += " AND p.iso2 = ?"
            args = (iso2,)
        return [self._candidate(r, "exact", 1) for r in self._rows(sql, args)]

    def adm1_points(self) -> list[dict[str, Any]]:
        return [
            {"geonameid": c.geonameid, "code": f"{c.iso2}.{c.adm1}", "name": c.name, "country_iso2": c.iso2,
             "country_iso3": self.iso3(c.iso2), "lat": c.lat, "lon": c.lon}
            for c in self.adm1_units()
        ]

    def close(self) -> None:
        self._db.close()


def _usable(path: Path) -> bool:
    if not path.exists():
        return False
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            meta = dict(db.execute("SELECT k, v FROM meta").fetchall())
        finally:
            db.close()
    except sqlite3.Error:
        return False
    return meta.get("version") == gazetteer_version() and meta.get("partial") == "0"


def ensure_gazetteer(path: str | Path | None = None) -> Path:
    """Path of a full, current gazetteer, building it first if missing or stale. A lock file
    keeps parallel workers from building it twice at once."""
    target = Path(path) if path is not None else default_path()
    if _usable(target):
        return target
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target.with_name(target.name + ".lock"), "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not _usable(target):
                build_gazetteer(target)
    except OSError as exc:
        raise ConfigError(f"cannot build the gazetteer at {target}: {exc}") from exc
    return target


_OPENED: dict[tuple[str, bool], Gazetteer] = {}
_OPEN_LOCK = threading.Lock()


def open_gazetteer(path: str | Path | None = None, *, build: bool = True) -> Gazetteer:
    """The gazetteer at ``path`` (default: the user cache), built at first use; one per process."""
    key = (str(path or ""), build)
    found = _OPENED.get(key)
    if found is not None:
        return found
    with _OPEN_LOCK:
        if key not in _OPENED:
            target = ensure_gazetteer(path) if build else Path(path or default_path())
            if not target.exists():
                raise ConfigError(f"no gazetteer at {target}")
            _OPENED[key] = Gazetteer(target)
        return _OPENED[key]
