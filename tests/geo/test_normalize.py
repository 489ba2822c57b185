from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spillwatch.geo.normalize import exact_key, fold, is_latin, loose_key, strip_admin_suffix


@pytest.mark.parametrize(
    "variants",
    [
        ("Qayara", "Qayyarah", "Al-Qayyarah", "Al Qayyārah"),
        ("Raqqa", "Ar Raqqah", "ar-Raqqa"),
        ("Deir ez-Zor", "Dayr az Zawr"),
        ("Khan Shaykhun", "Khan Sheikhoun"),
        ("Kirkuk", "Kirkuk Province", "Kirkuk Governorate"),
    ],
)
def test_transliteration_variants_share_a_loose_key(variants: tuple[str, ...]) -> None:
    assert len({loose_key(v) for v in variants}) == 1


def test_distinct_places_keep_distinct_keys() -> None:
    assert loose_key("Mosul") != loose_key("Basra")
    assert loose_key("Homs") != loose_key("Hama")


def test_exact_key_folds_case_diacritics_and_punctuation() -> None:
    assert exact_key("Ḩalab") == "halab"
    assert exact_key("Sant Julià de Lòria") == "sant julia de loria"
    assert exact_key("U.S.") == "u s"


def test_non_latin_names_are_flagged() -> None:
    assert not is_latin("الرقة")
    assert is_latin("Dayr az Zawr")


def test_strip_admin_suffix() -> None:
    assert strip_admin_suffix("Nineveh Governorate") == "Nineveh"
    assert strip_admin_suffix("Mosul") == "Mosul"


@given(st.text(max_size=40))
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(st.text(alphabet=st.characters(codec="ascii"), max_size=30))
def test_keys_are_lowercase_ascii(text: str) -> None:
    key = loose_key(text)
    assert key == key.lower() and key.isascii() and " " not in key
