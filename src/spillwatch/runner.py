"""The local runner: sources -> store, one document at a time, one writer.

Resumable by construction: an article is stored before it is coded, each article's annotations and
mentions are written in one transaction with its ``coded`` flag, and clustering re-reads unassigned
mentions. A run killed at any point and started again finishes the work with nothing doubled.
"""

from __future__ import annotations

import functools
import importlib
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from itertools import islice
from typing import TypeVar

from spillwatch import pipeline
from spillwatch.records import Article, EventMention, Quarantined, RawItem
from spillwatch.settings import Settings
from spillwatch.store.base import RunSummary, Store

T = TypeVar("T")

BlockKey = tuple[str, str, int]

Progress = Callable[[str, int], None]  # (phase, advance)

NEAR_DUP = "spillwatch.dedup.near"
CLUSTER = "spillwatch.dedup.cluster:assign"
BLOCK_KEYS = "spillwatch.dedup.cluster:mention_keys"
BLOCK_PROBES = "spillwatch.dedup.cluster:mention_probes"
SOURCES = "spillwatch.ingest.sources:iter_items"


def _noop(phase: str, n: int) -> None:
    return None


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


class NearDup:
    """The near-duplicate index (dedup.near), restored from the store's signatures."""

    def __init__(self, store: Store) -> None:
        near = importlib.import_module(NEAR_DUP)
        self._near = near
        self._index = near.rebuild_index(store.signatures())

    def check(self, article: Article) -> tuple[bytes, str | None, float | None]:
        sig = self._near.signature(article)
        match = self._index.query(sig)
        if match is None:
            self._index.add(article.id, sig)
            return bytes(sig.to_bytes()), None, None
        return bytes(sig.to_bytes()), str(match.article_id), float(match.jaccard)


def store_item(item: RawItem, store: Store, settings: Settings, near: NearDup, summary: RunSummary) -> None:
    """Clean one raw item and store it (or its quarantine record, or a copy link)."""
    if store.has_raw(item.id):
        summary.duplicates += 1
        return
    store_cleaned(item, pipeline.clean_item(item, settings), store, near, summary)


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
        sig, dup_of, sim = near.check(cleaned)
        outcome = store.put_article(cleaned, item, duplicate_of=dup_of, similarity=sim, signature=sig)
    if outcome == "near-duplicate":
        summary.near_duplicates += 1
    else:
        summary.stored += 1
    return outcome


def quarantine(store: Store, item: Quarantined, summary: RunSummary) -> None:
    store.put_quarantine(item)
    summary.quarantine(item.reason)


def ingest(sources: Sequence[str], store: Store, settings: Settings, progress: Progress = _noop) -> RunSummary:
    """Read every source, clean and store each document, then code and cluster what is new."""
    summary = RunSummary()
    near = NearDup(store)
    for item in pipeline.stage(SOURCES)(sources, settings, store=store):
        summary.read += 1
        progress("read", 1)
        if isinstance(item, Quarantined):
            quarantine(store, item, summary)
        else:
            store_item(item, store, settings, near, summary)
    code_pending(store, settings, summary, progress)
    cluster_pending(store, settings, summary)
    store.record_run(uuid.uuid4().hex, summary)
    return summary


def code_pending(store: Store, settings: Settings, summary: RunSummary, progress: Progress = _noop,
                 batch_size: int = 16) -> None:
    """Understand every stored article not yet coded; one transaction per article.

    With the relevance gate off (``--no-gate``), articles it skipped before are coded too.
    """
    if not settings.relevance_gate:
        store.unskip()
    for batch in batched(store.uncoded_articles(), batch_size):
        for coded in pipeline.understand(batch, settings):
            write_coded(store, coded, summary)
            progress("code", 1)


def write_coded(store: Store, coded: pipeline.Coded, summary: RunSummary) -> None:
    """One article's annotations, mentions, their block keys and its ``coded`` flag, in one transaction."""
    write_coded_batch(store, [coded], summary)


def write_coded_batch(store: Store, batch: Sequence[pipeline.Coded], summary: RunSummary) -> None:
    """Whole articles' annotations, mentions, block keys and ``coded`` flags, in one transaction.

    A crash leaves every article of the batch either fully written and marked coded, or untouched
    and still uncoded (a re-run codes it again); each table gets few statements for the whole batch.
    """
    keys = pipeline.stage(BLOCK_KEYS)
    mentions = [m for coded in batch for m in coded.mentions]
    with store.transaction():
        store.put_annotations(*(coded.annotated for coded in batch))
        skipped = [c.annotated for c in batch if c.annotated.relevance is not None and not c.annotated.relevance.run]
        store.put_skipped(skipped)
        store.put_mentions(mentions)
        blocks: list[tuple[str, BlockKey]] = []
        for coded in batch:
            published = store.article_published(coded.annotated.id)
            blocks.extend((m.id, key) for m in coded.mentions for key in keys(m, published))
        store.put_mention_blocks(blocks)
        store.mark_coded(*(coded.annotated.id for coded in batch))
    summary.mentions += len(mentions)
    summary.skipped += len(skipped)


def _prefetched_lookup(store: Store, new: Sequence[EventMention], published: Callable[[str], date | None]
                       ) -> Callable[[BlockKey], list[EventMention]]:
    """Block lookup for clustering: every key the new mentions probe in a few queries, any other on demand."""
    probes = pipeline.stage(BLOCK_PROBES)
    wanted = sorted({k for m in new for k in probes(m, published(m.article_id))})
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
    result = pipeline.stage(CLUSTER)(existing, new, _prefetched_lookup(store, new, published),
                                     outlets=functools.cache(store.article_outlets), published=published)
    with store.transaction():
        store.put_events(result.events, replace_ids=result.retired)
    summary.events = len(store.all_events(origin="spillwatch"))
