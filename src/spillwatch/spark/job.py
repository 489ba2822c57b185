"""The Spark job: WARC files (CC-NEWS layout) -> articles, mentions, events and quarantine as Parquet.

Each input file is one task. Per task the job runs the same clean and code steps as the local
runners' executors (``ingest.sources.iter_items``, then ``run.pipeline.clean_item`` and
``pipeline.understand`` in batches over the same stage table, every failure a quarantine record)
and streams the rows into that file's own Parquet parts (``spark.shards``); the spaCy
model and the other stage resources load once per Python worker (the stages' module-level caches;
Spark reuses its Python workers). The driver then reads back the key columns, decides
near-duplicates over the signatures in input order and clusters the mentions of the original
articles into events (``dedup.cluster.cluster``), exactly as a one-process run over the same input
would. Declines: inputs that are not WARC files, folders or path lists (``SourceError``).

Output folder (a path or a ``pyarrow.fs`` URI such as ``hdfs://`` or ``s3://``, replaced on each run):
    articles/month=YYYY-MM/   one row per cleaned article, with the raw item's identity, its
                              annotations (tokens dropped) and mentions as codec JSON, and
                              (``file_index``, ``item_index``) so a loader can replay input order
    mentions/month=YYYY-MM/   one row per event mention (``record_json`` plus flat columns)
    events/month=YYYY-MM/     the events of this input alone (``record_json`` plus flat columns)
    quarantine/               documents that could not be read or cleaned, with the reason
An article that was cleaned but failed a later stage is an ``articles`` row with no annotations and
its quarantine record in ``failure_json``: the loader stores it and quarantines it, as a local run does.
``month`` is the article's published month (events: the start month), or ``unknown``.
The store's events come from ``spark.loader.load``, which merges with what is already stored.
"""

from __future__ import annotations

import os
import re
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from itertools import islice
from pathlib import Path
from typing import Any

from spillwatch import codec
from spillwatch.dedup import near as near_dup
from spillwatch.dedup.cluster import cluster
from spillwatch.errors import ConfigError, JobError, SourceError
from spillwatch.ingest.sources import iter_items
from spillwatch.records import AnnotatedArticle, Article, Event, EventMention, Quarantined, RawItem
from spillwatch.run import pipeline
from spillwatch.run.executors import slim
from spillwatch.settings import Settings, load_settings
from spillwatch.stages import DEFAULT, Coded, Pipeline

CC_NEWS = re.compile(r"CC-NEWS-(\d{14})-(\d{5})\.warc(\.gz)?$")
WARC_SUFFIXES = (".warc", ".warc.gz")
BATCH = 16
Seq = tuple[int, int]


# ---------------------------------------------------------------- inputs
def input_paths(inputs: Sequence[str]) -> list[str]:
    """WARC files named by ``inputs``: files, folders (CC-NEWS-*.warc.gz, sorted by name) or path lists."""
    found: list[str] = []
    for name in inputs:
        path = Path(name)
        if path.is_dir():
            found.extend(sorted(str(p) for p in path.rglob("*") if p.name.endswith(WARC_SUFFIXES)))
        elif name.endswith(WARC_SUFFIXES):
            found.append(name)
        elif path.is_file():
            found.extend(_path_list(path))
        else:
            raise SourceError(name, "not a WARC file, a folder or a list of paths", reason="not-found")
    if not found:
        raise SourceError(", ".join(inputs), "no WARC files found", reason="empty")
    return found


def _path_list(path: Path) -> list[str]:
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def crawl_time(path: str) -> str | None:
    """The crawl timestamp of a CC-NEWS file name (YYYYMMDDHHMMSS), or None for other names."""
    found = CC_NEWS.search(path)
    return found.group(1) if found else None


# ---------------------------------------------------------------- per partition (executors)
def month_of(article: Article) -> str:
    value = article.published.value
    return value.strftime("%Y-%m") if value else "unknown"


def process_file(file_index: int, path: str, settings: Settings, stages: Pipeline = DEFAULT
                 ) -> Iterator[tuple[str, dict[str, Any]]]:
    """("article" | "quarantine", row) for every document in one WARC file, in archive order."""
    items = enumerate(iter_items([path], settings))
    while batch := list(islice(items, BATCH)):
        yield from _process_batch(file_index, batch, settings, stages)


