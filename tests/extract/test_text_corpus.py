"""The text cleaner on the project's own scraped-text corpus (corpus/txt, gold in corpus/gold)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from tests.conftest import CORPUS

from spillwatch.extract.text import clean_text

GOLD = CORPUS / "gold" / "reports.json"


def _reports() -> list[dict[str, Any]]:
    if not GOLD.exists():
        return []
    data = json.loads(GOLD.read_text(encoding="utf-8"))
    rows = data if isinstance(data, list) else list(data.values())
    return [r for r in rows if str(r["file"]).startswith("txt/")]


REPORTS = _reports()


@pytest.mark.skipif(not REPORTS, reason="corpus gold not present")
@pytest.mark.parametrize("report", REPORTS, ids=lambda r: str(r["file"]))
def test_title_body_and_date(report: dict[str, Any]) -> None:
    text = (CORPUS / report["file"]).read_text(encoding="utf-8")
    article = clean_text(text, source=report["file"], raw_id=report["file"])
    assert article.title == report["title"]
    assert sum(len(p.split()) for p in article.paragraphs) == report["body_words"]
    value = article.published.value
    if article.published.method == "none":
        assert value is None  # e.g. a dateline "BEIRUT, Nov 12" gives no year: declined, not guessed
    else:
        assert value is not None and value.isoformat() == report["date"]
