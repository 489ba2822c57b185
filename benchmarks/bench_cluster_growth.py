"""Clustering cost as the store grows: CPU per batch of 200 articles, from empty to 5,000 stored.

Synthetic articles (generated here, fixed seed): 50 a day, each with three event mentions of one
of a few hundred real-looking events (a town of one of 60, a day, a side, named entities of the
sentence, a trigger word); 5% of mentions state no date and 5% no country, so the keys of pairs
with an unknown are exercised too. Each batch is written as the run writes it (articles,
mentions, block keys) into a DuckDB store, then ``run.phases.cluster_phase`` folds it into the
stored events; the CPU time (``time.process_time``, every thread) of that phase is what is
measured. Goal: the last batches cost no more than 1.5 x the first ones (flat cost: the blocks a
batch touches do not grow with the store). Baseline in the same run: the first batches.

Usage: python benchmarks/bench_cluster_growth.py [--articles 5000] [--batch 200] [--db PATH]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from spillwatch.dedup.cluster import mention_keys  # noqa: E402
from spillwatch.records import (  # noqa: E402
    Actor,
    Argument,
    Article,
    Block,
    DateInfo,
    DateMention,
    EventMention,
    Place,
    RawItem,
    Span,
)
from spillwatch.run.phases import cluster_phase  # noqa: E402
from spillwatch.store import open_store  # noqa: E402
from spillwatch.store.base import StageStats  # noqa: E402

DAY0 = date(2020, 1, 1)
PER_DAY = 50
SIDES = [Actor(f"G{k}", f"Group {k}", None, "REB") for k in range(20)]
WORDS = ("attack", "bombing", "clash", "raid", "shelling", "killed")


def towns(rng: random.Random) -> list[Place]:
    out = []
    for k in range(60):
        country = ("IRQ", "SYR", "NGA", "MLI", "AFG", "YEM")[k % 6]
        lat, lon = rng.uniform(5, 36), rng.uniform(0, 60)
        out.append(Place(Span(0, 0), f"Town{k}", name=f"Town{k}", geonameid=100000 + k, country_iso3=country,
                         adm1_code=f"{country[:2]}-{k % 10}", lat=lat, lon=lon, feature_class="P", precision=1))
    return out


def article(i: int, rng: random.Random, places: list[Place]) -> tuple[Article, list[EventMention]]:
    day = DAY0 + timedelta(days=i // PER_DAY)
    text = f"Report {i}. " + " ".join(rng.choice(WORDS) for _ in range(30))
    art = Article(raw_id=f"r{i}", source=f"a{i}.txt", blocks=(Block("body", text),),
                  published=DateInfo(day, "metadata"), outlet=f"Outlet {i % 7}")
    mentions = []
    for k in range(3):
        event = rng.randrange(PER_DAY // 3)  # one of the day's events
        erng = random.Random(day.toordinal() * 1000 + event)
        place, side = erng.choice(places), erng.choice(SIDES)
        when = day - timedelta(days=erng.randrange(3))
        people = [f"Person {erng.randrange(5000)}" for _ in range(2)]
        roll = rng.random()
        date_mention = None if roll < 0.05 else DateMention(Span(0, 0), "", when, when, "day")
        mentions.append(EventMention(
            article_id=art.id, type="ASSAULT", trigger=Span(k * 10, k * 10 + 6), trigger_text=erng.choice(WORDS),
            sentence=Span(0, len(text)), sources=(side,),
            place=None if 0.05 <= roll < 0.10 else place, date=date_mention,
            arguments=tuple(Argument("entity", Span(0, 0), n) for n in (*people, place.name or "")),
        ))
    return art, mentions


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=5000)
    ap.add_argument("--batch", type=int, default=200)
    ap.add_argument("--db", help="DuckDB file to build (default: a temporary one)")
    args = ap.parse_args()
    rng = random.Random(25)
    places = towns(rng)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(args.db or str(Path(tmp) / "growth.duckdb"))
        costs: list[tuple[int, float]] = []
        for first in range(0, args.articles, args.batch):
            mentions: list[EventMention] = []
            with store.transaction():
                for i in range(first, min(first + args.batch, args.articles)):
                    art, found = article(i, rng, places)
                    store.put_article(art, RawItem(source=art.source, data=art.text.encode(), kind="text"))
                    mentions.extend(found)
                store.put_mentions(mentions)
                store.put_mention_blocks((m.id, key) for m in mentions
                                         for key in mention_keys(m, store.article_published(m.article_id)))
            cpu = time.process_time()
            cluster_phase(store, StageStats())
            costs.append((first, time.process_time() - cpu))
            print(f"stored {first:5d} articles: cluster CPU of the next {args.batch}: {costs[-1][1]:.3f} s", flush=True)
        store.close()
    head = sum(c for _, c in costs[:2]) / 2
    tail = sum(c for _, c in costs[-2:]) / 2
    print(f"first two batches {head:.3f} s, last two {tail:.3f} s: ratio {tail / head:.2f} (goal <= 1.5)")


if __name__ == "__main__":
    main()
