"""Shared importer parts: country codes and actor-name resolution."""

from __future__ import annotations

from spillwatch.importers.common import country_iso3, resolve_actor


def test_country_names_and_numeric_codes() -> None:
    assert country_iso3("Syria") == "SYR"
    assert country_iso3("368") == "IRQ"
    assert country_iso3("DR Congo (Zaire)") == "COD"
    assert country_iso3("Atlantis") is None


def test_actor_table_aliases_and_qualifiers() -> None:
    assert resolve_actor("IS").id == "ISL"
    assert resolve_actor("Islamic State (Syria)").id == "ISL"
    assert resolve_actor("is").resolved is False  # acronyms match case-sensitively


def test_state_forces_get_country_sector_ids() -> None:
    gov = resolve_actor("Government of Syria")
    assert (gov.id, gov.country, gov.sector) == ("SYR_GOV", "SYR", "GOV")
    assert resolve_actor("Military Forces of Iraq (2014-)").id == "IRQ_MIL"
    assert resolve_actor("Police Forces of Iraq (2014-)").id == "IRQ_COP"


def test_unknown_groups_are_kept_unresolved_with_the_given_sector() -> None:
    actor = resolve_actor("Liwa al-Invented", "REB", "SYR")
    assert (actor.id, actor.name, actor.sector, actor.country, actor.resolved) == (
        "unresolved:liwa-al-invented",
        "Liwa al-Invented",
        "REB",
        "SYR",
        False,
    )
