"""Event clustering on invented mentions: goldens, distinct-event cases, order and batch stability."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import date, timedelta

from dedup_toys import DAY0, mention
from hypothesis import given, settings
from hypothesis import strategies as st

from spillwatch.dedup.cluster import assign, cluster, mention_keys
from spillwatch.dedup.merge import event_id
from spillwatch.dedup.within import link_reports
from spillwatch.records import AnnotatedArticle, Article, DateInfo, Estimate, Event, EventMention

ANN = AnnotatedArticle(Article(raw_id="a", source="t", blocks=(), published=DateInfo(None, "none")))


def partition(events: Iterable[Event]) -> set[frozenset[str]]:
    return {frozenset(e.mention_ids) for e in events}


def lookup_over(stored: Iterable[EventMention], published: Callable[[str], date | None] | None = None
                ) -> Callable[[tuple[str, str, int]], list[EventMention]]:
    index: dict[tuple[str, str, int], list[EventMention]] = defaultdict(list)
    for m in stored:
        for key in mention_keys(m, published(m.article_id) if published else None):
            index[key].append(m)
    return lambda key: index.get(key, [])


def test_three_reports_of_one_attack_become_one_event_with_a_range_of_deaths() -> None:
    reports = [
        mention("a1", "Mosul", 0, killed=(5, 5, 5), targets=("IRQ_POL",)),
        mention("a2", "Mosul", 0, killed=(7, 7, 7)),
        mention("a3", "Mosul", 1, killed=(6, 6, 6), targets=("IRQ_POL",)),
    ]
    (event,) = cluster(reports, outlets=lambda a: {"a1": ["Wire"], "a2": ["Paper", "Site"]}.get(a, []))
    assert set(event.mention_ids) == {m.id for m in reports}
    assert event.article_ids == ("a1", "a2", "a3")
    assert event.outlets == ("Paper", "Site", "Wire")
    assert event.fatalities == Estimate(low=5, best=6.0, high=7)
    assert event.place is not None and event.place.name == "Mosul"
    assert event.date_start is not None and event.date_end is not None
    assert (event.date_end - event.date_start).days == 1
    assert event.id == event_id(m.id for m in reports)
    assert 0 < event.confidence <= 1


def test_same_day_same_country_distinct_events_stay_distinct() -> None:
    ms = [
        mention("a1", "Mosul", 0),
        mention("a2", "Baghdad", 0),  # another city
        mention("a3", "Tal Afar", 0),  # same province, 60 km away
        mention("a4", "Mosul", 0, etype="AID", sources=("UNO",)),  # aid delivery, same city and day
    ]
    assert len(cluster(ms)) == 4


def test_different_actors_in_the_same_town_on_the_same_day_stay_apart() -> None:
    ms = [mention("a1", "Kirkuk", 0, sources=("ISL",)), mention("a2", "Kirkuk", 0, sources=("IRQ_MIL",))]
    assert len(cluster(ms)) == 2


def test_a_country_level_place_is_compatible_with_a_town_of_its_country() -> None:
    # "Qaa" read only as Lebanon and the Baalbek-Hermel report of the same bombing: the same day, actors and type
    ms = [
        mention("a1", None, 0, country_only="IRQ"),
        mention("a2", "Mosul", 0),
        mention("a3", None, 0, country_only="IRQ"),
        mention("a4", None, 0, country_only="SYR"),
    ]
    assert partition(cluster(ms)) == {frozenset({ms[0].id, ms[1].id, ms[2].id}), frozenset({ms[3].id})}


def test_a_country_level_place_beside_a_town_is_weak_evidence() -> None:
    # only the country in common: a day apart, or no actor named, is not enough
    assert len(cluster([mention("a1", None, 0, country_only="IRQ"), mention("a2", "Mosul", 1)])) == 2
    assert len(cluster([mention("a1", None, 0, country_only="IRQ", sources=()), mention("a2", "Mosul", 0)])) == 2


def test_reports_outside_the_date_window_stay_apart() -> None:
    ms = [mention("a1", "Mosul", 0), mention("a2", "Mosul", 5)]
    assert len(cluster(ms)) == 2


def test_undated_reports_merge_on_what_they_share_never_on_type_alone() -> None:
    same = [mention("a1", "Mosul", None), mention("a2", "Mosul", None)]  # one town, one side, one word
    assert len(cluster(same)) == 1
    bare = [replace(mention(a, None, None, sources=()), trigger_text=w) for a, w in (("b1", "raid"), ("b2", "strike"))]
    assert len(cluster(bare)) == 2  # nothing known but the type
    apart = [mention("c1", "Mosul", None), mention("c2", "Raqqa", 0)]  # another country
    assert len(cluster(apart)) == 2


def test_golden_toy_partition() -> None:
    ms = {
        "mosul-1": mention("w1", "Mosul", 0, targets=("IRQ_POL",), killed=(4, 4, 4)),
        "mosul-2": mention("w2", "Mosul", 0, targets=("IRQ_POL",), killed=(5, 5, 6)),
        "mosul-3": mention("w3", "Mosul", 0, adm1_only=True, targets=("IRQ_POL",)),
        "mosul-4": mention("w4", "Mosul", 1, targets=("IRQ_POL",)),
        "mosul-day3": mention("w12", "Mosul", 3, targets=("IRQ_POL",)),
        "mosul-aid": mention("w1", "Mosul", 0, etype="AID", sources=("UNO",), trigger=90),
        "aid-2": mention("w5", "Mosul", 0, etype="AID", sources=("UNO",), targets=("CVL",)),
        "bagh-1": mention("w6", "Baghdad", 0, modes=("explosives",), sources=()),
        "bagh-2": mention("w7", "Baghdad", 0, modes=("explosives",)),
        "tal-1": mention("w8", "Tal Afar", 0),
        "tal-later": mention("w9", "Tal Afar", 9),
        "raqqa": mention("w10", "Raqqa", 0),
        "undated": mention("w11", "Kirkuk", None),
    }
    expected = [
        {"mosul-1", "mosul-2", "mosul-3", "mosul-4"},
        {"mosul-aid", "aid-2"},
        {"bagh-1", "bagh-2"},
        {"tal-1"},
        {"mosul-day3"},
        {"tal-later"},
        {"raqqa"},
        {"undated"},
    ]
    names = {m.id: n for n, m in ms.items()}
    got = {frozenset(names[i] for i in group) for group in partition(cluster(ms.values()))}
    assert got == {frozenset(group) for group in expected}


def test_late_report_joins_the_stored_event_and_rerun_changes_nothing() -> None:
    first = [mention("a1", "Mosul", 0), mention("a2", "Mosul", 0)]
    stored = cluster(first)
    late = mention("a3", "Mosul", 0)  # a report arriving later about the same day
    result = assign(stored, [late], lookup_over(first))
    assert partition(result.events) == {frozenset(m.id for m in [*first, late])}
    assert set(result.retired) <= {e.id for e in stored}
    again = assign(result.events, [late], lookup_over([*first, late]))
    assert again.events == result.events and again.retired == ()
    # stored events may come from a function of the re-clustered mention ids (the store's events_holding)
    holding = assign(lambda ids: [e for e in stored if set(ids) & set(e.mention_ids)], [late], lookup_over(first))
    assert holding == result


# ---------------------------------------------------------------- property tests
CITY = st.sampled_from(["Mosul", "Mosul", "Hammam al-Alil", "Tal Afar", "Baghdad"])
TOY = st.builds(
    lambda art, city, day, etype, src, killed, trig: mention(
        f"art{art}", city, day, etype=etype, sources=src, killed=killed, trigger=trig
    ),
    st.integers(0, 8),
    CITY,
    st.one_of(st.none(), st.integers(0, 6), st.integers(0, 1)),
    st.sampled_from(["ASSAULT", "ASSAULT", "ASSAULT", "AID", "COERCE"]),
    st.sampled_from([(), ("ISL",), ("ISL",), ("IRQ_MIL",), ("ISL", "IRQ_MIL")]),
    st.one_of(st.none(), st.tuples(st.just(1.0), st.integers(1, 9).map(float), st.just(10.0))),
    st.integers(0, 3),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(TOY, max_size=24, unique_by=lambda m: m.id), st.randoms(use_true_random=False))
def test_any_order_gives_the_same_events(ms: list[EventMention], rnd: random.Random) -> None:
    shuffled = list(ms)
    rnd.shuffle(shuffled)
    assert cluster(shuffled) == cluster(ms)


@settings(max_examples=60, deadline=None)
@given(st.lists(TOY, max_size=24, unique_by=lambda m: m.id), st.data())
def test_two_batches_give_the_same_events_as_one(ms: list[EventMention], data: st.DataObject) -> None:
    split = data.draw(st.integers(0, len(ms)))
    order = data.draw(st.permutations(ms))
    first, second = order[:split], order[split:]
    # with or without publication days for undated mentions (art<k> published DAY0 + k days)
    published = data.draw(st.sampled_from([None, lambda a: DAY0 + timedelta(days=int(a[3:]))]))
    stored = cluster(first, published=published)
    result = assign(stored, second, lookup_over(first, published), published=published)
    whole = cluster(ms, published=published)
    untouched = [e for e in stored if set(e.mention_ids).isdisjoint(result.mention_ids)]
    assert sorted([*untouched, *result.events], key=lambda e: e.id) == list(whole)
    assert set(result.retired).isdisjoint({e.id for e in whole})


def test_a_late_member_with_a_smaller_id_renames_the_event_and_retires_the_old_id() -> None:
    first = [mention("b1", "Mosul", 0), mention("b2", "Mosul", 0)]
    (stored,) = cluster(first)
    late = next(m for m in (mention(f"late{i}", "Mosul", 1) for i in range(100)) if m.id < min(stored.mention_ids))
    result = assign([stored], [late], lookup_over(first))
    (event,) = result.events
    assert event.id == event_id([late.id]) and result.retired == (stored.id,)
    assert result.successors == ((stored.id, event.id),)


def test_two_arms_of_one_state_count_as_the_same_side() -> None:
    ms = [mention("a1", "Kirkuk", 0, sources=("IRQ_MIL",)), mention("a2", "Kirkuk", 0, sources=("IRQ_POL",))]
    assert len(cluster(ms)) == 1


def test_unidentified_actors_do_not_veto_a_merge() -> None:
    from dataclasses import replace

    from spillwatch.records import Actor

    gunmen = Actor("UNK_REB", "gunmen", None, "REB")
    a = mention("a1", "Kirkuk", 0, sources=("ISL",))
    b = replace(mention("a2", "Kirkuk", 0, sources=()), sources=(gunmen,))
    assert len(cluster([a, b])) == 1


def test_undated_mentions_merge_through_publication_day_on_shared_place_and_actors_within_the_window() -> None:
    from datetime import timedelta

    from dedup_toys import DAY0

    ms = [
        mention("p1", "Mosul", None, targets=("IRQ_POL",)),
        mention("p2", "Mosul", None, targets=("IRQ_POL",)),
        mention("p3", "Mosul", None, adm1_only=True, targets=("IRQ_POL",)),  # same ADM1, side and word: fitted score
        mention("p4", "Mosul", None, targets=("IRQ_POL",)),  # published a month later
    ]
    days = {"p1": DAY0, "p2": DAY0 + timedelta(days=1), "p3": DAY0, "p4": DAY0 + timedelta(days=30)}
    got = partition(cluster(ms, published=days.get))
    assert got == {frozenset({ms[0].id, ms[1].id, ms[2].id}), frozenset({ms[3].id})}
    other_side = replace(ms[2], targets=(), sources=())
    assert len(cluster([ms[0], replace(other_side, trigger_text="raid")], published=days.get)) == 2


def test_part_of_country_and_country_places_match_each_other_and_cities_only_on_more() -> None:
    from dataclasses import replace

    a = mention("c1", None, 0, country_only="IRQ")
    b = mention("c2", None, 0, country_only="IRQ")
    assert b.place is not None
    b = replace(b, place=replace(b.place, precision=5))
    c = mention("c3", "Mosul", 0)
    assert partition(cluster([a, b, c])) == {frozenset({a.id, b.id, c.id})}  # same day, actor and type
    d = mention("c3", "Mosul", 0, sources=())  # no actor named: only the country and the day in common
    assert partition(cluster([a, b, d])) == {frozenset({a.id, b.id}), frozenset({d.id})}


def test_one_articles_reports_of_one_attack_join_though_later_ones_say_no_place_or_date() -> None:
    # "Gunmen attacked Mosul on day 0 ..." then "the attack", then a toll sentence: no place, no date
    ms = [mention("a1", "Mosul", 0, trigger=0), mention("a1", None, None, trigger=100),
          mention("a1", None, None, trigger=200, sources=())]
    assert partition(cluster(ms)) == {frozenset(m.id for m in ms)}


def reported(m: EventMention) -> EventMention:
    """The mention dated by its article's day, not by its own words."""
    assert m.date is not None
    return replace(m, date=replace(m.date, source="reported"))


