"""The HTML cleaner: one web page in, one ``Article`` out.

Input: the page as ``str`` (already decoded) with what the source said about it (url, outlet,
declared date and title). Output: a ``records.Article`` with title, optional dateline, body
paragraphs, captions and credits as blocks; byline, published/modified dates, related links,
and what was dropped (with a reason). Declines (raises ``ExtractError``): pages with no article
text, pages the extractors cannot parse, and pages that take longer than ``timeout`` seconds.

Text comes from trafilatura in its precision-oriented mode (comments off). When trafilatura
keeps less than half the text readability-lxml finds, trafilatura has most likely missed part of
the article (split bodies, unusual markup) and the readability text is used instead; readability
is skipped when trafilatura already kept half the page's visible text, since it could not then
find twice as much. Lines are then given roles (``htmlpost.py``), and dates, byline, captions
and related links read from the markup (``htmlmeta.py``). On the article-extraction-benchmark
this scores F1 0.975 against 0.960 for trafilatura alone (``python eval/html_extraction.py``).

Everything runs in a worker thread with a deadline in CPU seconds of that thread (so a machine busy
with other work slows a page without failing it; a thread that uses no CPU for ``_STALL`` times the
deadline in wall seconds, and at least a minute, counts as overrunning too), so a pathological page cannot hang the
pipeline; an overrunning thread is cancelled (an asynchronous exception, delivered when it is
next in Python code) and its result discarded.
"""

from __future__ import annotations

import ctypes
import functools
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import html_text
import lxml.etree
import trafilatura
from lxml.html import HtmlElement
from readability import Document as ReadabilityDocument
from trafilatura.utils import load_html

from spillwatch.errors import ExtractError, SpillwatchError
from spillwatch.extract import htmlmeta, textdates, textrules
from spillwatch.extract.htmlpost import Lines, sort_lines
from spillwatch.records import Article, Block, DateInfo, DroppedLine

T = TypeVar("T")
READABILITY_SHARE = 0.5  # readability wins under this share of its text (0.4-0.6: F1 within 0.0015)
_DROPPED_CAP = 300  # dropped lines recorded per page (the rest are counted in one summary line)
_SEARCH_CAP = 3000  # page lines looked for inside the kept text, per page (keeps huge pages linear)
_STALL = 10  # a cleaning thread using no CPU for this many deadlines (wall time, at least _STALL_MIN s) is stuck
_STALL_MIN = 60.0
for _name in ("trafilatura", "readability", "htmldate", "courlan"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)


class Cancelled(BaseException):
    """Raised inside an overrunning worker thread to stop it (a BaseException: ``except Exception``
    blocks in the extractors cannot swallow it)."""


def _cancel(worker: threading.Thread) -> None:
    """Ask CPython to raise ``Cancelled`` in ``worker`` at its next Python instruction."""
    if worker.ident is not None:
        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(worker.ident), ctypes.py_object(Cancelled))


def _cpu_join(worker: threading.Thread, seconds: float) -> None:
    """Wait until ``worker`` ends, has used ``seconds`` of CPU time, or has used none for ``_STALL`` x ``seconds``."""
    try:
        clock = time.pthread_getcpuclockid(worker.ident or 0)
        read = functools.partial(time.clock_gettime, clock)
        read()
    except (AttributeError, OSError):  # pragma: no cover - no per-thread CPU clock: wall time
        worker.join(seconds)
        return
    used, quiet_since = 0.0, time.monotonic()
    while worker.is_alive() and used < seconds:
        worker.join(max(seconds - used, 0.005))  # CPU time never runs faster than the wall clock
        try:
            now_used = read()
        except OSError:  # the thread has ended
            return
        if now_used > used:
            used, quiet_since = now_used, time.monotonic()
        elif time.monotonic() - quiet_since > max(_STALL * seconds, _STALL_MIN):
            return


