"""Event place and date choice on sentences written for these tests (argument rules in args.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from coding_support import actor, annotate, article, one_sentence, spans_of  # type: ignore[import-not-found,unused-ignore]

from spillwatch.coding.events import code_events
from spillwatch.records import EventMention, Place

TUE = {"on Tuesday": (date(2024, 3, 5), date(2024, 3, 5), "day")}


def _places(m: EventMention) -> list[str]:
    return [a.text for a in m.arguments if a.role == "place"]


def _only(mentions: tuple[EventMention, ...], etype: str = "ASSAULT") -> EventMention:
    found = [m for m in mentions if m.type == etype]
    assert len(found) == 1, [(m.type, m.trigger_text) for m in mentions]
    return found[0]


def test_far_side_of_a_border_comes_after_the_near_side() -> None:
    ann = one_sentence(
        "A roadside bomb near the town of Mandera on Kenya's border with Somalia killed four police officers.",
        {"four police officers": actor("KEN", "COP")},
    )
    m = _only(code_events(ann))
    places = _places(m)
    assert m.place_text == "Mandera", places
    assert places.index("Kenya") < places.index("Somalia")


def test_far_side_of_a_border_is_the_last_resort() -> None:
    ann = one_sentence(
        "Officials in Jordan said two guards were killed on the border with Syria.",
        {"two guards": actor("JOR", "MIL")},
    )
    m = _only(code_events(ann))
    assert m.place_text == "Jordan" and _places(m) == ["Jordan", "Syria"]


def test_a_demonym_is_never_the_place_text() -> None:
    text = "A car bomb near the Syrian border killed three soldiers."
    ann = one_sentence(text, {"three soldiers": actor("TUR", "MIL")})
    (span,) = spans_of(ann.article.text, "Syrian")
    ann = replace(ann, places=(Place(span, "Syrian", "place", name="Syria", feature_code="PCLI", country_iso3="SYR"),))
    m = _only(code_events(ann))
    assert m.place_text is None and "Syrian" not in _places(m)


def test_named_site_before_its_country() -> None:
    ann = one_sentence(
        "Gunmen attacked a checkpoint in Nigeria near Maiduguri on Tuesday.",
        {"Gunmen": actor("BKH", "REB")},
        dates=TUE,
    )
    m = _only(code_events(ann))
    assert m.place_text == "Maiduguri"
    assert _places(m).index("Maiduguri") < _places(m).index("Nigeria")


def test_named_venue_the_ner_calls_an_organisation_is_a_place() -> None:
    ann = one_sentence("Nine people were killed in a bombing at Kisumu Stadium, police said.", {})
    m = _only(code_events(ann))
    assert m.place_text == "Kisumu Stadium"


def test_inline_dateline_does_not_hide_the_sentence_date() -> None:
    art = article(("body", "MOSUL, Iraq – Militants attacked a checkpoint on Tuesday, police said."))
    m = _only(code_events(annotate(art, {"Militants": actor("ISL", "REB")}, dates=TUE)))
    assert m.date is not None and m.date.start == date(2024, 3, 5)
    assert m.place_text is None


def _report(*later: str) -> tuple[EventMention, ...]:
    art = article(
        ("title", "Rebels shell town"),
        ("body", "Rebels shelled Bunia on Tuesday, killing 14 people, officials said."),
        ("body", "Residents fled towards the lake. Aid workers said the roads were blocked."),
        ("body", "Several shops were closed. Schools stayed shut for the week."),
        *(("body", s) for s in later),
    )
    return code_events(annotate(art, {"Rebels": actor("M23", "REB")}, dates=TUE))


def test_later_report_of_the_same_attack_takes_its_date() -> None:
    mentions = _report("“Rebels shelled our homes in Bunia,” a resident said.")
    later = [m for m in mentions if m.trigger_text == "shelled"][1]
    assert later.date is not None and later.date.start == date(2024, 3, 5)


def test_other_attack_without_a_date_stays_undated() -> None:
    mentions = _report("Rebels shelled Uvira, a resident said.")
    other = [m for m in mentions if m.trigger_text == "shelled"][-1]
    assert "Uvira" in [a.text for a in other.arguments] and other.date is None


def test_undated_lead_sentence_stays_undated() -> None:
    art = article(
        ("title", "Rebels shell Bunia"),
        ("body", "Rebels shelled Bunia, killing 14 people, officials said."),
        ("body", "The army said on Tuesday that it would send reinforcements."),
    )
    mentions = code_events(annotate(art, {"Rebels": actor("M23", "REB")}, dates=TUE))
    lead = [m for m in mentions if m.trigger_text == "shelled"]
    assert lead and all(m.date is None for m in lead)


SUN = {"on Sunday": (date(2024, 3, 3), date(2024, 3, 3), "day")}


def test_event_set_off_by_an_offset_is_dated_by_the_offset() -> None:
    ann = one_sentence(
        "Troops shelled Kidal on Sunday, two days after rebels attacked a checkpoint.",
        {"Troops": actor("MLI", "MIL"), "rebels": actor("CMA", "REB")},
        dates=SUN,
    )
    by_trigger = {m.trigger_text: m for m in code_events(ann)}
    assert by_trigger["shelled"].date is not None
    attacked = by_trigger["attacked"].date  # not Sunday: the Friday two days before it
    assert attacked is not None and (attacked.start, attacked.precision) == (date(2024, 3, 1), "day"), attacked


def test_event_after_without_offset_shares_the_sentence_date() -> None:
    ann = one_sentence(
        "Rebels attacked Kidal on Sunday after troops withdrew.",
        {"Rebels": actor("CMA", "REB"), "troops": actor("MLI", "MIL")},
        dates=SUN,
    )
    assert all(m.date is not None for m in code_events(ann))


def test_demonym_on_a_people_noun_names_that_countrys_forces_or_civilians() -> None:
    ann = one_sentence("Gunmen killed seven Kenyan soldiers and two Somali civilians.", {"Gunmen": actor("SHB", "REB")})
    text = ann.article.text
    demonyms = tuple(
        Place(spans_of(text, word)[0], word, "demonym", name=name, feature_code="PCLI", country_iso3=iso3)
        for word, name, iso3 in (("Kenyan", "Kenya", "KEN"), ("Somali", "Somalia", "SOM"))
    )
    m = _only(code_events(replace(ann, places=demonyms)))
    assert {a.id for a in m.targets} == {"KEN_MIL", "SOM_CVL"}


def test_an_act_after_another_is_a_second_event_unless_it_is_its_toll() -> None:
    rebels, troops = actor("CMA", "REB"), actor("MLI", "MIL")
    two = code_events(
        one_sentence("Troops shelled Kidal after rebels attacked a checkpoint.", {"Troops": troops, "rebels": rebels})
    )
    assert sorted(m.trigger_text for m in two) == ["attacked", "shelled"]
    one = code_events(
        one_sentence("Three soldiers were killed after rebels attacked a checkpoint.", {"rebels": rebels})
    )
    assert [m.trigger_text for m in one] == ["killed"] and {a.id for a in one[0].sources} == {"CMA_REB"}


def test_each_toll_stays_with_the_attack_whose_words_give_it() -> None:
    """Two earlier attacks in one sentence, each with its own relative clause and toll; the parser
    hangs the first clause on the month ("in October 2014, which killed"), not on the bombings."""
    text = ("The raid follows the Baghdad bombings in October 2014, which killed 41 people, "
            "and the ambush near Tikrit in May, which left 9 soldiers dead.")
    ann = one_sentence(text, quantities={"41 people": ("killed", 41.0, None), "9 soldiers": ("killed", 9.0, None)})
    mentions = code_events(ann)
    tolls = {m.trigger_text: sorted(q.best or 0.0 for q in m.quantities if q.kind == "killed") for m in mentions}
    assert tolls.get("bombings") == [41.0], tolls  # the clause's killing is the bombings, not an event of its own
    assert "killed" not in tolls, tolls
    assert tolls.get("ambush") == [9.0], tolls
    assert tolls.get("raid") == [], tolls


def test_a_date_following_another_event_noun_is_that_events_date() -> None:
    """"The raid follows the bombings in October 2014": the parser hangs the month on "follows",
    but it dates the bombings; the raid has no date of its own in the sentence."""
    text = "The raid follows the Baghdad bombings in October 2014 and the ambush near Tikrit in May."
    ann = one_sentence(text, dates={"October 2014": (date(2014, 10, 1), date(2014, 10, 31), "month"),
                                    "May": (date(2015, 5, 1), date(2015, 5, 31), "month")})
    dated = {m.trigger_text: m.date.text if m.date else None for m in code_events(ann)}
    assert dated.get("bombings") == "October 2014", dated
    assert dated.get("ambush") == "May", dated
    assert dated.get("raid") is None, dated


def test_an_act_a_year_before_the_news_is_dated_to_that_year_not_the_news_day() -> None:
    ann = one_sentence("The raid on Sunday comes a little over a year after bombings in Mosul.", dates=SUN)
    by_trigger = {m.trigger_text: m for m in code_events(ann)}
    bombings = by_trigger["bombings"].date
    assert bombings is not None and (bombings.start, bombings.end, bombings.precision) == (
        date(2023, 1, 1), date(2023, 12, 31), "year"), bombings


def test_the_wounded_as_people_are_no_attack() -> None:
    ann = one_sentence("Doctors said several of the wounded remained in hospital and treated the injured at the scene.")
    assert [m.trigger_text for m in code_events(ann)] == []
