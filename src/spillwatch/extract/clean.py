"""The clean stage's entry point: one ``RawItem`` in, one ``Article`` out.

Input: a ``RawItem`` and ``Settings``. Output: a ``records.Article``. Declines (raises, never
returns ``None``): everything ``decode`` declines (too large, empty, binary, undecodable), items
whose kind has no cleaner ("json" items are unpacked by ingest first), and whatever the
cleaners decline (``ExtractError``: no article, timeout).

Routing: kind "html" goes to ``html.clean_html``; kind "text" to ``text.clean_text``, except
text that is really an HTML page (it starts with a doctype or ``<html>``, or is dense with
block tags), which goes to the HTML cleaner.
"""

from __future__ import annotations

import re

from spillwatch.errors import ConfigError, SourceError
from spillwatch.extract.decode import decode
from spillwatch.extract.html import clean_html
from spillwatch.records import Article, RawItem
from spillwatch.settings import Settings

_HTML_START = re.compile(r"\s*(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>]|head[\s>])", re.I | re.S)
_BLOCK_TAG = re.compile(r"</?(p|div|br|li|h[1-6]|article|section|span|a|table|td)[\s>/]", re.I)
_SNIFF_CHARS = 20_000


def looks_like_html(text: str) -> bool:
    """True for text that is an HTML page (or a fragment dense with block tags), not prose."""
    if _HTML_START.match(text[:_SNIFF_CHARS]):
        return True
    head = text[:_SNIFF_CHARS]
    tags = len(_BLOCK_TAG.findall(head))
    return tags >= 5 and tags * 40 >= len(head.split())


def _clean_text(item: RawItem, text: str) -> Article:
    try:
        from spillwatch.extract.text import clean_text  # the text cleaner; imported when first needed
    except ImportError as exc:
        raise ConfigError(f"the text cleaner is not available: {exc}") from exc

    return clean_text(
        text,
        source=item.source,
        raw_id=item.id,
        url=item.url,
        outlet=item.outlet,
        declared_date=item.declared_date,
        declared_title=item.declared_title,
    )


def clean(item: RawItem, settings: Settings) -> Article:
    """Decode ``item`` and clean it with the cleaner its kind (or its content) calls for."""
    text = decode(item, settings)
    if item.kind == "html" or (item.kind == "text" and looks_like_html(text)):
        return clean_html(
            text,
            source=item.source,
            raw_id=item.id,
            url=item.url,
            outlet=item.outlet,
            declared_date=item.declared_date,
            declared_title=item.declared_title,
            timeout=settings.extract_timeout,
        )
    if item.kind == "text":
        return _clean_text(item, text)
    raise SourceError(item.source, f"no cleaner for kind {item.kind!r}", reason="unsupported-kind")
