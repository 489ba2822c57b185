from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from spillwatch.coding.classifier import MODEL_NAME, load_classifier
from spillwatch.coding.ontology import load_ontology

MODEL = Path(__file__).resolve().parents[2] / "src/spillwatch/data" / MODEL_NAME


def test_model_is_small_and_covers_the_ontology() -> None:
    assert MODEL.stat().st_size < 2_000_000
    clf = load_classifier()
    assert set(clf.classes) == set(load_ontology().type_names)
    assert clf.trained_on.startswith("gpt_synthetic_events")


def test_obvious_sentences() -> None:
    # Sentences written for this test (not from the training stories).
    clf = load_classifier()
    cases = {
        "Thousands of protesters rallied outside parliament chanting slogans against the president.": "PROTEST",
        "Artillery shells and air strikes killed dozens of fighters near the frontline town.": "ASSAULT",
        "Police detained the opposition leader at dawn and raided the party headquarters.": "COERCE",
        "The two foreign ministers met in Geneva for talks on the border dispute.": "CONSULT",
    }
    top1 = 0
    for text, want in cases.items():
        probs = clf.predict_proba(text)
        ranked = sorted(probs, key=lambda k: -probs[k])
        assert want in ranked[:3], (text, ranked[:3])
        top1 += ranked[0] == want
    assert top1 >= 3  # the classifier is a weak helper: the lexicon leads (see coding/events.py)


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=200))
def test_probabilities_form_a_distribution(text: str) -> None:
    probs = load_classifier().predict_proba(text)
    assert abs(sum(probs.values()) - 1.0) < 1e-9
    assert all(0.0 <= p <= 1.0 for p in probs.values())
    assert probs == load_classifier().predict_proba(text)
