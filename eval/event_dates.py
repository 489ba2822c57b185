"""Event dates on real dated pages, against dates labelled by hand, beside the article-date baseline.

Usage:
  python eval/event_dates.py draw OUT.tsv [--shared DIR] [--n N] [--seed S]
  python eval/event_dates.py score LABELS.tsv [--shared DIR] [--misses K]
``--shared``: the shared data folder (default ``../shared/data``); exit 2 when it is absent.

The store: every page of three outside sources run through the default pipeline (ingest, clean,
relevance gate, parse, every document stage), as ``spillwatch ingest`` would store them:
- ``aeb``: the article-extraction-benchmark's 181 HTML pages (dates from their metadata or text);
- ``re3d``: the re3d Syria/Iraq documents (``documents.json``, read as JSON lines);
- ``ecb``: ECB+ dev topics 1-22, converted by ``../shared/tools/ecbplus_coref.py convert`` into a
  temporary folder (title, ``Published:`` line where the document states one, one sentence a
  paragraph); the report topics 23-35 are never drawn.
The population: every event mention the coder keeps as happened in an article that carries a date
(the pipeline finds one, or the file has a ``Published:`` line). ``draw`` writes a fixed-seed random
sample of N of them (default 220; ``rank`` is the draw order) for labelling, with each one's header,
sentence and the one before it (the text stays outside the repository); the dater's date is not shown.

``eval/labelled/event_dates.tsv`` holds the labels: the key (source; doc, the first 16 hex digits of
the raw item's id; the trigger's offset in the cleaned text; the trigger),
the true date (``YYYY-MM-DD``, or a ``start..end`` range), its precision (day, week, month, year,
range) and a reason; ``not-event`` for a mention that reports no real event (left out of the
score) and ``unknown`` when the page does not let a reader date the event (scored as ``no day``).
``score`` reruns the store, finds each labelled mention by its key and prints, for the events
whose true date is one day: exact day and within one day for the dater and for the article's
date (the baseline: the publication date the pipeline reads, for every event of the article),
and the share of events the dater left undated or dated after the article. A labelled mention the
coder no longer keeps as its own mention is scored by the mention of its sentence nearest it (the
coder folds the triggers of one event in a sentence into one mention; first, the same trigger word
within ``MOVED`` characters, when a cleaner change shifted the offsets), else counted as ``lost``
and as a miss for the dater. Printed for all labelled
events and for two fixed halves by document (``half``: a hash of the doc key): rules are tuned on
``tune`` and reported on ``test``, which no rule was looked at for.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import random
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from spillwatch.ingest.sources import iter_items
from spillwatch.records import AnnotatedArticle, EventMention, RawItem
from spillwatch.run.pipeline import understand_items
from spillwatch.settings import load_settings
from spillwatch.stages import Coded

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared/data"
ECB_TOPICS = ",".join(str(t) for t in range(1, 23))


@dataclass(frozen=True, slots=True)
class Drawn:
    source: str
    doc: str
    start: int
    trigger: str
    ann: AnnotatedArticle
    mention: EventMention

    @property
    def key(self) -> tuple[str, str, int, str]:
        return (self.source, self.doc, self.start, self.trigger)


def _doc_name(source: str, raw_id: str) -> str:
    name = raw_id.replace("\\", "/").rsplit("/", 1)[-1]
    for suffix in (".html.gz", ".txt", ".html"):
        name = name.removesuffix(suffix)
    return name[:16] if source == "aeb" else name


def _published_line(ann: AnnotatedArticle) -> bool:
    return any(line.startswith("Published") for line in ann.article.text.splitlines()[:6])


def store(shared: Path, work: Path) -> list[Drawn]:
    """Every kept, happened event mention in a dated article of the three sources, in a fixed order."""
    ecb = work / "ecb"
    subprocess.run([sys.executable, str(shared.parent / "tools/ecbplus_coref.py"), "convert",
                    str(shared / "ecbplus/ECB+"), str(ecb), "--topics", ECB_TOPICS],
                   check=True, capture_output=True)
    settings = load_settings()
    out: list[Drawn] = []
    for source, path in (("aeb", shared / "article-extraction-benchmark/html"), ("re3d", shared / "re3d"),
                         ("ecb", ecb / "txt")):
        items = [i for i in iter_items([str(path)], settings) if isinstance(i, RawItem)]
        for coded in understand_items(items, settings):
            if not isinstance(coded, Coded):
                continue
            ann = coded.annotated
            if ann.article.published.value is None and not _published_line(ann):
                continue
            doc = _doc_name(source, ann.article.raw_id)
            if source == "re3d":
                doc = ann.article.raw_id.rsplit(":", 1)[-1] or doc
            for m in coded.mentions:
                if m.modality == "happened":
                    out.append(Drawn(source, doc, m.trigger.start, m.trigger_text, ann, m))
    return sorted(out, key=lambda d: d.key)


def _sentence(text: str, start: int, end: int, t0: int, t1: int) -> str:
    return " ".join((text[start:t0] + "[[" + text[t0:t1] + "]]" + text[t1:end]).split())


def _before(d: Drawn) -> str:
    text = d.ann.article.text
    prev = [s.span for s in d.ann.sentences if s.span.end <= d.mention.sentence.start]
    return " ".join(text[prev[-1].start:prev[-1].end].split()) if prev else ""


def _published(ann: AnnotatedArticle) -> date | None:
    v = ann.article.published.value
    return v.date() if isinstance(v, datetime) else v


def draw(drawn: list[Drawn], out: Path, n: int, seed: int) -> None:
    # a seeded draw: random.sample's first k picks do not depend on how many are asked for, so a
    # larger --n keeps the smaller draw as its first rows (``rank``) and only adds to it
    chosen = random.Random(seed).sample(drawn, min(n, len(drawn)))
    with out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["rank", "source", "doc", "start", "trigger", "published", "evidence", "header", "before",
                    "sentence"])
        for rank, d in enumerate(chosen, 1):
            text, m = d.ann.article.text, d.mention
            w.writerow([rank, d.source, d.doc, d.start, d.trigger, _published(d.ann), d.ann.article.published.evidence,
                        " ".join(text[:240].split()), _before(d),
                        _sentence(text, m.sentence.start, m.sentence.end, m.trigger.start, m.trigger.end)])


@dataclass(frozen=True, slots=True)
class Label:
    start: date | None
    end: date | None
    precision: str
    reason: str


def labels(path: Path) -> dict[tuple[str, str, int, str], Label]:
    """The label file's rows by key (``#`` lines are its header comment)."""
    out = {}
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t"):
            truth = row["truth"]
            start = end = None
            if truth not in ("unknown", "not-event"):
                a, _, b = truth.partition("..")
                start, end = date.fromisoformat(a), date.fromisoformat(b or a)
            precision = "not-event" if truth == "not-event" else row["precision"]
            out[(row["source"], row["doc"], int(row["start"]), row["trigger"])] = Label(start, end, precision,
                                                                                     row["reason"])
    return out


