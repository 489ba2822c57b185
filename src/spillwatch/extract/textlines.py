"""Page-level evidence for the line cleaner: repetition, related-story lists and the body region.

Input: the lines of one page, each already judged by itself (``textrules``). Output: the same
lines re-judged by their neighbours (video titles repeated after a player, captions repeated
with a credit, duplicates, headlines listed under a "Related" header) and the span of the page
that holds the article body. Declines: choosing roles inside that span (``text.py`` does).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from spillwatch.extract.textrules import split_credit
from spillwatch.extract.textunits import LIST_ITEM, ends_sentence, normalize

_QUOTED = re.compile(r"[:\s]['\"‘“](?P<t>.+?)['\"’”]\s*$")
_VIDEO_HEAD = re.compile(r"^\W*(?:watch|video|watch live|now playing|up next)\s*[:|–—]\s*(?P<t>.+)$", re.I)
_CAPTION_HEAD = re.compile(
    r"^(?:(?:above|below|top|pictured|photo|image|caption|left|right|main image|in this photo)\s*[:|]"
    r"|(?:image|photo|video) caption\b)\s*(?=\S)",
    re.I,
)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_NUMBER = re.compile(r"[-+(]?[\d.,:%/]+[)%]?")
BARRIER = -60.0
MAX_CREDIT_WORDS = 10
_SPONSOR_LABEL = re.compile(r"\W*(sponsored|promoted|paid|partner)\b", re.I)
FRAGMENT_BASE, FRAGMENT_PER_WORD = -4.0, 1.0  # tuned on the article-extraction-benchmark
MAX_LISTED = 30  # headlines one list header can claim
ANCHOR_MIN, ANCHOR_SHARE = 20.0, 0.1


@dataclass(slots=True)
class Line:
    """One unit of the page and what the cleaner currently thinks it is."""

    text: str
    kind: str  # candidate, body, title, caption, credit, byline, related, header, dropped
    reason: str = ""
    extra: str = ""  # related headline, credit text or byline name


def words(text: str) -> int:
    """Word count; runs of CJK script count one word per two characters."""
    return len(text.split()) + len(_CJK.findall(text)) // 2


def _menu_like(text: str) -> bool:
    """Mostly Capitalized Words and no sentence end: a run of menu items or tags."""
    tokens = [t for t in text.split() if t[:1].isalpha()]
    caps = sum(1 for t in tokens if t[:1].isupper())
    return not ends_sentence(text) and caps >= 0.6 * max(len(tokens), 1)


def is_prose(text: str) -> bool:
    """A sentence paragraph: long enough and ending like a sentence, or simply long."""
    n = words(text)
    return (n >= 5 and ends_sentence(text)) or (n >= 25 and not _menu_like(text))


def is_table_row(text: str) -> bool:
    """A row of figures: at least three tokens, a third or more of them numbers."""
    tokens = text.split()
    numbers = sum(1 for t in tokens if _NUMBER.fullmatch(t))
    return len(tokens) >= 3 and numbers >= max(2, len(tokens) / 3)


def score(line: Line) -> float:
    """Body evidence of one line: sentences count for their words, fragments against."""
    if line.kind == "header":
        return BARRIER
    if line.kind == "related":
        return -3.0
    if line.kind not in ("candidate", "body"):
        return 0.0
    if is_prose(line.text):
        return float(words(line.text))
    if is_table_row(line.text):
        return 0.0
    return FRAGMENT_BASE - FRAGMENT_PER_WORD * min(words(line.text), 10)


def segments(lines: list[Line]) -> list[tuple[float, int, int]]:
    """Every maximal run of positive body evidence: (sum, first line, last line)."""
    found: list[tuple[float, int, int]] = []
    run, start, best, best_end = 0.0, 0, 0.0, -1
    for i, value in enumerate(map(score, lines)):
        if run <= 0:
            if best > 0:
                found.append((best, start, best_end))
            run, start, best = 0.0, i, 0.0
        run += value
        if run > best:
            best, best_end = run, i
    if best > 0:
        found.append((best, start, best_end))
    return found


def find_region(lines: list[Line], anchor: int | None = None) -> tuple[int, int] | None:
    """The span holding the body: the run with the most body evidence (max-sum subarray).

    With an ``anchor`` (the line where the page repeats its own title as a headline) before the
    end of that run, the first substantial run after the anchor wins over a bigger run elsewhere
    (a mega-menu of teasers above it, a footer or a comment thread below it).
    """
    runs = segments(lines)
    if not runs:
        return None
    best = max(runs)
    if anchor is not None and anchor < best[2]:
        need = max(ANCHOR_MIN, ANCHOR_SHARE * best[0])
        after = [r for r in segments(lines[anchor + 1 :]) if r[0] >= need]
        if after:
            return after[0][1] + anchor + 1, _with_list(lines, after[0][2] + anchor + 1)
    return best[1], _with_list(lines, best[2])


def is_list_item(text: str) -> bool:
    """A numbered or bulleted item ("1. ...", "• ...")."""
    return bool(LIST_ITEM.match(text))


def _with_list(lines: list[Line], end: int) -> int:
    """Extend the body over a numbered or bulleted list that follows its last paragraph."""
    i = end + 1
    while i < len(lines) and (lines[i].kind != "candidate" or is_list_item(lines[i].text)):
        if lines[i].kind == "header":
            break
        if lines[i].kind == "candidate":
            end = i
        i += 1
    return end


def _video_titles(lines: list[Line]) -> None:
    """Drop a bare video title repeated right after its player line or "WATCH:" label."""
    recent: dict[str, int] = {}
    for i, line in enumerate(lines):
        if line.reason == "video-embed":
            for pattern in (_QUOTED, _VIDEO_HEAD):
                found = pattern.search(line.text)
                if found:
                    recent[normalize(found.group("t"))] = i
        elif line.kind == "candidate" and i - recent.get(normalize(line.text), -99) <= 3:
            line.kind, line.reason = "dropped", "video-title"


def _captions(lines: list[Line]) -> None:
    """Captions: a line with a photo credit after it or appended to it, or a "Pictured:" label.

    A caption shown twice (image alt text, then the caption with its credit) is kept once.
    """
    for i, line in enumerate(lines):
        if line.kind != "candidate":
            continue
        label = _CAPTION_HEAD.match(line.text)
        if label:
            line.kind, line.text = "caption", line.text[label.end() :]
            continue
        credited = i + 1 < len(lines) and lines[i + 1].kind == "credit" and ends_sentence(line.text)
        if credited or split_credit(line.text)[1]:
            line.kind = "caption"
            continue
        for other in lines[i + 1 : i + 3]:
            if other.kind == "candidate" and _shown_twice(line.text, other.text):
                _pair_caption(line, other)
                break


def _shown_twice(first: str, second: str) -> bool:
    """An image's alt text, then its caption: the same sentence(s), the second maybe with a credit."""
    if len(first) < 30 or not ends_sentence(first) or not second.startswith(first):
        return False
    return words(second[len(first) :]) <= MAX_CREDIT_WORDS


