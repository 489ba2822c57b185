from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spillwatch.nlp.anchor import anchor_of
from spillwatch.nlp.temporal import weekday_date
from spillwatch.records import Article, Block, DateInfo, DateMethod
from tests.nlp.conftest import Runner


def art(text: str, value: date | None, method: DateMethod = "metadata", evidence: str = "") -> Article:
    return Article("r", "t", (Block("body", text),), DateInfo(value, method, evidence))


def dates(run_nlp: Runner, text: str, value: date | None, method: DateMethod = "metadata", evidence: str = ""):
    ann = run_nlp(art(text, value, method, evidence))
    return {d.text: (d.start, d.end, d.precision) for d in ann.dates}


def test_anchor_reading() -> None:
    d = date(2016, 12, 10)
    assert anchor_of(art("x", d)).ref == d  # type: ignore[union-attr]
    assert anchor_of(art("x", d, "estimated")).ref == d + timedelta(days=6)  # type: ignore[union-attr]
    upper = anchor_of(art("x", d, "estimated", "no later than the archive date"))
    assert upper is not None and upper.ref == d
    assert anchor_of(art("x", None, "none")) is None


def test_weekday_exact_vs_estimated(run_nlp: Runner) -> None:
    text = "The minister said Thursday that talks had failed."
    # exact anchor Saturday 2016-12-10: the Thursday before it
    assert dates(run_nlp, text, date(2016, 12, 10))["Thursday"][0] == date(2016, 12, 8)
    # lower-bound estimate "no earlier than Saturday 2016-12-10": the first Thursday on or after it
    assert dates(run_nlp, text, date(2016, 12, 10), "estimated")["Thursday"][0] == date(2016, 12, 15)
    # upper-bound estimate: the last Thursday before it
    got = dates(run_nlp, text, date(2016, 12, 10), "estimated", "no later than crawl date")
    assert got["Thursday"][0] == date(2016, 12, 8)


def test_future_weekdays_and_qualifiers(run_nlp: Runner) -> None:
    wed = date(2021, 8, 25)
    got = dates(run_nlp, "Ministers will meet on Friday. Rebels attacked last Wednesday.", wed)
    assert got["Friday"][0] == date(2021, 8, 27)
    assert got["last Wednesday"][0] == date(2021, 8, 18)
    assert dates(run_nlp, "Fighting resumed on Wednesday.", wed)["Wednesday"][0] == wed


def test_relative_expressions(run_nlp: Runner) -> None:
    ref = date(2019, 5, 7)  # a Tuesday
    text = (
        "Shelling began yesterday. Aid arrived earlier this month. Talks collapsed last year. "
        "Two weeks ago a convoy was hit. Elections are due next month. Three days ago the road reopened."
    )
    got = dates(run_nlp, text, ref)
    assert got["yesterday"] == (date(2019, 5, 6), date(2019, 5, 6), "day")
    assert got["earlier this month"] == (date(2019, 5, 1), date(2019, 5, 6), "range")
    assert got["last year"] == (date(2018, 1, 1), date(2018, 12, 31), "year")
    assert got["Two weeks ago"] == (date(2019, 4, 22), date(2019, 4, 28), "week")
    assert got["next month"] == (date(2019, 6, 1), date(2019, 6, 30), "month")
    assert got["Three days ago"] == (date(2019, 5, 4), date(2019, 5, 4), "day")


def test_absolute_forms_and_ranges(run_nlp: Runner) -> None:
    text = (
        "The siege lasted from 3 March 2017 to 9 July 2017. A ceasefire was signed on 2018-02-14. "
        "In December the front moved; by March 2015 the town had fallen. On June 4 the army entered."
    )
    got = dates(run_nlp, text, date(2018, 2, 20))
    assert got["from 3 March 2017 to 9 July 2017"] == (date(2017, 3, 3), date(2017, 7, 9), "range")
    assert got["2018-02-14"] == (date(2018, 2, 14), date(2018, 2, 14), "day")
    assert got["In December"] == (date(2017, 12, 1), date(2017, 12, 31), "month")
    assert got["March 2015"] == (date(2015, 3, 1), date(2015, 3, 31), "month")
    assert got["June 4"] == (date(2017, 6, 4), date(2017, 6, 4), "day")  # not yet June 2018


def test_no_anchor_resolves_only_absolute_dates(run_nlp: Runner) -> None:
    got = dates(run_nlp, "On Monday, and on Dec. 1, 2020, and last week.", None, "none")
    assert {k: v for k, v in got.items() if v[0] is not None} == {"Dec. 1, 2020": (date(2020, 12, 1),) * 2 + ("day",)}
    assert got["Monday"] == (None, None, "day") and got["last week"] == (None, None, "week")  # kept, unresolved


