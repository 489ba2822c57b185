"""The local runner: sources -> store, one document at a time, one writer.

Resumable by construction: an article is stored before it is coded, each article's annotations and
mentions are written in one transaction with its ``coded`` flag, and clustering re-reads unassigned
mentions. A run killed at any point and started again finishes the work with nothing doubled.

A document that fails any stage is quarantined (stage, reason, error text) and the run goes on to
clustering; a stored article quarantined after cleaning is never coded again automatically
(``retry_quarantined=True``, i.e. ``ingest --retry-quarantined``, releases every quarantined document).
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from itertools import islice
from typing import TypeVar

from spillwatch import pipeline
from spillwatch.dedup import near as near_dup
from spillwatch.dedup.cluster import assign
from spillwatch.errors import ConfigError
from spillwatch.ingest.sources import iter_items
from spillwatch.records import Article, EventMention, Quarantined, RawItem
from spillwatch.settings import Settings
from spillwatch.stages import DEFAULT, Coded, Pipeline
from spillwatch.store.base import RunSummary, Store

T = TypeVar("T")
_SETTINGS = Settings()  # block keys take no settings; the stage signature does

BlockKey = tuple[str, str, int]

Progress = Callable[[str, int], None]  # (phase, advance)

SOURCES = iter_items  # the ingest stage (sources -> raw items or quarantine records)


def _noop(phase: str, n: int) -> None:
    return None


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


class NearDup:
    """The near-duplicate index (dedup.near), restored from the store's signatures."""

    def __init__(self, store: Store) -> None:
        self._index = near_dup.rebuild_index(store.signatures())

    def check(self, article: Article) -> tuple[bytes, str | None, float | None]:
        sig = near_dup.signature(article)
        match = self._index.query(sig)
        if match is None:
            self._index.add(article.id, sig)
            return bytes(sig.to_bytes()), None, None
        return bytes(sig.to_bytes()), str(match.article_id), float(match.jaccard)


def store_item(item: RawItem, store: Store, settings: Settings, near: NearDup, summary: RunSummary,
               stages: Pipeline = DEFAULT) -> None:
    """Clean one raw item and store it (or its quarantine record, or a copy link)."""
    if store.has_raw(item.id):
        summary.duplicates += 1
        return
    if store.is_quarantined(item.id):
        summary.held += 1
        return
    store_cleaned(item, pipeline.clean_item(item, settings, stages), store, near, summary)


def store_cleaned(item: RawItem, cleaned: Article | Quarantined, store: Store, near: NearDup,
                  summary: RunSummary) -> str:
    """Store one cleaned item in one transaction (or its quarantine record, or a copy link).

    Returns what happened: "stored", "near-duplicate", "duplicate" or "quarantined". The parallel
    runner and the Spark loader write through this same function.
    """
    if isinstance(cleaned, Quarantined):
        quarantine(store, cleaned, summary)
        return "quarantined"
    with store.transaction():
        if store.has_raw(item.id):  # the same bytes met earlier in this run (or in a killed one)
            summary.duplicates += 1
            return "duplicate"
        if store.has_article(cleaned.id):
            store.add_copy(cleaned.id, item)
            summary.duplicates += 1
            return "duplicate"
        try:
            sig, dup_of, sim = near.check(cleaned)
        except Exception as exc:  # one bad document never stops the others
            quarantine(store, pipeline.failure("near-dup", item, exc), summary)
            return "quarantined"
        outcome = store.put_article(cleaned, item, duplicate_of=dup_of, similarity=sim, signature=sig)
    if outcome == "near-duplicate":
        summary.near_duplicates += 1
    else:
        summary.stored += 1
    return outcome


def quarantine(store: Store, item: Quarantined, summary: RunSummary) -> None:
    store.put_quarantine(item)
    summary.quarantine(item.reason)


def ingest(sources: Sequence[str], store: Store, settings: Settings, progress: Progress = _noop, *,
           stages: Pipeline = DEFAULT, retry_quarantined: bool = False) -> RunSummary:
    """Read every source, clean and store each document, then code and cluster what is new."""
    summary = RunSummary()
    if retry_quarantined:
        summary.retried = store.release_quarantined()
    near = NearDup(store)
    for item in SOURCES(sources, settings, store=store):
        summary.read += 1
        progress("read", 1)
        if isinstance(item, Quarantined):
            quarantine(store, item, summary)
        else:
            store_item(item, store, settings, near, summary, stages)
    code_pending(store, settings, summary, progress, stages=stages)
    cluster_pending(store, settings, summary)
    store.record_run(uuid.uuid4().hex, summary)
    return summary


