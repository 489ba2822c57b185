"""Event-mention candidates from real text, for labelling and for the mention classifier.

Usage: python eval/clauses/sample.py OUT.tsv [--shared DIR] [--ecb DIR] [--per-source N] [--all]
       [--sources aeb,gwn] [--kept-only] [--exclude LABELS.tsv]

Every lexicon trigger the coder looks at (the mentions it keeps and the ones it declines, with the
reason) in documents of six outside sources, read from ``--shared`` (default ``../shared/data``):
- ``aeb``: the article-extraction-benchmark's gold bodies (181 pages, mostly not about conflict);
- ``gwn``: GeoWebNews articles 51-200 (the first 50 are the judged test pages: never sampled);
- ``re3d``: the re3d Syria/Iraq documents;
- ``ecb``: ECB+ dev topics 1-22, as text written by ``../shared/tools/ecbplus_coref.py convert``
  (``--ecb`` names that folder; the report topics 23-35 are never sampled);
- ``ucdp``: UCDP GED Syria headlines of 2016-2018 (2019 is the headline test year);
- ``plover``: the PLOVER gold sentences of the training half (``plover_half``; the other half is
  scored by ``eval/plover_gsr.py --held-out``).

Rows are keyed by (source, doc, trigger offset); ``eval/labelled/clauses.tsv`` holds the labels for
those keys (no text), and ``eval/clauses/data.py`` joins them back to the text. ``--per-source``
picks that many candidates per source (seeded, spread over documents); ``--all`` writes every one.
A second round of labels looks where the shipped coder errs: ``--kept-only`` draws only mentions the
coder (with its mention model) keeps, ``--exclude`` leaves out keys already labelled, ``--sources``
limits the draw to some sources.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import json
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from spillwatch.coding.events import code_events_explained
from spillwatch.records import Article, Block, DateInfo
from spillwatch.run import pipeline
from spillwatch.settings import Settings

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared/data"
SOURCES = ("aeb", "gwn", "re3d", "ecb", "ucdp", "plover")


@dataclass(frozen=True)
class Doc:
    source: str
    doc: str
    article: Article


@dataclass(frozen=True)
class Candidate:
    source: str
    doc: str
    start: int
    end: int
    trigger: str
    type: str
    coder: str  # "kept" or the decline reason
    status: str
    sentence: str  # with the trigger in [[ ]]


def stable(text: str) -> int:
    return int(hashlib.sha1(text.encode("utf-8")).hexdigest()[:8], 16)


def plover_half(record_id: str) -> str:
    """'train' or 'test': a fixed half of the PLOVER gold by id (the test half is never labelled)."""
    return "train" if stable(record_id) % 2 == 0 else "test"


def _article(raw_id: str, source: str, texts: list[str]) -> Article:
    blocks = tuple(Block("body", t) for t in texts if t.strip())
    return Article(raw_id=raw_id, source=source, blocks=blocks, published=DateInfo(None, "none"))


def load_docs(shared: Path, ecb: Path | None) -> Iterator[Doc]:
    truth = json.loads((shared / "article-extraction-benchmark/ground-truth.json").read_text(encoding="utf-8"))
    for key, row in sorted(truth.items()):
        yield Doc("aeb", key[:12], _article(key, "aeb", row["articleBody"].split("\n\n")))
    for n, node in enumerate(ET.parse(shared / "geo/GeoWebNews.xml").getroot().iter("article")):
        if n >= 50:
            texts = [(node.findtext("title") or ""), (node.findtext("text") or "")]
            yield Doc("gwn", node.get("file", str(n)), _article(f"gwn-{n}", "gwn", texts))
    for folder in sorted(p for p in (shared / "re3d").iterdir() if (p / "documents.json").exists()):
        for line in (folder / "documents.json").read_text(encoding="utf-8").splitlines():
            if line.strip():
                d = json.loads(line)
                yield Doc("re3d", d["_id"], _article(d["_id"], "re3d", d["text"].split("\n\n")))
    if ecb is not None:
        for path in sorted(ecb.rglob("*.txt")):
            if int(path.name.split("_")[0]) <= 22:
                yield Doc("ecb", path.stem, _article(path.stem, "ecb", path.read_text(encoding="utf-8").split("\n\n")))
    with gzip.open(shared / "ucdp-ged-syria/ged191_syria_2016_2019.csv.gz", "rt", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["year"] < "2019" and row["source_headline"].strip():
                head = row["source_headline"].split(";")[0].strip()
                yield Doc("ucdp", row["id"], _article(row["id"], "ucdp", [head]))
    records = json.loads((shared / "plover/gold_standard_records/PLOVER_GSR_CAMEO.txt").read_text(encoding="utf-8"))
    for r in records:
        if r.get("event") not in (None, "DOCUMENT") and r.get("text") and plover_half(r["id"]) == "train":
            yield Doc("plover", r["id"], _article(r["id"], "plover", [r["text"]]))


def candidates(doc: Doc, settings: Settings) -> list[Candidate]:
    ann = pipeline.annotate_only(doc.article, settings)
    kept, declined = code_events_explained(ann, settings)
    text = ann.article.text
    rows = [(m.trigger.start, m.trigger.end, m.trigger_text, m.type, "kept",
             m.clause.status if m.clause else "") for m in kept]
    rows += [(d.trigger.start, d.trigger.end, d.trigger_text, d.type, d.reason, "") for d in declined]
    out = []
    for start, end, trig, etype, coder, status in sorted(rows):
        sent = next((s.span for s in ann.sentences if s.span.start <= start < s.span.end), None)
        if sent is None:
            continue
        marked = text[sent.start:start] + "[[" + text[start:end] + "]]" + text[end:sent.end]
        out.append(Candidate(doc.source, doc.doc, start, end, trig, etype, coder, status,
                             " ".join(marked.split())))
    return out


def labelled_keys(path: Path) -> set[tuple[str, str, int]]:
    with path.open(encoding="utf-8") as fh:
        rows = csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t")
        return {(r["source"], r["doc"], int(r["start"])) for r in rows}


def pick(rows: list[Candidate], n: int) -> list[Candidate]:
    """``n`` candidates spread over documents: at most a few per document, in a seeded order."""
    rows = sorted(rows, key=lambda c: stable(f"{c.doc}:{c.start}"))
    per_doc: dict[str, int] = {}
    out: list[Candidate] = []
    for cap in (2, 4, 1000):
        for c in rows:
            if len(out) >= n:
                return out
            if c not in out and per_doc.get(c.doc, 0) < cap:
                per_doc[c.doc] = per_doc.get(c.doc, 0) + 1
                out.append(c)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--ecb", type=Path, default=None, help="ECB+ text written by ecbplus_coref.py convert")
    ap.add_argument("--per-source", type=int, default=300)
    ap.add_argument("--max-docs", type=int, default=150, help="documents read per source (seeded choice)")
    ap.add_argument("--all", action="store_true")
    ap.add_argument("--sources", default=",".join(SOURCES), help="comma-separated subset of " + ",".join(SOURCES))
    ap.add_argument("--kept-only", action="store_true", help="only mentions the coder keeps")
    ap.add_argument("--exclude", type=Path, default=None, help="a label file whose keys are left out")
    args = ap.parse_args(argv)
    if not (args.shared / "geo/GeoWebNews.xml").exists():
        print(f"no data at {args.shared}", file=sys.stderr)
        return 2
    settings = Settings()
    by_source: dict[str, list[Doc]] = {}
    for d in load_docs(args.shared, args.ecb):
        by_source.setdefault(d.source, []).append(d)
    found: list[Candidate] = []
    done = labelled_keys(args.exclude) if args.exclude else set()
    for source in [s for s in SOURCES if s in args.sources.split(",")]:
        docs = sorted(by_source.get(source, []), key=lambda d: stable(d.doc))[: args.max_docs]
        rows = [c for d in docs for c in candidates(d, settings)
                if (c.coder == "kept" or not args.kept_only) and (c.source, c.doc, c.start) not in done]
        chosen = rows if args.all else pick(rows, args.per_source)
        print(f"{source}: {len(docs)} documents, {len(rows)} candidates, {len(chosen)} written", file=sys.stderr)
        found += chosen
    with args.out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["source", "doc", "start", "end", "trigger", "type", "coder", "status", "sentence"])
        for c in found:
            w.writerow([c.source, c.doc, c.start, c.end, c.trigger, c.type, c.coder, c.status, c.sentence])
    return 0


if __name__ == "__main__":
    sys.exit(main())
