"""Clean already-scraped text: a line classifier that keeps the article and names the furniture.

Input: the plain text of one page as a scraper delivered it (article interleaved with ads, video
embeds, share buttons, related links), plus what the source declared (URL, outlet, date, title).
Output: an ``Article`` whose blocks are title, byline, caption, credit, dateline and body in
reading order, with related-story links and every dropped line with its reason, and a dated
``DateInfo``. Declines (raises ``ExtractError``) a page where no article body remains.

Evidence used, all outlet-agnostic: line vocabularies (``textrules``), repetition within the page
(a video title repeated after its player, a caption repeated with its credit, duplicate lines),
optional boilerplate learned across one outlet's pages (``learn_boilerplate``), position (the
title is the page's own headline above the body: the declared title, the page title repeated as
a headline, else the longest headline-like line, so a site name or section label above it loses;
a dateline opens the first paragraph; captions and bylines sit near the body) and
length/punctuation (the body is the run of lines with the most sentence text, where short
unpunctuated lines count against it, so menus, teasers and footers fall outside).
"""

from __future__ import annotations

from spillwatch.errors import ExtractError
from spillwatch.extract.textdates import estimate_published, is_date_line, stated_date, stated_modified
from spillwatch.extract.textlines import (
    Line,
    find_region,
    is_list_item,
    is_table_row,
    mark_context,
    score,
    words,
)
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
from spillwatch.extract.textunits import learn_boilerplate, normalize, split_units
from spillwatch.records import Article, Block, DateInfo, DroppedLine, RelatedLink

__all__ = ["clean_text", "estimate_published", "learn_boilerplate"]

EXTRACTOR = "text-lines"
NEAR_BODY = 8  # captions, credits and bylines further above the body belong to other stories


def _classify(unit: str, boilerplate: frozenset[str]) -> Line:
    """What one line is, judged by itself."""
    if boilerplate and normalize(unit) in boilerplate:
        return Line(unit, "dropped", "boilerplate")
    if related_header(unit):
        return Line(unit, "header", "related-header")
    if comment_head(unit):
        return Line(unit, "header", "comment")
    if stated_date(unit) or (len(unit) < 90 and is_date_line(unit)):
        return Line(unit, "dropped", "timestamp")
    reason = furniture_reason(unit)
    if reason:
        return Line(unit, "dropped", reason)
    headline = related_headline(unit)
    if headline:
        return Line(unit, "related", "related-link", headline)
    if is_credit_line(unit):
        return Line(unit, "credit", "", unit.strip("() "))
    name = byline_name(unit)
    if name:
        return Line(unit, "byline", "", name)
    return Line(unit, "candidate")


def _site_strips(title: str) -> list[str]:
    """A page-title line, then with each trailing " | Outlet" / " - Section" cut off in turn."""
    found = [title]
    while True:
        head, tail = _cut_site(found[-1])
        if not tail:
            return found
        found.append(head)


def _cut_site(title: str) -> tuple[str, str]:
    for sep in (" | ", " - ", " – ", " — ", " :: "):
        head, hit, tail = title.rpartition(sep)
        if hit and len(tail.split()) <= 4 and len(head.split()) >= 3:
            return head.strip(), tail
    return title, ""


def _strip_site(title: str) -> str:
    return _site_strips(title)[-1]


def _title_anchor(lines: list[Line], declared: str | None) -> int | None:
    """Where the page repeats its title (declared, or its first line) as a headline."""
    if not lines:
        return None
    keys = {normalize(t) for t in _site_strips(declared or lines[0].text)}
    keys = {k for k in keys if words(k) >= 3}
    for i in range(0 if declared else 1, len(lines)):
        line = lines[i]
        headline = not line.text.endswith(".")  # a sentence that repeats the title is the lede
        if (line.kind == "candidate" or line.reason == "duplicate") and headline and normalize(line.text) in keys:
            return i
    return None


def _is_headline(line: Line) -> bool:
    n = words(line.text)
    return line.kind == "candidate" and 3 <= n <= 30 and not line.text.endswith(".")


def _substantial(line: Line) -> bool:
    """A headline, not a site name, section label, menu or letterhead."""
    text = line.text
    return _is_headline(line) and words(text) >= 4 and not text.isupper() and " | " not in text


def _breaks_run(line: Line) -> bool:
    return line.kind == "header" or (line.kind == "dropped" and line.reason not in ("timestamp", "duplicate"))


def _nearest_headline(before: list[Line]) -> Line | None:
    """The first substantial headline of the last stretch above the body that has one.

    Stretches are split by page furniture, so a site name or letterhead far above loses to the
    headline standing over the story, and a standfirst right under the headline loses to it.
    """
    stretches: list[list[Line]] = [[]]
    for line in before:
        if _breaks_run(line):
            stretches.append([])
        else:
            stretches[-1].append(line)
    for stretch in reversed(stretches):
        found = next((x for x in stretch if _substantial(x)), None)
        if found is not None:
            return found
    return None


def _pick_title(lines: list[Line], first_body: int, declared: str | None, anchor: int | None) -> Line | None:
    """The title: the declared one, else the page's repeated headline, else the nearest headline."""
    before = lines[:first_body]
    if declared:
        key = normalize(declared)
        match = next((x for x in before if x.kind == "candidate" and normalize(x.text) == key), None)
        return match or Line(declared.strip(), "title")
    if anchor is not None and anchor < first_body:
        return lines[anchor]
    heads = [x for x in before if _is_headline(x)]
    return _nearest_headline(before) or (max(heads, key=lambda x: words(x.text)) if heads else None)


