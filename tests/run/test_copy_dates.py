"""A dated near-duplicate copy of an undated twin is coded itself, so its date reaches the event (issue 23)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from spillwatch.records import Article, Block, DateInfo, RawItem
from spillwatch.run.phases import NearDup, store_cleaned
from spillwatch.store.base import StageStats
from spillwatch.store.duck import DuckDBStore

STORY = ("Gunmen stormed a police post in the town of Karak on Sunday and killed seven officers and two "
         "civilians before security forces surrounded the castle where they had taken refuge, the interior "
         "ministry said in a statement read on state television late in the evening.")


def _article(tail: str, published: DateInfo) -> tuple[RawItem, Article]:
    text = f"{STORY} {tail}"
    raw = RawItem(source=f"{tail}.txt", data=text.encode(), kind="text")
    return raw, Article(raw.id, raw.source, (Block("body", text),), published)


def _outcomes(tmp_path: Path, first: DateInfo, second: DateInfo) -> list[str]:
    tmp_path.mkdir(exist_ok=True)
    store = DuckDBStore(str(tmp_path / "s.duckdb"))
    store.migrate()
    try:
        near, stats = NearDup(store), StageStats()
        pairs = (("A", first), ("B", second))
        return [store_cleaned(*_article(tail, when), store, near, stats) for tail, when in pairs]
    finally:
        store.close()


def test_dated_copy_of_an_undated_twin_is_coded(tmp_path: Path) -> None:
    assert _outcomes(tmp_path, DateInfo(None, "none"), DateInfo(date(2016, 12, 19), "metadata")) == ["stored"] * 2


def test_copy_of_a_dated_twin_or_undated_copy_stays_a_near_duplicate(tmp_path: Path) -> None:
    dated, undated = DateInfo(date(2016, 12, 19), "metadata"), DateInfo(None, "none")
    assert _outcomes(tmp_path / "a", dated, dated) == ["stored", "near-duplicate"]
    assert _outcomes(tmp_path / "b", undated, undated) == ["stored", "near-duplicate"]
