"""What an HTML page says about itself: dates, byline, captions, related links.

Input: a parsed page (an lxml element tree) and its JSON-LD objects.
Output: plain values (``DateInfo``, strings, ``RelatedLink``\\ s) for ``html.py`` to put into an
``Article``. Declines: choosing the article text (``html.py`` does that), dates it cannot read
as a calendar day (skipped, never guessed), years outside 1990-2100.

Published and modified dates are kept apart: JSON-LD ``datePublished``/``dateModified``, then
``<meta>`` tags (``article:published_time``, ``article:modified_time``, ...), then
``itemprop`` attributes, then ``<time datetime>`` elements.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from typing import Any
from urllib.parse import urljoin

from lxml.html import HtmlElement

from spillwatch.extract import textdates, textrules
from spillwatch.records import DateInfo, RelatedLink

_PUBLISHED_META = (
    "article:published_time", "og:published_time", "og:article:published_time", "datepublished",
    "pubdate", "publishdate", "publish-date", "publish_date", "date", "dc.date", "dc.date.issued",
    "dcterms.created", "dcterms.date", "sailthru.date", "parsely-pub-date", "article.published",
    "citation_publication_date", "originalpublicationdate",
)  # fmt: skip
_MODIFIED_META = (
    "article:modified_time", "og:updated_time", "article:updated_time", "datemodified",
    "dc.date.modified", "dcterms.modified", "lastmod", "last-modified", "article.updated",
)  # fmt: skip
_AUTHOR_META = ("author", "article:author", "dc.creator", "byl", "sailthru.author", "parsely-author")
_ARTICLE_TYPES = {"article", "newsarticle", "reportagenews", "blogposting", "analysisnewsarticle", "webpage"}
_ISO = re.compile(r"\s*(\d{4})-?(\d{2})-?(\d{2})(?:$|[T\s_]|[+-]\d{2}:?\d{2}|Z)")
_RELATED_BOX = re.compile(
    r"related|more-?(stories|news|from|on)|recommend|read-?(more|next)|also-?read|you-may|trending"
    r"|most-?(read|popular)|popular|outbrain|taboola|teaser-?list",
    re.I,
)
_FURNITURE_TAGS = {"nav", "aside", "footer", "header"}
_CAPTION_LABEL = re.compile(r"^(?:image|media|photo|video) caption\s+", re.I)  # screen-reader labels
_JUNK_AUTHOR = re.compile(r"admin|webmaster|^\W*$|@|^https?:|^\w{0,2}$", re.I)
_CREDIT_CLASS = re.compile(r"credit|copyright|byline|source|photographer", re.I)


def parse_date(value: str) -> date | None:
    """A calendar day from an ISO-like, RFC 2822 or written date string, else ``None``."""
    found = _ISO.match(value)
    if found:
        return _day(int(found.group(1)), int(found.group(2)), int(found.group(3)))
    day = textdates.parse_declared(value)
    return day if day and 1990 <= day.year <= 2100 else None


def _day(year: int, month: int, day: int) -> date | None:
    if not 1990 <= year <= 2100:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


# ---------------------------------------------------------------- JSON-LD
def json_ld(tree: HtmlElement) -> list[dict[str, Any]]:
    """Every JSON object in the page's ``application/ld+json`` scripts (``@graph`` flattened)."""
    out: list[dict[str, Any]] = []
    for script in tree.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower() or not script.text:
            continue
        try:
            data = json.loads(script.text, strict=False)
        except ValueError:
            continue
        out.extend(_objects(data))
    return out


def _objects(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for part in data:
            yield from _objects(part)
    elif isinstance(data, dict):
        yield data
        yield from _objects(data.get("@graph"))


def _types(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).lower() for k in kinds if k}


