"""Merge a Spark job's Parquet output into any store (DuckDB or PostgreSQL), then cluster on load.

Articles are replayed in input order (``file_index``, ``item_index``) through the same write path as
the local runners (``run.phases.store_cleaned``: raw-id and content-id duplicates, near-duplicates
against what the store already holds); an original article's annotations and mentions go in the same
transaction as the article itself, so a load killed at any point and run again doubles nothing; an
article that failed a stage after cleaning is stored with its quarantine record, as in a local run.
Quarantine rows are merged; then ``run.phases.cluster_phase`` folds the new mentions into the
stored events. Reads Parquet with pyarrow (a path or any ``pyarrow.fs`` URI): loading needs no
Spark. Declines (``SourceError``) a folder that is not the output of a finished run.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spillwatch import codec
from spillwatch.records import AnnotatedArticle, EventMention, Quarantined, RawItem, SourceKind
from spillwatch.run import phases
from spillwatch.settings import Settings, load_settings
from spillwatch.stages import DEFAULT, Coded, Pipeline
from spillwatch.store.base import RunSummary, Store

BATCH_ROWS = 256


@dataclass(frozen=True, slots=True)
class StoredRaw(RawItem):
    """A raw item known by its identity only (the job keeps the id, not the bytes)."""

    raw_id: str = ""

    @property
    def id(self) -> str:
        return self.raw_id


INPUT_ORDER = ("file_index", "item_index")


def read_rows(folder: str | Path, name: str, order: tuple[str, ...] = INPUT_ORDER) -> Iterator[dict[str, Any]]:
    """Rows of one output dataset of a finished run (a path or a pyarrow URI), in input order."""
    from spillwatch.spark import job, shards

    shards.require_complete(str(folder))
    table = shards.read_table(str(folder), name, job.DATASETS[name])
    if table.num_rows == 0:
        return
    table = table.sort_by([(col, "ascending") for col in order])
    for batch in table.to_batches(BATCH_ROWS):
        yield from batch.to_pylist()


def raw_of(row: dict[str, Any]) -> StoredRaw:
    kind: SourceKind = row["raw_kind"]
    return StoredRaw(source=row["raw_source"], data=b"", kind=kind, url=row["raw_url"], outlet=row["raw_outlet"],
                     declared_date=row["raw_declared_date"], raw_id=row["raw_id"])


def coded_of(row: dict[str, Any]) -> Coded:
    ann = codec.loads(AnnotatedArticle, row["annotated_json"])
    mentions = tuple(codec.load(EventMention, d) for d in json.loads(row["mentions_json"]))
    return Coded(ann, mentions)


def load_article(row: dict[str, Any], store: Store, near: phases.NearDup, summary: RunSummary,
                 stages: Pipeline = DEFAULT) -> None:
    """One article row: stored (with annotations and mentions) in one transaction, or a copy."""
    raw = raw_of(row)
    if store.has_raw(raw.id):
        summary.duplicates += 1
        return
    coded = coded_of(row)
    with store.transaction():
        outcome = phases.store_cleaned(raw, coded.annotated.article, store, near, summary)
        if outcome == "stored":
            failure = row.get("failure_json")
            phases.write_coded(store, codec.loads(Quarantined, failure) if failure else coded, summary, stages)


def quarantined_of(row: dict[str, Any]) -> Quarantined:
    return Quarantined(source=row["source"], reason=row["reason"], stage=row["stage"], raw_id=row["raw_id"],
                       detail=row["detail"] or "")


def load(folder: str | Path, store: Store, settings: Settings | None = None,
         progress: phases.Progress = phases._noop, stages: Pipeline = DEFAULT) -> RunSummary:
    """Merge ``folder`` (a spark-run output) into ``store`` and cluster the new mentions.

    ``stages``: the stage table the job ran (the block keys are made here, on load).
    """
    root = str(folder)
    settings = settings or load_settings()
    summary = RunSummary()
    near = phases.NearDup(store)
    for row in read_rows(root, "articles"):
        summary.read += 1
        load_article(row, store, near, summary, stages)
        progress("load", 1)
    for row in read_rows(root, "quarantine"):
        summary.read += 1
        phases.quarantine(store, quarantined_of(row), summary)
    phases.cluster_phase(store, summary, stages)
    progress("cluster", 1)
    return summary
