"""Session fixtures for the geo tests: a small gazetteer build and a spaCy parse helper."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from spillwatch.geo.build import build_gazetteer
from spillwatch.geo.gazetteer import Gazetteer
from spillwatch.records import AnnotatedArticle, Article, Block, DateInfo
from spillwatch.settings import Settings

# Populated places of these countries only (units, countries and regions are always whole):
# enough for the Middle East cases plus the US towns called Lebanon and Jordan, Egypt's Sinai with
# India's Beed (a homonym of "Bir"), the Philippines' Marawi and Mexico City (known as "Mexico" too).
TEST_COUNTRIES = ("IQ", "SY", "JO", "LB", "TR", "GB", "CA", "US", "FR", "EG", "IN", "PH", "MX")


@pytest.fixture(scope="session")
def gz(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    path = build_gazetteer(tmp_path_factory.mktemp("gaz") / "small.sqlite", countries=TEST_COUNTRIES)
    return Gazetteer(path)


def make_article(*blocks: tuple[str, str]) -> Article:
    return Article(
        raw_id="test",
        source="test",
        blocks=tuple(Block(role, text) for role, text in blocks),  # type: ignore[arg-type]
        published=DateInfo(None, "none"),
    )


@pytest.fixture(scope="session")
def parse() -> Callable[[Article], AnnotatedArticle]:
    from spillwatch.nlp.parse import annotate_one

    settings = Settings()

    def run(article: Article) -> AnnotatedArticle:
        return annotate_one(article, settings)

    return run


@pytest.fixture
def tmp_gazetteer_path(tmp_path: Path) -> Path:
    return tmp_path / "g.sqlite"
