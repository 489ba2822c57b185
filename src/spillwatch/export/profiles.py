"""Column profiles of an export: spillwatch's own, ACLED's and UCDP GED's names, codes and types.

Each profile turns one stored event row (``store/exportsql.py``'s columns, plus the parsed record
for the actor kinds) into one output row with a fixed Arrow schema, so every batch and every
backend writes the same types: dates as dates, counts as integers, several values as lists.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pyarrow as pa

from spillwatch.export import codes

Row = dict[str, Any]
STR, INT, FLOAT, DATE, LIST = pa.string(), pa.int64(), pa.float64(), pa.date32(), pa.list_(pa.string())


@dataclass(frozen=True, slots=True)
class Profile:
    name: str
    schema: pa.Schema
    convert: Callable[[Row, int], Row] | None  # (stored row, export unix time) -> output row
    list_sep: str  # how a CSV cell joins several values
    needs_record: bool  # whether the row must carry the event's record_json (actor sectors)
    convert_batch: Callable[[pa.RecordBatch, int], pa.RecordBatch] | None = None  # instead of ``convert``


def _split(text: str | None) -> list[str]:
    return [part for part in (text or "").split("|") if part]


def _count(value: float | None) -> int | None:
    return None if value is None else round(value)


NATIVE_SCHEMA = pa.schema([
    ("id", STR), ("origin", STR), ("external_id", STR), ("type", STR), ("modes", LIST),
    ("acled_event_type", STR), ("acled_sub_event_type", STR), ("modality", STR),
    ("date_start", DATE), ("date_end", DATE), ("date_precision", STR), ("date_source", STR),
    ("source_ids", LIST), ("source_names", LIST), ("target_ids", LIST), ("target_names", LIST),
    ("place_name", STR), ("geonameid", INT), ("country_iso3", STR), ("adm1_code", STR), ("adm1_name", STR),
    ("latitude", FLOAT), ("longitude", FLOAT), ("geo_precision", INT),
    ("fatalities_low", INT), ("fatalities_best", INT), ("fatalities_high", INT),
    ("n_mentions", INT), ("n_articles", INT), ("n_outlets", INT), ("outlets", LIST), ("confidence", FLOAT),
    ("evidence", STR), ("evidence_article_id", STR),
])


_FROM = {"acled_event_type": "acled_type", "acled_sub_event_type": "acled_subtype", "latitude": "lat",
         "longitude": "lon", "geo_precision": "where_prec"}  # output column -> stored column, where they differ
_EMPTY = pa.scalar([], LIST)


def _column(batch: pa.RecordBatch, field: pa.Field) -> pa.Array:
    import pyarrow.compute as pc

    if field.name == "n_outlets":
        return pc.list_value_length(_column(batch, pa.field("outlets", LIST))).cast(INT)
    stored = batch.column(_FROM.get(field.name, field.name))
    if field.type == LIST:  # "a|b" -> ["a", "b"]; "" and null -> []
        text = stored.cast(STR)
        parts = pc.split_pattern(pc.if_else(pc.equal(text, ""), pa.scalar(None, STR), text), "|")
        return pc.coalesce(parts, _EMPTY)
    if field.name.startswith("fatalities_"):
        return pc.round(stored.cast(FLOAT)).cast(INT)
    return stored.cast(field.type)


def _native_batch(batch: pa.RecordBatch, _stamp: int) -> pa.RecordBatch:
    """spillwatch's own columns, computed column by column (no Python object per row)."""
    return pa.RecordBatch.from_arrays([_column(batch, f) for f in NATIVE_SCHEMA], schema=NATIVE_SCHEMA)


def sides(record: Row) -> tuple[list[Row], list[Row]]:
    """The two sides of an event: sources and targets, or, for two-sided violence stored as sources
    only (battles), the first source with those of its kind (state or not) against the others."""
    sources, targets = list(record.get("sources") or []), list(record.get("targets") or [])
    if targets or len(sources) < 2:
        return sources, targets

    def state(a: Row) -> bool:
        return a.get("sector") in codes.STATE_SECTORS

    first = state(sources[0])
    own = [a for a in sources if state(a) == first]
    other = [a for a in sources if state(a) != first]
    return (own, other) if other else (sources[:-1], sources[-1:])


ACLED_SCHEMA = pa.schema([
    ("event_id_cnty", STR), ("event_date", DATE), ("year", INT), ("time_precision", INT), ("disorder_type", STR),
    ("event_type", STR), ("sub_event_type", STR), ("actor1", STR), ("assoc_actor_1", STR), ("inter1", INT),
    ("actor2", STR), ("assoc_actor_2", STR), ("inter2", INT), ("interaction", INT), ("civilian_targeting", STR),
    ("iso", INT), ("region", STR), ("country", STR), ("admin1", STR), ("admin2", STR), ("admin3", STR),
    ("location", STR), ("latitude", FLOAT), ("longitude", FLOAT), ("geo_precision", INT), ("source", STR),
    ("source_scale", STR), ("notes", STR), ("fatalities", INT), ("tags", STR), ("timestamp", INT),
])


def _names(actors: list[Row]) -> tuple[str | None, str | None]:
    names = [a["name"] for a in actors]
    return (names[0] if names else None), ("; ".join(names[1:]) or None)


