"""Line rules of the text cleaner, each checked on several outlets' wordings."""

from __future__ import annotations

from datetime import date

import pytest

from spillwatch.extract.text import clean_text, learn_boilerplate
from spillwatch.extract.textdates import estimate_published, find_dates, parse_declared
from spillwatch.extract.textrules import (
    byline_name,
    comment_head,
    furniture_reason,
    is_credit_line,
    related_header,
    related_headline,
    split_credit,
    split_dateline,
)
from spillwatch.extract.textunits import split_units


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("ADVERTISEMENT", "advertisement"),
        ("Advertisement - Scroll to continue", "advertisement"),
        ("Story continues below advertisement", "advertisement"),
        ("Article continues after the ad", "advertisement"),
        ("Continue reading the main story", "advertisement"),
        ("Sponsored Stories", "advertisement"),
        ("Ad Choices", "advertisement"),
        ("Sign up for our newsletter", "newsletter"),
        ("Get the best of our journalism delivered to your inbox every morning.", "newsletter"),
        ("Thanks for subscribing!", "newsletter"),
        ("Watch live", "video-embed"),
        ("WATCH: Crowds gather outside the stadium", "video-embed"),
        ("Click to play video: 'Storm hits coast'", "video-embed"),
        ("Tap to expand", "video-embed"),
        ("2:47", "video-embed"),
        ("Share this article", "social-share"),
        ("Facebook Twitter Email", "social-share"),
        ("Share on WhatsApp", "social-share"),
        ("Follow us on Instagram", "social-share"),
        ("We use cookies to improve your experience. By continuing to browse you accept them.", "cookie-notice"),
        ("© 2024 Example Media Group", "copyright"),
        ("Copyright © 2023 The Daily Example. All rights reserved.", "copyright"),
        ("Skip to main content", "navigation"),
        ("Back to top", "navigation"),
        ("FOR IMMEDIATE RELEASE", "press-release"),
        ("- 30 -", "press-release"),
        ("Media contact: Sam Lee", "contact"),
        ("Page 12 of 20", "page-number"),
    ],
)
def test_furniture_vocabulary(line: str, reason: str) -> None:
    assert furniture_reason(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "The newsletter was first printed in 1921, the archivist said.",
        "Police said they would watch the border crossing closely over the weekend.",
        "Share prices fell 3 per cent on Monday.",
        "Copyright law was not the issue, the judge said.",
        "He said the search would resume at dawn.",
        "Residents said they receive threats in their inbox every day.",
        "Fighters join the offensive, a militia newsletter claimed on Sunday.",
    ],
)
def test_article_sentences_are_not_furniture(line: str) -> None:
    assert furniture_reason(line) is None
    assert related_headline(line) is None
    assert not related_header(line)


def test_related_links_in_several_styles() -> None:
    assert related_headline("READ MORE: Storm closes ports along the coast") == "Storm closes ports along the coast"
    assert related_headline("Related: Council to review port rules") == "Council to review port rules"
    assert related_headline("Also read » Farmers count the cost of drought") == "Farmers count the cost of drought"
    for header in (
        "Related",
        "Most popular",
        "More from Channel 9 News",
        "You may also like",
        "Tags:",
        "Recommended for you",
        "12 Comments",
        "Leave a Reply",
        "About the author",
    ):
        assert related_header(header), header


def test_comment_heads() -> None:
    assert comment_head("Milan on September 12, 2018 at 4:47 pm said:")
    assert comment_head("Sam Reyes says:")
    assert not comment_head("The minister said: “We will rebuild the bridge before winter.”")
    assert not comment_head("In a statement, the army said:")
    assert not comment_head("The minister said:")


@pytest.mark.parametrize(
    ("line", "caption", "credit"),
    [
        (
            "Rescuers search the rubble on Monday. AP Photo/Jane Roe",
            "Rescuers search the rubble on Monday.",
            "AP Photo/Jane Roe",
        ),
        ("A market in the old city. (Reuters)", "A market in the old city.", "(Reuters)"),
        ("Crowds on the bridge at dusk. Photo: Lee Tran", "Crowds on the bridge at dusk.", "Photo: Lee Tran"),
        ("Ships wait outside the harbour. Getty Images", "Ships wait outside the harbour.", "Getty Images"),
        ("No credit on this caption.", "No credit on this caption.", None),
    ],
)
def test_split_credit(line: str, caption: str, credit: str | None) -> None:
    assert split_credit(line) == (caption, credit)


