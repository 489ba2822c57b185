"""ACLED view of a coded event: event type and sub-event type where one fits.

Input: PLOVER type, modes and the source/target actors (their sectors say who is armed). Output:
``(acled_type, acled_subtype)`` or ``(None, None)`` when no ACLED category fits (most verbal
events, AID, CONSULT...). Rules follow ACLED's own split: weapon first (remote violence), then
who was hit (armed side -> battle, civilians -> violence against civilians), then territory.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from spillwatch.coding.ontology import load_ontology
from spillwatch.records import Actor

BATTLES = "Battles"
REMOTE = "Explosions/Remote violence"
VAC = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"

ARMED_SECTORS = frozenset({"MIL", "REB", "INS", "PMG", "SPY", "COP", "UAF", "IMG", "SEC", "MIL/GOV"})
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY", "JUD", "LEG"})
CIVILIAN_SECTORS = frozenset({"CVL", "REF", "EDU", "MED", "HLH", "JRN", "LAB", "BUS", "AGR", "REL", "NGO"})

REMOTE_MODES = (
    ("suicide-attack", "Suicide bomb"),
    ("unconventional", "Chemical weapon"),
    ("drone", "Air/drone strike"),
    ("aerial", "Air/drone strike"),
    ("heavy-weapons", "Shelling/artillery/missile attack"),
    ("explosives", "Remote explosive/landmine/IED"),
)
# Modes whose victims are by definition defenceless (the ontology's definitions: "deliberate killing of
# chosen people: assassination, execution, massacre of the defenceless", pain inflicted "on people
# held captive", beating): their cue words, with no armed target named, are ACLED's violence against
# civilians. The cue words, not the mode: a bare "killed" carries "targeted" as a weak default.
DEFENCELESS_MODES = ("targeted", "torture", "beat")
# but an assassination chooses its one target, often an official or a commander, whom the text may
# not name as armed: it decides nothing alone
CHOSEN_TARGET_CUES = frozenset({"assassinate", "assassination"})
# who is executed, beheaded or tortured is held captive: out of combat whatever side they fought on, and
# ACLED's violence against civilians is violence on people who cannot fight back ("executing 2 members of
# the SDF" is no armed clash); a massacre or a beating names no captive and is left to the target test
CAPTIVE_CUES = frozenset({"execute", "execution", "behead", "beheading", "torture"})
CROWD_HIT = "hit"  # the act hit a demonstration or its people
CROWD_ACTED = "acted"  # demonstrators did it
RIOT_SUB = "Violent demonstration"
FORCE_ON_PROTEST = "Excessive force against protesters"
STRATEGIC_BY_TYPE = {
    "AGREE": "Agreement",
    "MOBILIZE": "Other",
    "RETREAT": "Non-violent transfer of territory",
}
BASE_CUES = frozenset({"base", "headquarters", "hq", "outpost", "camp"})
DISRUPT_CUES = frozenset({"defuse", "dismantle", "intercept", "down", "clear", "disarm"})
FIGHT_CUES = frozenset({"clash", "fight", "battle", "combat", "firefight", "skirmish", "exchange", "fighting"})
WEAPON_CUES = frozenset({"ied", "bomb", "mine", "landmine", "explosive", "rocket", "missile", "drone", "weapon"})
COERCE_MODES = {
    "arrest": "Arrests",
    "seize": "Looting/property destruction",
    "ban": "Change to group/activity",
    "curfew": "Other",
    "martial-law": "Other",
}


@lru_cache(maxsize=1)
def _defenceless_cues() -> frozenset[str]:
    assault = load_ontology().type("ASSAULT")
    words = frozenset(c for m in assault.modes if m.name in DEFENCELESS_MODES for c in m.cues)
    return words - CHOSEN_TARGET_CUES


def _sectors(actors: Sequence[Actor]) -> set[str]:
    return {a.sector for a in actors if a.sector}


def armed(actors: Sequence[Actor]) -> bool:
    return bool(_sectors(actors) & ARMED_SECTORS) or any(a.country == "ISL" or a.id == "ISL" for a in actors)


def civilian(actors: Sequence[Actor]) -> bool:
    sectors = _sectors(actors)
    return bool(sectors) and not sectors & ARMED_SECTORS and bool(sectors & CIVILIAN_SECTORS)


def state(actors: Sequence[Actor]) -> bool:
    return bool(_sectors(actors) & STATE_SECTORS)


def _assault(
    modes: Sequence[str], sources: Sequence[Actor], targets: Sequence[Actor], cues: frozenset[str],
    civilians_hint: bool = False,
    crowd: str = "",
) -> tuple[str, str | None]:
    if crowd == CROWD_ACTED:
        return RIOTS, RIOT_SUB  # demonstrators turned violent (on police too): ACLED's riot, not an armed attack
    if "occupy" in modes:
        if state(sources):
            return BATTLES, "Government regains territory"
        if armed(sources):
            return BATTLES, "Non-state actor overtakes territory"
        return BATTLES, None  # who took the ground is not said: the sub-type is unknown, never guessed
    if "explosives" in modes and "grenade" in cues:
        return REMOTE, "Grenade"
    for mode, sub in REMOTE_MODES:
        if mode in modes:
            return REMOTE, sub  # the weapon first: a bomb set off in a protest is ACLED's explosion, not force on it
    if crowd == CROWD_HIT and not armed(targets):
        return PROTESTS, FORCE_ON_PROTEST  # force on a protest: ACLED files it among demonstration events
    if "sexual" in modes:
        return VAC, "Sexual violence"
    if "abduct" in modes and not armed(targets):
        return VAC, "Abduction/forced disappearance"
    if "destroy" in modes and not targets:
        return STRATEGIC, "Looting/property destruction"
    if cues & CAPTIVE_CUES:
        return VAC, "Attack"  # an execution or torture: the victim was a captive, armed or not (hors de combat)
    if armed(targets):
        return BATTLES, "Armed clash"  # an armed side was hit: a fight between two armed sides
    if civilian(targets):
        return VAC, "Attack"  # civilians were hit
    if cues & _defenceless_cues():
        return VAC, "Attack"  # an execution, a beheading, torture: no armed side was hit (checked above)
    if cues & FIGHT_CUES:
        return BATTLES, "Armed clash"  # a clash is two armed sides fighting, whatever else the sentence says
    if civilians_hint:
        return VAC, "Attack"  # no side named: the detector reads the sentence as one-sided violence
    return BATTLES, None  # who was hit is not said: the type is ACLED's default for armed force, the sub-type unknown


def _protest(modes: Sequence[str]) -> tuple[str, str]:
    if "riot" in modes:
        return RIOTS, RIOT_SUB
    return PROTESTS, "Peaceful protest"


def acled_category(
    event_type: str,
    modes: Sequence[str],
    sources: Sequence[Actor],
    targets: Sequence[Actor],
    cues: Sequence[str] = (),
    civilians_hint: bool = False,
    crowd: str = "",
) -> tuple[str | None, str | None]:
    """ACLED (event type, sub-event type) for a PLOVER event, or (None, None).

    ``cues`` are lemmas of the trigger's clause; they separate grenades from other explosives,
    bases from other deployments, and defusing a bomb from using one. ``civilians_hint``: the event
    detector reads the sentence as one-sided violence against civilians (trained on UCDP's type of
    violence); it decides an attack on targets not known to be armed. ``crowd``: a demonstration
    was hit (``CROWD_HIT``: "opened fire on protesters") or did the act (``CROWD_ACTED``:
    "protesters stormed the police station"); ACLED files both among demonstration events.
    """
    words = frozenset(c.lower() for c in cues)
    if words & DISRUPT_CUES and words & WEAPON_CUES and event_type in ("COERCE", "RETREAT", "ASSAULT"):
        return STRATEGIC, "Disrupted weapons use"
    if event_type == "ASSAULT":
        return _assault(modes, sources, targets, words, civilians_hint, crowd)
    if event_type == "MOBILIZE" and words & BASE_CUES and words & {"establish", "set", "build", "open"}:
        return STRATEGIC, "Headquarters or base established"
    if event_type == "PROTEST":
        return _protest(modes)
    if event_type == "COERCE":
        for mode, sub in COERCE_MODES.items():
            if mode in modes:
                return STRATEGIC, sub
        return STRATEGIC, "Other"
    if event_type == "RETREAT" and "withdraw" not in modes:
        return (STRATEGIC, "Other") if modes else (None, None)
    if event_type in STRATEGIC_BY_TYPE:
        return STRATEGIC, STRATEGIC_BY_TYPE[event_type]
    return None, None
