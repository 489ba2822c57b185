"""The stage table is checked when built: a stage needing what no earlier stage provides fails at start-up.

And the declarations are tested against the code (issue 21 item 5), on the sample corpus's text articles.
Each document stage runs on a record holding only what it declares it ``requires``: every other fact
(an ``AnnotatedArticle`` field, or the mentions) is a sentinel that raises on any use. A stage that
reads an undeclared fact fails; what it writes must equal what it writes with every fact present;
every field it changes must be among the facts it ``provides`` (facts are named after the fields);
and each fact it requires must be read on at least one article (no requirement it never uses).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import replace
from typing import Any, NoReturn

import pytest

from spillwatch.errors import ConfigError
from spillwatch.extract.text import clean_text
from spillwatch.nlp.parse import annotate
from spillwatch.records import AnnotatedArticle
from spillwatch.settings import Settings
from spillwatch.stages import DEFAULT, EVENTS, Coded, DocStage, Pipeline, Stage
from tests.conftest import CORPUS

FIELDS = tuple(f.name for f in dataclasses.fields(AnnotatedArticle) if f.name != "article")  # article: always given
FACTS = frozenset(FIELDS) | {"mentions"}
SETTINGS = Settings()


def test_the_default_pipeline_is_in_a_valid_order() -> None:
    names = [s.name for s in DEFAULT.all()]
    assert names[:3] == ["clean", "gate", "parse"] and names.index("events") < names.index("attribution")
    assert all(s.on_error == "quarantine" for s in DEFAULT.all())
    assert [s.name for s in DEFAULT.annotators()] == ["actors", "dates", "quantities", "quotes", "places"]


def test_a_stage_before_what_it_requires_fails_at_build_time() -> None:
    docs = (EVENTS, *(s for s in DEFAULT.docs if s is not EVENTS))
    with pytest.raises(ConfigError, match="'events' requires"):
        Pipeline(docs=docs)


def test_quantities_before_the_dates_it_reads_fails_at_build_time() -> None:
    names = [s.name for s in DEFAULT.docs]
    docs = list(DEFAULT.docs)
    i, j = names.index("dates"), names.index("quantities")
    docs[i], docs[j] = docs[j], docs[i]
    with pytest.raises(ConfigError, match="'quantities' requires \\['dates'\\]"):
        Pipeline(docs=tuple(docs))


def test_a_stage_requiring_an_unknown_fact_or_a_repeated_name_fails() -> None:
    odd = Stage("odd", EVENTS.fn, frozenset({"nonesuch"}), frozenset())
    with pytest.raises(ConfigError, match="nonesuch"):
        replace(DEFAULT, docs=(*DEFAULT.docs, odd))
    with pytest.raises(ConfigError, match="twice"):
        replace(DEFAULT, docs=(*DEFAULT.docs, EVENTS))


class Undeclared:
    """A fact the stage did not declare it requires: any use of it raises."""

    def __init__(self, name: str) -> None:
        self.name = name

    def _read(self, *_: Any) -> NoReturn:
        raise AssertionError(f"read the undeclared fact {self.name!r}")

    __iter__ = __len__ = __bool__ = __getitem__ = __contains__ = __eq__ = __hash__ = __lt__ = _read
    __getattr__ = _read


def _restricted(doc: Coded, requires: frozenset[str]) -> Coded:
    hidden: dict[str, Any] = {name: Undeclared(name) for name in FIELDS if name not in requires}
    mentions: Any = doc.mentions if "mentions" in requires else Undeclared("mentions")
    return Coded(dataclasses.replace(doc.annotated, **hidden), mentions)


def _facts(doc: Coded) -> dict[str, Any]:
    return {**{name: getattr(doc.annotated, name) for name in FIELDS}, "mentions": doc.mentions}


def _reads_undeclared(stage: DocStage, doc: Coded, requires: frozenset[str]) -> bool:
    try:
        stage.fn(_restricted(doc, requires), SETTINGS)
    except AssertionError as err:
        return "undeclared fact" in str(err)
    return False


@pytest.fixture(scope="module")
def inputs() -> list[dict[str, Coded]]:
    """Per article of corpus/txt, each document stage's input in the default run (every fact present)."""
    paths = sorted((CORPUS / "txt").glob("*.txt"))
    if not paths:
        pytest.skip("sample corpus not present")
    articles = [clean_text(p.read_text(encoding="utf-8"), source=p.name, raw_id=p.name) for p in paths]
    found = []
    for ann in annotate(articles, SETTINGS):
        doc, before = Coded(ann), {}
        for stage in DEFAULT.docs:
            before[stage.name] = doc
            doc = stage.fn(doc, SETTINGS)
        found.append(before)
    return found


def test_the_sentinel_refuses_every_use() -> None:
    fact = Undeclared("dates")
    uses: list[Callable[[], object]] = [lambda: list(fact), lambda: len(fact), lambda: bool(fact),
                                        lambda: fact[0], lambda: fact == (), lambda: 1 in fact,
                                        lambda: fact.start]  # type: ignore[attr-defined]
    for use in uses:
        with pytest.raises(AssertionError, match="undeclared fact 'dates'"):
            use()


def test_a_stage_declaring_too_little_is_caught(inputs: list[dict[str, Coded]]) -> None:
    places = next(s for s in DEFAULT.docs if s.name == "places")
    blind: DocStage = Stage("places", places.fn, frozenset({"tokens", "entities"}), places.provides)
    assert any(_reads_undeclared(blind, before["places"], blind.requires) for before in inputs)


@pytest.mark.parametrize("stage", DEFAULT.docs, ids=lambda s: s.name)
def test_a_stage_reads_only_what_it_requires_and_writes_only_what_it_provides(
        stage: DocStage, inputs: list[dict[str, Coded]]) -> None:
    for before in inputs:
        doc = before[stage.name]
        full = _facts(stage.fn(doc, SETTINGS))
        alone = _facts(stage.fn(_restricted(doc, stage.requires), SETTINGS))
        changed = {name for name, value in _facts(doc).items() if value != full[name]}
        unsaid = changed - stage.provides - ({"mentions"} & stage.requires)  # a refinement rewrites what it reads
        assert not unsaid, f"{stage.name} changes {sorted(unsaid)} without providing them"
        for name in changed | (stage.provides & FACTS):
            assert alone[name] == full[name], f"{stage.name}: {name} differs when only its requirements are given"


@pytest.mark.parametrize("stage", DEFAULT.docs, ids=lambda s: s.name)
def test_a_stage_reads_every_fact_it_requires(stage: DocStage, inputs: list[dict[str, Coded]]) -> None:
    unread = [fact for fact in sorted(stage.requires & FACTS)
              if not any(_reads_undeclared(stage, before[stage.name], stage.requires - {fact}) for before in inputs)]
    assert not unread, f"{stage.name} requires {unread} but reads them on none of the corpus's articles"


def test_every_fact_is_a_field_or_names_a_refinement_of_the_mentions() -> None:
    refinements = {m for s in DEFAULT.docs if "mentions" in s.requires for m in s.provides - FACTS}
    for stage in DEFAULT.docs:
        odd = (stage.requires | stage.provides) - FACTS - refinements
        assert not odd, f"{stage.name}: {sorted(odd)} is neither a field nor a refinement of the mentions"