def test_a_news_report_dated_by_its_article_joins_its_own_dated_report_in_the_window() -> None:
    ms = [reported(mention("a1", "Mosul", 1, trigger=0)), mention("a1", "Mosul", 0, trigger=100)]
    assert len(cluster(ms)) == 1


def test_one_articles_two_attacks_stay_apart_when_anything_known_differs() -> None:
    apart = [
        [mention("a1", "Mosul", 0, trigger=0), mention("a1", "Raqqa", None, trigger=100)],  # countries
        [mention("a1", "Mosul", 0, trigger=0), mention("a1", "Baghdad", 0, trigger=100)],  # ADM1s
        [mention("a1", None, 0, trigger=0), mention("a1", None, 9, trigger=100)],  # own dates far apart
        [mention("a1", None, None, trigger=0, sources=("ISL",)),
         mention("a1", None, None, trigger=100, sources=("UNO",))],  # specific actors, none shared
        [mention("a1", None, None, trigger=0), mention("a1", None, None, trigger=100, etype="AGREE")],  # families
        [reported(mention("a1", "Mosul", 120, trigger=0)), mention("a1", "Mosul", 0, trigger=100)],  # background
    ]
    for ms in apart:
        assert len(cluster(ms)) == 2, ms


def test_reports_completed_within_their_article_join_across_articles_in_any_batching() -> None:
    a1 = link_reports(ANN, (mention("a1", "Mosul", 0, trigger=0), mention("a1", None, None, trigger=100)))
    a2 = link_reports(ANN, (mention("a2", "Mosul", 0, trigger=0), mention("a2", None, None, trigger=50)))
    ms = [*a1, *a2]
    whole = partition(cluster(ms))
    assert len(whole) == 1
    first = cluster(ms[:2])
    later = assign(first, ms[2:], lookup_over(ms[:2]))
    assert partition(later.events) == whole


def test_a_contradiction_inside_a_chain_of_links_keeps_the_two_apart() -> None:
    # an undated report links to two dated ones that are 20 days apart: never one event
    a, b = mention("k1", "Mosul", 0), mention("k2", "Mosul", 20)
    middle = mention("k3", "Mosul", None)
    got = partition(cluster([a, b, middle]))
    assert frozenset({a.id, b.id}) not in got and not any({a.id, b.id} <= group for group in got)


@settings(max_examples=40, deadline=None)
@given(st.lists(TOY, max_size=24, unique_by=lambda m: m.id), st.data())
def test_looking_up_a_frontiers_keys_together_gives_the_same_assignment(ms: list[EventMention],
                                                                        data: st.DataObject) -> None:
    split = data.draw(st.integers(0, len(ms)))
    first, second = ms[:split], ms[split:]
    one = lookup_over(first)

    def many(keys: Sequence[tuple[str, str, int]]) -> dict[tuple[str, str, int], list[EventMention]]:
        return {k: one(k) for k in keys}

    stored = cluster(first)
    assert assign(stored, second, one, lookup_many=many) == assign(stored, second, one)