def _acled(r: Row, stamp: int) -> Row:
    side1, side2 = sides(json.loads(r["record_json"]))
    country = r["country_iso3"]
    inter1 = codes.inter_code(side1[0] if side1 else None, country)
    inter2 = codes.inter_code(side2[0] if side2 else None, country)
    iso, name, region = codes.country_info(country)
    actor1, assoc1 = _names(side1)
    actor2, assoc2 = _names(side2)
    start: date | None = r["date_start"]
    best = _count(r["fatalities_best"])
    return {
        "event_id_cnty": r["external_id"] if r["origin"] == "acled" and r["external_id"] else r["id"],
        "event_date": start, "year": start.year if start else None,
        "time_precision": codes.time_precision(r["date_precision"], start, r["date_end"], r["date_source"]),
        "disorder_type": codes.DISORDER.get(r["acled_type"] or ""), "event_type": r["acled_type"],
        "sub_event_type": r["acled_subtype"], "actor1": actor1, "assoc_actor_1": assoc1, "inter1": inter1,
        "actor2": actor2, "assoc_actor_2": assoc2, "inter2": inter2,
        "interaction": codes.interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if codes.civilian_targeting(r["acled_type"], inter2) else None,
        "iso": iso, "region": region, "country": name, "admin1": r["adm1_name"], "admin2": None, "admin3": None,
        "location": r["place_name"], "latitude": r["lat"], "longitude": r["lon"],
        "geo_precision": codes.ACLED_GEO_PRECISION.get(r["where_prec"] or 0, 3),
        "source": "; ".join(_split(r["outlets"])) or None, "source_scale": None, "notes": r["evidence"],
        "fatalities": best or 0, "tags": None, "timestamp": stamp,
    }


# GED 19.1's columns in its order; those spillwatch does not know (conflict and dyad ids, deaths per side...)
# are there and empty, so scripts that name them still run.
UCDP_SCHEMA = pa.schema([
    ("id", STR), ("year", INT), ("active_year", INT), ("type_of_violence", INT), ("conflict_new_id", INT),
    ("conflict_name", STR), ("dyad_new_id", INT), ("dyad_name", STR), ("side_a_new_id", INT), ("side_a", STR),
    ("side_b_new_id", INT), ("gwnob", STR), ("side_b", STR), ("number_of_sources", INT), ("source_article", STR),
    ("source_office", STR), ("source_date", STR), ("source_headline", STR), ("source_original", STR),
    ("where_prec", INT), ("where_coordinates", STR), ("adm_1", STR), ("adm_2", STR), ("latitude", FLOAT),
    ("longitude", FLOAT), ("geom_wkt", STR), ("priogrid_gid", INT), ("country", STR), ("country_id", INT),
    ("region", STR), ("event_clarity", INT), ("date_prec", INT), ("date_start", DATE), ("date_end", DATE),
    ("deaths_a", INT), ("deaths_b", INT), ("deaths_civilians", INT), ("deaths_unknown", INT),
    ("low", INT), ("best", INT), ("high", INT),
])


def _violence(r: Row, side_a: list[Row], side_b: list[Row]) -> int | None:
    if r["acled_type"] == "Violence against civilians":
        return 3
    if r["acled_type"] not in ("Battles", "Explosions/Remote violence"):
        return None
    return 1 if any(a.get("sector") in codes.STATE_SECTORS for a in side_a + side_b) else 2


def _ucdp(r: Row, _stamp: int) -> Row:
    side_a, side_b = sides(json.loads(r["record_json"]))
    _, name, region = codes.country_info(r["country_iso3"])
    lat, lon, start = r["lat"], r["lon"], r["date_start"]
    violence = _violence(r, side_a, side_b)
    a_names = ", ".join(a["name"] for a in side_a) or None
    b_names = ", ".join(a["name"] for a in side_b) or ("Civilians" if violence == 3 else None)
    return {
        "id": r["external_id"] if r["origin"] == "ucdp" and r["external_id"] else r["id"],
        "year": start.year if start else None, "type_of_violence": violence, "side_a": a_names, "side_b": b_names,
        "dyad_name": f"{a_names} - {b_names}" if a_names and b_names else None,
        "number_of_sources": r["n_articles"] or None, "source_office": ";".join(_split(r["outlets"])) or None,
        "source_headline": r["evidence"], "where_prec": r["where_prec"], "where_coordinates": r["place_name"],
        "adm_1": r["adm1_name"], "latitude": lat, "longitude": lon,
        "geom_wkt": f"POINT ({lon} {lat})" if lat is not None and lon is not None else None,
        "country": name, "region": codes.ucdp_region(region),
        "date_prec": codes.UCDP_DATE_PREC.get(r["date_precision"] or ""), "date_start": start,
        "date_end": r["date_end"], "low": _count(r["fatalities_low"]), "best": _count(r["fatalities_best"]),
        "high": _count(r["fatalities_high"]),
    }


PROFILES = {
    "spillwatch": Profile("spillwatch", NATIVE_SCHEMA, None, "|", needs_record=False, convert_batch=_native_batch),
    "acled": Profile("acled", ACLED_SCHEMA, _acled, "; ", needs_record=True),
    "ucdp": Profile("ucdp", UCDP_SCHEMA, _ucdp, "; ", needs_record=True),
}


def convert(profile: Profile, batch: pa.RecordBatch, stamp: int) -> pa.RecordBatch:
    """One stored batch as the profile's columns, in the profile's schema."""
    if profile.convert_batch is not None:
        return profile.convert_batch(batch, stamp)
    assert profile.convert is not None
    return pa.RecordBatch.from_pylist([profile.convert(r, stamp) for r in batch.to_pylist()], schema=profile.schema)
