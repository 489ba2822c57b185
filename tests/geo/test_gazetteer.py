from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from spillwatch.errors import ConfigError
from spillwatch.geo.gazetteer import Gazetteer, open_gazetteer


def _ids(gz: Gazetteer, name: str) -> set[int | None]:
    return {c.geonameid for c in gz.lookup(name)}


def test_qayara_spellings_find_qayyarah_in_nineveh(gz: Gazetteer) -> None:
    for spelling in ("Qayara", "Qayyarah", "Al-Qayyarah", "Qaiyara"):
        cands = [c for c in gz.lookup(spelling) if c.geonameid == 99003]
        assert cands, spelling
        assert cands[0].iso2 == "IQ" and cands[0].adm1 == "15" and cands[0].adm1_name == "Nineveh"


def test_syrian_cities_by_variant_spelling(gz: Gazetteer) -> None:
    assert _ids(gz, "Raqqa") & _ids(gz, "Ar Raqqah")
    assert _ids(gz, "Deir ez-Zor") & _ids(gz, "Dayr az Zawr")
    assert _ids(gz, "Deir el-Zour")  # only reachable through the loose key


def test_country_and_units(gz: Gazetteer) -> None:
    kinds = {c.kind for c in gz.lookup("Lebanon")}
    assert {"country", "city"} <= kinds  # the country and the US towns
    nineveh = [c for c in gz.lookup("Nineveh Governorate") if c.kind == "adm1"]
    assert nineveh and nineveh[0].geonameid == 92877
    assert any(c.kind == "country" and c.iso2 == "US" for c in gz.lookup("U.S."))
    assert any(c.kind == "adm1" and c.adm1 == "CA" for c in gz.lookup("Calif."))


def test_demonyms(gz: Gazetteer) -> None:
    assert gz.demonym("Jordanian") == "JO"
    assert gz.demonym("Iraqis") == "IQ"
    assert gz.demonym("Lebanese") == "LB"
    assert gz.demonym("Table") is None


def test_unknown_name_gives_nothing(gz: Gazetteer) -> None:
    assert gz.lookup("Xqzzyvillezz") == []
    assert gz.lookup("") == []


def test_partial_build_is_marked(gz: Gazetteer) -> None:
    assert gz.meta["partial"] == "1"
    kabul = gz.lookup("Kabul", fuzzy=False)
    assert not [c for c in kabul if c.kind == "city" and c.iso2 == "AF"]  # AF towns left out
    assert [c for c in kabul if c.kind == "adm1" and c.iso2 == "AF"]  # units are always whole


def test_neighbours_and_adm1_points(gz: Gazetteer) -> None:
    near = gz.neighbours()["IQ"]
    assert {"SY", "JO", "TR", "IR"} <= near
    points = [p for p in gz.adm1_points() if p["country_iso2"] == "IQ"]
    assert any(p["name"] == "Nineveh" for p in points)
    assert all(-90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180 for p in points)


def test_not_a_gazetteer_raises_config_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sqlite"
    sqlite3.connect(bad).execute("CREATE TABLE x(y)").connection.commit()
    with pytest.raises(ConfigError):
        Gazetteer(bad)
    with pytest.raises(ConfigError):
        open_gazetteer(tmp_path / "missing.sqlite", build=False)


def test_demonyms_of_continents_and_regions(gz: Gazetteer) -> None:
    kurdish = gz.demonym_place("Kurdish")
    assert kurdish is not None and kurdish.kind == "region" and kurdish.name == "Kurdistan"
    european = gz.demonym_place("Europeans")
    assert european is not None and european.kind == "continent"
    assert gz.demonym("European") is None  # not a country


def test_demonyms_of_constituent_countries(gz: Gazetteer) -> None:
    """"the English city of Salisbury": England, a unit of the United Kingdom, not the whole kingdom."""
    english = gz.demonym_place("English")
    assert english is not None and english.kind == "adm1" and english.name == "England"
    scottish = gz.demonym_place("Scottish")
    assert scottish is not None and scottish.kind == "adm1" and scottish.iso2 == "GB"
    assert gz.demonym("English") == "GB" and gz.demonym("British") == "GB"
    british = gz.demonym_place("British")
    assert british is not None and british.kind == "country"


def test_partial_build_is_never_taken_as_the_full_one(gz: Gazetteer) -> None:
    from spillwatch.geo.gazetteer import _usable

    assert not _usable(gz.path)  # a full build would be made instead of using it
    assert open_gazetteer(gz.path, build=False).meta["partial"] == "1"


@pytest.mark.parametrize(("iso2", "adm1", "shown"), [
    ("IN", "16", "Mahārāshtra"),  # iso3166-2's English other name is "Gateway of India", a nickname
    ("YE", "08", "Al Ḩudaydah"),  # ... "Western Coast", a description
    ("BR", "27", "São Paulo"),  # ... "Saint Paul", a translation
    ("AT", "04", "Upper Austria"),  # GeoNames lists the English name among the unit's names
    ("AE", "06", "Sharjah"),
    ("IQ", "18", "Saladin"),  # a respelling of Şalāḩ ad Dīn
])
def test_adm1_english_names_are_names_not_nicknames(gz: Gazetteer, iso2: str, adm1: str, shown: str) -> None:
    names = {c.adm1: c.name for c in gz.adm1_units(iso2)}
    assert names[adm1] == shown


def test_a_short_name_has_no_spelling_tolerant_match(gz: Gazetteer) -> None:
    """"Qaa" (a Lebanese village the gazetteer lacks) folds to "ka" as "An Khê" does: a key that short
    matches towns everywhere, so only an exact name counts; a longer variant still finds its town."""
    assert all(c.match != "loose" for c in gz.lookup("Qaa", fuzzy=False))
    assert _ids(gz, "Deir el-Zour")
