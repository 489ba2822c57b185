"""Neighbour graph: input the gazetteer, output country and ADM1 adjacency for spread analysis.

Countries: GeoNames neighbour lists (land borders), as ISO3 codes, made symmetric.
ADM1 units: no openly licensed packaged ADM1 polygons exist for most of the world, so adjacency
is approximated from unit centroids: a Delaunay triangulation (scipy, through scikit-learn's
dependency) over the centroids of each country and of its land neighbours, keeping edges shorter
than ``max_km`` and, across a border, only between units of neighbouring countries.
Limitation: centroid triangulation can link units that touch only at sea or miss a thin shared
border; treat it as "near", not as a surveyed boundary. Declines: maritime neighbours.
"""

from __future__ import annotations

import math
from functools import cache

import numpy as np
from scipy.spatial import Delaunay

from spillwatch.geo.gazetteer import Gazetteer, open_gazetteer


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, a)))


def country_neighbours(gazetteer: Gazetteer | None = None) -> dict[str, frozenset[str]]:
    """ISO3 -> ISO3 codes of the countries it shares a land border with (symmetric)."""
    gz = gazetteer or open_gazetteer()
    to3 = gz.iso2_to_iso3()
    graph: dict[str, set[str]] = {iso3: set() for iso3 in to3.values()}
    for iso2, near in gz.neighbours().items():
        for other in near:
            if iso2 in to3 and other in to3:
                graph[to3[iso2]].add(to3[other])
                graph[to3[other]].add(to3[iso2])
    return {k: frozenset(v) for k, v in graph.items()}


def _edges(points: list[tuple[float, float]]) -> set[tuple[int, int]]:
    if len(points) < 3:
        return {(0, 1)} if len(points) == 2 else set()
    arr = np.array([(lon * math.cos(math.radians(lat)), lat) for lat, lon in points])
    try:
        tri = Delaunay(arr)
    except Exception:  # collinear or duplicate points: fall back to the sequence order
        return {(i, i + 1) for i in range(len(points) - 1)}
    out: set[tuple[int, int]] = set()
    for simplex in tri.simplices:
        for a in range(3):
            i, j = sorted((int(simplex[a]), int(simplex[(a + 1) % 3])))
            out.add((i, j))
    return out


def adm1_neighbours(
    iso2: str, *, max_km: float = 400.0, gazetteer: Gazetteer | None = None
) -> dict[str, frozenset[str]]:
    """ADM1 code ("IQ.15") -> approximate neighbour codes, for the units of ``iso2`` (see above)."""
    gz = gazetteer or open_gazetteer()
    near = gz.neighbours().get(iso2, frozenset())
    units = [u for c in (iso2, *sorted(near)) for u in gz.adm1_units(c)]
    codes = [f"{u.iso2}.{u.adm1}" for u in units]
    graph: dict[str, set[str]] = {c: set() for c in codes if c.startswith(iso2 + ".")}
    for i, j in _edges([(u.lat, u.lon) for u in units]):
        a, b = units[i], units[j]
        if haversine_km(a.lat, a.lon, b.lat, b.lon) > max_km:
            continue
        if a.iso2 != b.iso2 and iso2 not in (a.iso2, b.iso2):
            continue
        for x, y in ((codes[i], codes[j]), (codes[j], codes[i])):
            if x in graph:
                graph[x].add(y)
    return {k: frozenset(v) for k, v in graph.items()}


@cache
def all_adm1_neighbours(max_km: float = 400.0) -> dict[str, frozenset[str]]:
    """ADM1 adjacency for every country (cached per process)."""
    gz = open_gazetteer()
    out: dict[str, frozenset[str]] = {}
    for iso2 in gz.neighbours():
        out.update(adm1_neighbours(iso2, max_km=max_km, gazetteer=gz))
    return out
