"""PLOVER gold-standard records: actor resolution of the nlp actor stage, span by span.

Usage: python eval/nlp_plover_actors.py [--gsr PATH] [--show N]
Default data: ../shared/data/plover/gold_standard_records/PLOVER_GSR_CAMEO.txt (323 sentences).

Every gold source/target actor with a country code is looked up at its text (``actorText``,
first occurrence) in the sentence; the sentence runs through parse + the actor stage. Printed:
- found: share of gold actors overlapped by some actor mention;
- country: share whose overlapping mention has the gold country (international codes IGO,
  UNO and EUR count as one; the old CAMEO code JAP as JPN);
- country+sector: among gold actors with a sector we code (GOV MIL REB CVL COP JUD MED EDU
  BUS), the share whose mention also has that sector (the gold sector's first three letters).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from spillwatch.nlp.actors import find_actors
from spillwatch.nlp.parse import annotate
from spillwatch.records import ActorMention, AnnotatedArticle, Article, Block, DateInfo
from spillwatch.settings import Settings

REPO = Path(__file__).resolve().parents[1]
DEFAULT = REPO.parent / "shared/data/plover/gold_standard_records/PLOVER_GSR_CAMEO.txt"
INTL = {"IGO", "UNO", "EUR"}
OLD = {"JAP": "JPN"}
SECTORS = {"GOV", "MIL", "REB", "CVL", "COP", "JUD", "MED", "EDU", "BUS"}


def same_country(gold: str, ours: str | None) -> bool:
    gold = OLD.get(gold, gold)
    return ours == gold or (gold in INTL and ours in INTL)


def gold_actors(record: dict[str, Any]) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    for side in ("source", "target"):
        value = record.get(side)
        if isinstance(value, list):
            out.extend(a for a in value if a.get("code") and a.get("actorText"))
    return out


def at(ann: AnnotatedArticle, text: str) -> list[ActorMention]:
    start = ann.article.text.find(text)
    if start < 0:
        return []
    end = start + len(text)
    return [m for m in ann.actors if m.span.start < end and start < m.span.end]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--gsr", type=Path, default=DEFAULT)
    parser.add_argument("--show", type=int, default=0, help="print this many misses")
    args = parser.parse_args(argv)
    if not args.gsr.exists():
        print(f"PLOVER gold records not found at {args.gsr}")
        return 2
    records = [r for r in json.loads(args.gsr.read_text(encoding="utf-8")) if r.get("text") and gold_actors(r)]
    articles = [Article(r["id"], "gsr", (Block("body", r["text"]),), DateInfo(date(2000, 1, 1), "metadata"))
                for r in records]
    settings = Settings()
    n = found = country = sectored = sector_ok = 0
    misses: list[str] = []
    for record, ann in zip(records, annotate(articles, settings), strict=True):
        ann = find_actors(ann, settings)
        for g in gold_actors(record):
            mentions = at(ann, g["actorText"])
            n += 1
            found += bool(mentions)
            hit = [m for m in mentions if same_country(g["code"], m.actor.country)]
            country += bool(hit)
            if not hit:
                misses.append(f"{g['actorText']!r} gold {g['code']}/{g.get('sector')} ours "
                              f"{[(m.text, m.actor.id) for m in mentions]} | {record['text'][:90]}")
            gold_sector = (g.get("sector") or "")[:3]
            if gold_sector in SECTORS:
                sectored += 1
                sector_ok += any(m.actor.sector == gold_sector for m in hit)
    print(f"PLOVER GSR: {len(records)} sentences, {n} gold actors with a country code")
    print(f"found (some mention overlaps):   {found / n:.3f}")
    print(f"country agrees:                  {country / n:.3f}")
    print(f"country+sector agree ({sectored} with a coded sector): {sector_ok / max(sectored, 1):.3f}")
    for line in misses[: args.show]:
        print("  miss:", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
