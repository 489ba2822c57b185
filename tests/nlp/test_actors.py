from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from spillwatch.nlp.actors import find_actors
from spillwatch.nlp.parse import annotate_one
from spillwatch.records import ActorMention, Article, Block, DateInfo
from spillwatch.settings import Settings
from tests.nlp.conftest import Runner


def article(*texts: str, outlet: str | None = None, dateline: str | None = None) -> Article:
    blocks = ((Block("dateline", dateline),) if dateline else ()) + tuple(Block("body", t) for t in texts)
    return Article("r", "t", blocks, DateInfo(date(2020, 1, 1), "metadata"), outlet=outlet)


def actors(run_nlp: Runner, *texts: str, **kw: str) -> dict[str, ActorMention]:
    return {m.text: m for m in run_nlp(article(*texts, **kw)).actors}


def test_demonym_head_nouns(run_nlp: Runner) -> None:
    got = actors(
        run_nlp,
        "Jordanian soldiers and Iraqi police clashed with Syrian rebels while Turkish officials watched. "
        "Afghan civilians fled. The Iraqi city of Mosul was quiet.",
    )
    assert got["Jordanian soldiers"].actor.id == "JOR_MIL"
    assert got["Iraqi police"].actor.id == "IRQ_COP"
    assert got["Syrian rebels"].actor.id == "SYR_REB"
    assert got["Turkish officials"].actor.id == "TUR_GOV"
    assert got["Afghan civilians"].actor.id == "AFG_CVL"
    assert not [m for m in got.values() if "city" in m.text]  # a demonym on a place is no actor


def test_country_names_act_only_as_participants(run_nlp: Runner) -> None:
    got = actors(run_nlp, "Canada condemned the attack in Iraq. Fighters crossed from Syria into Jordan.")
    assert got["Canada"].actor.id == "CAN_GOV"
    assert not {"Iraq", "Syria", "Jordan"} & set(got)


def test_titles_bind_people_with_country_from_demonym_or_context(run_nlp: Runner) -> None:
    got = actors(
        run_nlp,
        "Nigerian troops and the Nigerian government welcomed the move.",
        "Defence Minister Bashir Magashi said the army would stay. French President Emmanuel Macron agreed.",
        "Magashi said more troops would follow.",
    )
    assert (got["Defence Minister Bashir Magashi"].actor.id, got["Magashi"].person) == ("NGA_GOV", "Bashir Magashi")
    macron = got["French President Emmanuel Macron"]
    assert (macron.actor.id, macron.person) == ("FRA_GOV", "Emmanuel Macron")


def test_group_titles_and_appositives(run_nlp: Runner) -> None:
    got = actors(
        run_nlp,
        "Hamas leader Yahya Sinwar spoke. Later, Omar Haddad, Jordan's foreign minister, replied.",
    )
    assert (got["Hamas leader Yahya Sinwar"].actor.id, got["Hamas leader Yahya Sinwar"].person) == (
        "HAM", "Yahya Sinwar")
    assert (got["Omar Haddad"].actor.id, got["Omar Haddad"].person) == ("JOR_GOV", "Omar Haddad")


def test_unknown_organisation_is_unresolved(run_nlp: Runner) -> None:
    got = {m.actor.id: m for m in run_nlp(article("The Northern Ridge Defence Council claimed the raid.")).actors}
    found = [m for i, m in got.items() if i.startswith("unresolved:")]
    assert found and found[0].actor.resolved is False


def test_dateline_and_capital_headlines_make_no_actor(run_nlp: Runner) -> None:
    got = actors(run_nlp, "WHAT IS NEXT FOR THE REGION", "Talks resumed.", dateline="BAGHDAD")
    assert got == {}


def test_user_actor_file_is_used(tmp_path: Path, nlp_settings: Settings) -> None:
    path = tmp_path / "mine.json"
    path.write_text(json.dumps({"version": "t", "actors": [
        {"id": "ZZB", "name": "Zarqa Brigade", "aliases": ["Zarqa Brigade", "ZB"], "country": "JOR", "sector": "REB"}
    ]}), encoding="utf-8")
    settings = Settings(actor_file=str(path))
    ann = find_actors(annotate_one(article("Fighters of the Zarqa Brigade attacked."), settings), settings)
    assert [m.actor.id for m in ann.actors if "Zarqa" in m.text] == ["ZZB"]
    assert [m.text for m in ann.actors if m.actor.id == "ZZB"] == ["Fighters of the Zarqa Brigade"]


def test_militants_bound_to_a_named_group(run_nlp: Runner) -> None:
    got = actors(run_nlp, "Fighters from al-Shabaab stormed the base. Militants loyal to the Islamic State fled.")
    assert got["Fighters from al-Shabaab"].actor.id == "AQ_SHB"
    assert got["Militants loyal to the Islamic State"].actor.id == "ISL"


def test_country_qualified_groups_and_offices(run_nlp: Runner) -> None:
    got = actors(
        run_nlp,
        "Ivory Coast rebels rejected the plan. Rebels in Mali then attacked. Pakistan President Arif Alvi "
        "spoke, and the Nigerian Interior Ministry issued a statement.",
    )
    assert got["Ivory Coast rebels"].actor.id == "CIV_REB"
    assert got["Rebels in Mali"].actor.id == "MLI_REB"
    assert (got["Pakistan President Arif Alvi"].actor.id, got["Pakistan President Arif Alvi"].person) == (
        "PAK_GOV", "Arif Alvi")
    ministry = next(m for t, m in got.items() if "Interior Ministry" in t)
    assert ministry.actor.country == "NGA" and ministry.actor.sector == "GOV"


def test_table_people_are_their_group(run_nlp: Runner) -> None:
    got = actors(run_nlp, "A recording attributed to Abu Bakr al-Baghdadi urged attacks; Baghdadi was not seen.")
    assert (got["Abu Bakr al-Baghdadi"].actor.id, got["Abu Bakr al-Baghdadi"].person) == ("ISL", "Abu Bakr al-Baghdadi")
    assert (got["Baghdadi"].actor.id, got["Baghdadi"].person) == ("ISL", "Abu Bakr al-Baghdadi")


def test_unqualified_troops(run_nlp: Runner) -> None:
    ann = run_nlp(article(
        "The Nigerian army said troops repelled the attack. Nigerian officials praised soldiers.",
        "Our troops and coalition troops and local police were not involved.",
    ))
    second = ann.article.block_spans()[1][1].start
    assert [(m.text, m.actor.id) for m in ann.actors if m.text in {"troops", "soldiers"}] == [
        ("troops", "NGA_MIL"), ("soldiers", "NGA_MIL")]
    assert not [m for m in ann.actors if m.span.start >= second]
    assert actors(run_nlp, "Soldiers opened fire.")["Soldiers"].actor.id == "UNK_MIL"


def test_an_unresolved_name_has_single_spaces_whatever_the_entity_ran_over() -> None:
    from spillwatch.nlp.candidates import unresolved_actor

    actor = unresolved_actor("Qaa\n\n")
    assert actor.name == "Qaa" and actor.id == "unresolved:qaa"
    assert unresolved_actor("Syrian  Democratic\nForces").name == "Syrian Democratic Forces"


def test_a_first_name_is_no_country(run_nlp: Runner) -> None:
    """"Vincent Jackson" (a person) is not Saint Vincent's government nor of Saint Vincent."""
    got = actors(run_nlp, "Vincent Jackson scored twice for the Chargers on Sunday.")
    assert all(m.actor.country != "VCT" for m in got.values())
