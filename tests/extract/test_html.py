"""The HTML cleaner on pages written for these tests: furniture out, roles, dates, fallback, timeout."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from spillwatch.errors import ExtractError
from spillwatch.extract import html as html_mod
from spillwatch.extract.html import choose_text, clean_html, run_with_deadline
from spillwatch.records import BLOCK_SEP, Article, DroppedLine

PAGES = Path(__file__).parent / "html_pages"


def _clean(name: str, **kw: object) -> Article:
    text = (PAGES / name).read_text(encoding="utf-8")
    return clean_html(text, source=name, raw_id="r1", timeout=30.0, **kw)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def news() -> Article:
    return _clean("news_page.html", url="https://ledger.example.invalid/world/2024/05/14/attack")


def test_news_page_keeps_the_story_in_order(news: Article) -> None:
    assert news.extractor == "trafilatura"
    assert news.title == "Militants attack checkpoint near Tal Afar, officials say"
    assert news.paragraphs[0].startswith("Gunmen attacked an army checkpoint")
    assert news.paragraphs[-1].startswith("The attack is the third on security forces")
    assert len(news.paragraphs) == 5


def test_news_page_drops_nav_ads_newsletter_related_and_comments(news: Article) -> None:
    text = news.text
    for furniture in ("Politics", "garden furniture", "newsletter", "Curfew extended", "families of the soldiers"):
        assert furniture not in text
    reasons = {d.reason for d in news.dropped}
    assert {"advertisement", "newsletter", "related-link", "boilerplate"} <= reasons
    assert any("nobody in charge" in d.text for d in news.dropped)  # comments are recorded, not lost


def test_news_page_roles_byline_dateline_caption_credit(news: Article) -> None:
    assert news.byline == "Mira Haddad"
    assert news.dateline == "TAL AFAR, Iraq"
    assert news.captions == ("Soldiers stand guard at a checkpoint west of Mosul on Monday.",)
    assert news.credits == ("Photo: Samir Aziz/Ledger Wire",)
    assert "By Mira Haddad" not in news.text


def test_news_page_related_links_resolve_against_the_page_url(news: Article) -> None:
    urls = {r.text: r.url for r in news.related}
    assert urls["Curfew extended in Sinjar after overnight clashes"] == (
        "https://ledger.example.invalid/world/2024/05/10/curfew-extended-in-sinjar"
    )
    assert len(urls) == 3


def test_news_page_outlet_from_the_page_unless_declared(news: Article) -> None:
    assert news.outlet == "The Northern Ledger"
    assert _clean("news_page.html", outlet="Ledger (feed)").outlet == "Ledger (feed)"


def test_news_page_published_date_from_meta(news: Article) -> None:
    assert news.published.value is not None
    assert news.published.value.isoformat() == "2024-05-14"
    assert news.published.method == "metadata"
    assert "article:published_time" in news.published.evidence
    assert news.modified is None


def test_text_is_blocks_joined_and_spans_point_into_it(news: Article) -> None:
    assert news.text == BLOCK_SEP.join(b.text for b in news.blocks)
    for block, span in news.block_spans():
        assert span.of(news.text) == block.text


def test_json_ld_published_and_modified_kept_apart() -> None:
    art = _clean("jsonld_dates.html")
    assert art.published.value is not None and art.published.value.isoformat() == "2023-09-02"
    assert art.published.evidence.startswith("json-ld datePublished")
    assert art.modified is not None and art.modified.isoformat() == "2023-09-05"
    assert art.byline == "Tomas Reyes, Aisha Bello"


def test_chunked_article_keeps_every_chunk() -> None:
    art = _clean("chunked_article.html")
    assert len(art.paragraphs) == 7
    assert art.paragraphs[-1].startswith("Fishermen who use the same harbours")
    assert "Advertisement" not in art.text


def test_declared_date_used_when_the_page_has_none() -> None:
    art = _clean("chunked_article.html", declared_date="Tue, 04 Jun 2024 10:00:00 +0000")
    assert art.published.value is not None and art.published.value.isoformat() == "2024-06-04"
    assert art.published.method == "metadata"


def test_date_estimated_from_text_without_metadata() -> None:
    page = (
        "<html><body><article><h1>Council meets on water supply</h1>"
        "<p>The regional council met on March 3, 2022 to discuss the failing water supply in the "
        "eastern districts, where wells have been running dry since the winter rains failed.</p>"
        "<p>Engineers told the meeting that two new pumping stations could be built within a year "
        "if the funds promised by the ministry are released before the start of the summer.</p>"
        "</article></body></html>"
    )
    art = clean_html(page, source="inline", raw_id="r", timeout=30.0)
    assert art.published.value is not None and art.published.value.isoformat() == "2022-03-03"
    assert art.published.method == "estimated"


def test_choose_text_prefers_trafilatura_unless_it_keeps_under_half() -> None:
    traf, read = ["a" * 100], ["b" * 150]
    assert choose_text(traf, read) == (traf, "trafilatura")
    assert choose_text(["a" * 40], read) == (read, "readability")
    assert choose_text([], []) == ([], "trafilatura")


def test_readability_takes_over_when_trafilatura_misses_the_article(monkeypatch: pytest.MonkeyPatch) -> None:
    real = html_mod._trafilatura

    def short(tree: Any, url: str | None) -> Any:
        found = real(tree, url)
        return html_mod._Extracted(found.lines[:1], "trafilatura", found.title, found.author, found.date)

    monkeypatch.setattr(html_mod, "_trafilatura", short)
    art = _clean("chunked_article.html")
    assert art.extractor == "readability"
    assert len(art.paragraphs) == 7


@pytest.mark.parametrize(
    "page",
    ["", "   ", "<html><body></body></html>", "<html><body><nav><a href='/'>Home</a></nav></body></html>"],
)
def test_pages_without_an_article_raise(page: str) -> None:
    with pytest.raises(ExtractError) as err:
        clean_html(page, source="empty.html", raw_id="r", timeout=30.0)
    assert "empty.html" in str(err.value)


def test_tiny_timeout_raises_timeout_error() -> None:
    # a page that takes the cleaner far longer than the timeout, even on an idle machine
    story = "".join(f"<p>Paragraph {i} of a long report on the talks, with words enough.</p>" for i in range(1500))
    page = f"<html><body><article><h1>Talks</h1>{story}</article></body></html>"
    with pytest.raises(ExtractError) as err:
        clean_html(page, source="slow.html", raw_id="r", timeout=1e-6)
    assert err.value.reason == "timeout"
    assert "slow.html" in str(err.value)


def test_run_with_deadline_returns_and_raises() -> None:
    assert run_with_deadline(lambda: 42, 5.0, "s") == 42
    with pytest.raises(ZeroDivisionError):
        run_with_deadline(lambda: 1 // 0, 5.0, "s")


def test_run_with_deadline_counts_cpu_time_not_waiting() -> None:
    # A machine busy with other work stretches wall time, not the page's CPU time: a cleaner that
    # waits 0.5 s without using CPU is within a 0.05 s deadline (the old wall-clock join failed it).
    assert run_with_deadline(lambda: threading.Event().wait(0.5) or 42, 0.05, "s") == 42


def test_run_with_deadline_cancels_an_endless_worker() -> None:
    stopped = threading.Event()

    def endless() -> None:
        try:
            while True:
                pass
        finally:
            stopped.set()

    with pytest.raises(ExtractError) as err:
        run_with_deadline(endless, 0.05, "stuck-source")
    assert err.value.reason == "timeout" and err.value.source == "stuck-source"
    assert stopped.wait(30), "the overrunning worker was not cancelled"


def test_dropped_lines_are_capped_with_a_summary() -> None:
    nav = "".join(f"<li><a href='/s/{i}'>Section number {i}</a></li>" for i in range(600))
    story = "".join(
        f"<p>Paragraph {i} of the report on the flooding in the valley, with enough words to count.</p>"
        for i in range(6)
    )
    page = f"<html><body><nav><ul>{nav}</ul></nav><article><h1>Valley floods</h1>{story}</article></body></html>"
    art = clean_html(page, source="nav-heavy", raw_id="r", timeout=30.0)
    assert len(art.paragraphs) == 6
    assert len(art.dropped) == html_mod._DROPPED_CAP + 1
    assert art.dropped[-1].text.startswith("... and ")
    assert DroppedLine("Section number 0", "boilerplate") in art.dropped
