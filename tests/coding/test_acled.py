from __future__ import annotations

import pytest

from spillwatch.coding.acled import acled_category
from spillwatch.records import Actor

ARMY = Actor("IRQ_MIL", "Iraq military", "IRQ", "MIL")
REBELS = Actor("ISL", "Islamic State", "IMG", "REB")
CIVILIANS = Actor("IRQ_CVL", "Iraq civilians", "IRQ", "CVL")
POLICE = Actor("IRQ_COP", "Iraq police", "IRQ", "COP")


@pytest.mark.parametrize(
    ("etype", "modes", "sources", "targets", "cues", "expected"),
    [
        ("ASSAULT", ("firearms",), [ARMY], [REBELS], (), ("Battles", "Armed clash")),
        ("ASSAULT", ("occupy",), [ARMY], [REBELS], (), ("Battles", "Government regains territory")),
        ("ASSAULT", ("occupy",), [REBELS], [ARMY], (), ("Battles", "Non-state actor overtakes territory")),
        ("ASSAULT", ("aerial",), [ARMY], [REBELS], (), ("Explosions/Remote violence", "Air/drone strike")),
        ("ASSAULT", ("drone",), [ARMY], [], (), ("Explosions/Remote violence", "Air/drone strike")),
        (
            "ASSAULT",
            ("heavy-weapons",),
            [ARMY],
            [REBELS],
            (),
            ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
        ),
        (
            "ASSAULT",
            ("suicide-attack", "explosives"),
            [REBELS],
            [CIVILIANS],
            (),
            ("Explosions/Remote violence", "Suicide bomb"),
        ),
        (
            "ASSAULT",
            ("explosives",),
            [REBELS],
            [ARMY],
            (),
            ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
        ),
        ("ASSAULT", ("explosives",), [REBELS], [CIVILIANS], ("grenade",), ("Explosions/Remote violence", "Grenade")),
        ("ASSAULT", ("unconventional",), [REBELS], [CIVILIANS], (), ("Explosions/Remote violence", "Chemical weapon")),
        ("ASSAULT", ("firearms",), [REBELS], [CIVILIANS], (), ("Violence against civilians", "Attack")),
        (
            "ASSAULT",
            ("abduct",),
            [REBELS],
            [CIVILIANS],
            (),
            ("Violence against civilians", "Abduction/forced disappearance"),
        ),
        ("ASSAULT", ("sexual",), [REBELS], [CIVILIANS], (), ("Violence against civilians", "Sexual violence")),
        ("PROTEST", ("demo",), [CIVILIANS], [], (), ("Protests", "Peaceful protest")),
        ("PROTEST", ("riot",), [CIVILIANS], [POLICE], (), ("Riots", "Violent demonstration")),
        ("COERCE", ("arrest",), [POLICE], [CIVILIANS], (), ("Strategic developments", "Arrests")),
        ("AGREE", (), [ARMY], [REBELS], (), ("Strategic developments", "Agreement")),
        (
            "MOBILIZE",
            ("troops",),
            [ARMY],
            [],
            ("establish", "base"),
            ("Strategic developments", "Headquarters or base established"),
        ),
        ("COERCE", ("seize",), [ARMY], [], ("defuse", "ied"), ("Strategic developments", "Disrupted weapons use")),
        ("RETREAT", ("withdraw",), [REBELS], [], (), ("Strategic developments", "Non-violent transfer of territory")),
        ("CONSULT", ("multilateral",), [ARMY], [], (), (None, None)),
        ("AID", (), [ARMY], [CIVILIANS], (), (None, None)),
    ],
)
def test_mapping(etype, modes, sources, targets, cues, expected) -> None:
    assert acled_category(etype, modes, sources, targets, cues) == expected