def run_with_deadline(func: Callable[[], T], timeout: float, source: str) -> T:
    """``func()`` in a daemon thread; ``ExtractError`` (reason "timeout") once it has used ``timeout`` CPU seconds.

    The overrunning thread is then cancelled: it stops as soon as it is back in Python code
    (a long call inside a C extension finishes first), so abandoned work does not pile up.
    """
    box: dict[str, Any] = {}

    def work() -> None:
        try:
            box["value"] = func()
        except BaseException as exc:  # re-raised in the caller's thread below
            box["error"] = exc

    worker = threading.Thread(target=work, name=f"clean-html:{source[:40]}", daemon=True)
    worker.start()
    _cpu_join(worker, timeout)
    if worker.is_alive():
        _cancel(worker)
        raise ExtractError(source, f"cleaning took longer than {timeout:g} CPU seconds", reason="timeout")
    if "error" in box:
        raise box["error"]
    return box["value"]


@dataclass(frozen=True, slots=True)
class _Extracted:
    lines: list[str]
    extractor: str
    title: str | None
    author: str | None
    date: str | None


def _trafilatura(tree: HtmlElement, url: str | None) -> _Extracted:
    doc = trafilatura.bare_extraction(
        tree,
        url=url,
        favor_precision=True,
        include_comments=False,
        with_metadata=True,
        include_tables=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if doc is None or isinstance(doc, dict):
        return _Extracted([], "trafilatura", None, None, None)
    lines = [line.strip() for line in (doc.text or "").splitlines() if line.strip()]
    return _Extracted(lines, "trafilatura", doc.title, doc.author, doc.date)


def _readability(html: str) -> list[str]:
    try:
        summary = ReadabilityDocument(html).summary(html_partial=True)
        text = html_text.extract_text(summary, guess_layout=True)
    except Exception:  # readability raises bare Exception subclasses on odd markup; it is a fallback
        return []
    return [line.strip() for line in text.splitlines() if line.strip()]


def _size(lines: list[str]) -> int:
    return sum(len(line) for line in lines)


def choose_text(traf: list[str], read: list[str]) -> tuple[list[str], str]:
    """trafilatura's lines unless readability found more than twice as much text."""
    if _size(traf) < READABILITY_SHARE * _size(read):
        return read, "readability"
    return traf, "trafilatura"


def _parse(html: str, source: str) -> HtmlElement:
    try:
        tree = load_html(html)
    except (ValueError, lxml.etree.LxmlError) as exc:
        raise ExtractError(source, f"unparseable HTML: {exc}") from exc
    if tree is None:
        raise ExtractError(source, "unparseable HTML")
    return tree


def _page_lines(tree: HtmlElement) -> list[str]:
    try:
        page = html_text.extract_text(tree, guess_layout=True)
    except (ValueError, lxml.etree.LxmlError):
        return []
    return [" ".join(raw.split()) for raw in page.splitlines()]


def _drop_reason(line: str, related: set[str]) -> str:
    if line in related or textrules.related_header(line):
        return "related-link"
    if textrules.byline_name(line):
        return "byline"
    if len(line) <= 80 and textdates.is_date_line(line):
        return "timestamp"
    return textrules.furniture_reason(line) or "boilerplate"


def _dropped(page: list[str], kept: list[str], lines: Lines, related: set[str]) -> tuple[DroppedLine, ...]:
    """Lines of the page's visible text that are not in ``kept`` (the article), with a coarse reason.

    At most ``_DROPPED_CAP`` lines are recorded; the rest of the page is summed up in one line.
    """
    out = list(lines.dropped)
    kept = [" ".join(k.split()) for k in kept]
    seen, exact, blob = {d.text for d in out}, set(kept), " \n ".join(kept)
    rest = searches = 0
    for line in page:
        if len(line) < 2 or line in seen or line in exact:
            continue
        seen.add(line)
        if len(out) >= _DROPPED_CAP or searches >= _SEARCH_CAP:
            rest += 1
            continue
        searches += 1
        if line not in blob:  # substring test: page lines may split a kept line differently
            out.append(DroppedLine(line, _drop_reason(line, related)))
    if rest:
        out.append(DroppedLine(f"... and {rest} more page lines not examined", "boilerplate"))
    return tuple(out)


def _published(meta: DateInfo | None, declared: str | None, traf_date: str | None, lines: Lines) -> DateInfo:
    """Page metadata, else the declared date, else trafilatura's, else what the text states."""
    if meta is not None:
        return meta
    if day := textdates.parse_declared(declared):
        return DateInfo(day, "metadata", f"declared: {declared}")
    if traf_date and (day := htmlmeta.parse_date(traf_date)):
        return DateInfo(day, "metadata", f"trafilatura: {traf_date}")
    stated = [d.text for d in lines.dropped if d.reason in ("timestamp", "byline")] + lines.body[:3]
    return textdates.estimate_published(None, stated, lines.body)


def _blocks(title: str | None, lines: Lines) -> tuple[Block, ...]:
    blocks = [Block("title", title)] if title else []
    if lines.dateline:
        blocks.append(Block("dateline", lines.dateline))
    blocks += [Block("body", text) for text in lines.body]
    blocks += [Block("caption", text) for text in lines.captions]
    blocks += [Block("credit", text) for text in lines.credits]
    return tuple(blocks)


def _extract(html: str, *, source: str, url: str | None) -> tuple[HtmlElement, _Extracted, list[str]]:
    """Parse, extract, and consult readability unless trafilatura already kept half the page."""
    tree = _parse(html, source)
    traf = _trafilatura(tree, url)
    page = _page_lines(tree)
    # readability's text is part of the page's text, so it cannot be twice a half of the page
    read = [] if _size(traf.lines) >= READABILITY_SHARE * _size(page) else _readability(html)
    lines, name = choose_text(traf.lines, read)
    if not lines:
        raise ExtractError(source, "no article text found")
    return tree, _Extracted(lines, name, traf.title, traf.author, traf.date), page


def _assemble(html: str, **kw: Any) -> Article:
    source, url = kw["source"], kw["url"]
    tree, found, page = _extract(html, source=source, url=url)
    objects = htmlmeta.json_ld(tree)
    site = htmlmeta.site_name(tree, objects)
    title = " ".join(htmlmeta.strip_site(kw["declared_title"] or found.title or "", site).split()) or None
    captions = htmlmeta.figure_captions(tree)
    lines = sort_lines(found.lines, title=title, captions=captions)
    if not lines.body:
        raise ExtractError(source, "only page furniture, no article paragraphs")
    meta_published, modified = htmlmeta.page_dates(tree, objects)
    related = htmlmeta.related_links(tree, url) + lines.related
    kept = [title or "", *(f"{cap} {credit or ''}" for cap, credit in captions), *found.lines]
    return Article(
        raw_id=kw["raw_id"],
        source=source,
        blocks=_blocks(title, lines),
        published=_published(meta_published, kw["declared_date"], found.date, lines),
        modified=modified,
        url=url,
        outlet=kw["outlet"] or site,
        byline=lines.byline or htmlmeta.page_byline(tree, objects) or htmlmeta.usable_author(found.author),
        related=related,
        dropped=_dropped(page, kept, lines, {r.text for r in related}),
        extractor=found.extractor,
    )


def clean_html(
    html: str,
    *,
    source: str,
    raw_id: str,
    url: str | None = None,
    outlet: str | None = None,
    declared_date: str | None = None,
    declared_title: str | None = None,
    timeout: float,
) -> Article:
    """Clean one HTML page into an ``Article``; ``ExtractError`` when there is no article or time runs out."""
    if not html.strip():
        raise ExtractError(source, "empty document")
    fields = {"source": source, "raw_id": raw_id, "url": url, "outlet": outlet}
    fields |= {"declared_date": declared_date, "declared_title": declared_title}
    return run_with_deadline(lambda: _guarded(html, fields), timeout, source)


def _guarded(html: str, fields: dict[str, Any]) -> Article:
    """``_assemble`` with foreign exceptions translated once, here, into ``ExtractError``."""
    try:
        return _assemble(html, **fields)
    except SpillwatchError:
        raise
    except (RecursionError, MemoryError) as exc:
        raise ExtractError(fields["source"], f"page too deeply nested or too large: {exc!r}") from exc
    except Exception as exc:  # any extractor failure on a hostile page is this page's failure
        raise ExtractError(fields["source"], f"extractor failed: {exc!r}") from exc
