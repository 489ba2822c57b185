"""Text units for the line cleaner: lines, or paragraphs re-joined from a hard-wrapped layout.

Input: the raw text of one page. Output: a tuple of stripped, non-empty units in reading order
(two side-by-side columns read one after the other, hard-wrapped lines joined into paragraphs),
and (across pages) the lines one outlet repeats on every page. Declines: layouts
``textcolumns`` cannot unwind; their lines stay separate units.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

from spillwatch.extract.textcolumns import unwind_columns

_SENTENCE_END = re.compile(r"[.!?…:;。！？]['\"”’)\]」』）]*$")
_SPACE = re.compile(r"\s+")
LIST_ITEM = re.compile(r"(\d{1,2}[.)]|[•·▪◦‣*–-])\s+\S")
_COLUMNS = re.compile(r"\S {3,}\S|^ {8,}\S")


def normalize(line: str) -> str:
    """Comparison key for a line: NFKC, case-folded, single spaces, no edge punctuation."""
    text = unicodedata.normalize("NFKC", line).casefold()
    return _SPACE.sub(" ", text).strip(" \t.,:;!?'\"“”‘’-–—|•·")


def ends_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text.strip()))


def _wrap_width(lines: list[str]) -> int | None:
    """The column width of a hard-wrapped text, or ``None`` when lines are whole paragraphs.

    Wrapped prose has most lines close to one width, and many lines carry on a sentence, so
    start in lower case; a list of headlines or short items has neither.
    """
    tidy = [x for x in map(_tidy, lines) if len(x) > 15]
    lengths = sorted(len(x) for x in tidy)
    if len(lengths) < 6:
        return None
    width = lengths[int(len(lengths) * 0.9) - 1]
    if width > 100:
        return None
    near = sum(1 for n in lengths if n >= 0.7 * width)
    lower = sum(1 for x in tidy if x[:1].islower())
    return width if near >= 0.6 * len(lengths) and lower >= 0.2 * len(tidy) else None


def _continues(prev: str, nxt: str, width: int) -> bool:
    """True when ``nxt`` carries on the paragraph that ``prev`` (a wrapped line) started.

    Lines laid out in columns (a wide gap inside, or pushed far right) never join, nor does a
    list item join the line before it.
    """
    if _COLUMNS.search(prev) or _COLUMNS.search(nxt) or LIST_ITEM.match(nxt.strip()):
        return False
    prev, nxt = prev.strip(), nxt.strip()
    if prev.endswith("-") and nxt[:1].islower():
        return True
    if len(prev) < 0.7 * width:
        return False
    return not ends_sentence(prev) or nxt[:1].islower()


def _join(prev: str, nxt: str) -> str:
    if prev.endswith("-") and prev[-2:-1].isalpha() and nxt[:1].islower():
        return prev[:-1] + nxt
    return f"{prev} {nxt}"


def _reflow(block: list[str], width: int) -> list[str]:
    out = [_tidy(block[0])]
    for prev, line in itertools.pairwise(block):
        if _continues(prev, line, width):
            out[-1] = _join(out[-1], _tidy(line))
        else:
            out.append(_tidy(line))
    return out


def _tidy(line: str) -> str:
    return _SPACE.sub(" ", line).strip()


def _blocks(text: str) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for raw in text.splitlines():
        line = raw.rstrip()
        if line.strip():
            blocks[-1].append(line.expandtabs(4))
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def split_units(text: str) -> tuple[str, ...]:
    """Non-empty stripped lines; side-by-side columns unwound, wrapped paragraphs joined back."""
    blocks = _blocks(unwind_columns(text))
    width = _wrap_width([line for block in blocks for line in block])
    if width is None:
        return tuple(_tidy(line) for block in blocks for line in block)
    return tuple(unit for block in blocks for unit in _reflow(block, width))


def learn_boilerplate(texts: Iterable[str], *, min_share: float = 0.5, min_docs: int = 2) -> frozenset[str]:
    """Lines (normalized) that recur in at least ``min_share`` of one outlet's pages.

    Pass the result to ``clean_text(..., boilerplate=...)`` for pages of the same outlet.
    """
    seen: Counter[str] = Counter()
    total = 0
    for text in texts:
        total += 1
        seen.update({normalize(u) for u in split_units(text)})
    need = max(min_docs, int(total * min_share + 0.999))
    return frozenset(k for k, n in seen.items() if n >= need and k)
