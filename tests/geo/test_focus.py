"""Document focus and the learned ranker: votes, the evidence a homonym abroad needs, containers."""

from __future__ import annotations

from collections.abc import Callable

from spillwatch.geo.focus import document_focus
from spillwatch.geo.gazetteer import Candidate, Gazetteer
from spillwatch.geo.places import find_places
from spillwatch.geo.ranker import FEATURES, load_weights
from spillwatch.records import Actor, ActorMention, AnnotatedArticle, Article, Span

from .conftest import make_article

Parse = Callable[[Article], AnnotatedArticle]


def _town(iso2: str, pop: int, adm1: str = "01") -> Candidate:
    return Candidate(pop, pop, "city", "X", "P", "PPL", iso2, adm1, "Unit", 33.0, 44.0, pop, main_name=True)


def _actor(id_: str, iso3: str) -> ActorMention:
    return ActorMention(Span(0, 1), "x", Actor(id_, id_, iso3, "GOV"))


def test_focus_votes_dateline_names_and_capped_actors(gz: Gazetteer) -> None:
    iraq, syria = _town("IQ", 1_500_000), _town("SY", 2_000_000)
    focus = document_focus(
        [("dateline", iraq, True), ("place", syria, True), ("place", _town("US", 5_000), True),
         ("place", _town("TR", 900_000), False)],
        [_actor("A", "USA"), _actor("B", "USA"), _actor("C", "USA"), _actor("A", "USA")],
        gz,
    )
    assert focus.top() == "IQ"
    assert focus.share("IQ") == 3 / 5  # dateline 3, Syria 1, the US actors 1 (capped), nothing else
    assert focus.share("TR") == 0  # an unsure guess does not vote
    assert focus.share("US") == 1 / 5  # a town of 5,000 does not vote; three US actors count as one name
    assert focus.km(33.0, 44.0) == 0.0


def test_no_votes_no_focus(gz: Gazetteer) -> None:
    focus = document_focus([("place", None, False)], [], gz)
    assert focus.empty and focus.top() is None and focus.km(0.0, 0.0) is None


def test_shipped_weights_match_the_features() -> None:
    weights = load_weights()
    assert len(weights.weights) == len(FEATURES)
    by_name = dict(zip(FEATURES, weights.weights, strict=True))
    # context pulls toward the story (a top country has a share too: the two weigh together)
    assert by_name["focus_share"] + by_name["focus_top"] > 0 and by_name["log_km"] < 0


def test_container_narrows_to_its_readings(parse: Parse, gz: Gazetteer) -> None:
    ann = parse(make_article(("body", "The factory in Lebanon, Pennsylvania closed after the flood.")))
    lebanon = [p for p in find_places(ann, gazetteer=gz).places if p.text == "Lebanon"]
    assert lebanon and lebanon[0].country_iso2 == "US" and lebanon[0].adm1_code == "US-PA"


def test_story_focus_keeps_a_homonym_at_home(parse: Parse, gz: Gazetteer) -> None:
    text = ("BAGHDAD — Gunmen attacked a checkpoint near Fallujah in Anbar province on Monday, "
            "and police in Baghdad and Ramadi said a second attack hit Amman.")
    ann = parse(make_article(("body", text)))
    places = {p.text: p for p in find_places(ann, gazetteer=gz).places}
    assert places["Fallujah"].country_iso2 == "IQ"
    assert places["Ramadi"].country_iso2 == "IQ" and places["Ramadi"].adm1_code == "IQ-AN"
    assert places["Amman"].country_iso2 == "JO"  # a capital abroad is its own evidence


def test_a_venue_gives_its_town_and_a_tied_focus_is_the_country_named_first(parse: Parse, gz: Gazetteer) -> None:
    from spillwatch.geo.focusplace import article_focus

    text = ("Twenty-two people were killed in a bombing at Manchester Arena on Monday, police said. "
            "The bombing comes a year after attacks in Paris killed 130 people.")
    ann = find_places(parse(make_article(("title", "Concert bombing: 22 killed"), ("body", text))), gazetteer=gz)
    towns = {p.text: p.country_iso2 for p in ann.places}
    assert towns.get("Manchester") == "GB"  # the small NER model reads "Manchester Arena" as a person
    focus = article_focus(ann, gz)
    assert focus is not None and focus.country_iso2 == "GB"  # one place each: the scene is named first


def test_a_capital_that_speaks_is_no_scene_for_the_focus_unit(parse: Parse, gz: Gazetteer) -> None:
    from spillwatch.geo.focusplace import article_focus

    text = ("Suicide bombers struck the village of Zarqoun in Lebanon on Monday, killing five. "
            "Beirut condemned the attack on Tuesday.")
    ann = find_places(parse(make_article(("body", text))), gazetteer=gz)
    assert [p.role for p in ann.places if p.text == "Beirut"] == ["metonym"]
    focus = article_focus(ann, gz)
    assert focus is not None and focus.country_iso2 == "LB" and focus.adm1_code is None
