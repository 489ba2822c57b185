"""The run, written once: read -> clean -> store + near-duplicate -> code -> block keys -> cluster.

Each phase is a function over an executor (``run.executors``: ``Inline`` or ``Pool``) and a store;
this process is the one writer. Every stage's failure on a document becomes a quarantine row
(stage, reason, error text) and a count in the run's ``StageStats``, never an exception out of
the run; a document quarantined by an earlier run is not tried again unless asked
(``retry_quarantined``). ``ingest`` runs them in this process (``workers=1``, ``Inline``) or over a
process pool (``Pool``); the Spark loader (``spark.loader``) runs the write and cluster phases; the
Spark tasks run the same clean and code steps (``run.pipeline``) as the executors.

Resumable by construction: an article is stored in one transaction before it is coded; the
annotations, mentions, block keys and ``coded`` flags of each batch of whole articles are written in
one transaction; clustering re-reads unassigned mentions and is idempotent. A run killed at any
point and started again finishes the work with nothing lost and nothing doubled.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor
from datetime import date
from itertools import islice
from typing import TypeVar

from spillwatch.dedup import near as near_dup
from spillwatch.dedup.cluster import Lookup, LookupMany, assign
from spillwatch.errors import ConfigError
from spillwatch.ingest.sources import iter_items
from spillwatch.ingest.state import FetchState
from spillwatch.records import Article, EventMention, Quarantined, RawItem
from spillwatch.run import pipeline
from spillwatch.run.executors import alone, clean_task, code_task, make_executor, ordered_map, unordered_map
from spillwatch.settings import Settings
from spillwatch.stages import DEFAULT, Coded, Pipeline
from spillwatch.store.base import EventFilter, StageStats, Store

T = TypeVar("T")
BlockKey = tuple[str, str, int]
Progress = Callable[[str, int], None]  # (phase, advance): phases "read" and "code"
WORKER_FAILED = "worker-failed"
_SETTINGS = Settings()  # the block-key stages take no settings; their signature does


def _noop(phase: str, n: int) -> None:
    return None


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


# ---------------------------------------------------------------- store + near-duplicate
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


def quarantine(store: Store, item: Quarantined, stats: StageStats) -> None:
    store.put_quarantine(item)
    stats.quarantine(item.reason, item.stage)


def store_cleaned(item: RawItem, cleaned: Article | Quarantined, store: Store, near: NearDup,
                  stats: StageStats) -> str:
    """Store one cleaned item in one transaction (or its quarantine record, or a copy link).

    Returns what happened: "stored", "near-duplicate", "duplicate" or "quarantined".
    """
    if isinstance(cleaned, Quarantined):
        quarantine(store, cleaned, stats)
        return "quarantined"
    with store.transaction():
        if store.has_raw(item.id):  # the same bytes met earlier in this run (or in a killed one)
            stats.duplicates += 1
            return "duplicate"
        if store.has_article(cleaned.id):
            store.add_copy(cleaned.id, item)
            stats.duplicates += 1
            return "duplicate"
        try:
            sig, dup_of, sim = near.check(cleaned)
        except Exception as exc:  # one bad document never stops the others
            quarantine(store, pipeline.failure("near-dup", item, exc), stats)
            return "quarantined"
        outcome = store.put_article(cleaned, item, duplicate_of=dup_of, similarity=sim, signature=sig)
    if outcome == "near-duplicate":
        stats.near_duplicates += 1
    else:
        stats.stored += 1
    return outcome


def store_phase(items: Iterable[RawItem | Quarantined], store: Store, pool: Executor, stats: StageStats,
                progress: Progress = _noop, window: int = 16, deadline: float | None = None) -> None:
    """Clean every new raw item on the executor; this process stores each, in input order.

    Raw items already stored (or quarantined by an earlier run) are skipped. An item whose cleaning
    uses more than ``deadline`` CPU seconds once a worker started it (``Pool.result_within``; a worker's
    start-up and a busy machine never count) is quarantined ("timeout") and its worker killed.
    """
    near: NearDup | None = None  # built on the first new item: a run with nothing new never reads the signatures
    fresh: list[Quarantined] = []

    def new_items() -> Iterator[RawItem]:
        for item in items:
            stats.read += 1
            if isinstance(item, Quarantined):
                fresh.append(item)
            elif store.has_raw(item.id):
                stats.duplicates += 1
                progress("read", 1)
            elif store.is_quarantined(item.id):
                stats.held += 1
                progress("read", 1)
            else:
                yield item

    def overran(item: RawItem) -> Article | Quarantined:
        return Quarantined(source=item.source, reason="timeout", stage="clean", raw_id=item.id,
                           detail=f"cleaning overran {deadline:g} CPU seconds; the worker was killed")

    def failed(item: RawItem, exc: BaseException) -> Article | Quarantined:
        return pipeline.failure("clean", item, exc, reason=WORKER_FAILED)

    for item, cleaned in ordered_map(pool, clean_task, new_items(), window, deadline, overran, failed):
        _flush(fresh, store, stats, progress)
        near = near or NearDup(store)
        store_cleaned(item, cleaned, store, near, stats)
        progress("read", 1)
    _flush(fresh, store, stats, progress)


def _flush(found: list[Quarantined], store: Store, stats: StageStats, progress: Progress) -> None:
    while found:
        quarantine(store, found.pop(0), stats)
        progress("read", 1)


# ---------------------------------------------------------------- code + block keys
def code_phase(store: Store, pool: Executor, stats: StageStats, progress: Progress = _noop,
               batch: int = 8, window: int = 4, stages: Pipeline = DEFAULT, deadline: float | None = None) -> None:
    """Understand every uncoded article on the executor; this process writes each batch in one transaction.

    Articles are independent here, so results are written as they finish (any order gives the same
    rows). A batch whose task fails is split into single articles; one that still fails is
    quarantined ("worker-failed"). ``deadline``: CPU seconds per article a batch may use once a
    worker started it (pool runs only; the backstop behind each document's own time budget, for a
    stage stuck where no budget can interrupt it). A batch over it is split into single articles,
    each run alone with its own deadline; one that overruns alone is quarantined ("timeout") and
    its worker killed.
    """

    def failed_batch(articles: list[Article], exc: BaseException) -> list[Coded | Quarantined]:
        if len(articles) == 1:
            return [pipeline.failure("code", articles[0], exc, reason=WORKER_FAILED)]
        return [found for a in articles
                for found in alone(pool, code_task, [a], failed_batch, limit([a]), overran)]

    def limit(articles: list[Article]) -> float | None:
        return deadline * len(articles) if deadline else None

    def overran(articles: list[Article]) -> list[Coded | Quarantined]:
        if len(articles) > 1:
            return [found for a in articles
                    for found in alone(pool, code_task, [a], failed_batch, limit([a]), overran)]
        article = articles[0]
        return [Quarantined(source=article.source, reason="timeout", stage="code", raw_id=article.raw_id,
                            article_id=article.id,
                            detail=f"coding overran {deadline:g} CPU seconds; the worker was killed")]

    for results in unordered_map(pool, code_task, batched(map(functools.partial(dated_from_copies, store),
                                                                   store.uncoded_articles()), batch),
                                 window, failed_batch, limit if deadline else None, overran):
        write_coded_batch(store, results, stats, stages)
        progress("code", len(results))


def dated_from_copies(store: Store, article: Article) -> Article:
    """An undated article with its earliest dated near-duplicate copy's day (``dedup.near.dated_by_copies``), stored."""
    if article.published.value is not None:
        return article
    dated = near_dup.dated_by_copies(article, store.copy_dates(article.id))
    if dated is not article:
        with store.transaction():
            store.set_published(article.id, dated.published)
    return dated


