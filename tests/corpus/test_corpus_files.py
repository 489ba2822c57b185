"""Consistency checks for the project's sample corpus (corpus/) and its gold labels (corpus/gold/)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from spillwatch.coding.ontology import load_ontology

PLOVER_TYPES = {t.name for t in load_ontology().types}  # gold facts use the project's ontology (PLOVER 0.8)

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
GOLD = CORPUS / "gold"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
FORMS = {"txt": "txt", "html": "html", "feeds": "rss", "jsonl": "jsonl"}


def _load(name: str) -> Any:
    return json.loads((GOLD / name).read_text(encoding="utf-8"))


REPORTS: list[dict[str, Any]] = _load("reports.json")
FACTS: list[dict[str, Any]] = _load("facts.json")
FACT_IDS = {f["id"] for f in FACTS}


class _Paragraphs(HTMLParser):
    """Collect the text of <p> elements (inside <article> when the page has one)."""

    def __init__(self, need_article: bool) -> None:
        super().__init__()
        self.need_article = need_article
        self.in_article = not need_article
        self.in_p = False
        self.paras: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.in_article = True
        classes = dict(attrs).get("class") or ""
        if tag == "p" and self.in_article and "byline" not in classes and "promo" not in classes:
            self.in_p = True
            self.paras.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "p":
            self.in_p = False
        if tag == "article" and self.need_article:
            self.in_article = False

    def handle_data(self, data: str) -> None:
        if self.in_p:
            self.paras[-1] += data


def _html_paragraphs(markup: str, need_article: bool) -> list[str]:
    parser = _Paragraphs(need_article)
    parser.feed(markup)
    return [p.strip() for p in parser.paras if p.strip()]


def _rss_items(path: Path) -> list[ET.Element]:
    return ET.parse(path).getroot().findall("./channel/item")


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _txt_paragraphs(text: str) -> list[str]:
    """Lines of running prose in a scraped page (approximate: sentence-like lines of 6+ words).

    Headlines, ad slots and link lines are dropped; captions and newsletter pitches are not, so
    the upper bound for plain text is looser than for the other forms.
    """
    lines = [ln.strip() for ln in text.splitlines()]
    return [ln for ln in lines if len(ln.split()) >= 6 and ln[-1] in ".\"'"]


def body_paragraphs(report: dict[str, Any]) -> list[str]:
    path = CORPUS / report["file"]
    form, index = report["form"], report["record"]
    if form == "txt":
        return _txt_paragraphs(path.read_text(encoding="utf-8"))
    if form == "html":
        return _html_paragraphs(path.read_text(encoding="utf-8"), need_article=True)
    if form == "rss":
        return _html_paragraphs(_rss_items(path)[index].findtext(CONTENT) or "", need_article=False)
    record = _jsonl(path)[index]
    if "text" in record:
        return [p.strip() for p in record["text"].split("\n\n") if p.strip()]
    return _html_paragraphs(record["html"], need_article=False)


def _words(paras: list[str]) -> int:
    return sum(len(p.split()) for p in paras)


def _published(report: dict[str, Any]) -> str | None:
    """Publication timestamp as the document itself states it (None for plain text)."""
    path = CORPUS / report["file"]
    if report["form"] == "html":
        found = re.search(r'property="article:published_time" content="([^"]+)"', path.read_text("utf-8"))
        return found.group(1) if found else None
    if report["form"] == "rss":
        raw = _rss_items(path)[report["record"]].findtext("pubDate") or ""
        return parsedate_to_datetime(raw).isoformat()
    if report["form"] == "jsonl":
        return str(_jsonl(path)[report["record"]]["date"])
    return None


def _url(report: dict[str, Any]) -> str | None:
    path = CORPUS / report["file"]
    if report["form"] == "rss":
        return _rss_items(path)[report["record"]].findtext("link")
    if report["form"] == "jsonl":
        return str(_jsonl(path)[report["record"]]["url"])
    if report["form"] == "html":
        found = re.search(r'(?:rel="canonical" href|property="og:url" content)="([^"]+)"', path.read_text("utf-8"))
        return found.group(1) if found else None
    return None


def _ids(reports: list[dict[str, Any]]) -> list[str]:
    return [f"{r['file']}#{r['record']}" for r in reports]


@pytest.mark.parametrize("report", REPORTS, ids=_ids(REPORTS))
def test_report_exists_and_body_length(report: dict[str, Any]) -> None:
    assert (CORPUS / report["file"]).is_file()
    assert report["form"] == FORMS[report["file"].split("/")[0]]
    assert (report["record"] is None) == (report["form"] in ("txt", "html"))
    words = _words(body_paragraphs(report))
    assert 80 <= words <= (460 if report["form"] == "txt" else 400), words
    assert 80 <= report["body_words"] <= 400


@pytest.mark.parametrize("report", REPORTS, ids=_ids(REPORTS))
def test_report_metadata_matches_document(report: dict[str, Any]) -> None:
    stated = _published(report)
    if stated is not None:
        assert stated == report["published"]
        assert stated[:10] == report["date"]
    url = _url(report)
    assert report["url"].startswith("https://") and ".example/" in report["url"]
    if url is not None:
        assert url == report["url"]


def test_every_corpus_file_and_record_is_labelled() -> None:
    labelled = defaultdict(set)
    for r in REPORTS:
        labelled[r["file"]].add(r["record"])
    for folder in FORMS:
        for path in (CORPUS / folder).iterdir():
            rel = path.relative_to(CORPUS).as_posix()
            assert rel in labelled, rel
            if folder == "feeds":
                assert labelled[rel] == set(range(len(_rss_items(path))))
            elif folder == "jsonl":
                assert labelled[rel] == set(range(len(_jsonl(path))))


def test_corpus_size_and_forms() -> None:
    assert 44 <= len(REPORTS) <= 50
    keys = _ids(REPORTS)
    assert len(keys) == len(set(keys))
    forms = {r["form"] for r in REPORTS}
    assert forms == {"txt", "html", "rss", "jsonl"}
    items = [r for r in REPORTS if r["form"] == "rss"]
    assert 4 <= len(items) <= 6


def test_fact_ids_resolve_and_every_fact_is_reported() -> None:
    assert len(FACT_IDS) == len(FACTS)
    mentioned: set[str] = set()
    for r in REPORTS:
        assert set(r["facts"]) <= FACT_IDS, r["file"]
        assert set(r["context_facts"]) <= FACT_IDS, r["file"]
        assert not set(r["facts"]) & set(r["context_facts"]), r["file"]
        mentioned |= set(r["facts"]) | set(r["context_facts"])
    assert mentioned == FACT_IDS


def test_fact_fields() -> None:
    for fact in FACTS:
        assert re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", fact["date"]), fact["id"]
        assert fact["id"].startswith(fact["date"]), fact["id"]
        assert fact["type"] in PLOVER_TYPES | {"OTHER"}
        assert fact["country"] is None or re.fullmatch(r"[A-Z]{3}", fact["country"])
        killed = fact["killed"]
        if killed:
            known = [killed[k] for k in ("low", "best", "high") if killed[k] is not None]
            assert known == sorted(known), fact["id"]


def test_multiply_reported_events() -> None:
    outlets = defaultdict(set)
    for r in REPORTS:
        if r["kind"] == "event":
            for fid in r["facts"]:
                outlets[fid].add(r["outlet"])
    assert sum(len(o) >= 2 for o in outlets.values()) >= 8


def test_no_event_reports() -> None:
    quiet = [r for r in REPORTS if r["kind"] == "no-event"]
    assert len(quiet) >= 3
    assert all(not r["facts"] and not r["context_facts"] for r in quiet)


def _find(file: str, record: int | None) -> dict[str, Any]:
    return next(r for r in REPORTS if r["file"] == file and r["record"] == record)


def test_syndicated_copies_share_text_with_original() -> None:
    copies = [r for r in REPORTS if r["syndicated_of"]]
    assert len(copies) >= 3
    for copy in copies:
        original = _find(copy["syndicated_of"], copy["syndicated_of_record"])
        assert copy["facts"] == original["facts"]
        assert copy["outlet"] != original["outlet"] or copy["title"] != original["title"]
        body, source = body_paragraphs(copy), set(body_paragraphs(original))
        shared = sum(p in source for p in body)
        assert shared >= len(body) - 1, copy["file"]


def test_reports_are_dated_after_the_events_they_mention() -> None:
    fact_dates = {f["id"]: f["date"] for f in FACTS}
    for r in REPORTS:
        for fid in r["facts"] + r["context_facts"]:
            if r["date"] and fid in fact_dates:
                assert fact_dates[fid][:7] <= r["date"][:7], (r["file"], fid)


def test_committed_corpus_matches_generator(tmp_path: Path) -> None:
    script = CORPUS / "_build" / "build.py"
    subprocess.run([sys.executable, "-B", str(script), str(tmp_path)], check=True, capture_output=True)
    built = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert built
    for rel in built:
        assert (tmp_path / rel).read_bytes() == (CORPUS / rel).read_bytes(), rel
    for folder in (*FORMS, "gold"):
        committed = {p.relative_to(CORPUS).as_posix() for p in (CORPUS / folder).rglob("*") if p.is_file()}
        assert committed <= set(built), committed - set(built)
