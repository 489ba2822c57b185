"""One role model for every origin: the same two events told by UCDP, ACLED and coded news give the same role
counts (a battle between Iraqi forces and IS makes IS a party in Iraq; IS killing civilians makes it the
perpetrator), and the CLI, REST, Python and export use the same words (README "Roles")."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from spillwatch.analysis.service import Insight, Who
from spillwatch.api import EventFilter, Spillwatch
from spillwatch.importers import acled, ucdp
from spillwatch.records import ROLE_RULES, ROLES
from spillwatch.settings import load_settings
from spillwatch.store import Store, open_store

NEWS = {"mosul.txt": "Iraqi forces clashed with Islamic State fighters in Mosul, Iraq, on Saturday, Dec. 10, 2016, "
                     "officials said.\n",
        "kirkuk.txt": "Islamic State militants killed 12 civilians in Kirkuk, Iraq, on Tuesday, Dec. 20, 2016, police "
                      "said.\n"}
KIRKUK = {"adm_1": "Kirkuk governorate", "latitude": "35.47", "longitude": "44.39", "where_coordinates": "Kirkuk town"}
GED = {"country": "Iraq", "date_prec": "1", "adm_1": "Nineveh governorate", "where_prec": "1",
       "latitude": "36.34", "longitude": "43.13", "where_coordinates": "Mosul town"}
UCDP_ROWS = [{**GED, "id": "1", "type_of_violence": "1", "side_a": "Government of Iraq", "side_b": "IS",
              "date_start": "2016-12-10", "date_end": "2016-12-10"},
             {**GED, **KIRKUK, "id": "2", "type_of_violence": "3", "side_a": "IS", "side_b": "Civilians",
              "date_start": "2016-12-20", "date_end": "2016-12-20"}]
ACLED = {"country": "Iraq", "iso": "368", "time_precision": "1", "admin1": "Ninewa", "location": "Mosul",
         "latitude": "36.34", "longitude": "43.13", "geo_precision": "1"}
ACLED_ROWS = [{**ACLED, "event_id_cnty": "IRQ1", "event_date": "2016-12-10", "event_type": "Battles",
               "sub_event_type": "Armed clash", "actor1": "Military Forces of Iraq (2014-)", "inter1": "1",
               "actor2": "Islamic State (Iraq)", "inter2": "2"},
              {**ACLED, "admin1": "Kirkuk", "location": "Kirkuk", "latitude": "35.47", "longitude": "44.39",
               "event_id_cnty": "IRQ2", "event_date": "2016-12-20", "event_type": "Violence against civilians",
               "sub_event_type": "Attack", "actor1": "Islamic State (Iraq)", "inter1": "2",
               "actor2": "Civilians (Iraq)", "inter2": "7"}]


def _counts(store: Store) -> dict[str, int]:
    insight = Insight(store, load_settings(db=":memory:"))
    return {role: sum(r.events for r in insight.activity(Who("ISL", roles=(role,)))) for role in ROLES}


@pytest.fixture(scope="module")
def news(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Spillwatch]:
    folder = tmp_path_factory.mktemp("news")
    for name, text in NEWS.items():
        (folder / name).write_text(text, encoding="utf-8")
    with Spillwatch(str(folder / "news.duckdb")) as sw:
        sw.ingest([str(folder / name) for name in NEWS])
        yield sw


def _imported(events: list[object]) -> Store:
    store = open_store(":memory:")
    store.put_events(events)  # type: ignore[arg-type]
    return store


def test_news_coded_battle_makes_is_a_party_in_iraq(news: Spillwatch) -> None:
    battle = [e for e in news.store.all_events() if e.acled_type == "Battles"]
    assert battle, "the coder no longer codes the clash as a battle"
    assert {a.id for a in battle[0].actors_in("party")} >= {"ISL", "IRQ_MIL"}
    assert battle[0].actors_in("target") == () and battle[0].actors_in("perpetrator") == ()
    rows = news.activity("ISL", roles=("party",))
    assert [(r.country_iso3, r.events) for r in rows] == [("IRQ", 1)]


def test_same_events_same_role_counts_across_origins(news: Spillwatch) -> None:
    from_ucdp = _imported([ucdp.event_from_row(r, f"t#row{i}") for i, r in enumerate(UCDP_ROWS, 1)])
    from_acled = _imported([acled.event_from_row(r, f"t#row{i}") for i, r in enumerate(ACLED_ROWS, 1)])
    expected = {"perpetrator": 1, "party": 1, "target": 0}
    assert _counts(from_ucdp) == expected
    assert _counts(from_acled) == expected
    assert _counts(news.store) == expected


def test_export_and_event_filter_use_the_same_roles(news: Spillwatch) -> None:
    def n(*roles: str) -> int:
        return news.count_events(EventFilter(actor="ISL", roles=roles))

    assert (n("perpetrator"), n("party"), n("target"), n()) == (1, 1, 0, 2)
    assert set(ROLE_RULES) == set(ROLES)


def test_old_stores_get_news_battles_as_parties(tmp_path: Path) -> None:
    """Migration 008 re-derives a news-coded battle stored before the role model (attacker perpetrator,
    attacked target) as a battle of two parties."""
    db = str(tmp_path / "old.duckdb")
    store = open_store(db)
    store._run("INSERT INTO events (id, type, modes, source_ids, source_names, target_ids, target_names,"  # type: ignore[attr-defined]
               " perpetrator_ids, party_ids, origin, acled_type, record_json, n_mentions, n_articles, confidence,"
               " modality, outlets) VALUES ('b', 'ASSAULT', '', 'IRQ_MIL', 'Iraq military', 'ISL', 'Islamic State',"
               " 'IRQ_MIL', '', 'spillwatch', 'Battles', '{}', 1, 1, 1.0, 'happened', '')")
    store._run("DELETE FROM schema_migrations WHERE version >= 8")  # type: ignore[attr-defined]
    store.close()
    again = open_store(db)
    row = again.query("SELECT perpetrator_ids, party_ids FROM events WHERE id = 'b'", [])[0]
    again.close()
    assert row == {"perpetrator_ids": "", "party_ids": "IRQ_MIL|ISL"}