def _process_batch(file_index: int, batch: list[tuple[int, RawItem | Quarantined]], settings: Settings,
                   stages: Pipeline) -> Iterator[tuple[str, dict[str, Any]]]:
    cleaned: list[tuple[Seq, RawItem, Article]] = []
    for index, item in batch:
        result = item if isinstance(item, Quarantined) else pipeline.clean_item(item, settings, stages)
        if isinstance(result, Quarantined):
            yield "quarantine", quarantine_row((file_index, index), result)
        else:
            assert isinstance(item, RawItem)
            cleaned.append(((file_index, index), item, result))
    coded = pipeline.understand([a for _, _, a in cleaned], settings, stages)
    for (seq, raw, article), done in zip(cleaned, coded, strict=True):
        yield "article", article_row(seq, raw, slim(done), article)


def quarantine_row(seq: Seq, q: Quarantined) -> dict[str, Any]:
    return {"file_index": seq[0], "item_index": seq[1], "source": q.source, "reason": q.reason,
            "stage": q.stage, "raw_id": q.raw_id, "detail": q.detail}


def article_row(seq: Seq, raw: RawItem, coded: Coded | Quarantined, article: Article | None = None
                ) -> dict[str, Any]:
    """The row of one cleaned article: its annotations and mentions, or (failed later) its quarantine record."""
    failure = coded if isinstance(coded, Quarantined) else None
    if isinstance(coded, Quarantined):
        assert article is not None
        coded = Coded(AnnotatedArticle(article))
    article = coded.annotated.article
    return {
        "file_index": seq[0], "item_index": seq[1], "month": month_of(article), "id": article.id,
        "raw_id": raw.id, "raw_source": raw.source, "raw_url": raw.url, "raw_outlet": raw.outlet,
        "raw_declared_date": raw.declared_date, "raw_kind": raw.kind, "title": article.title,
        "url": article.url, "outlet": article.outlet, "published": codec.dump(article.published.value),
        "published_method": article.published.method,
        "signature": near_dup.signature(article).to_bytes(),
        "annotated_json": codec.dumps(coded.annotated), "mentions_json": codec.dumps(coded.mentions),
        "failure_json": codec.dumps(failure) if failure else None,
    }


