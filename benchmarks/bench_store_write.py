"""Store write speed: DuckDB vs PostgreSQL, the runner's write path, same records, same run.

A few sample-corpus articles are understood once; then ``--n`` distinct copies (a numbered title
block gives each a new article id, its mentions new ids) are written to each backend exactly as
the runners write: ``phases.store_cleaned`` (one transaction: raw-id check, near-duplicate
check, article row, copy row) then ``phases.write_coded`` (one transaction: annotations,
mentions, coded flag), then one ``cluster_pending``; and again with the coded results written
``--batch`` at a time (``phases.write_coded_batch``: one transaction per batch of whole articles,
as the parallel runner writes a worker's batch). Prints articles/s per backend and mode, and ratios.
PostgreSQL needs a URL (``--pg`` or SPILLWATCH_TEST_PG); its schema is dropped and recreated.

Usage: python benchmarks/bench_store_write.py [--n 300] [--batch 8] [--pg postgresql://...]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from spillwatch.records import Article, Block, EventMention, RawItem
from spillwatch.run import phases, pipeline
from spillwatch.run.executors import slim
from spillwatch.settings import load_settings
from spillwatch.stages import Coded
from spillwatch.store import RunSummary, Store, open_store

REPO = Path(__file__).resolve().parents[1]


def samples() -> list[tuple[RawItem, pipeline.Coded]]:
    settings = load_settings()
    items = [i for i in phases.iter_items([str(REPO / "corpus" / "txt")], settings)
             if isinstance(i, RawItem)][:12]
    articles = [a for a in (pipeline.clean_item(i, settings) for i in items) if isinstance(a, Article)]
    coded = [c for c in (slim(c) for c in pipeline.understand(articles, settings)) if isinstance(c, Coded)]
    return list(zip(items, coded, strict=True))


def numbered(raw: RawItem, coded: pipeline.Coded, n: int) -> tuple[RawItem, pipeline.Coded]:
    """The same article with a numbered first block: a new article id, raw id and mention ids."""
    article = coded.annotated.article
    first = article.blocks[0]
    tag = f" [{n:06d}]"
    blocks = (Block(first.role, first.text + tag), *article.blocks[1:])
    shift = len(tag)  # spans after the first block move right by the tag's length
    new = replace(article, blocks=blocks)
    mentions = tuple(_moved(m, new.id, shift, len(first.text)) for m in coded.mentions)
    ann = replace(coded.annotated, article=new)
    return replace(raw, data=raw.data + tag.encode()), pipeline.Coded(ann, mentions)


def _moved(m: EventMention, article_id: str, shift: int, after: int) -> EventMention:
    trigger = m.trigger if m.trigger.start < after else replace(m.trigger, start=m.trigger.start + shift,
                                                                end=m.trigger.end + shift)
    return replace(m, article_id=article_id, trigger=trigger)


def write_all(store: Store, records: list[tuple[RawItem, pipeline.Coded]], batch: int = 1) -> float:
    summary = RunSummary()
    near = phases.NearDup(store)
    started = time.perf_counter()
    for part in phases.batched(iter(records), batch):
        stored = [coded for raw, coded in part
                  if phases.store_cleaned(raw, coded.annotated.article, store, near, summary) == "stored"]
        phases.write_coded_batch(store, stored, summary)
    phases.cluster_phase(store, summary)
    return len(records) / (time.perf_counter() - started)


def duck_rate(records: list[tuple[RawItem, pipeline.Coded]], batch: int) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        duck = open_store(str(Path(tmp) / "w.duckdb"))
        try:
            return write_all(duck, records, batch)
        finally:
            duck.close()


def fresh_pg(url: str) -> Store:
    import psycopg

    with psycopg.connect(url, autocommit=True) as con:
        con.execute("DROP SCHEMA public CASCADE")
        con.execute("CREATE SCHEMA public")
    return open_store(url)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--batch", type=int, default=8)
    parser.add_argument("--pg", default=os.environ.get("SPILLWATCH_TEST_PG"))
    args = parser.parse_args()
    base = samples()
    records = [numbered(*base[i % len(base)], i) for i in range(args.n)]
    print(f"{args.n} articles, {sum(len(c.mentions) for _, c in records)} mentions; load {os.getloadavg()}")
    rates = {("DuckDB", 1): duck_rate(records, 1), ("DuckDB", args.batch): duck_rate(records, args.batch)}
    if args.pg:
        for batch in (1, args.batch):
            pg = fresh_pg(args.pg)
            rates[("PostgreSQL", batch)] = write_all(pg, records, batch)
            pg.close()
    else:
        print("PostgreSQL: skipped (no --pg / SPILLWATCH_TEST_PG)")
    for (backend, batch), rate in rates.items():
        mode = "one transaction per article" if batch == 1 else f"one transaction per {batch} articles"
        print(f"{backend:10s} {mode:34s} {rate:7.1f} articles/s")
    if args.pg:
        for batch in (1, args.batch):
            print(f"batch {batch}: DuckDB / PostgreSQL = {rates[('DuckDB', batch)] / rates[('PostgreSQL', batch)]:.2f}")


if __name__ == "__main__":
    main()
