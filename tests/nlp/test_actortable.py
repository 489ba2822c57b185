from __future__ import annotations

import json
from pathlib import Path

import pycountry
import pytest

from spillwatch.errors import ConfigError
from spillwatch.nlp.actortable import load_actor_table, packaged_table_path
from spillwatch.settings import Settings

INTL = {"IGO", "UNO", "EUR", "NGO", "IMG", "MNC"}
# SPY: intelligence services (PLOVER)
SECTORS = {"GOV", "MIL", "REB", "CVL", "POL", "JUD", "BUS", "MED", "EDU", "REL", "COP", "SPY", "NGO", "IGO"}


def test_packaged_table_is_versioned_and_valid() -> None:
    raw = json.loads(packaged_table_path().read_text(encoding="utf-8"))
    assert raw["version"]
    table = load_actor_table(Settings())
    for entry in table.entries.values():
        a = entry.actor
        assert a.country is None or a.country in INTL or pycountry.countries.get(alpha_3=a.country), a
        assert a.sector in SECTORS, a
        assert entry.affiliate_of is None or entry.affiliate_of in table.entries, a
        assert all(ally in table.entries for ally in entry.allies), a


def test_no_alias_names_two_actors() -> None:
    table = load_actor_table(Settings())
    for entry in table.entries.values():
        for alias in entry.aliases:
            assert table.lookup(alias) is entry, (alias, entry.actor.id)


def test_islamic_state_and_provinces() -> None:
    table = load_actor_table(Settings())
    kids = set(table.affiliates("ISL"))
    assert {"ISL_WAP", "ISL_KP", "ISL_SIN", "ISL_GS", "ISL_LBY"} <= kids
    assert {"AQ_AP", "AQ_IM", "AQ_JNIM", "AQ_SHB"} <= set(table.affiliates("AQ"))
    text = "ISIS and ISWAP, Daesh, IS-K, Wilayat Sinai, the Islamic State in the Greater Sahara, IS Libya."
    found = [(text[s:e], entry.actor.id) for s, e, entry in table.matches(text)]
    assert found == [
        ("ISIS", "ISL"), ("ISWAP", "ISL_WAP"), ("Daesh", "ISL"), ("IS-K", "ISL_KP"),
        ("Wilayat Sinai", "ISL_SIN"), ("Islamic State in the Greater Sahara", "ISL_GS"), ("IS Libya", "ISL_LBY"),
    ]


def test_case_rules() -> None:
    table = load_actor_table(Settings())
    ids = [e.actor.id for _, _, e in table.matches("the islamic state group; an amnesty; Hamas; is it")]
    assert ids == ["ISL", "HAM"]


def test_user_json_and_csv_merge(tmp_path: Path) -> None:
    j = tmp_path / "mine.json"
    j.write_text(json.dumps({"version": "u1", "actors": [
        {"id": "ISL", "name": "ISIL (renamed)", "aliases": ["ISIL", "Tanzim"], "country": "IMG", "sector": "REB"},
        {"id": "XYZ", "name": "Example Brigade", "aliases": ["XB"], "country": "SYR", "sector": "REB",
         "affiliate_of": "ISL"},
    ]}), encoding="utf-8")
    table = load_actor_table(Settings(actor_file=str(j)))
    assert table.get("ISL") is not None and table.get("ISL").actor.name == "ISIL (renamed)"  # type: ignore[union-attr]
    assert table.lookup("Tanzim").actor.id == "ISL"  # type: ignore[union-attr]
    assert "XYZ" in table.affiliates("ISL")
    assert table.version.endswith("+u1")
    c = tmp_path / "mine.csv"
    header = "id,name,aliases,country,sector,affiliate_of,allies,people\n"
    c.write_text(header + "FOO,Foo Front,Foo|FF,MLI,REB,,,Amadou Kone\n", "utf-8")
    table = load_actor_table(Settings(actor_file=str(c)))
    assert table.lookup("FF").actor.country == "MLI"  # type: ignore[union-attr]
    assert [(e.actor.id, full) for _, _, e, full in table.people_matches("Amadou Kone spoke.")] == [
        ("FOO", "Amadou Kone")]


@pytest.mark.parametrize("content", ["{not json", '{"actors": [{"name": "no id"}]}', '{"version": 1}'])
def test_bad_user_files_raise_config_error(tmp_path: Path, content: str) -> None:
    p = tmp_path / "bad.json"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError):
        load_actor_table(Settings(actor_file=str(p)))
    with pytest.raises(ConfigError, match="does not exist"):
        load_actor_table(Settings(actor_file=str(tmp_path / "missing.json")))
