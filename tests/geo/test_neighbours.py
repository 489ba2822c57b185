from __future__ import annotations

from spillwatch.geo.gazetteer import Gazetteer
from spillwatch.geo.neighbours import adm1_neighbours, country_neighbours, haversine_km


def test_country_graph_is_symmetric_iso3(gz: Gazetteer) -> None:
    graph = country_neighbours(gz)
    assert {"SYR", "JOR", "TUR", "IRN", "KWT", "SAU"} <= graph["IRQ"]
    assert "LBN" in graph["SYR"] and "SYR" in graph["LBN"]
    assert all(a in graph[b] for a, near in graph.items() for b in near)
    assert not graph["AUS"]  # an island has no land neighbours


def test_adm1_adjacency_by_centroids(gz: Gazetteer) -> None:
    graph = adm1_neighbours("IQ", gazetteer=gz)
    nineveh = graph["IQ.15"]
    assert "IQ.08" in nineveh or "IQ.11" in nineveh  # Dahuk or Erbil
    assert any(code.startswith("SY.") for code in nineveh)  # across the Syrian border
    assert "IQ.02" not in nineveh  # Basra is far south
    assert all(code.startswith("IQ.") for code in graph)


def test_haversine() -> None:
    assert abs(haversine_km(0, 0, 0, 1) - 111.2) < 0.5
    assert haversine_km(36.34, 43.13, 36.34, 43.13) == 0
