"""Properties of clean_text on arbitrary text: no crash, body drawn from the input, deterministic."""

from __future__ import annotations

import re

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from spillwatch.errors import ExtractError
from spillwatch.extract.text import clean_text
from spillwatch.extract.textcolumns import unwind_columns
from spillwatch.records import Article

_SQUASH = re.compile(r"[\s\-]+")

_SENTENCE = st.lists(
    st.sampled_from(
        [
            "the",
            "council",
            "said",
            "on",
            "Tuesday",
            "that",
            "ferry",
            "service",
            "would",
            "resume",
            "after",
            "floods",
            "cut",
            "roads",
            "Advertisement",
            "WATCH:",
            "Related:",
            "By",
            "Jane",
            "Roe",
            "OTTAWA",
            "–",
            "Photo:",
            "AP",
            "2024",
            "Dec.",
            "10,",
            "Share",
        ]
    ),
    min_size=1,
    max_size=30,
).map(lambda ws: " ".join(ws) + ".")
_LINE = st.one_of(_SENTENCE, st.text(max_size=80), st.sampled_from(["", "   ", "###", "Page 3", "Menu"]))
_PAGE = st.lists(_LINE, max_size=40).map("\n".join)


def _clean(text: str) -> Article | None:
    try:
        return clean_text(text, source="prop", raw_id="prop")
    except ExtractError:
        return None


@settings(max_examples=150, deadline=None)
@given(st.one_of(_PAGE, st.text(max_size=2000)))
def test_never_crashes_and_body_comes_from_input_in_order(text: str) -> None:
    article = _clean(text)
    if article is None:
        return
    assert article.paragraphs, "an article is returned only with a body"
    haystack = _SQUASH.sub("", unwind_columns(text))  # side-by-side columns are read one by one
    pos = 0
    for paragraph in article.paragraphs:
        needle = _SQUASH.sub("", paragraph)
        found = haystack.find(needle, pos)
        assert found >= 0, paragraph
        pos = found + len(needle)


@settings(max_examples=60, deadline=None)
@given(_PAGE)
def test_deterministic(text: str) -> None:
    first, second = _clean(text), _clean(text)
    assert first == second
    if first is not None and second is not None:
        assert first.id == second.id


def test_empty_and_furniture_only_pages_raise() -> None:
    for text in ("", "\n\n", "Advertisement\nShare this article\nSign up for our newsletter\n© 2024 Outlet"):
        try:
            clean_text(text, source="x", raw_id="x")
        except ExtractError as exc:
            assert exc.reason == "no-article"
            assert exc.source == "x"
        else:
            raise AssertionError(f"no ExtractError for {text!r}")


_COLUMN_LINE = st.tuples(st.text("abc def.", min_size=1, max_size=20), st.text("ghi jkl.", min_size=1, max_size=20))


@settings(max_examples=60, deadline=None)
@given(st.lists(_COLUMN_LINE, min_size=8, max_size=20))
def test_two_columns_unwind_to_left_then_right(rows: list[tuple[str, str]]) -> None:
    rows = [(" ".join(a.split()) or "a", " ".join(b.split()) or "g") for a, b in rows]
    text = "\n".join(a.ljust(24) + "    " + b for a, b in rows)
    lines = unwind_columns(text).splitlines()
    assert lines == [a for a, _ in rows] + [""] + [b for _, b in rows]


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_characters=" "), max_size=500))
def test_text_without_wide_gaps_is_not_unwound(text: str) -> None:
    assert unwind_columns(text) == text


_VOCABULARY = (
    "the river town council said on monday that rain would return and roads stayed closed "
    "while farmers waited for news from officials in the north"
)
_WORD = st.sampled_from(_VOCABULARY.split())
_PARAGRAPH = st.lists(_WORD, min_size=8, max_size=40).map(lambda ws: " ".join(ws).capitalize() + ".")
_TITLE = st.lists(_WORD, min_size=4, max_size=10).map(lambda ws: " ".join(ws).capitalize())


def _no_repeats(texts: list[str]) -> bool:
    """Repetition is evidence of furniture (alt text, duplicates), so these pages have none.

    Compared by position (equal strings may be the same object) and case-insensitively, title included.
    """
    keys = [t.rstrip(".").lower() for t in texts]
    return not any(a in b for i, a in enumerate(keys) for j, b in enumerate(keys) if i != j)


def _varied(text: str) -> bool:
    """Real prose: at least five distinct words (a run of one word reads as filler to any cleaner)."""
    return len(set(text.lower().rstrip(".").split())) >= 5


@settings(max_examples=80, deadline=None)
@given(_TITLE.filter(_varied), st.lists(_PARAGRAPH.filter(_varied), min_size=1, max_size=8))
def test_a_page_without_furniture_keeps_everything(title: str, paragraphs: list[str]) -> None:
    assume(_no_repeats([title, *paragraphs]))
    article = clean_text("\n\n".join([title, *paragraphs]), source="prop", raw_id="prop")
    assert article.title == title
    assert list(article.paragraphs) == paragraphs
    assert article.dropped == ()
