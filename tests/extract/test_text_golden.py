"""Golden readings for the text-line cleaner: the seed story and six pages in other outlets' styles."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import shared_path

from spillwatch.extract.text import clean_text
from spillwatch.records import Article

HERE = Path(__file__).parent
PAGES = HERE / "pages"
PAGE_NAMES = sorted(p.name.split(".")[0] for p in PAGES.glob("*.expected.json"))


def _reading(article: Article) -> dict[str, Any]:
    value = article.published.value
    return {
        "blocks": [[b.role, b.text] for b in article.blocks],
        "related": [r.text for r in article.related],
        "dropped": [d.text for d in article.dropped],
        "published": [value.isoformat() if value else None, article.published.method],
    }


def test_there_are_six_or_more_pages() -> None:
    assert len(PAGE_NAMES) >= 6


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_page_reading(name: str) -> None:
    expected = json.loads((PAGES / f"{name}.expected.json").read_text(encoding="utf-8"))
    text = (PAGES / f"{name}.txt").read_text(encoding="utf-8")
    article = clean_text(text, source=f"pages/{name}.txt", raw_id=name)
    got = _reading(article)
    for key in ("blocks", "related", "dropped", "published"):
        assert got[key] == expected[key], key
    assert article.byline == expected.get("byline")
    assert article.extractor == "text-lines"


@pytest.fixture(scope="module")
def seed() -> tuple[str, Article]:
    text = shared_path("seed", "000_9b6fd5e0c168a157.txt").read_text(encoding="utf-8")
    return text, clean_text(text, source="seed/000", raw_id="000_9b6fd5e0c168a157")


@pytest.fixture(scope="module")
def seed_expected() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((HERE / "seed_000.expected.json").read_text(encoding="utf-8"))
    return data


@pytest.mark.shared
def test_seed_roles(seed: tuple[str, Article], seed_expected: dict[str, Any]) -> None:
    _, article = seed
    assert article.title == seed_expected["title"]
    assert list(article.captions) == seed_expected["captions"]
    assert list(article.credits) == seed_expected["credits"]
    assert article.dateline == seed_expected["dateline"]
    roles = [b.role for b in article.blocks]
    assert roles[: len(seed_expected["roles_in_order"])] == seed_expected["roles_in_order"]
    assert set(roles[len(seed_expected["roles_in_order"]) :]) == {"body"}


@pytest.mark.shared
def test_seed_body_is_every_paragraph_in_order(seed: tuple[str, Article], seed_expected: dict[str, Any]) -> None:
    text, article = seed
    body = article.paragraphs
    assert body[0].startswith(seed_expected["body_first_starts"])
    assert body[-1].endswith(seed_expected["body_last_ends"])
    source_lines = [line.strip() for line in text.splitlines()]
    first = source_lines.index(next(x for x in source_lines if x.endswith(body[0])))
    last = source_lines.index(body[-1])
    # Every sentence paragraph between the first and last body paragraph is kept, in order.
    between = [x for x in source_lines[first + 1 : last + 1] if len(x.split()) >= 6 and x[-1] in '.”"']
    expected_body = [x for x in between if not any(bad in x for bad in seed_expected["never_in_body"])]
    assert list(body[1:]) == expected_body


@pytest.mark.shared
def test_seed_furniture_gone(seed: tuple[str, Article], seed_expected: dict[str, Any]) -> None:
    _, article = seed
    kept = article.text
    for bad in seed_expected["never_in_body"]:
        assert bad not in kept
    dropped = {d.text for d in article.dropped}
    assert not dropped & set(article.paragraphs)
    reasons = [d.reason for d in article.dropped]
    for reason, n in seed_expected["dropped_reasons_at_least"].items():
        assert reasons.count(reason) >= n, reason
    # the bare video title after each player is dropped, never body
    video_titles = [d.text for d in article.dropped if d.reason == "video-title"]
    assert all(t not in article.paragraphs for t in video_titles)


@pytest.mark.shared
def test_seed_related_and_date(seed: tuple[str, Article], seed_expected: dict[str, Any]) -> None:
    _, article = seed
    related = [r.text for r in article.related]
    assert len(related) == seed_expected["related_count"]
    for headline in seed_expected["related_contains"]:
        assert headline in related
    assert not any(h in article.text for h in related)
    value, method = seed_expected["published"]
    assert article.published.value is not None
    assert (article.published.value.isoformat(), article.published.method) == (value, method)
    assert article.published.evidence
