"""The stage table is checked when built: a stage needing what no earlier stage provides fails at start-up."""

from __future__ import annotations

from dataclasses import replace

import pytest

from spillwatch.errors import ConfigError
from spillwatch.stages import DEFAULT, EVENTS, Pipeline, Stage


def test_the_default_pipeline_is_in_a_valid_order() -> None:
    names = [s.name for s in DEFAULT.all()]
    assert names[:3] == ["clean", "gate", "parse"] and names.index("events") < names.index("attribution")
    assert all(s.on_error == "quarantine" for s in DEFAULT.all())
    assert [s.name for s in DEFAULT.annotators()] == ["actors", "dates", "quantities", "quotes", "places"]


def test_a_stage_before_what_it_requires_fails_at_build_time() -> None:
    docs = (EVENTS, *(s for s in DEFAULT.docs if s is not EVENTS))
    with pytest.raises(ConfigError, match="'events' requires"):
        Pipeline(docs=docs)


def test_a_stage_requiring_an_unknown_fact_or_a_repeated_name_fails() -> None:
    odd = Stage("odd", EVENTS.fn, frozenset({"nonesuch"}), frozenset())
    with pytest.raises(ConfigError, match="nonesuch"):
        replace(DEFAULT, docs=(*DEFAULT.docs, odd))
    with pytest.raises(ConfigError, match="twice"):
        replace(DEFAULT, docs=(*DEFAULT.docs, EVENTS))