def test_credit_lines() -> None:
    for line in (
        "Photo: Jane Roe/The Example",
        "(Reuters)",
        "Getty Images",
        "Image credit: City archive",
        "Shutterstock",
    ):
        assert is_credit_line(line), line
    assert not is_credit_line("The agency said the photo was taken on Monday.")


@pytest.mark.parametrize(
    ("paragraph", "place", "agency", "rest_start"),
    [
        ("OTTAWA – Two teams are in the region, officials said.", "OTTAWA", None, "Two teams"),
        ("BEIRUT (Wire) — Convoys waited at the river on Tuesday.", "BEIRUT", "Wire", "Convoys"),
        ("KYIV, Ukraine — Sirens sounded across the capital overnight.", "KYIV, Ukraine", None, "Sirens"),
        ("NEW YORK, Jan 5 (Example News) - Shares rose in early trading today.", "NEW YORK", "Example News", "Shares"),
    ],
)
def test_dateline(paragraph: str, place: str, agency: str | None, rest_start: str) -> None:
    found = split_dateline(paragraph)
    assert found is not None
    assert (found.place, found.agency) == (place, agency)
    assert found.rest.startswith(rest_start)


def test_not_a_dateline() -> None:
    assert split_dateline("UPDATE: The road has reopened to traffic this morning.") is None
    assert split_dateline("Officials in Ottawa – and elsewhere – said little.") is None


def test_bylines() -> None:
    assert byline_name("By Jane Roe, Staff Writer") == "Jane Roe"
    assert byline_name("By JERUSALEM POST STAFF") == "JERUSALEM POST STAFF"
    assert byline_name("Posted on May 3, 2023 by Marta Keel", inside=True) == "Marta Keel"
    assert byline_name("by the river the army set up camp and waited for the supply trucks to come") is None


def test_dates() -> None:
    assert [d for d, _ in find_dates("on Dec. 10, 2016 and 3 March 2024 and 2021-07-09")] == [
        date(2016, 12, 10),
        date(2024, 3, 3),
        date(2021, 7, 9),
    ]
    assert parse_declared("2016-12-15T10:00:00Z") == date(2016, 12, 15)
    assert parse_declared("Thu, 15 Dec 2016 10:00:00 +0000") == date(2016, 12, 15)
    assert parse_declared("not a date") is None
    info = estimate_published("garbage", ["Published: June 2, 2020"], ["On May 1, 2020 it rained."])
    assert (info.value, info.method) == (date(2020, 6, 2), "text")
    info = estimate_published(None, [], ["On May 1, 2020 and June 7, 2019 it rained."])
    assert (info.value, info.method, info.evidence) == (date(2020, 5, 1), "estimated", "May 1, 2020")
    assert estimate_published(None, [], ["no dates here"]).method == "none"


def test_declared_date_wins() -> None:
    text = "A headline for the day\n\nThe storm passed on May 1, 2020, the weather office said in a report."
    article = clean_text(text, source="x", raw_id="x", declared_date="2020-05-02")
    assert (article.published.value, article.published.method) == (date(2020, 5, 2), "metadata")


def test_reflow_joins_hard_wrapped_columns() -> None:
    column = "\n".join(
        [
            "The ferry left the quay at six and",
            "crossed the bay in a little under an",
            "hour, the captain said, and the pas-",
            "sengers went ashore at the old pier.",
            "",
            "Short line.",
            "Another wrapped line that is",
            "long enough to carry on below it.",
        ]
    )
    units = split_units(column)
    assert units[0] == (
        "The ferry left the quay at six and crossed the bay in a little under an hour, the "
        "captain said, and the passengers went ashore at the old pier."
    )
    assert "Short line." in units


def test_learned_boilerplate_is_dropped() -> None:
    pages = [
        f"Daily Example - Your town, your news\nStory {i} headline here\n\n"
        f"Paragraph {i} says that something happened in the town on a weekday, reporters said.\n"
        "Our reporters are independent and funded by readers like you\n"
        for i in range(4)
    ]
    learned = learn_boilerplate(pages)
    assert "our reporters are independent and funded by readers like you" in learned
    article = clean_text(pages[0], source="x", raw_id="x", boilerplate=learned)
    assert [d.reason for d in article.dropped].count("boilerplate") == 2
    assert all("funded by readers" not in p for p in article.paragraphs)


def test_date_only_line_is_a_timestamp_not_a_phone_number() -> None:
    text = "Storm closes the harbour\n2016-12-10\n\nThe harbour was closed on Saturday after the storm, officials said."
    article = clean_text(text, source="x", raw_id="x")
    assert ("2016-12-10", "timestamp") in [(d.text, d.reason) for d in article.dropped]
    assert (article.published.value, article.published.method) == (date(2016, 12, 10), "text")