def mention_rows(row: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for m in mentions_of(row):
        yield {"month": row["month"], "file_index": row["file_index"], "item_index": row["item_index"],
               "id": m.id, "article_id": m.article_id, "type": m.type,
               "date_start": codec.dump(m.date.start) if m.date else None,
               "country_iso3": m.place.country_iso3 if m.place else None,
               "lat": m.place.lat if m.place else None, "lon": m.place.lon if m.place else None,
               "record_json": codec.dumps(m)}


def mentions_of(row: dict[str, Any]) -> list[EventMention]:
    return [codec.load(EventMention, d) for d in codec.json.loads(row["mentions_json"])]


# ---------------------------------------------------------------- driver: near-duplicates, events
def copy_outlet(row: dict[str, Any]) -> str | None:
    """What the store lists as the outlet of a copy: its outlet, else its URL, else its source."""
    value = row["raw_outlet"] or row["raw_url"] or row["raw_source"]
    return str(value) if value else None


def known_day(row: dict[str, Any]) -> date | None:
    """The article's publication day when stated (metadata or text), as the store gives clustering."""
    stated = row["published"] and row["published_method"] in ("metadata", "text")
    return date.fromisoformat(row["published"][:10]) if stated else None


def originals(rows: Iterable[tuple[Seq, str, str, bytes, str | None]]) -> tuple[set[str], dict[str, set[str]]]:
    """Article ids that are originals (not copies) in input order, and each original's outlets.

    As in the store: a raw item met again (same bytes) adds nothing; a new copy of a known text adds
    its outlet to the article; a near-duplicate adds its outlet to the original it copies.
    """
    index = near_dup.NearDupIndex()
    seen: dict[str, str] = {}  # article id -> the original it counts for
    raws: set[str] = set()
    outlets: dict[str, set[str]] = {}
    for _, article_id, raw_id, sig_bytes, outlet in sorted(rows):
        if raw_id in raws:
            continue
        raws.add(raw_id)
        holder = article_id  # a later copy of a known text is listed under that text's own id
        if article_id not in seen:
            sig = near_dup.Signature.from_bytes(sig_bytes)
            match = index.query(sig)
            if match is None:
                index.add(article_id, sig)
            holder = seen[article_id] = match.article_id if match else article_id
        if outlet:
            outlets.setdefault(holder, set()).add(outlet)
    kept = {aid for aid, original in seen.items() if aid == original}
    return kept, outlets


def cluster_events(mentions: Iterable[EventMention], outlets: dict[str, set[str]],
                   published: dict[str, date | None]) -> tuple[Event, ...]:
    found: tuple[Event, ...] = cluster(mentions, outlets=lambda aid: sorted(outlets.get(aid, ())),
                                               published=published.get)
    return found


def event_row(e: Event) -> dict[str, Any]:
    return {"month": e.date_start.strftime("%Y-%m") if e.date_start else "unknown", "id": e.id, "type": e.type,
            "date_start": codec.dump(e.date_start), "country_iso3": e.place.country_iso3 if e.place else None,
            "n_mentions": len(e.mention_ids), "n_articles": len(e.article_ids), "record_json": codec.dumps(e)}


# ---------------------------------------------------------------- output datasets
_STR, _LONG, _BIN, _DBL = "string", "long", "binary", "double"
ARTICLE_COLUMNS = (("file_index", _LONG), ("item_index", _LONG), ("month", _STR), ("id", _STR), ("raw_id", _STR),
                   ("raw_source", _STR), ("raw_url", _STR), ("raw_outlet", _STR), ("raw_declared_date", _STR),
                   ("raw_kind", _STR), ("title", _STR), ("url", _STR), ("outlet", _STR), ("published", _STR),
                   ("published_method", _STR), ("signature", _BIN), ("annotated_json", _STR), ("mentions_json", _STR),
                   ("failure_json", _STR))
MENTION_COLUMNS = (("month", _STR), ("file_index", _LONG), ("item_index", _LONG), ("id", _STR), ("article_id", _STR),
                   ("type", _STR), ("date_start", _STR), ("country_iso3", _STR), ("lat", _DBL), ("lon", _DBL),
                   ("record_json", _STR))
EVENT_COLUMNS = (("month", _STR), ("id", _STR), ("type", _STR), ("date_start", _STR), ("country_iso3", _STR),
                 ("n_mentions", _LONG), ("n_articles", _LONG), ("record_json", _STR))
QUARANTINE_COLUMNS = (("file_index", _LONG), ("item_index", _LONG), ("source", _STR), ("reason", _STR),
                      ("stage", _STR), ("raw_id", _STR), ("detail", _STR))
DATASETS = {"articles": ARTICLE_COLUMNS, "mentions": MENTION_COLUMNS, "quarantine": QUARANTINE_COLUMNS,
            "events": EVENT_COLUMNS}
PARTITIONED = ("articles", "mentions", "events")
INPUT_ORDER = ("file_index", "item_index")
KEY_COLUMNS = ("file_index", "item_index", "id", "raw_id", "signature", "raw_outlet", "raw_url", "raw_source",
               "published", "published_method")


def run_file(file_index: int, path: str, out: str, settings: Settings, stages: Pipeline = DEFAULT
             ) -> dict[str, int]:
    """One Spark task: the stages over one WARC file, its rows written as this file's Parquet parts."""
    from spillwatch.spark import shards

    writer = shards.ShardWriter(out, file_index, DATASETS, PARTITIONED)
    try:
        for kind, row in process_file(file_index, path, settings, stages):
            if kind == "quarantine":
                writer.add("quarantine", row)
                continue
            writer.add("articles", row)
            for mention in mention_rows(row):
                writer.add("mentions", mention)
    except BaseException:
        writer.abort()
        raise
    return writer.close()


def write_events(out: str) -> int:
    """Near-duplicates decided in input order on the driver, then the originals' mentions clustered.

    Reads back only the key columns of the articles and the mentions the tasks wrote.
    """
    from spillwatch.spark import shards

    keys = shards.read_table(out, "articles", ARTICLE_COLUMNS, KEY_COLUMNS).to_pylist()
    keys.sort(key=lambda r: (r["file_index"], r["item_index"]))
    kept, outlets = originals(((r["file_index"], r["item_index"]), r["id"], r["raw_id"], r["signature"],
                               copy_outlet(r)) for r in keys)
    published: dict[str, date | None] = {}
    for r in keys:  # the store keeps the first copy's date (later copies only add an outlet)
        published.setdefault(r["id"], known_day(r))
    records = shards.read_table(out, "mentions", MENTION_COLUMNS, (*INPUT_ORDER, "article_id", "record_json")
                                ).to_pylist()
    records.sort(key=lambda r: (r["file_index"], r["item_index"]))  # stable: an article's own order stays
    mentions = [codec.load(EventMention, codec.json.loads(r["record_json"])) for r in records
                if r["article_id"] in kept]
    writer = shards.ShardWriter(out, 0, DATASETS, PARTITIONED)
    for event in cluster_events(mentions, outlets, published):
        writer.add("events", event_row(event))
    return writer.close()["events"]


# ---------------------------------------------------------------- Spark
def context(master: str | None = None) -> Any:
    """A SparkContext (``master`` None: whatever spark-submit set). Loopback and this Python by default.

    The job needs no SQL engine (the tasks write their own Parquet), so it starts no SparkSession.
    """
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    try:
        from pyspark import SparkConf, SparkContext
    except ImportError as exc:
        raise ConfigError("pyspark is not installed: pip install 'spillwatch[spark]'") from exc
    conf = SparkConf().setAppName("spillwatch").set("spark.ui.enabled", "false")
    if master:
        conf = conf.setMaster(master)
    return SparkContext.getOrCreate(conf)


def largest_first(paths: Sequence[str]) -> list[tuple[int, str]]:
    """(input index, path) with the largest local files first, so no big file starts last and runs alone.

    The input index still fixes the output order; sizes that cannot be read (remote paths) count as 0.
    """
    def size(path: str) -> int:
        try:
            return os.path.getsize(path)
        except OSError:
            return 0

    return sorted(enumerate(paths), key=lambda fp: -size(fp[1]))


def run(inputs: Sequence[str], out: str, *, master: str | None = None, partitions: int | None = None,
        settings: Settings | None = None, events: bool = True, phases: dict[str, float] | None = None,
        stages: Pipeline = DEFAULT) -> dict[str, int]:
    """Run the job over ``inputs`` and write the Parquet datasets under ``out``; returns row counts.

    One task per input file (or ``partitions`` tasks over the file list): each runs the stages and
    writes its own Parquet parts, and returns only its row counts, so the executors do all the
    heavy work and nothing large crosses into the JVM or the driver. ``phases``, when given,
    receives the wall time of each phase in seconds (session, stages, events, stop).
    """
    from spillwatch.spark import shards

    settings = settings or load_settings()
    paths = input_paths(inputs)
    lap = _Laps(phases)
    spark = context(master)
    lap("session")
    try:
        shards.prepare(out, DATASETS)
        numbered = spark.parallelize(largest_first(paths), partitions or len(paths))
        per_file = _collect(numbered.map(lambda fp: run_file(fp[0], fp[1], out, settings, stages)))
        lap("stages")
    finally:
        spark.stop()
        lap("stop")
    counts = {"articles": sum(c["articles"] for c in per_file),
              "quarantined": sum(c["quarantine"] for c in per_file)}
    if events:
        counts["events"] = write_events(out)
        lap("events")
    shards.mark_complete(out)
    return counts


def _collect(rdd: Any) -> list[Any]:
    """``rdd.collect()``, a failed job raised as ``JobError`` with the task's own last error line."""
    from py4j.protocol import Py4JError, Py4JJavaError

    try:
        found: list[Any] = rdd.collect()
    except Py4JJavaError as exc:
        raise JobError(f"the Spark job failed: {_last_error_line(str(exc.java_exception))}") from exc
    except Py4JError as exc:
        raise JobError(f"the Spark job failed: lost the JVM ({exc})") from exc
    return found


def _last_error_line(message: str) -> str:
    """The exception line of the last Python traceback in a Spark failure (else its first line)."""
    lines = message.splitlines()
    starts = [i for i, line in enumerate(lines) if "Traceback (most recent call last)" in line]
    after = lines[starts[-1] + 1 :] if starts else []
    found = next((line for line in after if line.strip() and not line[:1].isspace()), None)
    return found or next((line for line in lines if line.strip()), message)


class _Laps:
    """Wall time since the previous lap, recorded under a phase name (nothing when not asked for)."""

    def __init__(self, into: dict[str, float] | None) -> None:
        self.into, self.last = into, time.perf_counter()

    def __call__(self, name: str) -> None:
        now = time.perf_counter()
        if self.into is not None:
            self.into[name] = round(now - self.last, 2)
        self.last = now


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point for ``spark-submit src/spillwatch/spark/job.py INPUT... --out DIR``."""
    import argparse

    parser = argparse.ArgumentParser(prog="spillwatch-spark-job")
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("--out", required=True)
    parser.add_argument("--partitions", type=int, default=None)
    args = parser.parse_args(argv)
    print(run(args.inputs, args.out, partitions=args.partitions))


if __name__ == "__main__":
    main()
