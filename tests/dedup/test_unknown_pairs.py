"""A pair the scorers decline with no contradiction is unknown, not a mismatch; one word for verb and noun."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from dedup_toys import mention

from spillwatch.dedup.cluster import ClusterConfig, _average_link
from spillwatch.dedup.score import THRESHOLD, UNKNOWN_PAIR, trigger_word
from spillwatch.records import Clause, Span


@dataclass
class Pairs:
    """A scorer with fixed pair scores (None: declined) and the pairs that contradict."""

    scores: dict[tuple[str, str], float | None]
    against: set[tuple[str, str]] = field(default_factory=set)
    config: ClusterConfig = field(default_factory=ClusterConfig)

    def score(self, a: str, b: str) -> float | None:
        return self.scores.get((min(a, b), max(a, b)))

    def contradicts(self, a: str, b: str) -> bool:
        return (min(a, b), max(a, b)) in self.against


def groups(scorer: Pairs, members: list[str]) -> list[list[str]]:
    return [ids for ids, _ in _average_link(members, scorer)]  # type: ignore[arg-type]


def test_one_declined_pair_does_not_sink_a_merge_every_compared_pair_supports() -> None:
    assert THRESHOLD > UNKNOWN_PAIR > 2 * THRESHOLD - 1.0  # alone it never merges; beside a strong link it may
    scorer = Pairs({("a", "b"): 0.97, ("a", "c"): 0.99, ("b", "c"): None})
    assert groups(scorer, ["a", "b", "c"]) == [["a", "b", "c"]]


def test_a_declined_pair_that_contradicts_still_keeps_the_two_apart() -> None:
    scorer = Pairs({("a", "b"): 0.97, ("a", "c"): 0.99, ("b", "c"): None}, against={("b", "c")})
    assert groups(scorer, ["a", "b", "c"]) == [["a", "c"], ["b"]]


def test_unknown_alone_joins_nothing() -> None:
    assert groups(Pairs({("a", "b"): None}), ["a", "b"]) == [["a"], ["b"]]


def test_the_noun_and_the_verb_of_one_act_are_one_word() -> None:
    m = mention("a1")
    verb = replace(m, trigger_text="shot", clause=Clause(m.trigger, m.trigger, "shoot", m.trigger))
    noun = replace(m, trigger_text="shooting", clause=Clause(m.trigger, m.trigger, "shooting", m.trigger))
    plural = replace(m, trigger_text="shootings", clause=Clause(m.trigger, Span(90, 95), "say", m.trigger))
    assert trigger_word(verb) == trigger_word(noun) == trigger_word(plural) == "shoot"
    assert trigger_word(replace(m, trigger_text="killing", clause=None)) == "kill"
