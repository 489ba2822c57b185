"""Declared dates that overflow (issue 13 item 3): no date, never a crash or a lost article."""

from __future__ import annotations

import pytest

from conftest import CORPUS
from spillwatch.extract.clean import clean
from spillwatch.extract.textdates import parse_declared
from spillwatch.records import Article, RawItem
from spillwatch.settings import Settings

HUGE_DATE = "Tue, 10 Jan 20111111111117 10:00:00 +0000"


def _article_text(name: str) -> str:
    return (CORPUS / "txt" / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("value", [HUGE_DATE, "Tue, 99999999999999999999 Jan 2011 10:00:00 +0000",
                                   "10 Jan 9999999999 10:00 GMT"])
def test_a_declared_date_that_overflows_is_no_date(value: str) -> None:
    assert parse_declared(value) is None


def test_huge_declared_date_on_a_good_html_article_is_ignored_not_quarantined() -> None:
    page = (CORPUS / "html" / "sm-sirte-retaken.html").read_text(encoding="utf-8")
    meta = f'<meta property="article:published_time" content="{HUGE_DATE}">'
    item = RawItem(source="p.html", data=page.replace("</head>", meta + "</head>").encode("utf-8"), kind="html",
                   declared_date=HUGE_DATE, encoding="utf-8")
    article = clean(item, Settings())
    assert isinstance(article, Article) and article.blocks
    assert article.published.evidence != f"declared: {HUGE_DATE}"


def test_huge_declared_date_on_a_text_record_is_ignored() -> None:
    text = _article_text("bc-reina-claim.txt")
    item = RawItem(source="r.json", data=text.encode("utf-8"), kind="text", declared_date=HUGE_DATE,
                   encoding="utf-8")
    article = clean(item, Settings())
    assert article.published.method != "metadata"
