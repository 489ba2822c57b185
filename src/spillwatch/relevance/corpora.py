"""Training and test samples for the event detector, read from the openly licensed sets in ../shared/data.

- PLOVER synthetic stories (MIT, from ahalterman/NGEC-2025): each story's first sentence and its
  prompt headline, labelled with the story's PLOVER type; positives for "event".
- UCDP GED Syria (CC BY 4.0): each ``source_headline`` (split on ';'), a real news headline of an
  organised-violence event; positives for "event", type ASSAULT, and UCDP's type of violence
  (1 state-based, 2 non-state, 3 one-sided against civilians). Split by the event's year:
  2016-2018 train, 2019 test (a 2019 headline also seen in training is dropped from the test).
- article-extraction-benchmark (MIT): every sentence of a page labelled ``general`` in
  ``data/training/aeb_page_labels.tsv`` (judged by hand, page by page) is a negative. Their
  false-event rate is measured by cross-validation with whole pages held out per fold; the
  end-to-end false events are counted on GeoWebNews, which is never trained on.
The texts are read from ../shared at training time and never copied into the repository.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from spillwatch.relevance.features import sentences

AIRWARS_LINE = re.compile(r"^\w+ \d{1,2}(st|nd|rd|th)? \d{4}\s*:")  # "July 3rd 2017: (S1002) Raqqa, ..."
NON_LATIN = re.compile(r"[\u0600-\u06ff]")
OLD_GOLD = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
CIVILIANS = "civilians"
ARMED = "armed"


@dataclass(frozen=True, slots=True)
class Sample:
    text: str
    event: bool
    type: str | None = None  # PLOVER type when known
    mode: str | None = None
    violence: str | None = None  # "armed" (UCDP 1, 2) or "civilians" (UCDP 3) when known
    origin: str = ""  # synthetic | ucdp | aeb | gold
    group: str = ""  # samples that must stay in one cross-validation fold (an AEB page)


@dataclass(frozen=True, slots=True)
class DataPaths:
    shared: Path

    @property
    def synthetic(self) -> Path:
        return self.shared / "data/plover/synthetic/gpt_synthetic_events_2023-10-19_19.csv.zip"

    @property
    def ucdp(self) -> Path:
        return self.shared / "data/ucdp-ged-syria/ged191_syria_2016_2019.csv.gz"

    @property
    def aeb(self) -> Path:
        return self.shared / "data/article-extraction-benchmark/ground-truth.json"

    @property
    def gold(self) -> Path:
        return self.shared / "data/plover/gold_standard_records/PLOVER_GSR_CAMEO.txt"

    def all(self) -> tuple[Path, ...]:
        return (self.synthetic, self.ucdp, self.aeb)


def synthetic(path: Path) -> list[Sample]:
    with zipfile.ZipFile(path) as z:
        name = next(n for n in z.namelist() if n.endswith(".csv"))
        rows = list(csv.DictReader(io.TextIOWrapper(z.open(name), "utf-8")))
    out: list[Sample] = []
    seen: set[str] = set()
    for r in rows:
        label = (r.get("label") or "").strip().upper()
        if not label or not r.get("text"):
            continue
        mode = (r.get("mode") or "").strip().lower() or None
        first = sentences(r["text"])[:1]
        title = (r.get("prompt") or "").split("\n")[0].strip()
        for text in [*first, title]:
            if text and text not in seen:
                seen.add(text)
                out.append(Sample(text, True, label, mode, origin="synthetic"))
    return out


def _headlines(raw: str) -> Iterator[str]:
    for part in raw.split(";"):
        text = part.strip()
        if len(text.split()) >= 4 and not AIRWARS_LINE.match(text) and not NON_LATIN.search(text):
            yield text


def ucdp(path: Path) -> tuple[list[Sample], list[Sample]]:
    """(train 2016-2018, test 2019) headline samples."""
    train: dict[str, Sample] = {}
    test: dict[str, Sample] = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            violence = CIVILIANS if row["type_of_violence"] == "3" else ARMED
            year = row["date_start"][:4]
            for text in _headlines(row.get("source_headline") or ""):
                target = test if year == "2019" else train
                target.setdefault(text, Sample(text, True, "ASSAULT", None, violence, origin="ucdp"))
    return list(train.values()), [s for t, s in test.items() if t not in train]


def page_labels() -> dict[str, str]:
    ref = resources.files("spillwatch") / "data" / "training" / "aeb_page_labels.tsv"
    out = {}
    for line in ref.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            key, label, _ = line.split("\t", 2)
            out[key] = label
    return out


def aeb_negatives(path: Path, per_page: int = 80) -> list[Sample]:
    """Sentences of every page labelled ``general`` (at most ``per_page`` from one page)."""
    labels = page_labels()
    pages = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for page_id, page in sorted(pages.items()):
        if labels.get(page_id[:10]) != "general":
            continue
        sents = [s for s in sentences(page.get("articleBody") or "") if len(s.split()) >= 4]
        out += [Sample(s, False, origin="aeb", group=page_id[:10]) for s in sents[:per_page]]
    return out


def gold(path: Path) -> list[Sample]:
    data = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for r in data:
        if r.get("event") in (None, "DOCUMENT") or not r.get("text"):
            continue
        label = str(r["event"]).upper()
        mode = str(r.get("mode") or "").strip().lower() or None
        out.append(Sample(r["text"], True, OLD_GOLD.get(label, label), mode, origin="gold"))
    return out


def data_hash(paths: Iterable[Path]) -> str:
    """sha256 over the training files' bytes and the page labels: recorded with the model."""
    h = hashlib.sha256()
    for p in paths:
        h.update(p.name.encode())
        h.update(p.read_bytes())
    h.update((resources.files("spillwatch") / "data" / "training" / "aeb_page_labels.tsv").read_bytes())
    return h.hexdigest()
