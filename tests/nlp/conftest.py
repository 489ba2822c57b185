"""Session fixtures for the nlp tests: spaCy is loaded once per test session."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from spillwatch.nlp.actors import find_actors
from spillwatch.nlp.parse import annotate_one, load_pipeline
from spillwatch.nlp.quantities import find_quantities
from spillwatch.nlp.quotes import find_quotes
from spillwatch.nlp.temporal import find_dates
from spillwatch.records import AnnotatedArticle, Article
from spillwatch.settings import Settings

Runner = Callable[[Article], AnnotatedArticle]


@pytest.fixture(scope="session")
def nlp_settings() -> Settings:
    return Settings()


@pytest.fixture(scope="session")
def nlp(nlp_settings: Settings) -> Language:
    return load_pipeline(nlp_settings.spacy_pipeline)


@pytest.fixture(scope="session")
def run_nlp(nlp: Language, nlp_settings: Settings) -> Runner:
    """Parse, then every nlp stage in pipeline order."""

    def run(article: Article) -> AnnotatedArticle:
        ann = annotate_one(article, nlp_settings)
        for stage in (find_actors, find_quotes, find_dates, find_quantities):
            ann = stage(ann, nlp_settings)
        return ann

    return run