def _assign_body(lines: list[Line], start: int, end: int) -> None:
    """Inside the body region: sentences are body, short fragments are headings or furniture."""
    for i in range(start, end + 1):
        line = lines[i]
        if line.kind != "candidate":
            continue
        if score(line) > 0 or is_table_row(line.text) or is_list_item(line.text) or _heading(lines, i, end):
            line.kind = "body"
        else:
            line.kind, line.reason = "dropped", "short-fragment"


def _heading(lines: list[Line], i: int, end: int) -> bool:
    """A short line inside the body that introduces the next paragraph (a subheading)."""
    text = lines[i].text
    if not 1 <= words(text) <= 12 or not text[:1].isupper() or text.endswith(","):
        return False
    nxt = next((x for x in lines[i + 1 : end + 1] if x.kind in ("candidate", "body")), None)
    return nxt is not None and score(nxt) > 0


def _drop_outside(lines: list[Line], start: int, end: int) -> None:
    """Drop what the article does not hold: leftovers, and captions or bylines far from the body."""
    for i, line in enumerate(lines):
        far = i > end or i < start - NEAR_BODY
        if line.kind == "candidate" or (line.kind in ("caption", "credit", "byline") and far):
            line.kind, line.reason = "dropped", "outside-article"
        elif line.kind == "header":
            line.kind = "dropped"


def _dateline(first: Line) -> Block | None:
    found = split_dateline(first.text)
    if found is None:
        return None
    first.text = found.rest
    return Block("dateline", found.label)


def _line_blocks(line: Line) -> list[Block]:
    if line.kind == "caption":
        text, credit = split_credit(line.text)
        return [Block("caption", text)] + ([Block("credit", credit)] if credit else [])
    if line.kind == "credit":
        return [Block("credit", line.extra or line.text)]
    if line.kind == "byline":
        return [Block("byline", line.extra or line.text)]
    return [Block("body", line.text)] if line.kind == "body" else []


def _blocks(lines: list[Line], title: Line | None) -> tuple[Block, ...]:
    blocks = [Block("title", _strip_site(title.text))] if title else []
    first = next(x for x in lines if x.kind == "body")
    dateline = _dateline(first)
    for line in lines:
        if line is title:
            continue
        if line is first and dateline:
            blocks.append(dateline)
        blocks.extend(_line_blocks(line))
    return tuple(blocks)


def _meta_byline(lines: list[Line]) -> str | None:
    """An author named inside a timestamp line ("Posted on May 3, 2023 by Jane Roe")."""
    names = (byline_name(x.text, inside=True) for x in lines if x.reason == "timestamp")
    return next((n for n in names if n), None)


def _classified(text: str, boilerplate: frozenset[str]) -> list[Line]:
    lines = [_classify(u, boilerplate) for u in split_units(text)]
    mark_context(lines)
    return lines


def _label(lines: list[Line], declared_title: str | None) -> tuple[bool, Line | None]:
    """Find the body region and give every line its final role: (found a body?, title line)."""
    anchor = _title_anchor(lines, declared_title)
    region = find_region(lines, anchor)
    if region is None:
        return False, None
    start, end = region
    _assign_body(lines, start, end)
    first_body = next(i for i, x in enumerate(lines) if x.kind == "body")
    title = _pick_title(lines, first_body, declared_title, anchor)
    if title is not None:
        title.kind = "title"
    _drop_outside(lines, start, end)
    return True, title


def _published(lines: list[Line], blocks: tuple[Block, ...], declared_date: str | None) -> DateInfo:
    kept = [b.text for b in blocks if b.role in ("title", "caption", "body")]
    meta = [x.text for x in lines if x.reason == "timestamp" or x.kind == "byline"]
    return estimate_published(declared_date, meta, kept)


def clean_text(
    text: str,
    *,
    source: str,
    raw_id: str,
    url: str | None = None,
    outlet: str | None = None,
    declared_date: str | None = None,
    declared_title: str | None = None,
    boilerplate: frozenset[str] = frozenset(),
) -> Article:
    """Clean one page of scraped text into an ``Article`` (see the module docstring).

    ``boilerplate`` holds lines learned from other pages of the same outlet (``learn_boilerplate``).
    Raises ``ExtractError`` when no article body remains.
    """
    lines = _classified(text, boilerplate)
    found, title = _label(lines, declared_title)
    if not found:
        raise ExtractError(source, "no article body remains after removing page furniture")
    blocks = _blocks(lines, title)
    return Article(
        raw_id=raw_id,
        source=source,
        blocks=blocks,
        published=_published(lines, blocks, declared_date),
        modified=stated_modified(x.text for x in lines if x.reason == "timestamp"),
        url=url,
        outlet=outlet,
        byline=next((x.extra for x in lines if x.kind == "byline"), None) or _meta_byline(lines),
        related=tuple(RelatedLink(x.extra or x.text) for x in lines if x.kind == "related"),
        dropped=tuple(DroppedLine(x.text, x.reason) for x in lines if x.kind == "dropped"),
        extractor=EXTRACTOR,
    )
