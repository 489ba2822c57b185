from __future__ import annotations

import json

from spillwatch.geo.gazetteer import Gazetteer
from spillwatch.geo.mapdata import country_centroids, world_atlas_text


def test_world_atlas_is_topojson_with_countries() -> None:
    topo = json.loads(world_atlas_text())
    assert topo["type"] == "Topology"
    assert len(topo["objects"]["countries"]["geometries"]) > 200


def test_country_centroids_fall_inside_rough_boxes() -> None:
    c = country_centroids()
    lat, lon = c["IQ"]
    assert 29 < lat < 37 and 39 < lon < 48
    lat, lon = c["RU"]  # crosses the antimeridian
    assert 50 < lat < 70 and 40 < lon < 140
    lat, lon = c["FR"]  # mainland, not the overseas departments
    assert 42 < lat < 51 and -5 < lon < 8


def test_a_code_shared_by_two_outlines_takes_the_larger_one() -> None:
    # world-atlas gives Australia and the Ashmore and Cartier Islands the same numeric code:
    # the point is the mainland's, not the reef's in the Timor Sea
    lat, lon = country_centroids()["AU"]
    assert -32 < lat < -20 and 125 < lon < 145


def test_adm1_points_cover_countries(gz: Gazetteer) -> None:
    points = gz.adm1_points()
    assert {p["country_iso3"] for p in points} >= {"IRQ", "SYR", "USA", "NGA"}
    assert all(p["code"].count(".") == 1 for p in points)
