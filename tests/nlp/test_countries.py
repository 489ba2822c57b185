"""Country names: country_converter's loose patterns name a whole phrase or nothing."""

from __future__ import annotations

import pytest

from spillwatch.nlp.candidates import unresolved_actor
from spillwatch.nlp.countries import country_code


@pytest.mark.parametrize(
    ("name", "code"),
    [
        # a person's or a feature's name that holds a country's pattern is no country
        ("Vincent Jackson", None),
        ("Chad Smith", None),
        ("Jordan Peterson", None),
        ("Martin Luther King", None),
        ("Niger Delta", None),
        ("Guinea pig", None),
        # the patterns still name countries, with the words of country names around them
        ("Saint Vincent", "VCT"),
        ("St. Vincent", "VCT"),
        ("Hong Kong SAR", "HKG"),
        ("Ivory Coast", "CIV"),
        ("Burma", "MMR"),
        ("Persia", "IRN"),
        ("Oriental Republic of Uruguay", "URY"),
        ("Afghanistan", "AFG"),
    ],
)
def test_patterns_name_whole_phrases(name: str, code: str | None) -> None:
    assert country_code(name) == code


def test_listed_names_only_for_a_person() -> None:
    assert country_code("Vincent") == "VCT"  # a word alone may still be the country's short name...
    assert country_code("Vincent", regex=False) is None  # ...but a person called so is not of it
    assert country_code("Jordan", regex=False) == "JOR"  # listed names stay


def test_a_person_takes_no_country_from_a_pattern() -> None:
    assert unresolved_actor("Vincent Jackson", person=True).country is None
    assert unresolved_actor("Vincent Smith", person=True).country is None
    assert unresolved_actor("Nigerian Interior Ministry").country == "NGA"