def half(doc: str) -> str:
    """'tune' or 'test': a fixed half of the labelled set, by document."""
    return "tune" if int(hashlib.sha1(doc.encode("utf-8")).hexdigest()[:8], 16) % 2 == 0 else "test"


def _day(m: EventMention | None) -> date | None:
    if m is None or m.date is None or m.date.start is None or m.date.start != m.date.end:
        return None
    return m.date.start


def _host(drawn: list[Drawn], key: tuple[str, str, int, str]) -> Drawn | None:
    """The kept mention a labelled trigger was folded into: the coder makes one mention of the
    triggers of one event in a sentence ("opened fire ..., killing two" is one mention), so a
    labelled trigger no longer kept as its own mention is scored by the mention of its sentence
    that holds it; None when its sentence holds none (``lost``)."""
    same = [x for x in drawn if x.key[:2] == key[:2] and x.mention.sentence.start <= key[2] < x.mention.sentence.end]
    return min(same, key=lambda x: abs(x.start - key[2]), default=None)


MOVED = 60  # characters: how far a cleaner change may have moved a labelled trigger


def _moved(drawn: list[Drawn], key: tuple[str, str, int, str]) -> Drawn | None:
    """The kept mention of the same trigger word in the same document within ``MOVED`` characters of
    the labelled offset: a cleaner change (a dropped stamp line, a new title) shifts the offsets."""
    same = [x for x in drawn if x.key[:2] == key[:2] and x.trigger == key[3] and abs(x.start - key[2]) <= MOVED]
    return min(same, key=lambda x: abs(x.start - key[2]), default=None)


