"""Datelines and release headers, with and without a year; undated articles (nlp/headers.py)."""

from __future__ import annotations

from datetime import date

import pytest

from spillwatch.extract.textrules import split_dateline
from spillwatch.records import Article, Block, BlockRole, DateInfo, DateMethod
from tests.nlp.conftest import Runner

BODY = "Gunmen attacked a checkpoint on the main road, officials said."
NONE = DateInfo(None, "none")


def _art(blocks: list[tuple[BlockRole, str]], published: DateInfo = NONE) -> Article:
    return Article("r", "t", tuple(Block(role, text) for role, text in blocks), published)


def _meta(day: date, method: DateMethod = "metadata") -> DateInfo:
    return DateInfo(day, method, "feed")


# (blocks, publication date, the article's date, its source); wire forms from the AP, Reuters,
# AFP, UPI and Xinhua styles, release forms from US, UK, Canadian and UN press-release styles
FORMS: list[tuple[list[tuple[BlockRole, str]], DateInfo, date | None, str | None]] = [
    ([("dateline", "BEIRUT, Dec 30"), ("body", BODY)], _meta(date(2020, 1, 2)), date(2019, 12, 30), "inferred-year"),
    ([("dateline", "BEIRUT, Dec 30"), ("body", BODY)], _meta(date(2019, 12, 30)), date(2019, 12, 30), "inferred-year"),
    ([("body", f"NEW YORK, Dec. 30, 2019 /PRNewswire/ -- {BODY}")], NONE, date(2019, 12, 30), "dateline"),
    ([("body", f"WASHINGTON, D.C. – December 30, 2019 – {BODY}")], NONE, date(2019, 12, 30), "dateline"),
    ([("body", f"Ottawa, Ontario, December 30, 2019 — {BODY}")], _meta(date(2020, 2, 1)), date(2019, 12, 30),
     "dateline"),
    ([("body", f"BEIJING, Dec. 30 (Xinhua) -- {BODY}"), ("body", "© 2018 Xinhua")], _meta(date(2020, 1, 1)),
     date(2018, 12, 30), "inferred-year"),
    ([("body", "FOR IMMEDIATE RELEASE: December 30, 2019"), ("body", BODY)], NONE, date(2019, 12, 30), "dateline"),
    ([("body", "Release No: NR-123-19 | Dec. 30"), ("body", BODY)], NONE, date(2019, 12, 30), "inferred-year"),
    ([("body", "Published 30 December 2019"), ("body", BODY)], NONE, date(2019, 12, 30), "dateline"),
    ([("body", "30 DECEMBER 2019"), ("body", BODY)], NONE, date(2019, 12, 30), "dateline"),
    ([("body", f"CAIRO, Jan. 3 (Reuters) - {BODY}"), ("body", "The storm began on December 28, 2019.")], NONE,
     date(2020, 1, 3), "inferred-year"),
    ([("dateline", "KABUL, Afghanistan, Dec. 30"), ("body", BODY)], NONE, None, None),  # no evidence of a year
    # the lead's weekday is the header's day in one year near the years the text prints (rule 4):
    # Aug 28 is a Monday in 2017 (Thursday in 2014, Friday in 2015, Sunday in 2016)
    ([("dateline", "BEIRUT, Aug 28"), ("body", "Fighters left the border area on Monday under a deal."),
      ("body", "It revived memories of 2014, when militants overran a town.")], NONE, date(2017, 8, 28),
     "inferred-year"),
    ([("body", "RAS BAALBEK, Lebanon, Aug 19 (Wire) - The army on Saturday launched an offensive."),
      ("body", "The town was struck by suicide bombers in June 2016.")], NONE, date(2017, 8, 19), "inferred-year"),
    # Aug 28 is no Saturday from 2015 to 2019, the years round the printed 2016: no date
    ([("dateline", "BEIRUT, Aug 28"), ("body", "Fighters left on Saturday."), ("body", "Talks of 2016 failed.")],
     NONE, None, None),
    ([("dateline", "BEIRUT, Aug 28"), ("body", "Fighters left on Monday.")], NONE, None, None),  # no year printed
    ([("body", BODY)], _meta(date(2019, 12, 30)), date(2019, 12, 30), "reported"),
    ([("body", BODY)], NONE, None, None),
    ([("body", f"On Dec. 30 - {BODY}")], NONE, None, None),  # "On" opens a sentence, not a dateline
]


@pytest.mark.parametrize(("blocks", "published", "day", "source"), FORMS)
def test_header_forms(run_nlp: Runner, blocks: list[tuple[BlockRole, str]], published: DateInfo,
                      day: date | None, source: str | None) -> None:
    ann = run_nlp(_art(blocks, published))
    got = ann.article_date
    assert (got.start if got else None, got.source if got else None) == (day, source)
    if got is not None and source != "reported":
        assert got.span.of(ann.article.text) == got.text and got.text  # the header's own words


def test_relative_words_count_from_the_header_not_the_page_date(run_nlp: Runner) -> None:
    ann = run_nlp(_art([("dateline", "BEIRUT, Dec 30"), ("body", "Gunmen attacked a checkpoint yesterday.")],
                       _meta(date(2020, 1, 2))))
    assert [(d.text, d.start) for d in ann.dates if d.text == "yesterday"] == [("yesterday", date(2019, 12, 29))]


def test_each_story_of_a_file_is_dated_by_its_own_header(run_nlp: Runner) -> None:
    ann = run_nlp(_art([
        ("body", "BEIRUT, Dec. 30, 2019 (Wire) - Gunmen attacked a checkpoint yesterday."),
        ("body", "CAIRO, Jan. 5, 2020 (Wire) - Protesters marched in the capital today."),
    ], _meta(date(2020, 1, 6))))
    got = {d.text: d.start for d in ann.dates}
    assert (got["yesterday"], got["today"]) == (date(2019, 12, 29), date(2020, 1, 5))
    assert ann.article_date is not None and ann.article_date.start == date(2019, 12, 30)
    assert [(d.text, d.start) for d in ann.part_dates] == [("Jan. 5, 2020", date(2020, 1, 5))]


@pytest.mark.parametrize(("paragraph", "label", "agency"), [
    ("BEIRUT, Dec 30 (Reuters) - Two soldiers were killed on the road.", "BEIRUT, Dec 30", "Reuters"),
    ("KABUL, Afghanistan (Dec. 30) — Officials said today that the road was shut.", "KABUL, Afghanistan, Dec. 30",
     None),
    ("OTTAWA – Two Canadian military teams are in Lebanon and Jordan.", "OTTAWA", None),
])
def test_the_cleaner_keeps_the_datelines_date(paragraph: str, label: str, agency: str | None) -> None:
    found = split_dateline(paragraph)
    assert found is not None and (found.label, found.agency) == (label, agency)
