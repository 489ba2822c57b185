"""Giving an extractor's lines their roles: furniture, bylines, captions, credits, datelines, repeats."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from spillwatch.extract.htmlpost import sort_lines

LINES = [
    "Floods cut off villages in the north",
    "By Nadia Karim and Paul Osei",
    "KANO, Nigeria — Floodwaters cut off at least a dozen villages in the north of the state on Sunday.",
    "Rescue teams used boats to reach families stranded on rooftops, a local official said.",
    "Residents wade through a flooded street in the old city.",
    "Advertisement",
    "READ MORE: Dam release blamed for last year's floods",
    "Rescue teams used boats to reach families stranded on rooftops, a local official said.",
    "Photo: Ade Bello/Wire",
    "The state emergency agency said more rain was expected later in the week.",
]
CAPTIONS: list[tuple[str, str | None]] = [("Residents wade through a flooded street in the old city.", None)]


def test_roles_of_a_typical_extraction() -> None:
    out = sort_lines(LINES, title="Floods cut off villages in the north", captions=CAPTIONS)
    assert out.dateline == "KANO, Nigeria"
    assert out.body == [
        "Floodwaters cut off at least a dozen villages in the north of the state on Sunday.",
        "Rescue teams used boats to reach families stranded on rooftops, a local official said.",
        "Rescue teams used boats to reach families stranded on rooftops, a local official said.",
        "The state emergency agency said more rain was expected later in the week.",
    ]
    assert out.byline == "Nadia Karim and Paul Osei"
    assert out.captions == ["Residents wade through a flooded street in the old city."]
    assert out.credits == ["Photo: Ade Bello/Wire"]
    assert [r.text for r in out.related] == ["Dam release blamed for last year's floods"]
    reasons = [d.reason for d in out.dropped]
    assert reasons == ["title-repeat", "byline", "advertisement", "related-link"]


def test_figure_captions_not_in_the_text_are_added_once() -> None:
    out = sort_lines(
        ["A plain paragraph of article text that says what happened and where."],
        title=None,
        captions=[
            ("A convoy on the road to the border.", "Photo: Wire"),
            ("A convoy on the road to the border.", None),
        ],
    )
    assert out.captions == ["A convoy on the road to the border."]
    assert out.credits == ["Photo: Wire"]


def test_byline_far_down_the_page_is_text() -> None:
    lines = [f"Paragraph number {i} of the story, with enough words to be prose." for i in range(8)]
    lines.append("By the end of the day the road had reopened.")
    out = sort_lines(lines, title=None, captions=[])
    assert out.byline is None and out.body[-1] == "By the end of the day the road had reopened."


_LINE = st.text(alphabet=st.characters(categories=("L", "N", "P", "Zs")), min_size=1, max_size=80)


@given(st.lists(_LINE, max_size=25))
def test_every_line_is_kept_or_dropped_in_order(lines: list[str]) -> None:
    out = sort_lines(lines, title=None, captions=[])
    n = sum(1 for line in lines if line.split())
    kept = len(out.body) + len(out.captions) + len(out.credits)
    assert kept + len(out.dropped) == n
    rest = iter(" ".join(line.split()) for line in lines)
    assert all(b in rest for b in out.body[1:])  # a subsequence (the first may have lost a dateline)
