from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spillwatch.nlp.numbers import number_phrases, value
from spillwatch.records import Article, Block, DateInfo, Quantity
from tests.nlp.conftest import Runner


def quantities(run_nlp: Runner, text: str, outlet: str | None = None) -> dict[str, Quantity]:
    article = Article("r", "t", (Block("body", text),), DateInfo(date(2020, 5, 1), "metadata"), outlet=outlet)
    return {q.text: q for q in run_nlp(article).quantities}


@pytest.mark.parametrize(
    ("phrase", "bounds"),
    [
        ("30", (30, 30, 30)),
        ("at least 30", (30, 30, None)),
        ("more than 30", (31, 31, None)),
        ("nearly 30", (None, 30, 30)),
        ("about 30", (None, 30, None)),
        ("up to 10", (None, None, 10)),
        ("fewer than 10", (None, None, 9)),
        ("between 5 and 7", (5, None, 7)),
        ("5-7", (5, None, 7)),
        ("dozens", (24, None, None)),
        ("a dozen", (None, 12, None)),
        ("hundreds", (200, None, None)),
        ("twenty-five", (25, 25, 25)),
        ("1,200", (1200, 1200, 1200)),
        ("1.6 billion", (1.6e9, 1.6e9, 1.6e9)),
    ],
)
def test_number_bounds(phrase: str, bounds: tuple[float | None, ...]) -> None:
    (p,) = number_phrases(phrase)
    assert (p.low, p.best, p.high) == bounds


@given(st.integers(0, 10**9))
def test_digits_round_trip(n: int) -> None:
    assert value(str(n)) == n
    assert value(f"{n:,}") == n


def test_casualty_kinds(run_nlp: Runner) -> None:
    got = quantities(
        run_nlp,
        "An air strike killed 12 civilians. At least 40 people were wounded. Gunmen abducted 7 aid workers. "
        "Some 3,000 residents fled the fighting. The rebels captured two villages.",
    )
    assert got["12 civilians"].kind == "killed"
    assert (got["At least 40 people"].kind, got["At least 40 people"].low) == ("injured", 40)
    assert got["7 aid workers"].kind == "captured"
    assert (got["Some 3,000 residents"].kind, got["Some 3,000 residents"].best) == ("displaced", 3000)
    assert got["two villages"].kind == "count"  # villages are counted, not casualties


def test_the_mourned_and_the_buried_are_dead(run_nlp: Runner) -> None:
    got = quantities(run_nlp, "The city mourns 22 victims of the bombing. Villagers buried 12 victims on Sunday. "
                     "The court heard from 9 victims of the fraud.")
    assert (got["22 victims"].kind, got["12 victims"].kind) == ("killed", "killed")
    assert got["9 victims"].kind == "count"  # a victim heard in court is no toll


def test_money_currency_by_context(run_nlp: Runner) -> None:
    canadian = "Canada's government pledged $1 million. Canada will also send CAD 1.6 billion."
    got = quantities(run_nlp, canadian)
    assert got["$1 million"].unit == "CAD" and got["CAD 1.6 billion"].unit == "CAD"
    other = quantities(run_nlp, "The Kenyan government received $2 million and 5 million euros.")
    assert other["$2 million"].unit == "USD" and other["5 million euros"].unit == "EUR"
    assert quantities(run_nlp, "It cost 1.6 billion Canadian dollars.")["1.6 billion Canadian dollars"].unit == "CAD"
    assert quantities(run_nlp, "Aid of $3 million arrived.", outlet="news.example.com.au")["$3 million"].unit == "AUD"
    assert quantities(run_nlp, "Britain gave £20m and US$4 million.")["US$4 million"].unit == "USD"


def test_equipment_and_personnel(run_nlp: Runner) -> None:
    got = quantities(
        run_nlp,
        "The army received 12 armoured vehicles and ammunition. About 200 troops and two teams of "
        "military advisers were deployed.",
    )
    assert (got["12 armoured vehicles"].unit, got["12 armoured vehicles"].best) == ("vehicle", 12)
    assert got["ammunition"].kind == "equipment" and got["ammunition"].best is None
    assert (got["About 200 troops"].kind, got["About 200 troops"].best) == ("personnel", 200)
    assert (got["two teams"].kind, got["two teams"].unit) == ("personnel", "team")


def test_dates_durations_and_ordinals_are_not_quantities(run_nlp: Runner) -> None:
    got = quantities(
        run_nlp,
        "On Dec. 10, 2016, the group used chemical weapons 71 times in 2015. The siege lasted for three "
        "years; 20 percent of homes were hit. The 3rd brigade conducted 34 engagements.",
    )
    assert set(got) == {"34 engagements"}
    assert (got["34 engagements"].kind, got["34 engagements"].unit) == ("count", "engagement")