def _pair_caption(first: Line, second: Line) -> None:
    rest = second.text[len(first.text) :].strip()
    first.kind = "caption"
    if rest:
        first.text = f"{first.text} {rest}"  # the credit rides on the caption; split when emitted
    second.kind, second.reason = "dropped", "duplicate-caption"


def _sponsored(lines: list[Line]) -> None:
    """The line under a "Sponsored"/"Promoted" label is the paid teaser, unless it is a sentence."""
    for label, nxt in itertools.pairwise(lines):
        is_label = label.reason == "advertisement" and _SPONSOR_LABEL.match(label.text)
        if is_label and nxt.kind == "candidate" and not ends_sentence(nxt.text) and words(nxt.text) < 25:
            nxt.kind, nxt.reason = "dropped", "advertisement"


def _duplicates(lines: list[Line]) -> None:
    """Drop a line seen before, and a block that repeats several other paragraphs in one line."""
    seen: set[tuple[str, bool]] = set()
    for line in lines:
        key = (normalize(line.text), ends_sentence(line.text))  # a headline and a sentence differ
        if line.kind == "candidate" and key in seen and words(line.text) >= 3:
            line.kind, line.reason = "dropped", "duplicate"
        seen.add(key)
    paragraphs = [x.text for x in lines if x.kind == "candidate" and words(x.text) >= 12]
    for line in lines:
        if line.kind == "candidate" and words(line.text) >= 60 and _repeats(line.text, paragraphs):
            line.kind, line.reason = "dropped", "duplicate-block"


def _repeats(block: str, paragraphs: list[str]) -> bool:
    """True when ``block`` contains at least two of the page's other paragraphs whole."""
    inside = (p for p in paragraphs if p != block and p in block)
    return next(inside, None) is not None and next(inside, None) is not None


def _related_lists(lines: list[Line]) -> None:
    """Headlines listed under a "Related"/"Most read" header are links, until the list ends.

    A list ends at a sentence paragraph, at article furniture (a caption, credit, byline or
    timestamp) or after ``MAX_LISTED`` headlines.
    """
    listed = MAX_LISTED
    for line in lines:
        if line.kind == "header":
            listed = 0
        elif line.kind in ("caption", "credit", "byline") or line.reason == "timestamp":
            listed = MAX_LISTED
        elif listed < MAX_LISTED and line.kind == "candidate":
            if ends_sentence(line.text) and words(line.text) >= 12:
                listed = MAX_LISTED
            elif words(line.text) >= 3:
                line.kind, line.reason, line.extra = "related", "related-link", line.text
                listed += 1


def mark_context(lines: list[Line]) -> None:
    """Re-judge lines by their neighbours, in place."""
    _video_titles(lines)
    _sponsored(lines)
    _captions(lines)
    _duplicates(lines)
    _related_lists(lines)
