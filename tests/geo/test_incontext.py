"""A toponym must be a place in context: people, actors and abbreviations named like towns."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from spillwatch.geo.gazetteer import Gazetteer
from spillwatch.geo.places import find_places
from spillwatch.nlp.actors import find_actors
from spillwatch.records import AnnotatedArticle, Article, Place
from spillwatch.settings import Settings

from .conftest import make_article

Parse = Callable[[Article], AnnotatedArticle]
LITERAL = ("place", "region")


def _places(parse: Parse, gz: Gazetteer, text: str) -> list[Place]:
    ann = find_actors(parse(make_article(("body", text))), Settings())
    return list(find_places(ann, gazetteer=gz).places)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a kinship word or a title puts a person's name after it
        ("The gunman killed a woman in Mosul, whose son, Martin, survived the attack.", "Martin"),
        ("Police spokesman Troy told reporters that two people died in Baghdad.", "Troy"),
        # a name the text uses for a person elsewhere
        ("John Kelly met the families in Washington. Later Kelly said the attack in Mosul was planned.", "Kelly"),
        # an abbreviation that names no country or unit
        ("BA said flights to Amman resumed on Monday after the attack.", "BA"),
        # an apposition naming an office makes the name a person's, however the NER cut it
        ("Kenzo Oshima, the United Nations relief coordinator, said aid reached Basra on Monday.", "Oshima"),
        # "at" after an adjective is what a feeling is about, not a place word
        ("China furious at Macron for Hong Kong protest jibe", "Macron"),
        # a title before a name, whatever state a gazetteer abbreviates so
        ("Mohanna Abdhou was shot in Texas. Miss Abdhou, of Hayes, was not believed to be a target.", "Miss"),
        ("He is survived by his mother, his brother and girlfriend Olivia, who live in Leeds.", "Olivia"),
    ],
)
def test_person_and_abbreviation_names_are_no_places(parse: Parse, gz: Gazetteer, text: str, name: str) -> None:
    places = _places(parse, gz, text)
    assert not [p for p in places if p.text == name]
    assert any(p.geonameid for p in places)  # the real places are still found


def test_a_country_with_an_apposition_stays_a_place(parse: Parse, gz: Gazetteer) -> None:
    places = _places(parse, gz, "Turkey, a NATO member, shelled Kurdish positions in Afrin on Sunday.")
    assert [p for p in places if p.text == "Turkey"]


def test_a_group_named_like_a_town_is_no_place(parse: Parse, gz: Gazetteer) -> None:
    places = _places(parse, gz, "Hamas said Israeli jets struck Gaza City overnight.")
    assert not [p for p in places if p.text == "Hamas"]  # the group, not a town of that name
    assert [p for p in places if p.text == "Gaza City" and p.role == "place"]  # a government's alias stays


def test_a_state_named_as_an_actor_stays_a_metonym(parse: Parse, gz: Gazetteer) -> None:
    places = _places(parse, gz, "Turkey said its jets struck positions near Qamishli in Syria.")
    turkey = [p for p in places if p.text == "Turkey"]
    assert turkey and turkey[0].role == "metonym" and turkey[0].country_iso2 == "TR"