def score(drawn: list[Drawn], gold: dict[tuple[str, str, int, str], Label], misses: int) -> dict[str, float]:
    found = {d.key: d for d in drawn}
    days = [(k, lab) for k, lab in sorted(gold.items()) if lab.precision == "day" and lab.start is not None]
    rows = []
    for key, lab in days:
        d = found.get(key) or _moved(drawn, key) or _host(drawn, key)
        ann = d.ann if d is not None else next((x.ann for x in drawn if x.key[:2] == key[:2]), None)
        got = _day(d.mention if d is not None else None)
        base = _published(ann) if ann is not None else None
        rows.append((key, lab, d, got, base))
    n = len(rows) or 1

    def near(a: date | None, b: date | None) -> bool:
        return a is not None and b is not None and abs((a - b).days) <= 1

    res = {
        "n": float(len(rows)),
        "dater.exact": sum(got == lab.start for _, lab, _, got, _ in rows) / n,
        "dater.within1": sum(near(got, lab.start) for _, lab, _, got, _ in rows) / n,
        "article_date.exact": sum(base == lab.start for _, lab, _, _, base in rows) / n,
        "article_date.within1": sum(near(base, lab.start) for _, lab, _, _, base in rows) / n,
        "dater.no_day": sum(got is None for *_, got, _ in rows) / n,
        "dater.after_article": sum(got is not None and base is not None and got > base
                                   for *_, got, base in rows) / n,
        "lost": sum(d is None for _, _, d, _, _ in rows) / n,
        "scored_by_host": sum(d is not None and d.key != k for k, _, d, _, _ in rows) / n,
        "labelled": float(len(gold)),
        "not_event": float(sum(lab.precision == "not-event" for lab in gold.values())),
        "coarser": float(sum(lab.precision not in ("day", "unknown", "not-event") for lab in gold.values())),
        "unknown": float(sum(lab.precision == "unknown" for lab in gold.values())),
    }
    shown = 0
    for key, lab, d, got, base in rows:
        if got != lab.start and shown < misses:
            shown += 1
            said = "lost" if d is None else (repr(d.mention.date) if d.mention.date else "undated")
            print(f"MISS {key} truth {lab.start} article {base} got {said} ({lab.reason})")
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("draw")
    d.add_argument("out", type=Path)
    d.add_argument("--n", type=int, default=220)
    d.add_argument("--seed", type=int, default=23)
    s = sub.add_parser("score")
    s.add_argument("labels", type=Path)
    s.add_argument("--misses", type=int, default=0)
    for p in (d, s):
        p.add_argument("--shared", type=Path, default=SHARED)
    args = ap.parse_args(argv)
    if not (args.shared / "ecbplus/ECB+").is_dir() or not (args.shared / "re3d").is_dir():
        print(f"no ECB+ or re3d data under {args.shared}", file=sys.stderr)
        return 2
    if args.cmd == "score" and not args.labels.exists():
        print(f"missing {args.labels}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as work:
        drawn = store(args.shared, Path(work))
    print(f"store: {len(drawn)} happened event mentions in dated articles", file=sys.stderr)
    if args.cmd == "draw":
        draw(drawn, args.out, args.n, args.seed)
        return 0
    gold = labels(args.labels)
    for part in ("all", "tune", "test"):
        chosen = {k: v for k, v in gold.items() if part == "all" or half(k[1]) == part}
        res = score(drawn, chosen, args.misses if part == "tune" else 0)
        print(f"== {part}")
        for k, v in res.items():
            print(f"{k:22s} {v:.3f}" if v < 1.5 else f"{k:22s} {int(v)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
