"""The fast attribute rules set exactly what spaCy's attribute_ruler sets, token by token."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from spacy.tokens import Doc

from spillwatch.nlp import fastattrs
from spillwatch.nlp.parse import load_pipeline
from spillwatch.settings import Settings

REPO = Path(__file__).resolve().parents[2]
TRICKY = [
    "They're gonna win, ain't they? Let's go, we gotta leave. There is a man; there's hope and there were two.",
    "This is it. These are those. I am not. He's got 'em, y'all. Can't, won't, shan't.",
    "ISIS fighters   fled\n\nto Raqqa on Monday , U.S. officials said ; 1,200 were killed .",
]


def _attrs(doc: Doc) -> list[tuple[str, str, str, str]]:
    return [(t.tag_, t.pos_, str(t.morph), t.lemma_) for t in doc]


def _before_ruler(nlp: Any, texts: list[str]) -> list[Doc]:
    """Docs as the ruler receives them: every component that runs before it."""
    docs = [nlp.make_doc(t) for t in texts]
    for name, component in nlp.pipeline:
        if name == fastattrs.NAME:
            break
        docs = list(component.pipe(docs)) if hasattr(component, "pipe") else [component(d) for d in docs]
    return docs


def test_the_pipeline_uses_the_fast_rules() -> None:
    nlp = load_pipeline(Settings().spacy_pipeline)
    assert fastattrs.NAME in nlp.pipe_names and "attribute_ruler" not in nlp.pipe_names


def test_same_attributes_as_spacys_ruler_on_the_corpus_and_tricky_text() -> None:
    nlp = load_pipeline(Settings().spacy_pipeline)
    texts = TRICKY + [p.read_text(encoding="utf-8") for p in sorted((REPO / "corpus/txt").glob("*.txt"))]
    ruler, fast = nlp.get_pipe("attribute_ruler"), nlp.get_pipe(fastattrs.NAME)
    checked = 0
    for doc in _before_ruler(nlp, texts):
        theirs = ruler(Doc(nlp.vocab).from_bytes(doc.to_bytes()))
        ours = fast(Doc(nlp.vocab).from_bytes(doc.to_bytes()))
        assert _attrs(ours) == _attrs(theirs), doc.text[:80]
        checked += len(doc)
    assert checked > 4000


class FakeRuler:
    def __init__(self, spec: dict[str, Any]) -> None:
        self.patterns = [{"patterns": [[spec]], "attrs": {"POS": "X"}, "index": 0}]
        self.indices = [0]
        self.attrs: list[dict[str, Any]] = [{}]


@pytest.mark.parametrize("spec", [{"LOWER": "a", "OP": "+"}, {"SHAPE": "dd"}, {"LOWER": {"FUZZY": "a"}},
                                  {"IS_SPACE": "yes"}])
def test_patterns_beyond_the_fast_rules_keep_spacys_ruler(spec: dict[str, Any]) -> None:
    assert fastattrs.compile_rules(FakeRuler(spec)) is None


def test_patterns_within_the_fast_rules_compile() -> None:
    spec = {"LOWER": {"IN": ["is", "was"]}, "TAG": {"NOT_IN": ["NN"]}, "DEP": {"REGEX": "^ex"}, "IS_SPACE": False}
    rules = fastattrs.compile_rules(FakeRuler(spec))
    assert rules is not None and len(rules) == 1 and len(rules[0].tokens[0]) == 4


@pytest.mark.parametrize("name", ["no_ruler_here"])
def test_install_does_nothing_without_a_ruler(name: str) -> None:
    import spacy

    nlp = spacy.blank("en")
    assert fastattrs.install(nlp, name) is False and nlp.pipe_names == []
