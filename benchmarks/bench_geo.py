"""Speed and memory of the geoparser (recognition + resolution), against spaCy parsing.

Run: ``python benchmarks/bench_geo.py [--limit N] [--rounds N] [--build]``.

Documents: GeoWebNews article texts when ../shared is beside the repo, else a few short
texts written here. The documents are parsed once with spaCy (timed: the baseline), then
``find_places`` runs over the parsed documents ``--rounds`` times (timed). Reports documents/s
of both and their ratio; the goal is that the geo stage is at least ``GOAL_RATIO`` times as fast
as the parse it follows, so it never becomes the pipeline's bottleneck. Also reports the time to
open the gazetteer (cold, in this process), the process RSS before/after opening and after the
run, and with ``--build`` the time of a full gazetteer build into a temporary directory.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from spillwatch.geo.build import build_gazetteer
from spillwatch.geo.gazetteer import Gazetteer, ensure_gazetteer
from spillwatch.geo.places import find_places
from spillwatch.nlp.parse import annotate
from spillwatch.records import Article, Block, DateInfo
from spillwatch.settings import Settings

REPO = Path(__file__).resolve().parents[1]
GEOWEBNEWS = REPO.parent / "shared" / "data" / "geo" / "GeoWebNews.xml"
GOAL_RATIO = 2.0
FALLBACK = [
    "BAGHDAD – Gunmen attacked a checkpoint on the outskirts of Mosul, Iraqi officials said.",
    "Shelling hit Idlib and Hama provinces as Turkish troops massed near the Syrian border.",
    "Jordanian and Lebanese officials met in Amman to discuss refugees from Deir ez-Zor.",
]


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        pages = int(fh.read().split()[1])
    return pages * 4096 / 1e6


def load_texts(limit: int | None) -> tuple[str, list[str]]:
    if GEOWEBNEWS.exists():
        root = ET.parse(GEOWEBNEWS).getroot()
        return "GeoWebNews", [a.findtext("text") or "" for a in root.findall("article")][:limit]
    return "fallback texts", (FALLBACK * 20)[:limit]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=100)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--build", action="store_true", help="also time a full gazetteer build")
    args = ap.parse_args()
    if args.build:
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            build_gazetteer(Path(tmp) / "g.sqlite")
            print(f"gazetteer build (full): {time.perf_counter() - t0:.1f} s")
    path = ensure_gazetteer()
    before = rss_mb()
    t0 = time.perf_counter()
    gz = Gazetteer(path)
    gz.lookup("Mosul")
    print(f"gazetteer open + first lookup: {1000 * (time.perf_counter() - t0):.1f} ms; "
          f"file {path.stat().st_size / 1e6:.0f} MB; RSS {rss_mb() - before:+.1f} MB after open")
    name, texts = load_texts(args.limit)
    arts = [Article(raw_id=str(i), source=f"bench#{i}", blocks=(Block("body", t),),
                    published=DateInfo(None, "none")) for i, t in enumerate(texts)]
    settings = Settings()
    next(annotate(arts[:1], settings))  # load spaCy outside the timing
    t0 = time.perf_counter()
    anns = list(annotate(arts, settings))
    parse_rate = len(anns) / (time.perf_counter() - t0)
    rss_before_geo = rss_mb()
    t0 = time.perf_counter()
    for _ in range(args.rounds):
        for ann in anns:
            find_places(ann, settings, gazetteer=gz)
    geo_rate = args.rounds * len(anns) / (time.perf_counter() - t0)
    ratio = geo_rate / parse_rate
    print(f"documents: {len(anns)} from {name}, {sum(len(t.split()) for t in texts)} words")
    print(f"spaCy parse (baseline): {parse_rate:.1f} docs/s")
    print(f"geo stage (find_places): {geo_rate:.1f} docs/s  ratio {ratio:.1f}x (goal >= {GOAL_RATIO}x)")
    print(f"process RSS after run: {rss_mb():.0f} MB (spaCy included); "
          f"geo stage added {rss_mb() - rss_before_geo:+.1f} MB (look-up memo, SQLite page cache)")
    return 0 if ratio >= GOAL_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