@pytest.mark.parametrize(("text", "words"), [
    ("Gunmen killed a guard 11 days ago in the capital.", "11 days ago"),
    ("The army shelled the town yesterday.", "yesterday"),
    ("Rebels attacked the base on Thursday.", "Thursday"),
    ("Protesters marched in March.", "in March"),
    ("Troops withdrew last month.", "last month"),
])
def test_undated_article_leaves_relative_expressions_unresolved(run_nlp: Runner, text: str, words: str) -> None:
    """No article date: never the day of the run (issue 23: "11 days ago" dated by the clock)."""
    ann = run_nlp(art(text, None, "none"))
    assert [(d.text, d.start, d.end) for d in ann.dates] == [(words, None, None)]
    assert ann.article_date is None


@pytest.mark.parametrize("text", [
    "Fighting went on for 20 days.", "The camp was built in the 1930s.", "A 30 years old man was hurt.",
    "The siege lasted two weeks.", "Unrest returned in the 1990s.",
])
def test_durations_ages_decades_are_not_dates(run_nlp: Runner, text: str) -> None:
    for anchor in (None, date(2019, 5, 10)):
        assert [d for d in run_nlp(art(text, anchor)).dates if d.start is not None] == []


@pytest.mark.parametrize("word", ["may", "March on", "the 2,000 troops", "after the Friday prayers"])
def test_not_dates(run_nlp: Runner, word: str) -> None:
    assert dates(run_nlp, f"Troops {word} advance.", date(2020, 1, 1)) == {}


@pytest.mark.parametrize("text", ["A woman was struck by a car in Queens Friday night.",
                                  "Gunmen attacked the village on Friday evening."])
def test_a_weekday_with_its_time_of_day_is_a_date(run_nlp: Runner, text: str) -> None:
    got = dates(run_nlp, text, date(2013, 9, 14))  # a Saturday: the Friday before it
    assert [v[0] for v in got.values()] == [date(2013, 9, 13)]


@given(
    st.dates(min_value=date(1990, 1, 1), max_value=date(2035, 12, 31)),
    st.integers(0, 6),
    st.sampled_from(["", "on", "last", "this"]),
    st.booleans(),
)
def test_weekday_arithmetic(ref: date, weekday: int, qualifier: str, future: bool) -> None:
    day = weekday_date(ref, weekday, qualifier, future)
    assert day.weekday() == weekday
    if future:
        assert timedelta(days=1) <= day - ref <= timedelta(days=7)
    elif qualifier == "last":
        assert timedelta(days=1) <= ref - day <= timedelta(days=7)
    else:
        assert timedelta(0) <= ref - day <= timedelta(days=6)


def test_day_spans(run_nlp: Runner) -> None:
    got = dates(run_nlp, "Talks were held Dec. 5-11, 2016 and again 3 to 6 March 2017.", date(2017, 4, 1))
    assert got["Dec. 5-11, 2016"] == (date(2016, 12, 5), date(2016, 12, 11), "range")
    assert got["3 to 6 March 2017"] == (date(2017, 3, 3), date(2017, 3, 6), "range")


def test_chained_days(run_nlp: Runner) -> None:
    text = "Militants stormed the town on Monday. The army retook it the following day; two days later aid arrived."
    got = dates(run_nlp, text, date(2021, 3, 12))  # a Friday
    assert got["Monday"][0] == date(2021, 3, 8)
    assert got["the following day"][0] == date(2021, 3, 9)
    assert got["two days later"][0] == date(2021, 3, 11)
    assert "the following day" not in dates(run_nlp, "The army retook it the following day.", date(2021, 3, 12))


def test_the_past_24_hours_is_the_day_reported_and_longer_stretches_are_ranges(run_nlp: Runner) -> None:
    ref = date(2019, 5, 7)
    text = "Six were killed in the past 24 hours. Shelling went on over the past 72 hours."
    got = dates(run_nlp, text, ref)
    assert got["the past 24 hours"] == (ref, ref, "day")
    assert got["the past 72 hours"] == (date(2019, 5, 4), ref, "range")


