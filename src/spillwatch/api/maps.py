"""The map's fixed geometry: country outlines (TopoJSON, ISO3 added), ADM1 polygons, country names."""

from __future__ import annotations

import json
from functools import cache
from typing import Any


@cache
def map_countries() -> dict[str, Any]:
    import pycountry

    from spillwatch.geo.mapdata import world_atlas_text

    topo: dict[str, Any] = json.loads(world_atlas_text())
    for geom in topo["objects"]["countries"]["geometries"]:
        found = pycountry.countries.get(numeric=str(geom.get("id", "")).zfill(3)) if geom.get("id") else None
        geom.setdefault("properties", {})["iso3"] = found.alpha_3 if found else None
    return topo


@cache
def map_adm1() -> str:
    """ADM1 polygons (Natural Earth 1:10m admin-1, TopoJSON text, ids ISO 3166-2): served to the dashboard as is."""
    from spillwatch.geo.mapdata import adm1_topojson_text

    return adm1_topojson_text()


def country_names() -> dict[str, str]:
    """ISO3 -> the outline's country name."""
    geoms = map_countries()["objects"]["countries"]["geometries"]
    return {g["properties"]["iso3"]: g["properties"].get("name", "") for g in geoms if g["properties"].get("iso3")}


def country_outlines() -> list[tuple[dict[str, Any], list[list[tuple[float, float]]]]]:
    """Each country geometry (with its ISO3 in properties) and the outer rings of its polygons."""
    from spillwatch.geo.mapdata import outer_rings

    return outer_rings(map_countries())
