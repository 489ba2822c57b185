"""Store write speed: DuckDB vs PostgreSQL, the runner's write path, same records, same run.

A few sample-corpus articles are understood once; then ``--n`` distinct copies (a numbered title
block gives each a new article id, its mentions new ids) are written to each backend exactly as
the runners write: ``runner.store_cleaned`` (one transaction: raw-id check, near-duplicate
check, article row, copy row) then ``runner.write_coded`` (one transaction: annotations,
mentions, coded flag), then one ``cluster_pending``. Prints articles/s per backend and the ratio.
PostgreSQL needs a URL (``--pg`` or SPILLWATCH_TEST_PG); its schema is dropped and recreated.

Usage: python benchmarks/bench_store_write.py [--n 300] [--pg postgresql://...]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from spillwatch import parallel, pipeline, runner
from spillwatch.records import Article, Block, EventMention, RawItem
from spillwatch.settings import load_settings
from spillwatch.store import RunSummary, Store, open_store

REPO = Path(__file__).resolve().parents[1]


def samples() -> list[tuple[RawItem, pipeline.Coded]]:
    settings = load_settings()
    items = [i for i in pipeline.stage(parallel.SOURCES)([str(REPO / "corpus" / "txt")], settings)
             if isinstance(i, RawItem)][:12]
    articles = [a for a in (pipeline.clean_item(i, settings) for i in items) if isinstance(a, Article)]
    coded = [parallel.slim(c) for c in pipeline.understand(articles, settings)]
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


def write_all(store: Store, records: list[tuple[RawItem, pipeline.Coded]]) -> float:
    summary = RunSummary()
    near = runner.NearDup(store)
    started = time.perf_counter()
    for raw, coded in records:
        if runner.store_cleaned(raw, coded.annotated.article, store, near, summary) == "stored":
            runner.write_coded(store, coded, summary)
    parallel.cluster_pending(store, load_settings(), summary)
    return len(records) / (time.perf_counter() - started)


def fresh_pg(url: str) -> Store:
    import psycopg

    with psycopg.connect(url, autocommit=True) as con:
        con.execute("DROP SCHEMA public CASCADE")
        con.execute("CREATE SCHEMA public")
    return open_store(url)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--pg", default=os.environ.get("SPILLWATCH_TEST_PG"))
    args = parser.parse_args()
    base = samples()
    records = [numbered(*base[i % len(base)], i) for i in range(args.n)]
    print(f"{args.n} articles, {sum(len(c.mentions) for _, c in records)} mentions; load {os.getloadavg()}")
    with tempfile.TemporaryDirectory() as tmp:
        duck = open_store(str(Path(tmp) / "w.duckdb"))
        duck_rate = write_all(duck, records)
        duck.close()
    print(f"DuckDB (file): {duck_rate:.1f} articles/s")
    if not args.pg:
        print("PostgreSQL: skipped (no --pg / SPILLWATCH_TEST_PG)")
        return
    pg = fresh_pg(args.pg)
    pg_rate = write_all(pg, records)
    pg.close()
    print(f"PostgreSQL: {pg_rate:.1f} articles/s; DuckDB / PostgreSQL = {duck_rate / pg_rate:.2f}")


if __name__ == "__main__":
    main()