def test_credit_before_labelled_caption() -> None:
    text = (
        "Flood waters rise across the delta\n\nImage copyright Example Images\n"
        "Image caption Residents wade through a flooded street in the delta town\n\n"
        "Flood waters rose across the delta on Monday after three days of heavy rain, officials said.\n\n"
        "Thousands of people have left their homes, according to the regional disaster agency."
    )
    article = clean_text(text, source="x", raw_id="x")
    assert article.title == "Flood waters rise across the delta"
    assert article.captions == ("Residents wade through a flooded street in the delta town",)
    assert article.credits == ("Image copyright Example Images",)
    assert len(article.paragraphs) == 2


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        ("(Reporting by Jane Roe; editing by the Beirut desk)", True),
        ("Reporting by Jane Roe; Editing by Sam Lee", True),
        ("Associated Press writer Jane Roe in Cairo contributed to this report.", True),
        ("Reporting by the regional desk showed that the numbers rose.", False),
        ("Editing by hand took the archivists most of a year, the library said.", False),
    ],
)
def test_staff_credits(line: str, credit: bool) -> None:
    assert is_credit_line(line) is credit


def test_separator_lines_are_furniture() -> None:
    assert furniture_reason("___") == furniture_reason("-----") == "press-release"


def test_list_after_the_last_paragraph_is_body() -> None:
    text = (
        "Council sets out its winter plan\n\n"
        "The council published its winter plan on Monday after a month of consultation with residents.\n\n"
        "The plan has three parts, officials said:\n"
        "1. Gritting of all bus routes before 6am\n"
        "2. Warm spaces in four libraries\n"
        "3. A hotline for older residents\n\n"
        "Share this article\nMost popular\nBridge repairs to start in spring\nNew bus routes approved"
    )
    article = clean_text(text, source="x", raw_id="x")
    assert article.paragraphs[-3:] == (
        "1. Gritting of all bus routes before 6am",
        "2. Warm spaces in four libraries",
        "3. A hotline for older residents",
    )
    assert [r.text for r in article.related] == ["Bridge repairs to start in spring", "New bus routes approved"]


def test_modified_date_from_updated_line() -> None:
    text = (
        "Harbour reopens after storm\n"
        "PUBLISHED: 00:01, Tue, Nov 19, 2019 | UPDATED: 10:43, Wed, Nov 20, 2019\n\n"
        "The harbour reopened on Tuesday after the storm passed, the port authority said in a statement."
    )
    article = clean_text(text, source="x", raw_id="x")
    assert (article.published.value, article.published.method) == (date(2019, 11, 19), "text")
    assert article.modified == date(2019, 11, 20)


@pytest.mark.timeout(60)
def test_long_credit_like_line_does_not_backtrack() -> None:
    """Regression: a 260-character cast list hung the staff-credit pattern (nested optional-space quantifiers)."""
    from spillwatch.extract import textrules

    line = ("STAFF Choreographer_Jeong Hye Jin, Director_Oh Kyeong Taek, Lighting_Kim Chang Gi, Costume_Kim Ji "
            "Yeon, Music_Jang Young Gyu, Stage_Yoon Jeong Seop, Producer_Park Min Ho, Sound_Lee Sang Ho, Video_Kim "
            "Hye Jin, Makeup_Choi Eun Ju")
    assert textrules._STAFF_CREDIT.fullmatch(line) is None  # returned at once; before the fix it never returned


@pytest.mark.parametrize(("stamp", "day"), [
    ("POSTED: 04 / 02 / 07, 9: 00 PM PDT |", date(2007, 4, 2)),  # US style: month first
    ("Posted: 14/03/2019 09:14", date(2019, 3, 14)),  # only one reading possible
    ("Published 12.03.19 09:14", date(2019, 3, 12)),  # dots: day first
])
def test_a_numeric_posted_stamp_is_the_publication_date(stamp: str, day: date) -> None:
    text = (f"Death for Orozco\n\n{stamp}\n\n"
            "A convicted cop killer laughed Tuesday after hearing a jury's ruling that he be put to death.\n\n"
            "He was convicted of the 2005 murder of a deputy, and the jury took two days on June 24, 2005.")
    article = clean_text(text, source="x", raw_id="x")
    assert (article.published.value, article.published.method) == (day, "text")
    assert article.title == "Death for Orozco"


def test_an_undecidable_numeric_stamp_is_no_date() -> None:
    assert estimate_published(None, ["Posted: 04/02/07"], []).method == "none"
