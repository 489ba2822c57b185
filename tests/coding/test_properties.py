"""Properties of event coding over articles assembled from the fixture sentences."""

from __future__ import annotations

from coding_cases import CASES  # type: ignore[import-not-found,unused-ignore]
from coding_support import annotate, article  # type: ignore[import-not-found,unused-ignore]
from hypothesis import given, settings
from hypothesis import strategies as st

from spillwatch.coding.events import code_events
from spillwatch.records import BlockRole

ROLES: list[BlockRole] = ["body", "body", "title", "caption", "dateline", "credit"]


@settings(max_examples=12, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(range(len(CASES))), st.sampled_from(ROLES)), min_size=1, max_size=4))
def test_spans_roles_and_determinism(picks: list[tuple[int, BlockRole]]) -> None:
    art = article(*((role, CASES[k].text) for k, role in picks))
    actors = {s: a for k, _ in picks for s, a in CASES[k].actors.items()}
    ann = annotate(art, actors)
    text = art.text
    skipped = [span for block, span in art.block_spans() if block.role in ("dateline", "credit")]
    mentions = code_events(ann)
    for m in mentions:
        assert text[m.trigger.start : m.trigger.end] == m.trigger_text
        assert all(text[a.span.start : a.span.end] == a.text for a in m.arguments)
        assert not any(s.start <= m.trigger.start < s.end for s in skipped)
        places = [a for a in m.arguments if a.role == "place"]
        assert not any(s.start <= a.span.start < s.end for a in places for s in skipped)
        assert m.modality in ("happened", "ongoing", "planned", "denied", "hypothetical")
    assert code_events(ann) == mentions