def block_keys(store: Store, coded: Coded, stages: Pipeline) -> list[tuple[str, BlockKey]] | Quarantined:
    """The (mention id, block key) pairs of one article's mentions, or its quarantine record."""
    published = store.article_published(coded.annotated.id)
    try:
        return [(m.id, key) for m in coded.mentions for key in stages.keys.fn((m, published), _SETTINGS)]
    except Exception as exc:
        if stages.keys.on_error == "raise" or isinstance(exc, ConfigError):
            raise
        return pipeline.failure(stages.keys, coded.annotated.article, exc)


def write_coded(store: Store, coded: Coded | Quarantined, stats: StageStats, stages: Pipeline = DEFAULT) -> None:
    """One article's annotations, mentions, block keys and ``coded`` flag (or quarantine row), in one transaction."""
    write_coded_batch(store, [coded], stats, stages)


def write_coded_batch(store: Store, batch: Sequence[Coded | Quarantined], stats: StageStats,
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
        skipped = [c.annotated for c in done if c.annotated.relevance is not None and not c.annotated.relevance.run]
        store.put_skipped(skipped)
        store.put_mentions(mentions)
        store.put_mention_blocks(blocks)
        store.mark_coded(*(coded.annotated.id for coded in done))
        for q in failed:
            quarantine(store, q, stats)
    stats.mentions += len(mentions)
    stats.skipped += len(skipped)


# ---------------------------------------------------------------- cluster
class _Articles:
    """Publication days and outlets of the articles clustering meets, read a few queries per closure frontier
    (``Store.articles_published``, ``Store.articles_outlets``) instead of one query per article."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.days: dict[str, date | None] = {}
        self._outlets: dict[str, list[str]] = {}

    def prefetch(self, article_ids: Iterable[str]) -> None:
        missing = sorted(set(article_ids) - self.days.keys())
        if missing:
            self.days.update(self.store.articles_published(missing))

    def published(self, article_id: str) -> date | None:
        if article_id not in self.days:
            self.prefetch([article_id])
        return self.days[article_id]

    def outlets(self, article_id: str) -> list[str]:
        """The article's outlets; the first miss reads those of every article met so far, in one go."""
        if article_id not in self._outlets:
            wanted = sorted((self.days.keys() | {article_id}) - self._outlets.keys())
            self._outlets.update(self.store.articles_outlets(wanted))
        return self._outlets[article_id]


def _prefetched_lookup(store: Store, new: Sequence[EventMention], articles: _Articles,
                       stages: Pipeline) -> tuple[Lookup, LookupMany]:
    """Block lookups for clustering: every key the new mentions probe in a few queries, then the keys each
    frontier of the closure probes (``cluster.assign``'s ``lookup_many``) in a few queries each; the
    publication days of the articles of every mention found are read with them. Each stored mention is
    decoded once per batch (``decoded``, seeded with the new ones), however many frontiers meet it."""
    articles.prefetch(m.article_id for m in new)
    wanted = sorted({k for m in new for k in stages.probes.fn((m, articles.published(m.article_id)), _SETTINGS)})
    decoded = {m.id: m for m in new}
    cache = store.mentions_in_blocks(wanted, decoded)
    articles.prefetch(m.article_id for found in cache.values() for m in found)

    def lookup(key: BlockKey) -> list[EventMention]:
        if key not in cache:
            cache[key] = store.mentions_in_block(key)
            articles.prefetch(m.article_id for m in cache[key])
        return cache[key]

    def lookup_many(keys: Sequence[BlockKey]) -> dict[BlockKey, list[EventMention]]:
        missing = [k for k in keys if k not in cache]
        if missing:
            found = store.mentions_in_blocks(missing, decoded)
            articles.prefetch(m.article_id for ms in found.values() for m in ms)
            cache.update(found)
        return {k: cache[k] for k in keys}

    return lookup, lookup_many


def cluster_phase(store: Store, stats: StageStats, stages: Pipeline = DEFAULT) -> None:
    """Merge unassigned mentions into events (new or existing), in one transaction; idempotent.

    The reads are in that transaction too: it holds the store while the phase runs (a DuckDB file idle for
    its ``linger`` between two reads was let go and opened again, five times a batch on a grown store)."""
    with store.transaction():
        new = store.mentions(unassigned_only=True)
        if new:
            articles = _Articles(store)  # publication days and outlets: a few queries, not one per article
            # only the stored events holding a re-clustered mention can be replaced: no read of every event
            lookup, lookup_many = _prefetched_lookup(store, new, articles, stages)
            result = assign(store.events_holding, new, lookup, lookup_many=lookup_many,
                            outlets=articles.outlets, published=articles.published)
            store.put_events(result.events, replace_ids=result.retired)
        stats.events = store.count_events(EventFilter(origin="spillwatch"))


# ---------------------------------------------------------------- the whole run
def ingest(sources: Sequence[str], store: Store, settings: Settings, *, workers: int = 1,
           progress: Progress = _noop, batch: int = 8, deadline: float | None = None,
           stages: Pipeline = DEFAULT, retry_quarantined: bool = False,
           keep: Callable[[RawItem], bool] | None = None, code_deadline: float | None = None) -> StageStats:
    """Read every source, clean and store each document, then code and cluster what is new.

    ``workers`` processes clean and understand (``<= 1``: this process, ``Inline``); this process
    writes. ``deadline``: CPU seconds a worker may spend cleaning one document once it started it
    (default 3 x extract_timeout) before it is killed and the document quarantined (pool runs only).
    ``code_deadline``: the same for parsing and coding, per article of a batch (default 3 x
    doc_time_budget, the budget each document has in the worker; no deadline when that is 0).
    ``keep``: a read item it declines is passed over (the watch loop's ``--since``), as if not listed.
    """
    deadline = deadline or 3 * settings.extract_timeout
    code_deadline = code_deadline or 3 * settings.doc_time_budget or None
    stats = StageStats()
    if retry_quarantined:
        stats.retried = store.release_quarantined()
    if not settings.relevance_gate:  # --no-gate: what the gate skipped before is coded now
        store.unskip()
    state = FetchState(lookup=store.get_fetch_state)
    items: Iterable[RawItem | Quarantined] = iter_items(list(sources), settings, state=state, store=store)
    if keep is not None:
        items = (i for i in items if isinstance(i, Quarantined) or keep(i))
    with make_executor(workers, settings, stages) as pool:
        store_phase(items, store, pool, stats, progress, window=max(4, 4 * workers), deadline=deadline)
        stats.not_modified = len(state.not_modified)
        code_phase(store, pool, stats, progress, batch=batch, window=max(2, 2 * workers), stages=stages,
                   deadline=code_deadline)
    cluster_phase(store, stats, stages)
    store.record_run(uuid.uuid4().hex, stats)
    return stats