def _ld_articles(objects: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Article-like objects first, then any other object (some pages omit ``@type``)."""
    first = [o for o in objects if _types(o) & _ARTICLE_TYPES]
    return first + [o for o in objects if o not in first]


# ---------------------------------------------------------------- dates
def _meta_values(tree: HtmlElement, keys: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    wanted = set(keys)
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        value = meta.get("content")
        if key in wanted and value:
            yield key, value


def _ld_date(objects: list[dict[str, Any]], field: str) -> tuple[date, str] | None:
    for obj in _ld_articles(objects):
        value = obj.get(field)
        if isinstance(value, str) and (day := parse_date(value)):
            return day, f"json-ld {field}: {value}"
    return None


def _tag_date(tree: HtmlElement, keys: tuple[str, ...], itemprop: str) -> tuple[date, str] | None:
    for key, value in _meta_values(tree, keys):
        if day := parse_date(value):
            return day, f"meta {key}: {value}"
    for el in tree.xpath(f"//*[@itemprop='{itemprop}']"):
        value = el.get("datetime") or el.get("content") or el.text_content()
        if value and (day := parse_date(value.strip())):
            return day, f"itemprop {itemprop}: {value.strip()[:80]}"
    return None


def _time_element(tree: HtmlElement) -> tuple[date, str] | None:
    times = tree.xpath("//time[@pubdate]") + tree.xpath("//article//time[@datetime]")
    times += tree.xpath("//time[@datetime]")
    for el in times:
        value = el.get("datetime") or ""
        if day := parse_date(value):
            return day, f"<time datetime>: {value}"
    return None


def page_dates(tree: HtmlElement, objects: list[dict[str, Any]]) -> tuple[DateInfo | None, date | None]:
    """(published, modified) as the page's own metadata states them; ``None`` where it is silent."""
    published = (
        _ld_date(objects, "datePublished")
        or _tag_date(tree, _PUBLISHED_META, "datePublished")
        or _ld_date(objects, "dateCreated")
        or _time_element(tree)
    )
    modified = _ld_date(objects, "dateModified") or _tag_date(tree, _MODIFIED_META, "dateModified")
    info = DateInfo(published[0], "metadata", published[1]) if published else None
    return info, modified[0] if modified else None


# ---------------------------------------------------------------- byline
def _names(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return _names(value.get("name"))
    if isinstance(value, list):
        return [n for part in value for n in _names(part)]
    return []


def usable_author(name: str | None) -> str | None:
    """``name`` tidied, or ``None`` for what is not a person or desk ("admin", URLs, initials)."""
    text = " ".join((name or "").split())
    text = textrules.byline_name(text) or text  # "By Jane Roe" -> "Jane Roe"
    return None if _JUNK_AUTHOR.search(text) else text


def page_byline(tree: HtmlElement, objects: list[dict[str, Any]]) -> str | None:
    """Author name(s) from JSON-LD ``author`` or an author ``<meta>``; ``None`` when absent."""
    for obj in _ld_articles(objects):
        names = [n for n in map(usable_author, _names(obj.get("author"))) if n]
        if names:
            return ", ".join(dict.fromkeys(names))
    for _key, value in _meta_values(tree, _AUTHOR_META):
        if name := usable_author(value):
            return name
    return None


# ---------------------------------------------------------------- site name, title
def site_name(tree: HtmlElement, objects: list[dict[str, Any]]) -> str | None:
    """The outlet's name as the page states it (``og:site_name``, JSON-LD publisher), else ``None``."""
    for _key, value in _meta_values(tree, ("og:site_name", "application-name")):
        if value.strip():
            return " ".join(value.split())
    for obj in _ld_articles(objects):
        names = _names(obj.get("publisher"))
        if names and names[0].strip():
            return " ".join(names[0].split())
    return None


def strip_site(title: str, site: str | None) -> str:
    """``title`` without a trailing or leading " | Site Name" (or " - ", " — ")."""
    if not site:
        return title
    for sep in (" | ", " - ", " — ", " – ", " :: "):
        head, _, tail = title.rpartition(sep)
        if head and tail.strip().casefold() == site.casefold():
            return head.strip()
        tail, _, head = title.partition(sep)
        if head and tail.strip().casefold() == site.casefold():
            return head.strip()
    return title


# ---------------------------------------------------------------- captions, related links
def _clean(text: str) -> str:
    return " ".join(text.split())


def _in_furniture(el: HtmlElement) -> bool:
    return any(a.tag in _FURNITURE_TAGS for a in el.iterancestors())


def _text_without(el: HtmlElement, skip: list[HtmlElement]) -> str:
    """``el``'s text with the ``skip`` subtrees left out; element boundaries become spaces."""
    parts: list[str] = []

    def walk(node: HtmlElement) -> None:
        if node not in skip and isinstance(node.tag, str):
            parts.append(node.text or "")
            for child in node:
                walk(child)
        if node is not el:
            parts.append(node.tail or "")

    walk(el)
    return _clean(" ".join(parts))


def figure_captions(tree: HtmlElement) -> list[tuple[str, str | None]]:
    """(caption, credit or ``None``) for each ``<figcaption>`` outside page furniture.

    A credit is an element inside the caption whose class names a credit; captions that are
    furniture themselves ("Watch live", subscription pitches) are left out.
    """
    out: list[tuple[str, str | None]] = []
    for cap in tree.iter("figcaption"):
        if _in_furniture(cap):
            continue
        credit_els = [e for e in cap.iterdescendants() if _CREDIT_CLASS.search(str(e.get("class") or ""))]
        credit = _clean(" ".join(_text_without(e, []) for e in credit_els)) or None
        text = _CAPTION_LABEL.sub("", _text_without(cap, credit_els))
        if textrules.furniture_reason(text) or textrules.furniture_reason(text.split(".")[0]):
            continue
        if len(text) >= 3 or credit:
            out.append((text, credit))
    return out


def related_links(tree: HtmlElement, url: str | None, *, limit: int = 30) -> tuple[RelatedLink, ...]:
    """Headline links inside boxes whose class/id marks them as related or recommended stories."""
    seen: dict[str, RelatedLink] = {}
    for box in tree.xpath("//*[@class or @id]"):
        marker = f"{box.get('class') or ''} {box.get('id') or ''}"
        if box.tag in {"html", "body", "script"} or not _RELATED_BOX.search(marker):
            continue
        for link in box.iter("a"):
            text = _clean(link.text_content())
            if len(text.split()) >= 4 and text not in seen:
                href = link.get("href")
                seen[text] = RelatedLink(text, urljoin(url or "", href) if href else None)
            if len(seen) >= limit:
                return tuple(seen.values())
    return tuple(seen.values())
