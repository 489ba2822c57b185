"""The same death toll stated by two reports (``pairs.same_toll``) and a country-level place beside a town
(``score.place_score``)."""

from __future__ import annotations

from dataclasses import replace

from dedup_toys import mention

from spillwatch.dedup.cluster import cluster
from spillwatch.dedup.pairs import MIN_TOLL, TOLL_SCORE, agreed_fields, same_toll, score_pair
from spillwatch.dedup.score import THRESHOLD, features
from spillwatch.records import Argument, Span


def test_an_undated_report_with_the_same_toll_joins_the_dated_one() -> None:
    dated = mention("a1", "Mosul", 0, killed=(22, 22, 22))
    undated = mention("a2", "Mosul", None, killed=(22, 22, 22))
    assert same_toll(features(dated), features(undated)) == 22
    assert (score_pair(features(dated), features(undated)) or 0) >= TOLL_SCORE > THRESHOLD
    assert len(cluster([dated, undated])) == 1
    assert "toll 22 killed" in agreed_fields(features(dated), features(undated))[0]


def test_a_month_report_with_the_same_toll_joins_the_day_report_inside_it() -> None:
    day = mention("a1", "Mosul", 3, killed=(43, 43, 43), sources=())
    month = mention("a2", None, 3, killed=(43, 43, 43), sources=(), precision="month", country_only="IRQ")
    assert len(cluster([day, month])) == 1
    # the same reports without the toll: only the country and the month in common, no actor named
    bare = [
        mention("a1", "Mosul", 3, sources=()),
        mention("a2", None, 3, sources=(), precision="month", country_only="IRQ"),
    ]
    assert len(cluster(bare)) == 2


def test_a_toll_never_overrides_what_contradicts() -> None:
    a = mention("a1", "Mosul", 0, killed=(22, 22, 22))
    assert same_toll(features(a), features(mention("a2", "Raqqa", 0, killed=(22, 22, 22)))) is None  # another country
    assert same_toll(features(a), features(mention("a2", "Baghdad", 0, killed=(22, 22, 22)))) is None  # places apart
    assert same_toll(features(a), features(mention("a2", "Mosul", 9, killed=(22, 22, 22)))) is None  # dates apart
    other = mention("a2", "Mosul", None, etype="PROTEST", sources=(), killed=(22, 22, 22))
    assert same_toll(features(a), features(other)) is None  # another type family
    assert same_toll(features(a), features(mention("a2", "Mosul", 0, killed=(21, 21, 21)))) is None


def test_a_small_toll_is_no_evidence() -> None:
    small = MIN_TOLL - 1
    a = mention("a1", "Mosul", 0, killed=(small, small, small))
    b = mention("a2", "Mosul", None, killed=(small, small, small), sources=("IRQ_MIL",))
    assert same_toll(features(a), features(b)) is None
    assert len(cluster([a, b])) == 2


def test_a_country_level_report_whose_sentence_names_the_other_s_town_is_placed_there() -> None:
    # the Beirut bombing's month-dated background report: "Burj al-Barajneh" unresolved, the place read as Lebanon,
    # "Beirut" among the sentence's names; no actor named, so a country and a month alone would not join it
    town = mention("a1", "Mosul", 3, sources=())
    coarse = mention("a2", None, 3, sources=(), precision="month", country_only="IRQ")
    assert len(cluster([town, coarse])) == 2
    naming = replace(coarse, arguments=(Argument("entity", Span(0, 5), "Mosul"),))
    assert len(cluster([town, naming])) == 1
    assert "place mosul (named)" in agreed_fields(features(town), features(naming))[0]
    assert "place below the country" in agreed_fields(features(town), features(coarse))[1]
    elsewhere = replace(coarse, arguments=(Argument("entity", Span(0, 7), "Baghdad"),))
    assert len(cluster([town, elsewhere])) == 2
