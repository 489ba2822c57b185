"""Property tests: re-ingesting a folder is idempotent; fetch state survives a JSON round trip."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ingest_support import make_settings

from spillwatch.errors import SourceError
from spillwatch.ingest.sources import iter_items
from spillwatch.ingest.state import FetchState, Validators
from spillwatch.records import Quarantined, RawItem

words = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=0, max_size=80)
suffixes = st.sampled_from([".txt", ".html", ".jsonl", ".json", ".bin", ".xml"])
records = st.lists(
    st.fixed_dictionaries(
        {"text": words},
        optional={"url": words, "date": words, "source": words, "title": words},
    ),
    max_size=4,
)


@st.composite
def file_contents(draw: st.DrawFn) -> tuple[str, bytes]:
    suffix = draw(suffixes)
    if suffix in (".jsonl", ".json"):
        rows = draw(records)
        body = "\n".join(json.dumps(r, ensure_ascii=False) for r in rows).encode("utf-8")
    elif suffix == ".bin":
        body = draw(st.binary(max_size=64))
    else:
        body = draw(words).encode("utf-8")
    return suffix, body


def _snapshot(root: Path) -> list[tuple[str, str, str]]:
    out = []
    for r in iter_items([str(root)], make_settings()):
        out.append((r.source, r.id, r.kind) if isinstance(r, RawItem) else (r.source, r.reason, "quarantined"))
    return out


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(file_contents(), min_size=1, max_size=6))
def test_iterating_a_folder_twice_gives_the_same_items(files: list[tuple[str, bytes]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for n, (suffix, body) in enumerate(files):
            folder = root / ("sub" if n % 2 else "")
            folder.mkdir(exist_ok=True)
            (folder / f"doc{n}{suffix}").write_bytes(body)
        first, second = _snapshot(root), _snapshot(root)
        assert first == second
        # every file shows up, as items or as a quarantine row
        assert {s.split("#")[0] for s, _, _ in first} == {str(p) for p in root.rglob("doc*")}


@given(st.lists(file_contents(), min_size=1, max_size=4))
@settings(max_examples=25, deadline=None)
def test_item_ids_depend_only_on_content(files: list[tuple[str, bytes]]) -> None:
    """The same bytes under another name and folder give the same ids (the basis of idempotent re-ingest)."""
    with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
        for n, (suffix, body) in enumerate(files):
            (Path(a) / f"first{n}{suffix}").write_bytes(body)
            (Path(b) / f"second{n}{suffix}").write_bytes(body)
        ids_a = [r.id for r in iter_items([a], make_settings()) if isinstance(r, RawItem)]
        ids_b = [r.id for r in iter_items([b], make_settings()) if isinstance(r, RawItem)]
        assert ids_a == ids_b


header_text = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), min_size=1, max_size=30)


@given(st.dictionaries(st.text(min_size=1, max_size=40), st.tuples(st.none() | header_text, st.none() | header_text)))
def test_fetch_state_round_trips_through_json(entries: dict[str, tuple[str | None, str | None]]) -> None:
    state = FetchState()
    for url, (etag, modified) in entries.items():
        state.update(url, Validators(etag=etag, last_modified=modified))
    again = FetchState.from_dict(json.loads(json.dumps(state.to_dict())))
    assert again.to_dict() == state.to_dict()
    kept = {u for u, (e, m) in entries.items() if e or m}
    assert len(again) == len(kept)
    for url in kept:
        assert again.get(url) == state.get(url)


def test_fetch_state_file(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    state = FetchState.load(path)  # missing file: empty, bound to the path
    assert len(state) == 0 and state.path == path
    state.update("https://a.example/feed", Validators(etag='"x1"'))
    state.save()
    loaded = FetchState.load(path)
    assert loaded.get("https://a.example/feed") == Validators(etag='"x1"')
    assert list(loaded.changed()) == [] and list(state.changed()) == [("https://a.example/feed", Validators('"x1"'))]
    loaded.update("https://a.example/feed", Validators())  # the server stopped sending validators
    assert list(loaded.changed()) == [("https://a.example/feed", Validators())] and len(loaded) == 0
    assert state.get("https://a.example/feed") == Validators(etag='"x1"')
    assert Validators('"x1"', "Mon").headers() == {"If-None-Match": '"x1"', "If-Modified-Since": "Mon"}
    path.write_text("{not json")
    with pytest.raises(SourceError) as caught:
        FetchState.load(path)
    assert caught.value.reason == "bad-state"
    with pytest.raises(SourceError):
        FetchState.from_dict({"urls": {"u": {"etag": 5}}})
    with pytest.raises(SourceError):
        FetchState().save()


def test_quarantine_rows_name_the_stage(tmp_path: Path) -> None:
    (tmp_path / "x.exe").write_bytes(b"MZ\x90\x00")
    (row,) = iter_items([str(tmp_path)], make_settings())
    assert isinstance(row, Quarantined) and row.stage == "ingest" and row.reason == "unsupported-type"


def test_fetch_state_reads_through_to_a_store_and_lists_what_to_keep() -> None:
    kept = {"https://f.example/rss": ('"e2"', "Mon, 02 Mar 2026 07:30:00 GMT")}
    asked: list[str] = []

    def lookup(url: str) -> tuple[str | None, str | None]:
        asked.append(url)
        return kept.get(url, (None, None))

    state = FetchState(lookup=lookup)
    assert state.get("https://f.example/rss") == Validators('"e2"', "Mon, 02 Mar 2026 07:30:00 GMT")
    assert state.get("https://f.example/rss") is not None and asked == ["https://f.example/rss"]  # cached
    assert state.get("https://f.example/new") is None and state.get("https://f.example/new") is None
    assert asked == ["https://f.example/rss", "https://f.example/new"]  # each URL asked once
    state.update("https://f.example/new", Validators(etag='"n1"'))
    assert list(state.items()) == [
        ("https://f.example/new", Validators(etag='"n1"')),
        ("https://f.example/rss", Validators('"e2"', "Mon, 02 Mar 2026 07:30:00 GMT")),
    ]
