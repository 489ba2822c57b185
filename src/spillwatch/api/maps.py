"""The map's fixed geometry: country outlines (TopoJSON, ISO3 added), ADM1 polygons, country names."""

from __future__ import annotations

import json
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spillwatch.api.rows import CountryOutline


@cache
def _topology() -> dict[str, Any]:
    import pycountry

    from spillwatch.geo.mapdata import world_atlas_text

    topo: dict[str, Any] = json.loads(world_atlas_text())
    for geom in topo["objects"]["countries"]["geometries"]:
        found = pycountry.countries.get(numeric=str(geom.get("id", "")).zfill(3)) if geom.get("id") else None
        geom.setdefault("properties", {})["iso3"] = found.alpha_3 if found else None
    return topo


@cache
def map_countries() -> str:
    """Country outlines (world-atlas TopoJSON text) with each geometry's ISO3 code added to its properties."""
    return json.dumps(_topology(), ensure_ascii=False, allow_nan=False, separators=(",", ":"))


@cache
def map_adm1() -> str:
    """ADM1 polygons (Natural Earth 1:10m admin-1, TopoJSON text, ids ISO 3166-2): served to the dashboard as is."""
    from spillwatch.geo.mapdata import adm1_topojson_text

    return adm1_topojson_text()


def country_names() -> dict[str, str]:
    """ISO3 -> the outline's country name."""
    geoms = _topology()["objects"]["countries"]["geometries"]
    return {g["properties"]["iso3"]: g["properties"].get("name", "") for g in geoms if g["properties"].get("iso3")}


def country_outlines() -> tuple[CountryOutline, ...]:
    """Each country of the map with the outer rings of its polygons (lon/lat)."""
    from spillwatch.api.rows import CountryOutline
    from spillwatch.geo.mapdata import outer_rings

    return tuple(CountryOutline(g["properties"].get("iso3") or "", tuple(tuple(ring) for ring in rings))
                 for g, rings in outer_rings(_topology()))
