"""Peak memory and CPU of clustering the mentions a store holds, all at once (issue 28).

Reads every mention of a store (``--db``, e.g. one that ingested the 1.1 M-character article of
``long_article.py`` with ``SPILLWATCH_DOC_TIME_BUDGET=0``), clusters them with ``dedup.cluster.cluster``
(what ``ingest``'s cluster phase computes for mentions no stored event holds yet) and prints this
process's peak resident set before and after, the CPU seconds clustering took, the largest event,
and a digest of the events (member ids and cohesion) so that two
versions of the code can be checked to give the same events: run it once with each ``src`` first
on ``PYTHONPATH``.

Usage: python benchmarks/bench_cluster_memory.py --db STORE.duckdb
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import resource
import time


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True)
    args = ap.parse_args()
    from spillwatch.dedup.cluster import cluster
    from spillwatch.store import open_store

    store = open_store(args.db)
    try:
        mentions = store.mentions()
        published = functools.cache(store.article_published)
        for m in mentions:
            published(m.article_id)
        outlets = {m.article_id: store.article_outlets(m.article_id) for m in mentions}
    finally:
        store.close()
    before = _peak_mb()
    started = time.process_time()
    events = cluster(mentions, outlets=outlets.__getitem__, published=published)
    spent = time.process_time() - started
    digest = hashlib.sha256()
    for e in events:
        digest.update(f"{e.id} {sorted(e.mention_ids)} {e.confidence:.9f}\n".encode())
    biggest = max((len(e.mention_ids) for e in events), default=0)
    print(f"{len(mentions):,} mentions of {len(outlets):,} articles -> {len(events):,} events "
          f"(largest {biggest:,} mentions)")
    print(f"peak RSS {before:,.0f} MB after reading, {_peak_mb():,.0f} MB after clustering; "
          f"{spent:,.1f} CPU s clustering")
    print(f"events digest {digest.hexdigest()[:16]}")


if __name__ == "__main__":
    main()
