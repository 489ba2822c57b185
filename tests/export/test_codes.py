"""ACLED codes the exports write (export/codes.py)."""

from __future__ import annotations

from spillwatch.export.codes import civilian_targeting


def test_civilian_targeting_follows_acleds_flag() -> None:
    # violence against civilians is flagged even when the report names no victim (inter2 0): before,
    # the export flagged only a civilian second side
    assert civilian_targeting("Violence against civilians", 0)
    assert civilian_targeting("Explosions/Remote violence", 7)  # a shelling that hit civilians
    assert not civilian_targeting("Explosions/Remote violence", 2)
    assert not civilian_targeting("Battles", 7)  # two armed sides by definition
    assert not civilian_targeting("Protests", 7)
    assert not civilian_targeting("Strategic developments", 7)  # an arrest is no political violence
    assert not civilian_targeting(None, 7)
