"""What a page says about itself: date fields and their priority, authors, captions, related boxes."""

from __future__ import annotations

from datetime import date

import lxml.html
import pytest

from spillwatch.extract.htmlmeta import (
    figure_captions,
    json_ld,
    page_byline,
    page_dates,
    parse_date,
    related_links,
    site_name,
    strip_site,
    usable_author,
)


def _tree(body: str, head: str = "") -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(f"<html><head>{head}</head><body>{body}</body></html>")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019-11-19T23:30:00-05:00", date(2019, 11, 19)),
        ("2019-11-19", date(2019, 11, 19)),
        ("20191119", date(2019, 11, 19)),
        ("November 19, 2019, 07:47 PM EST", date(2019, 11, 19)),
        ("Tue, 19 Nov 2019 10:00:00 GMT", date(2019, 11, 19)),
        ("1888-01-01", None),
        ("2019-02-30", None),
        ("yesterday", None),
    ],
)
def test_parse_date(value: str, expected: date | None) -> None:
    assert parse_date(value) == expected


def test_meta_published_and_modified() -> None:
    tree = _tree(
        "<p>x</p>",
        '<meta property="article:published_time" content="2021-04-01T10:00:00Z">'
        '<meta property="article:modified_time" content="2021-04-03T09:00:00Z">',
    )
    published, modified = page_dates(tree, json_ld(tree))
    assert published is not None and published.value == date(2021, 4, 1)
    assert published.method == "metadata" and "article:published_time" in published.evidence
    assert modified == date(2021, 4, 3)


def test_json_ld_beats_meta_and_time_elements() -> None:
    ld = '{"@type": "NewsArticle", "datePublished": "2020-01-05", "dateModified": "2020-01-06"}'
    tree = _tree(
        '<article><time datetime="2020-02-01">Feb 1</time></article>',
        f'<script type="application/ld+json">{ld}</script>'
        '<meta property="article:published_time" content="2020-01-09">',
    )
    published, modified = page_dates(tree, json_ld(tree))
    assert published is not None and published.value == date(2020, 1, 5)
    assert modified == date(2020, 1, 6)


def test_time_element_is_the_last_resort_and_broken_json_is_skipped() -> None:
    tree = _tree(
        '<article><time datetime="2018-07-02T07:42:00Z">2 July</time></article>',
        '<script type="application/ld+json">{not json</script>',
    )
    published, modified = page_dates(tree, json_ld(tree))
    assert published is not None and published.value == date(2018, 7, 2)
    assert published.evidence.startswith("<time")
    assert modified is None


def test_no_dates_at_all() -> None:
    tree = _tree("<p>Nothing dated here.</p>")
    assert page_dates(tree, json_ld(tree)) == (None, None)


def test_authors_from_json_ld_list_and_meta() -> None:
    ld = '[{"@type": "NewsArticle", "author": [{"name": "Ana Ruiz"}, {"name": "Ana Ruiz"}, "Li Wei"]}]'
    tree = _tree("", f'<script type="application/ld+json">{ld}</script>')
    assert page_byline(tree, json_ld(tree)) == "Ana Ruiz, Li Wei"
    tree = _tree("", '<meta name="author" content="admin"><meta name="byl" content="By  Sam  Okafor">')
    assert page_byline(tree, json_ld(tree)) == "Sam Okafor"


@pytest.mark.parametrize("name", ["admin", "Jdadmin", "https://example.invalid/staff/1", "AS", "  ", None])
def test_unusable_author_names(name: str | None) -> None:
    assert usable_author(name) is None


def test_figure_captions_split_credit_and_skip_furniture() -> None:
    tree = _tree(
        "<article><figure><img src='a.jpg'><figcaption><span class='label'>Image caption</span> "
        "Smoke rises over the old market on Friday.<span class='credit'>Jane Roe/Wire</span>"
        "</figcaption></figure></article>"
        "<aside><figure><figcaption>Most read this week</figcaption></figure></aside>"
        "<figure><figcaption>Advertisement</figcaption></figure>"
    )
    assert figure_captions(tree) == [("Smoke rises over the old market on Friday.", "Jane Roe/Wire")]


def test_related_links_from_marked_boxes_only() -> None:
    tree = _tree(
        "<article><p><a href='/x'>A link inside the article body itself here</a></p></article>"
        "<div class='more-stories'><a href='/a'>Floods close the main coastal road again</a>"
        "<a href='/b'>Short</a></div>"
        "<section id='related-news'><a href='https://other.invalid/c'>Talks resume on the border crossing</a>"
        "<a href='/a'>Floods close the main coastal road again</a></section>"
    )
    links = related_links(tree, "https://site.invalid/news/1")
    assert [(r.text, r.url) for r in links] == [
        ("Floods close the main coastal road again", "https://site.invalid/a"),
        ("Talks resume on the border crossing", "https://other.invalid/c"),
    ]


@pytest.mark.parametrize(
    ("title", "site", "expected"),
    [
        ("Bridge reopens after repairs | Valley Times", "Valley Times", "Bridge reopens after repairs"),
        ("Valley Times - Bridge reopens after repairs", "valley times", "Bridge reopens after repairs"),
        ("Bridge reopens - for now | Valley Times", "Valley Times", "Bridge reopens - for now"),
        ("Bridge reopens after repairs | Local", "Valley Times", "Bridge reopens after repairs | Local"),
        ("Bridge reopens after repairs", None, "Bridge reopens after repairs"),
    ],
)
def test_strip_site(title: str, site: str | None, expected: str) -> None:
    assert strip_site(title, site) == expected


def test_site_name_from_meta_or_publisher() -> None:
    tree = _tree("", '<meta property="og:site_name" content=" Valley  Times ">')
    assert site_name(tree, json_ld(tree)) == "Valley Times"
    ld = '{"@type": "NewsArticle", "publisher": {"@type": "Organization", "name": "Harbour Post"}}'
    tree = _tree("", f'<script type="application/ld+json">{ld}</script>')
    assert site_name(tree, json_ld(tree)) == "Harbour Post"
    assert site_name(_tree(""), []) is None
