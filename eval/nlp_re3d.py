"""re3d (Dstl) gold entities against the nlp stages: actors, dates and quantities.

Usage: python eval/nlp_re3d.py [--re3d DIR]
Default data: ../shared/data/re3d/{centcom,uk-government,us-state-department} (71 documents).

Each document becomes an Article whose blocks are its paragraphs, so Article.text equals the
document text and gold offsets apply unchanged; it runs through parse, actors, quotes, dates
and quantities. Only gold annotations with confidence >= 0.5 count. A prediction and a gold
span match when they overlap.

- actors: gold Organisation + Nationality + Person spans against actor mentions; the baseline is
  spaCy's own ORG + NORP + PERSON entities on the same parse. Precision counts a prediction as
  right when it overlaps any gold Organisation/Nationality/Person span.
- dates: gold Temporal against date mentions (resolved or not).
- quantities: gold Quantity + Money against quantity mentions; Money alone against money ones.
Printed: gold count, predictions, recall, precision per row.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from spillwatch.nlp.actors import find_actors
from spillwatch.nlp.parse import annotate
from spillwatch.nlp.quantities import find_quantities
from spillwatch.nlp.quotes import find_quotes
from spillwatch.nlp.temporal import find_dates
from spillwatch.records import AnnotatedArticle, Article, Block, DateInfo, Span
from spillwatch.settings import Settings

REPO = Path(__file__).resolve().parents[1]
DEFAULT = REPO.parent / "shared" / "data" / "re3d"
ACTOR_TYPES = {"Organisation", "Nationality", "Person"}


def read_lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load(root: Path) -> tuple[list[Article], dict[str, list[tuple[str, Span]]]]:
    articles: list[Article] = []
    gold: dict[str, list[tuple[str, Span]]] = {}
    for folder in sorted(p for p in root.iterdir() if (p / "documents.json").exists()):
        for doc in read_lines(folder / "documents.json"):
            blocks = tuple(Block("body", p) for p in doc["text"].split("\n\n"))
            art = Article(doc["_id"], folder.name, blocks, DateInfo(date(2017, 1, 1), "estimated", "corpus years"))
            assert art.text == doc["text"]
            articles.append(art)
        for ent in read_lines(folder / "entities.json"):
            if ent.get("confidence", 1) >= 0.5:
                gold.setdefault(ent["documentId"], []).append((ent["type"], Span(ent["begin"], ent["end"])))
    return articles, gold


def hits(pred: Sequence[Span], gold: Sequence[Span]) -> tuple[int, int]:
    """(gold spans overlapped by some prediction, predictions overlapping some gold span)."""
    def over(a: Span, b: Span) -> bool:
        return a.start < b.end and b.start < a.end

    return sum(any(over(g, p) for p in pred) for g in gold), sum(any(over(p, g) for g in gold) for p in pred)


class Tally:
    def __init__(self) -> None:
        self.gold = self.pred = self.found = self.right = 0

    def add(self, pred: Sequence[Span], gold: Sequence[Span], judge: Sequence[Span] | None = None) -> None:
        found, _ = hits(pred, gold)
        _, right = hits(pred, judge if judge is not None else gold)
        self.gold += len(gold)
        self.pred += len(pred)
        self.found += found
        self.right += right

    def row(self, name: str) -> str:
        recall = self.found / self.gold if self.gold else 0.0
        precision = self.right / self.pred if self.pred else 0.0
        return f"{name:<40} {self.gold:6d} {self.pred:6d} {recall:8.3f} {precision:9.3f}"


def run(articles: Iterable[Article], settings: Settings) -> Iterable[AnnotatedArticle]:
    for ann in annotate(articles, settings):
        for stage in (find_actors, find_quotes, find_dates, find_quantities):
            ann = stage(ann, settings)
        yield ann


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--re3d", type=Path, default=DEFAULT)
    args = parser.parse_args(argv)
    if not args.re3d.exists():
        print(f"re3d not found at {args.re3d}")
        return 2
    articles, gold = load(args.re3d)
    rows = {k: Tally() for k in ("actors", "spacy", "dates", "quantities", "money")}
    for ann in run(articles, Settings()):
        g = gold.get(ann.article.raw_id, [])

        def of(*types: str, g: list[tuple[str, Span]] = g) -> list[Span]:
            return [s for t, s in g if t in types]

        actor_gold = of(*ACTOR_TYPES)
        rows["actors"].add([m.span for m in ann.actors], actor_gold)
        rows["spacy"].add([e.span for e in ann.entities if e.label in {"ORG", "NORP", "PERSON"}], actor_gold)
        rows["dates"].add([d.span for d in ann.dates], of("Temporal"))
        rows["quantities"].add([q.span for q in ann.quantities], of("Quantity", "Money"))
        rows["money"].add([q.span for q in ann.quantities if q.kind == "money"], of("Money"))
    print(f"re3d: {len(articles)} documents")
    print(f"{'row':<40} {'gold':>6} {'pred':>6} {'recall':>8} {'precision':>9}")
    print(rows["actors"].row("actor mentions vs Org+Nationality+Person"))
    print(rows["spacy"].row("spaCy ORG+NORP+PERSON (baseline)"))
    print(rows["dates"].row("date mentions vs Temporal"))
    print(rows["quantities"].row("quantities vs Quantity+Money"))
    print(rows["money"].row("money vs Money"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
