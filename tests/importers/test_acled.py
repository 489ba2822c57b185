"""ACLED importer on an invented export (every mapping branch and every bad row)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from spillwatch.importers.acled import SUBTYPE_TO_PLOVER, import_acled
from spillwatch.records import Event, Quarantined

SAMPLE = Path(__file__).parent / "fixtures" / "acled_sample.csv"


def imported() -> tuple[dict[str, Event], list[Quarantined]]:
    out = list(import_acled(SAMPLE))
    return (
        {e.external_id or "": e for e in out if isinstance(e, Event)},
        [q for q in out if isinstance(q, Quarantined)],
    )


def test_battle_codes_both_sides_as_sources_and_keeps_acled_types() -> None:
    e = imported()[0]["IRQ90001"]
    assert (e.id, e.origin, e.type, e.modes) == ("acled-IRQ90001", "acled", "ASSAULT", ("firearms",))
    assert (e.acled_type, e.acled_subtype) == ("Battles", "Armed clash")
    assert [a.id for a in e.sources] == ["ISL", "IRQ_MIL", "PMF"] and e.targets == ()
    assert e.fatalities is not None and e.fatalities.best == 4
    assert e.place is not None and (e.place.country_iso3, e.place.adm1_name, e.place.precision) == ("IRQ", "Ninewa", 1)
    assert e.outlets == ("Agency A", "Agency B")
    assert e.headline is not None and e.headline.startswith("Invented: IS fighters")


def test_air_strike_old_date_format_and_week_precision() -> None:
    e = imported()[0]["IRQ90002"]
    assert (e.type, e.modes, e.date_start, e.date_precision) == ("ASSAULT", ("aerial",), date(2019, 5, 3), "week")
    assert [a.id for a in e.targets] == ["ISL"]
    assert e.sources[0].resolved is False and e.sources[0].sector == "MIL"


def test_abduction_region_precision_and_unresolved_sectors() -> None:
    e = imported()[0]["IRQ90003"]
    assert (e.type, e.modes) == ("ASSAULT", ("abduct",))
    assert e.place is not None and e.place.precision == 4
    assert e.sources[0].sector == "REB" and e.targets[0].sector == "CVL"


def test_protest_and_arrest_map_to_plover() -> None:
    events = imported()[0]
    assert (events["IRQ90004"].type, events["IRQ90004"].modes) == ("PROTEST", ("demo",))
    arrest = events["IRQ90005"]
    assert (arrest.type, arrest.modes, arrest.sources[0].id) == ("COERCE", ("arrest",), "IRQ_COP")


def test_unreadable_rows_are_quarantined_with_reasons() -> None:
    events, bad = imported()
    assert len(events) == 5
    assert [q.source.rsplit("#", 1)[1] for q in bad] == ["row6", "row7", "row8"]
    assert "event_type" in bad[0].detail and "fatalities" in bad[1].detail and "event_date" in bad[2].detail


def test_every_mapped_type_is_a_plover_type() -> None:
    import json
    from importlib import resources

    plover = json.loads(resources.files("spillwatch").joinpath("data/plover.json").read_text("utf-8"))
    for ptype, modes in SUBTYPE_TO_PLOVER.values():
        if ptype != "OTHER":
            assert set(modes) <= set(plover["types"][ptype].get("modes", {})), ptype
