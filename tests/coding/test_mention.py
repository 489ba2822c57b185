"""The mention model: its features, its file, the encoder, and what the packaged model reads in
sentences written for these tests (one of each class, each a kind of fault seen on outside news)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import numpy as np
import pytest

from spillwatch.coding.encoder import DIM, load_encoder, tokenizer_path
from spillwatch.coding.events import code_events_explained, mention_features
from spillwatch.coding.mention import CLASSES, FORMAT, MentionInput, load_mention_model, model_from_json
from spillwatch.errors import ConfigError
from spillwatch.nlp.parse import annotate_one
from spillwatch.records import AnnotatedArticle, Article, Block, DateInfo
from spillwatch.settings import Settings

needs_tokenizer = pytest.mark.skipif(not tokenizer_path().exists(),
                                     reason="the MiniLM tokenizer is installed by `make` (scripts/fetch_tokenizer.py)")


def parsed(text: str) -> AnnotatedArticle:
    art = Article(raw_id="t", source="t", blocks=(Block("body", text),), published=DateInfo(None, "none"))
    return annotate_one(art, Settings())


def inputs_for(text: str, trigger: str) -> MentionInput:
    return next(m for m in mention_features(parsed(text)) if text[m.trigger.start:m.trigger.end] == trigger)


def test_features_carry_the_clause_grammar() -> None:
    m = inputs_for("No civilians were injured in the raids on the camp.", "injured")
    assert m.features["status=negated"] == 1.0
    assert "lemma=injure" in m.features
    assert "injured" in m.text and "civilians" in m.text
    planned = inputs_for("The minister will visit Amman next week.", "visit")
    assert planned.features.get("aux=will") == 1.0


def test_model_file_is_checked() -> None:
    with pytest.raises(ConfigError, match="not a spillwatch-mention-model"):
        model_from_json({"format": "other"}, "x.json.gz")
    with pytest.raises(ConfigError, match="damaged"):
        model_from_json({"format": FORMAT, "classes": list(CLASSES), "features": ["a"], "coef": [[1.0]],
                         "intercept": [0.0] * 5}, "x.json.gz")


def test_a_toy_model_reads_its_features() -> None:
    model = model_from_json({"format": FORMAT, "classes": list(CLASSES), "features": ["status=negated"],
                             "coef": [[0.0, 5.0, 0.0, 0.0, 0.0]], "intercept": [1.0, 0.0, 0.0, 0.0, 0.0]}, "toy")
    assert model.call({"status=negated": 1.0}).label == "negated"
    assert model.call({"status=happened": 1.0}).label == "happened"
    assert not model.reads_text
    assert abs(sum(p for _, p in model.call({}).probs) - 1.0) < 1e-9


def test_packaged_model_is_what_the_training_script_writes() -> None:
    path = Path(__file__).resolve().parents[2] / "src/spillwatch/data/mention_model.json.gz"
    data = json.loads(gzip.decompress(path.read_bytes()))
    assert data["format"] == FORMAT and data["classes"] == list(CLASSES)
    assert data["meta"]["train_mentions"] > 1000  # fitted on the labelled train documents
    assert load_mention_model().reads_text and len(data["embedding_coef"]) == DIM


@needs_tokenizer
def test_encoder_gives_unit_vectors_and_tells_texts_apart() -> None:
    vec = load_encoder().embed(["gunmen killed five villagers", "gunmen shot dead five farmers", "a new phone charger"])
    assert vec.shape == (3, DIM)
    assert np.allclose(np.linalg.norm(vec, axis=1), 1.0, atol=1e-4)
    assert float(vec[0] @ vec[1]) > float(vec[0] @ vec[2])


READINGS = [
    ("Gunmen killed five villagers near Kidal on Monday, officials said.", "killed", "happened"),
    ("No one was injured in the blast at the depot, police said.", "injured", "negated"),
    ("The foreign minister will visit Amman next week to discuss aid.", "visit", "planned"),
    ("The coalition meets regularly to coordinate its efforts against the group.", "meets", "generic"),
    ("The new phone ships with a fast charging cable and a case.", "charging", "not_event"),
]


@needs_tokenizer
@pytest.mark.parametrize(("text", "trigger", "label"), READINGS)
def test_packaged_model_reads_each_class(text: str, trigger: str, label: str) -> None:
    m = inputs_for(text, trigger)
    vec = load_encoder().embed([m.text])[0]
    assert load_mention_model().call(m.features, vec).label == label


@needs_tokenizer
def test_the_coder_declines_what_the_model_reads_as_no_event() -> None:
    ann = parsed("US President Donald Trump revealed that he had called to congratulate the singer on the "
                 "successful reboot of her television show. Gunmen killed five villagers near Kidal.")
    before, _ = code_events_explained(ann, Settings(mention_threshold=0.0))
    assert "congratulate" in [m.trigger_text for m in before]  # the rules alone keep a celebrity's congratulations
    kept, declined = code_events_explained(ann, Settings(mention_threshold=0.25))
    assert [m.trigger_text for m in kept if m.type == "ASSAULT"] == ["killed"]
    assert "congratulate" not in [m.trigger_text for m in kept]
    assert any(d.trigger_text == "congratulate" and d.reason.startswith("mention model: not_event") for d in declined)