def test_days_named_by_holiday_or_by_their_place_in_a_year(run_nlp: Runner) -> None:
    ref = date(2021, 1, 3)
    text = ("Gunmen struck on New Year's Day. The raid on the first day of 2021 followed a quiet year. "
            "A market was hit on Christmas Eve 2019 and again on the last day of March 2020.")
    got = dates(run_nlp, text, ref)
    assert got["New Year's Day"] == (date(2021, 1, 1), date(2021, 1, 1), "day")
    assert got["first day of 2021"] == (date(2021, 1, 1), date(2021, 1, 1), "day")
    assert got["Christmas Eve 2019"] == (date(2019, 12, 24), date(2019, 12, 24), "day")
    assert got["last day of March 2020"] == (date(2020, 3, 31), date(2020, 3, 31), "day")


def test_a_count_before_day_after_is_an_offset_not_the_following_day(run_nlp: Runner) -> None:
    text = ("Gunmen attacked the town on Friday. The attack came one day after a bombing in the capital. "
            "Police made arrests the day after.")
    got = dates(run_nlp, text, date(2015, 11, 14))  # a Saturday
    assert got["Friday"][0] == date(2015, 11, 13)
    assert not [k for k in got if k.startswith("day after")]  # "one day after X": the event dater's offset
    assert got["the day after"][0] == date(2015, 11, 14)


@pytest.mark.parametrize(("text", "ref", "words", "day"), [
    ("Syria daily report 21/10/2017: shelling on the suburbs.", date(2017, 10, 22), "21/10/2017", date(2017, 10, 21)),
    ("Report of 10/21/2017 on the shelling.", date(2017, 10, 22), "10/21/2017", date(2017, 10, 21)),
    # two readings (9 March, 3 September): the one not after the article's day, nearest to it
    ("Daily report 09/03/2016 on the fighting.", date(2016, 3, 14), "09/03/2016", date(2016, 3, 9)),
    ("Daily report 09/03/2016 on the fighting.", date(2016, 9, 5), "09/03/2016", date(2016, 9, 3)),
    ("The strike of 02.04.2019 hit the market.", date(2019, 4, 3), "02.04.2019", date(2019, 4, 2)),
])
def test_numeric_dates_read_by_the_article_date(run_nlp: Runner, text: str, ref: date, words: str, day: date) -> None:
    assert dates(run_nlp, text, ref)[words] == (day, day, "day")


@pytest.mark.parametrize("text", [
    "See www.example.org/2016/09/03/2016 for the text.",  # a URL path
    "Version 3.1.2.2016 of the software was released.",  # a version: the numbers run on between dots
    "Call 12/13/20180 for details.",
])
def test_numbers_in_paths_versions_and_long_numbers_are_not_dates(run_nlp: Runner, text: str) -> None:
    assert not [k for k in dates(run_nlp, text, date(2016, 10, 1)) if "/" in k or k.count(".") == 2]


def test_an_ambiguous_numeric_date_in_an_undated_article_is_no_date(run_nlp: Runner) -> None:
    got = dates(run_nlp, "Reports of 09/03/2016 and of 21/10/2017.", None, "none")
    assert "09/03/2016" not in got and got["21/10/2017"] == (date(2017, 10, 21),) * 2 + ("day",)


def test_ordinal_day_of_month(run_nlp: Runner) -> None:
    got = dates(run_nlp, "Syrian war daily, the 10th of January 2018. Talks resumed on the 3rd of May.",
                date(2018, 5, 5))
    assert got["10th of January 2018"] == (date(2018, 1, 10), date(2018, 1, 10), "day")
    assert got["3rd of May"] == (date(2018, 5, 3), date(2018, 5, 3), "day")


def test_a_bare_year_before_a_singular_noun_is_a_year(run_nlp: Runner) -> None:
    # "the 2005 murder": a count above one cannot modify a singular noun, so the number is a year
    got = dates(run_nlp, "He was convicted of the 2005 murder of a deputy.", date(2008, 6, 1))
    assert got["2005"] == (date(2005, 1, 1), date(2005, 12, 31), "year")
    # a count: "the 2000 troops" is no year, whatever the NER says
    assert "2000" not in dates(run_nlp, "The 2000 troops attacked the town.", date(2008, 6, 1))


def test_a_day_without_a_year_takes_the_year_its_sentence_just_stated(run_nlp: Runner) -> None:
    """"June 24, 2005 ... a June 20 shooting": the year given once is not repeated (was 2006-06-20,
    the June 20 nearest the article's day); a month and day alone keep the article's year."""
    text = ("Ortiz was killed June 24, 2005 while investigating a June 20 shooting. "
            "A jury convicted the gunman on March 12.")
    got = dates(run_nlp, text, date(2007, 3, 20))
    assert got["June 20"][0] == date(2005, 6, 20)
    assert got["March 12"][0] == date(2007, 3, 12)
