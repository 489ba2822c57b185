"""ADM1 keys: ISO 3166-2 for GeoNames codes and for the names imported data sets use."""

from __future__ import annotations

import pytest

from spillwatch.geo import adm1

UCDP_SYRIA = {"Aleppo Governorate": "SY-HL", "Rif Dimashq Governorate": "SY-RD", "Deir ez Zor Governorate": "SY-DY",
              "Idlib Governorate": "SY-ID", "Ar Raqqah Governorate": "SY-RA", "Hamah Governorate": "SY-HM",
              "Homs Governorate": "SY-HI", "Daraa Governorate": "SY-DR", "Damascus Governorate": "SY-DI",
              "Al Hasakah Governorate": "SY-HA", "Latakia Governorate": "SY-LA", "Quneitra Governorate": "SY-QU",
              "As Suwayda Governorate": "SY-SU", "Tartus Governorate": "SY-TA"}


@pytest.mark.parametrize(("name", "code"), sorted(UCDP_SYRIA.items()))
def test_every_ucdp_syria_governorate_has_its_iso_code(name: str, code: str) -> None:
    assert adm1.from_name("SYR", name) == code


def test_geonames_codes_and_other_spellings_meet_on_one_key() -> None:
    assert adm1.from_geonames("SY.09") == adm1.from_name("SYR", "Aleppo") == adm1.from_name("SYR", "Ḩalab") == "SY-HL"
    assert adm1.key("IRQ", "IQ.15", None) == adm1.key("IRQ", None, "Nineveh Governorate") == "IQ-NI"
    assert adm1.key("LBN", "LB-BH", "whatever") == "LB-BH"  # an ISO code is kept as it is
    assert adm1.from_name("JOR", "Karak") == "JO-KA" and adm1.from_name("LBN", "Baalbek-Hermel") == "LB-BH"


def test_unknown_names_and_units_without_iso_code() -> None:
    assert adm1.from_name("SYR", "Atlantis Governorate") is None and adm1.from_name(None, "Aleppo") is None
    assert adm1.from_name("SYR", "Aleppo Governorate") != adm1.from_name("IRQ", "Aleppo Governorate")
    assert adm1.from_geonames("IQ.19") == "IQ.19"  # Halabja: no ISO 3166-2 code, keeps its GeoNames code


def test_labels_and_fixed_centroids() -> None:
    assert adm1.label("SY-HL") == "Aleppo" and adm1.label("XX-00") == "XX-00"
    lat, lon = adm1.centroids()["SY-HL"]
    assert 35.5 < lat < 37 and 36.5 < lon < 38.5


def test_a_town_in_a_unit_iso_divides_otherwise_takes_the_nearest_iso_unit() -> None:
    """GeoNames' West Bank (PS.WE) is no ISO 3166-2 unit: Jenin is PS-JEN, Gaza's Rafah PS-RFH."""
    from spillwatch.geo import adm1
    from spillwatch.geo.gazetteer import Candidate
    from spillwatch.geo.resolve import _unit_key

    assert adm1.from_geonames("PS.WE") == "PS.WE"  # the unit itself keeps GeoNames' key
    assert adm1.nearest("PS", 32.46, 35.30) == "PS-JEN"
    jenin = Candidate(1, 2, "city", "Janin", "P", "PPLA", "PS", "WE", "West Bank", 32.46, 35.30, 40000)
    rafah = Candidate(3, 4, "city", "Rafah", "P", "PPLA", "PS", "GZ", "Gaza Strip", 31.30, 34.25, 126000)
    assert (_unit_key(jenin), _unit_key(rafah)) == ("PS-JEN", "PS-RFH")
    assert adm1.nearest("EH", 27.15, -13.2) is None  # Western Sahara: no ISO subdivisions
