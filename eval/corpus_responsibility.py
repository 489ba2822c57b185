"""Responsibility in the sample corpus: does each report carry the claim or attribution its gold facts state?

For every report (corpus/gold/reports.json) and every fact it reports whose gold ``responsibility`` is
``claimed`` or ``attributed``, the report runs through clean -> parse -> annotators -> code -> attribute, and
the report counts as right when one of its ASSAULT mentions has the fact's source group (the Islamic State or
one of its provinces, ids ``ISL``/``ISL_*``) among its sources and the stage recorded the same kind (claimed
beats attributed when both appear). Printed: every miss, then a JSON summary with the share right overall and
per kind, and the share with any responsibility recorded. No store is needed.

    python eval/corpus_responsibility.py
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from spillwatch.coding.attribution import responsibility
from spillwatch.ingest.sources import iter_items
from spillwatch.records import Article, Quarantined
from spillwatch.run.pipeline import Coded, clean_item, understand
from spillwatch.settings import Settings

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
FOLDERS = ("txt", "html", "feeds", "jsonl")


def _key(report: dict[str, Any]) -> str:
    """The ingest source name of a report: the file, with ``#L<n>`` (JSONL) or ``#entry-<n>`` (feeds)."""
    path = str(CORPUS / report["file"])
    record = report["record"]
    if record is None:
        return path
    return f"{path}#L{record + 1}" if report["file"].endswith(".jsonl") else f"{path}#entry-{record}"


def _coded(settings: Settings) -> dict[str, Coded]:
    items = [i for i in iter_items([str(CORPUS / d) for d in FOLDERS], settings) if not isinstance(i, Quarantined)]
    articles = [a for a in (clean_item(i, settings) for i in items) if isinstance(a, Article)]
    return {c.annotated.article.source: c for c in understand(articles, settings) if isinstance(c, Coded)}


def _recorded(coded: Coded) -> str | None:
    kinds = {
        responsibility(m)
        for m in coded.mentions
        if m.type == "ASSAULT" and any(a.id == "ISL" or a.id.startswith("ISL_") for a in m.sources)
    }
    return "claimed" if "claimed" in kinds else "attributed" if "attributed" in kinds else None


def main() -> int:
    facts = {f["id"]: f for f in json.loads((CORPUS / "gold" / "facts.json").read_text(encoding="utf-8"))}
    reports = json.loads((CORPUS / "gold" / "reports.json").read_text(encoding="utf-8"))
    coded = _coded(Settings())
    tally: Counter[tuple[str, str | None]] = Counter()
    for report in reports:
        found = coded.get(_key(report))
        for fid in report["facts"]:
            want = facts[fid]["responsibility"]
            if want is None or found is None:
                continue
            got = _recorded(found)
            tally[(want, got)] += 1
            if got != want:
                print(f"{report['file']}#{report['record']}: {fid} gold={want} got={got}")
    print(json.dumps(_summary(tally)))
    return 0


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _summary(tally: Counter[tuple[str, str | None]]) -> dict[str, Any]:
    total = sum(tally.values())
    out: dict[str, Any] = {
        "reports_with_responsibility": total,
        "right": _share(sum(n for (want, got), n in tally.items() if want == got), total),
        "any_recorded": _share(sum(n for (_, got), n in tally.items() if got), total),
    }
    for kind in ("claimed", "attributed"):
        out[f"{kind}_right"] = _share(tally[(kind, kind)], sum(n for (want, _), n in tally.items() if want == kind))
    return out


if __name__ == "__main__":
    sys.exit(main())
