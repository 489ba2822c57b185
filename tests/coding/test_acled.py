from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spillwatch.coding.acled import acled_category
from spillwatch.coding.ontology import load_ontology
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
        ("ASSAULT", ("occupy",), [], [REBELS], (), ("Battles", None)),  # taker unknown: no guessed sub-type
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


ACLED_PAIRS = {
    ("Battles", "Armed clash"), ("Battles", "Government regains territory"),
    ("Battles", "Non-state actor overtakes territory"),
    ("Explosions/Remote violence", "Air/drone strike"), ("Explosions/Remote violence", "Suicide bomb"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED"), ("Explosions/Remote violence", "Grenade"),
    ("Explosions/Remote violence", "Chemical weapon"),
    ("Violence against civilians", "Attack"), ("Violence against civilians", "Abduction/forced disappearance"),
    ("Violence against civilians", "Sexual violence"),
    ("Protests", "Peaceful protest"), ("Riots", "Violent demonstration"),
    ("Strategic developments", "Agreement"), ("Strategic developments", "Arrests"),
    ("Strategic developments", "Headquarters or base established"),
    ("Strategic developments", "Change to group/activity"), ("Strategic developments", "Disrupted weapons use"),
    ("Strategic developments", "Looting/property destruction"),
    ("Strategic developments", "Non-violent transfer of territory"), ("Strategic developments", "Other"),
    ("Battles", None),  # force with no word on who was hit: the sub-type is said to be unknown, not guessed
    (None, None),
}  # fmt: skip

_ONTO = load_ontology()
_SECTORS = st.sampled_from(["MIL", "REB", "GOV", "CVL", "COP", "EDU", None])


@st.composite
def _events(draw: st.DrawFn) -> tuple[str, tuple[str, ...], list[Actor], list[Actor]]:
    etype = draw(st.sampled_from(_ONTO.type_names))
    modes = tuple(draw(st.lists(st.sampled_from([m.name for m in _ONTO.type(etype).modes] or ["none"]), max_size=3)))
    actor = st.builds(lambda sector, country: Actor(f"{country}_{sector}", f"an actor ({sector})", country, sector),
                      _SECTORS, st.sampled_from(["IRQ", "SYR", "IGO", None]))
    side = st.lists(actor, max_size=2)
    return etype, modes, draw(side), draw(side)


@given(_events(), st.lists(st.sampled_from(["grenade", "base", "establish", "defuse", "ied", "shoot"]), max_size=3))
def test_every_answer_is_an_acled_category(event, cues) -> None:
    etype, modes, sources, targets = event
    pair = acled_category(etype, modes, sources, targets, cues)
    assert pair in ACLED_PAIRS
    if etype == "ASSAULT":
        assert pair[0] is not None  # every act of violence has an ACLED type


def test_civilians_hint_decides_an_attack_on_unknown_targets_only() -> None:
    assert acled_category("ASSAULT", (), (), (), civilians_hint=True) == ("Violence against civilians", "Attack")
    assert acled_category("ASSAULT", (), (), ())[0] == "Battles"
    troops = Actor("SYR_MIL", "Syrian military", "SYR", "MIL")
    assert acled_category("ASSAULT", (), (), (troops,), civilians_hint=True)[0] == "Battles"
    assert acled_category("ASSAULT", ("aerial",), (), (), civilians_hint=True)[0] == "Explosions/Remote violence"


# Sentences written for these tests: who was hit decides violence against civilians (ACLED: unarmed
# non-combatants targeted directly); a toll that counts armed men, or civilians hit in a fight, does not.
@pytest.mark.parametrize(
    ("text", "trigger", "vac"),
    [
        ("Unidentified gunmen shot dead a shepherd near the village of Tal Hamis on Monday.", "shot", True),
        ("Militants executed three young men in the main square of Raqqa.", "executed", True),
        ("Fighters of the group assassinated a local pharmacist in Mayadin.", "assassinated", True),
        ("Gunmen killed two soldiers at a checkpoint near Daraa.", "killed", False),
        ("Twelve people were killed on Sunday, including four members of the security forces.", "killed", False),
        ("A clash between two rival factions killed a child in Idlib.", "killed", False),
        # unnamed people not said to be armed are civilians, as ACLED codes them
        ("Unidentified gunmen assassinated a person east of the town on Friday.", "assassinated", True),
        ("The militia executed seven people by firing squad in the square.", "executed", True),
        # a title-case headline: "Civilians" is tagged a proper noun and keeps its plural as its lemma
        ("Rebel Militants Execute Three Civilians Over Witchcraft Accusations", "Execute", True),
        # a fight coordinated with the victims is another event; a fight the killing was part of is not
        ("The group executed two men in the town and continued clashes in the countryside.", "executed", True),
        ("Two men were killed in clashes between the factions in the town.", "killed", False),
        ("A militiaman shot dead a kid begging in the market.", "shot", True),
        # a headline's participle describes who was hit, even hung on the "of" noun by the parser
        ("3 young men of one family killed by automatic weapons in the Deir Ezzor Desert", "killed", True),
        ("Two shepherds killed by gunmen near the village", "killed", True),
        # a tally of whoever died names no victims: no civilians read from "people"
        ("The attacks raise to 265 the number of people killed since the agreement", "killed", False),
    ],
)
def test_who_was_hit_decides_violence_against_civilians(text: str, trigger: str, vac: bool) -> None:
    from coding_support import one_sentence  # type: ignore[import-not-found,unused-ignore]

    from spillwatch.coding.events import code_events

    hits = [m for m in code_events(one_sentence(text)) if m.trigger_text == trigger and m.type == "ASSAULT"]
    assert hits, f"no attack coded in {text!r}"
    assert (hits[0].acled_type == "Violence against civilians") is vac


def test_press_on_is_no_request_and_a_denied_talk_is_no_talk() -> None:
    from coding_support import one_sentence  # type: ignore[import-not-found,unused-ignore]

    from spillwatch.coding.events import code_events

    advance = code_events(one_sentence("Turkish forces pressed into the Kurdish enclave for a fourth day."))
    assert not [m for m in advance if m.type == "REQUEST"]
    request = code_events(one_sentence("Iran pressed Iraq to expel the group from its territory."))
    assert [m.type for m in request if m.trigger_text == "pressed"] == ["REQUEST"]
    denied = code_events(one_sentence("The rebels deny they are negotiating an evacuation deal with Russia."))
    assert not [m for m in denied if m.type in ("CONSULT", "AGREE")]


def test_a_signed_petition_or_deal_is_the_act_it_names_not_an_act_of_support() -> None:
    from coding_support import one_sentence  # type: ignore[import-not-found,unused-ignore]

    from spillwatch.coding.events import code_events

    coded = code_events(one_sentence("Sixty Iraqi lawmakers signed a petition to the prime minister on Monday."))
    assert [(m.type, m.trigger_text) for m in coded] == [("REQUEST", "signed")]
    deal = code_events(one_sentence("Ethiopia and Eritrea signed a peace deal in Riyadh on Sunday."))
    assert [(m.type, m.trigger_text) for m in deal] == [("AGREE", "signed")]


def test_the_coder_marks_an_act_an_offset_sets_apart() -> None:
    from coding_support import one_sentence  # type: ignore[import-not-found,unused-ignore]

    from spillwatch.coding.events import code_events

    text = "The attack comes seven months after twin suicide bombings in Beirut killed 43 people in November 2015."
    roles = {m.trigger_text: {a.role for a in m.arguments} for m in code_events(one_sentence(text))}
    assert any("offset" in r for t, r in roles.items() if t in ("bombings", "killed")), roles


def test_an_execution_or_torture_of_unnamed_victims_is_violence_against_civilians() -> None:
    # the modes' own definitions: deliberate killing of the defenceless, pain inflicted on captives;
    # with nobody armed named as hit, ACLED files them under violence against civilians
    rebels = (Actor("REB", "Rebels", None, "REB"),)
    assert acled_category("ASSAULT", ("targeted",), rebels, (), ("behead", "man")) == (
        "Violence against civilians", "Attack")
    assert acled_category("ASSAULT", ("torture",), rebels, (), ("torture", "death"))[0] == "Violence against civilians"
    # a bare "killed" carries the weak default mode "targeted": no cue word, no such reading
    assert acled_category("ASSAULT", ("targeted",), rebels, (), ("kill", "clash"))[0] == "Battles"
    # an executed or tortured soldier was a captive, out of combat: ACLED's unarmed non-combatant, no clash;
    # a soldier killed or massacred (no captive named) was hit in a fight between armed sides
    troops = (Actor("SYR_MIL", "Syrian military", "SYR", "MIL"),)
    assert acled_category("ASSAULT", ("targeted",), rebels, troops, ("execute",))[0] == "Violence against civilians"
    assert acled_category("ASSAULT", ("torture",), rebels, troops, ("torture",))[0] == "Violence against civilians"
    assert acled_category("ASSAULT", ("targeted",), rebels, troops, ("kill",))[0] == "Battles"
    assert acled_category("ASSAULT", ("targeted",), rebels, troops, ("massacre",))[0] == "Battles"


@pytest.mark.parametrize(
    ("text", "mode", "subtype"),
    [
        # a title-case headline's plural is a proper noun to the tagger: its singular still names the weapon
        ("US Airstrikes Kill Eight Civilians In Eastern Syria", "aerial", "Air/drone strike"),
        # what war leaves behind kills by explosion: a landmine/IED attack, not a one-sided shooting
        ("Unexploded ordnance killed three children in a village near Hama on Sunday.", "explosives",
         "Remote explosive/landmine/IED"),
    ],
)
def test_the_weapon_is_read_from_headlines_and_leftover_explosives(text: str, mode: str, subtype: str) -> None:
    from coding_support import one_sentence  # type: ignore[import-not-found,unused-ignore]

    from spillwatch.coding.events import code_events

    coded = [m for m in code_events(one_sentence(text)) if m.type == "ASSAULT"]
    assert coded and mode in coded[0].modes and coded[0].acled_subtype == subtype, [(m.modes, m.acled_subtype)
                                                                                    for m in coded]


@pytest.mark.parametrize(
    ("text", "mode", "acled_type"),
    [
        ("A car bomb tore through a crowded market in Baghdad on Tuesday, killing 20 people.", "explosives",
         "Explosions/Remote violence"),
        ("Artillery pounded the outskirts of Aleppo overnight, killing six civilians.", "heavy-weapons",
         "Explosions/Remote violence"),
    ],
)
def test_a_result_participle_takes_the_weapon_of_its_clause(text: str, mode: str, acled_type: str) -> None:
    # the subject of the clause the "killing" hangs on is what killed: shelled civilians are ACLED's
    # shelling (with civilian targeting), not violence against civilians by an unnamed hand
    from coding_support import one_sentence  # type: ignore[import-not-found,unused-ignore]

    from spillwatch.coding.events import code_events

    killing = [m for m in code_events(one_sentence(text)) if m.trigger_text == "killing"]
    assert killing and killing[0].modes == (mode,) and killing[0].acled_type == acled_type, killing


def _coded(text: str) -> list[tuple[str, str, str | None, tuple[str, ...], tuple[str, ...]]]:
    from coding_support import one_sentence  # type: ignore[import-not-found,unused-ignore]

    from spillwatch.coding.events import code_events

    return [(m.type, m.trigger_text, m.acled_type, m.modes, tuple(a.name for a in m.targets))
            for m in code_events(one_sentence(text))]


def test_the_charge_an_act_is_done_on_names_no_target_and_no_event() -> None:
    # the group named in the charge was not attacked, and the charge itself is no clash
    coded = _coded("The militia executed a young man on charges of spying for the Nusra Front in Raqqa.")
    executed = [m for m in coded if m[1] == "executed"]
    assert executed and executed[0][2] == "Violence against civilians" and executed[0][4] == (), coded
    charged = _coded("Militants carried out an execution in Raqqa on charge of fighting the Islamic State.")
    assert not [m for m in charged if m[1] == "fighting"], charged


def test_a_killing_of_civilians_beside_a_battle_is_two_events() -> None:
    # through the whole pipeline: the actor stage names the civilians and the Syrian troops
    from spillwatch.records import Article, Block, DateInfo
    from spillwatch.run import pipeline
    from spillwatch.settings import load_settings
    from spillwatch.stages import Coded

    text = "Islamic State gunmen killed five civilians as clashes with Syrian troops raged near Hama."
    (done,) = pipeline.understand([Article("t", "test", (Block("body", text),), DateInfo(None, "none"))],
                                  load_settings())
    assert isinstance(done, Coded)
    coded = [(m.type, m.trigger_text, m.acled_type) for m in done.mentions]
    kinds = {m[1]: m[2] for m in coded if m[0] == "ASSAULT"}
    assert kinds.get("killed") == "Violence against civilians", coded
    assert kinds.get("clashes") == "Battles", coded


def test_a_clash_stays_a_battle_whatever_the_sentence_reads_as() -> None:
    # the detector's one-sided reading of a sentence does not make its clashes violence against civilians
    assert acled_category("ASSAULT", (), (), (), ("clash",), civilians_hint=True) == ("Battles", "Armed clash")


@pytest.mark.parametrize(
    ("text", "trigger", "mode"),
    [
        # bombardment is a heavy-weapons word (an aerial one says so: "aerial bombardment")
        ("Bombardment targets villages on the eastern bank of the river.", "targets", "heavy-weapons"),
        # a conjoined verb shares its subject and so its weapon
        ("Gunmen stormed the hotel and killed twenty guests.", "killed", "firearms"),
    ],
)
def test_the_weapon_is_read_from_the_subject(text: str, trigger: str, mode: str) -> None:
    coded = [m for m in _coded(text) if m[1] == trigger]
    assert coded and mode in coded[0][3], _coded(text)


def test_a_word_inside_a_name_is_no_weapon() -> None:
    coded = [m for m in _coded("Militants assassinated four engineers working in the al-Tank Oilfield.")
             if m[1] == "assassinated"]
    assert coded and "heavy-weapons" not in coded[0][3], coded


# Sentences written for these tests: ACLED files force on a demonstration and violence by demonstrators
# among demonstration events (excessive force against protesters; a violent demonstration), not as an
# armed attack or a one-sided killing.
@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("Security forces opened fire on protesters in Baghdad on Friday, killing three.", "opened",
         ("Protests", "Excessive force against protesters")),
        ("Police shot dead two demonstrators in the capital.", "shot",
         ("Protests", "Excessive force against protesters")),
        ("Gunfire at a protest in the town left seven people dead.", "Gunfire",
         ("Protests", "Excessive force against protesters")),
        ("Protesters attacked a police station and set it on fire.", "attacked", ("Riots", "Violent demonstration")),
        # the weapon first: a bomb among protesters is ACLED's explosion, as in its codebook's order
        ("A suicide bombing at a protest in Kabul killed 80 people on Saturday.", "killed",
         ("Explosions/Remote violence", "Suicide bomb")),
        # no demonstration named: the target test decides, as before
        ("Police shot dead two smugglers near the border.", "shot", ("Battles", None)),
    ],
)
def test_force_on_or_by_a_demonstration_is_a_demonstration_event(
    text: str, trigger: str, expected: tuple[str, str | None]
) -> None:
    hits = [(t, a, s) for t, trig, a, s in _typed(text) if trig == trigger and t == "ASSAULT"]
    assert hits and (hits[0][1], hits[0][2]) == expected, _typed(text)


def test_the_crowd_hint_decides_a_demonstration_event() -> None:
    police = (Actor("COP", "Police", None, "COP"),)
    assert acled_category("ASSAULT", ("firearms",), police, (), crowd="hit") == (
        "Protests", "Excessive force against protesters")
    assert acled_category("ASSAULT", (), (), police, crowd="acted") == ("Riots", "Violent demonstration")
    # an armed side hit at a protest is still a fight between armed sides
    troops = (Actor("SYR_MIL", "Syrian military", "SYR", "MIL"),)
    assert acled_category("ASSAULT", ("firearms",), police, troops, crowd="hit")[0] == "Battles"


def _typed(text: str) -> list[tuple[str, str, str | None, str | None]]:
    from coding_support import one_sentence  # type: ignore[import-not-found,unused-ignore]

    from spillwatch.coding.events import code_events

    return [(m.type, m.trigger_text, m.acled_type, m.acled_subtype) for m in code_events(one_sentence(text))]
