"""A pair the scorers decline with no contradiction is unknown, not a mismatch; one word for verb and noun;
an article's day as a date is "no later than"."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from dedup_toys import mention

from spillwatch.dedup.cluster import ClusterConfig, _average_link, cluster
from spillwatch.dedup.score import THRESHOLD, UNKNOWN_PAIR, trigger_word
from spillwatch.records import Clause, EventMention, Span


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


def test_an_articles_day_is_no_later_than_the_act_and_never_earlier() -> None:
    from spillwatch.dedup.score import date_score, days_apart, features
    from spillwatch.records import DateMention

    def dated(article: str, day: int, source: str) -> EventMention:
        m = mention(article, "Mosul", day, sources=())
        assert m.date is not None
        return replace(m, date=DateMention(m.date.span, m.date.text, m.date.start, m.date.end, "day", source))  # type: ignore[arg-type]

    told = features(dated("a1", 0, "expression"))  # "on Monday": its own words
    next_day, two_days, day_before = (features(dated("a2", d, "reported")) for d in (1, 2, -1))
    assert days_apart(told, next_day) == 0 and date_score(told, next_day, 3) == 1.0  # published the day after
    assert days_apart(told, two_days) == 2  # one day, no more
    assert days_apart(told, day_before) == 1  # reported before it happened: no
    assert days_apart(next_day, features(dated("a3", 0, "reported"))) == 1  # two article days stay exact
    assert len(cluster([dated("a1", 0, "expression"), dated("a2", 1, "reported")])) == 1
