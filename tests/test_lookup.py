"""Names users write (spillwatch.lookup): actor aliases, countries, stores that must exist."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from spillwatch.api.names import check_store_exists, resolve_actor, resolve_country
from spillwatch.errors import NotFoundError, SpillwatchError
from spillwatch.records import Actor
from spillwatch.settings import Settings
from spillwatch.store import open_store
from tests.analysis.events_fixture import attack


@pytest.mark.parametrize("alias", ["ISL", "ISIS", "ISIL", "Daesh", "Islamic State", "islamic state group", "IS"])
def test_islamic_state_aliases(alias: str) -> None:
    assert resolve_actor(alias, Settings()) == "ISL"


def test_unknown_actor_names_the_closest() -> None:
    with pytest.raises(SpillwatchError, match=r"unknown actor 'Daesj'; did you mean Daesh"):
        resolve_actor("Daesj", Settings())


def test_actors_only_in_the_store_resolve_by_id_or_name(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "s.duckdb"))
    militia = Actor("unresolved:jaish-al-test", "Jaish al-Test", "SYR", "REB", resolved=False)
    store.import_events([attack("x1", "SYR", date(2016, 1, 1), actor=militia)])
    assert resolve_actor("unresolved:jaish-al-test", Settings(), store) == militia.id
    assert resolve_actor("Jaish al-Test", Settings(), store) == militia.id  # the importers' slug of a name
    with pytest.raises(SpillwatchError, match="unresolved:jaish-al-test"):
        resolve_actor("unresolved:jaish-al-tset", Settings(), store)
    store.close()


@pytest.mark.parametrize(("text", "iso3"), [("SYR", "SYR"), ("syr", "SYR"), ("Syria", "SYR"), ("iraq", "IRQ"),
                                            ("LB", "LBN"), ("DR Congo", "COD"), ("Ivory Coast", "CIV"),
                                            ("IMG", "IMG"), ("Turkey", "TUR")])
def test_countries(text: str, iso3: str) -> None:
    assert resolve_country(text) == iso3


def test_unknown_country_names_the_closest() -> None:
    with pytest.raises(SpillwatchError, match=r"unknown country 'Syra'; did you mean Syria"):
        resolve_country("Syra")
    with pytest.raises(SpillwatchError, match="unknown country 'XYZ'"):
        resolve_country("XYZ")


def test_store_must_exist(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="no such store"):
        check_store_exists(str(tmp_path / "typo.duckdb"))
    with pytest.raises(SpillwatchError, match="is a folder"):
        check_store_exists(str(tmp_path))
    check_store_exists(":memory:")
    check_store_exists("postgresql://u@h/db")
    assert not (tmp_path / "typo.duckdb").exists()


def test_event_types_in_any_case_and_the_closest() -> None:
    from spillwatch.api.names import resolve_event_type

    assert resolve_event_type("assault") == "ASSAULT"
    with pytest.raises(SpillwatchError, match="did you mean ASSAULT"):
        resolve_event_type("ASSALT")
