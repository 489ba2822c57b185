"""The packaged event detector: what it says about clear cases, and how a bad model file fails."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from spillwatch.errors import ConfigError
from spillwatch.relevance.features import analyze, sentences, word_only
from spillwatch.relevance.model import MODEL_NAME, REBUILD, load_detector, save

PACKAGED = Path(__file__).resolve().parents[2] / "src/spillwatch/data" / MODEL_NAME


def test_features_fold_digits_and_mark_kinds() -> None:
    grams = analyze("14 Shells hit")
    assert "w:00 shells" in grams and "c: hit " in grams
    assert word_only("14 Shells hit") == ["w:00", "w:shells", "w:hit", "w:00 shells", "w:shells hit"]


def test_sentences_split_on_punctuation_and_lines() -> None:
    assert sentences("Gunmen attacked a base. Five died.\nA new line") == ["Gunmen attacked a base.", "Five died.",
                                                                          "A new line"]


def test_clear_event_and_clear_non_event() -> None:
    model = load_detector()
    attack, recipe = model.calls(["Gunmen stormed a village and shot dead five farmers on Tuesday.",
                                  "Mix two tablespoons of butter with the flour and bake for ten minutes."])
    assert attack.event_p > 0.9 and attack.type == "ASSAULT"
    assert recipe.event_p < 0.5


def test_probabilities_are_probabilities() -> None:
    calls = load_detector().calls(["Troops shelled the town.", "", "Shares rose 3% on Monday."])
    assert all(0.0 <= c.event_p <= 1.0 and 0.0 < c.type_p <= 1.0 and 0.0 <= c.civilians_p <= 1.0 for c in calls)


def test_model_records_its_training_data_and_seed() -> None:
    meta = load_detector().meta
    assert len(meta["data_sha256"]) == 64 and isinstance(meta["seed"], int)
    assert meta["baseline"] and meta["figures"]


def test_missing_model_names_file_and_command(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as err:
        load_detector(tmp_path / "nope.npz")
    assert "nope.npz" in str(err.value) and REBUILD in str(err.value) and "\n" not in str(err.value)


def test_truncated_model_names_file_and_command(tmp_path: Path) -> None:
    cut = tmp_path / "cut.npz"
    cut.write_bytes(PACKAGED.read_bytes()[:5000])
    with pytest.raises(ConfigError, match=r"cut\.npz: event detector model unreadable.*make train"):
        load_detector(cut)


def test_mismatched_model_is_refused(tmp_path: Path) -> None:
    model = load_detector()
    bad = tmp_path / "bad.npz"
    save(bad, type(model)(**{**model.__dict__, "idf": np.ones(3)}))
    with pytest.raises(ConfigError, match=r"bad\.npz: array shapes do not match"):
        load_detector(bad)


def test_a_user_model_file_loads(tmp_path: Path) -> None:
    mine = tmp_path / "mine.npz"
    shutil.copy(PACKAGED, mine)
    assert load_detector(mine).types == load_detector().types