def code_pending(store: Store, settings: Settings, summary: RunSummary, progress: Progress = _noop,
                 batch_size: int = 16, *, stages: Pipeline = DEFAULT) -> None:
    """Understand every stored article not yet coded; one transaction per article."""
    for batch in batched(store.uncoded_articles(), batch_size):
        for coded in pipeline.understand(batch, settings, stages):
            write_coded(store, coded, summary, stages)
            progress("code", 1)


def write_coded(store: Store, coded: Coded | Quarantined, summary: RunSummary, stages: Pipeline = DEFAULT) -> None:
    """One article's annotations, mentions, their block keys and its ``coded`` flag, in one transaction."""
    write_coded_batch(store, [coded], summary, stages)


def block_keys(store: Store, coded: Coded, stages: Pipeline) -> list[tuple[str, BlockKey]] | Quarantined:
    """The (mention id, block key) pairs of one article's mentions, or its quarantine record."""
    published = store.article_published(coded.annotated.id)
    try:
        return [(m.id, key) for m in coded.mentions for key in stages.keys.fn((m, published), _SETTINGS)]
    except Exception as exc:
        if stages.keys.on_error == "raise" or isinstance(exc, ConfigError):
            raise
        return pipeline.failure(stages.keys, coded.annotated.article, exc)


def write_coded_batch(store: Store, batch: Sequence[Coded | Quarantined], summary: RunSummary,
                      stages: Pipeline = DEFAULT) -> None:
    """Whole articles' annotations, mentions, block keys and ``coded`` flags, in one transaction.

    A crash leaves every article of the batch either fully written and marked coded, or untouched
    and still uncoded (a re-run codes it again); each table gets few statements for the whole batch.
    An article that failed a stage (or whose block keys fail here) gets its quarantine row instead,
    in the same transaction, and is never coded again automatically.
    """
    done: list[Coded] = []
    failed = [q for q in batch if isinstance(q, Quarantined)]
    blocks: list[tuple[str, BlockKey]] = []
    for coded in (c for c in batch if isinstance(c, Coded)):
        keys = block_keys(store, coded, stages)
        if isinstance(keys, Quarantined):
            failed.append(keys)
        else:
            done.append(coded)
            blocks.extend(keys)
    mentions = [m for coded in done for m in coded.mentions]
    with store.transaction():
        store.put_annotations(*(coded.annotated for coded in done))
        store.put_mentions(mentions)
        store.put_mention_blocks(blocks)
        store.mark_coded(*(coded.annotated.id for coded in done))
        for q in failed:
            quarantine(store, q, summary)
    summary.mentions += len(mentions)


def _prefetched_lookup(store: Store, new: Sequence[EventMention], published: Callable[[str], date | None]
                       ) -> Callable[[BlockKey], list[EventMention]]:
    """Block lookup for clustering: every key the new mentions probe in a few queries, any other on demand."""
    probes = DEFAULT.probes.fn
    wanted = sorted({k for m in new for k in probes((m, published(m.article_id)), _SETTINGS)})
    cache = store.mentions_in_blocks(wanted)

    def lookup(key: BlockKey) -> list[EventMention]:
        if key not in cache:
            cache[key] = store.mentions_in_block(key)
        return cache[key]

    return lookup


def cluster_pending(store: Store, settings: Settings, summary: RunSummary) -> None:
    """Merge unassigned mentions into events (new or existing); idempotent."""
    new = store.mentions(unassigned_only=True)
    if not new:
        return
    existing = store.all_events(origin="spillwatch")
    published = functools.cache(store.article_published)  # asked once per article, not once per mention
    result = assign(existing, new, _prefetched_lookup(store, new, published),
                                     outlets=functools.cache(store.article_outlets), published=published)
    with store.transaction():
        store.put_events(result.events, replace_ids=result.retired)
    summary.events = len(store.all_events(origin="spillwatch"))
