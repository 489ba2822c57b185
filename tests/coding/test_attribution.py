"""Claims and attributions of responsibility bound to attacks, on articles written for these tests.

Built with the real pipeline pieces: spaCy parse, the nlp/geo annotators of ``pipeline.ANNOTATORS``
(so actors come from the actor stage), ``code_events`` and then ``attribute``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spillwatch.coding.attribution import attribute, responsibility
from spillwatch.coding.claims import find_claims
from spillwatch.coding.events import code_events
from spillwatch.coding.patterns import DepGraph
from spillwatch.nlp.parse import annotate_one, load_pipeline
from spillwatch.records import AnnotatedArticle, Article, Block, BlockRole, DateInfo, EventMention
from spillwatch.run.pipeline import annotate_one as run_annotators
from spillwatch.settings import Settings

SETTINGS = Settings()


@pytest.fixture(scope="session", autouse=True)
def _spacy_once() -> None:
    load_pipeline(SETTINGS.spacy_pipeline)  # cached: every test below reuses this one pipeline


def build(*blocks: tuple[BlockRole, str], published: date | None = None) -> AnnotatedArticle:
    art = Article(
        raw_id="test",
        source="test",
        blocks=tuple(Block(role, text) for role, text in blocks),
        published=DateInfo(published, "metadata" if published else "none"),
    )
    return run_annotators(annotate_one(art, SETTINGS), SETTINGS)


@dataclass
class Coded:
    ann: AnnotatedArticle
    before: tuple[EventMention, ...]
    after: tuple[EventMention, ...]

    def at(self, words: str) -> list[EventMention]:
        """Violent mentions of the sentence that contains ``words``."""
        text = self.ann.article.text
        pos = text.index(words)
        return [m for m in self.after if m.sentence.start <= pos < m.sentence.end and m.type == "ASSAULT"]

    def sources_at(self, words: str) -> set[str]:
        return {a.id for m in self.at(words) for a in m.sources}


def code(*blocks: tuple[BlockRole, str], published: date | None = None) -> Coded:
    ann = build(*blocks, published=published)
    before = code_events(ann, SETTINGS)
    return Coded(ann, before, attribute(ann, before, SETTINGS))


def body(*paragraphs: str, published: date | None = None) -> Coded:
    return code(*(("body", p) for p in paragraphs), published=published)


# ---------------------------------------------------------------------- finding claims
CLAIMS = [
    # (context sentences, sentence with the claim, kind or None, claimant's actor id)
    ((), "Islamic State claimed responsibility for the attack on Tuesday.", "claimed", "ISL"),
    ((), "The bombing was claimed by Boko Haram.", "claimed", "BKH"),
    ((), "Police said Boko Haram took responsibility for the kidnapping.", "claimed", "BKH"),
    (("Al-Shabaab fighters have been active in the region for years.",),
     "The group said it carried out the bombing.", "claimed", "AQ_SHB"),
    ((), "The Islamic State group said its fighters were behind the raid.", "claimed", "ISL"),
    ((), "Turkish officials blamed the attack on Islamic State.", "attributed", "ISL"),
    ((), "The government blamed Boko Haram for the massacre.", "attributed", "BKH"),
    ((), "Security officials attributed the attack to the Islamic State group.", "attributed", "ISL"),
    ((), "Police accused al-Shabaab of carrying out the attack.", "attributed", "AQ_SHB"),
    ((), "Officials said the explosion bore the hallmarks of al-Shabaab.", "attributed", "AQ_SHB"),
    ((), "Al-Shabaab denied any involvement in the bombing.", "denied", "AQ_SHB"),
    ((), "Boko Haram said it did not carry out the attack.", "denied", "BKH"),
    ((), "No group has claimed responsibility for the attack.", None, ""),
    ((), "Islamic State has not claimed the bombing.", None, ""),
    ((), "There was no immediate claim of responsibility.", None, ""),
    ((), "The gunmen claimed the lives of nine villagers.", None, ""),
    ((), "Islamic State claims to have killed many soldiers in Syria over the years, analysts say.", None, ""),
    ((), "Militants linked to the Islamic State group seized parts of the city.", None, ""),
    ((), "Analysts said the video asserted the group's claim to lead jihadists elsewhere.", None, ""),
    ((), "Turkey has suffered a series of bombings attributed to Islamic State.", "attributed", "ISL"),
    ((), "A claim of responsibility by al-Shabaab was posted online.", "claimed", "AQ_SHB"),
    ((), "Officials said it was unclear who was behind the attack.", None, ""),
    (("Islamic State fighters have struck the city before.",),
     "The group's news agency said the attacker was one of its soldiers.", "claimed", "ISL"),
    ((), "The attack, which Boko Haram later claimed, killed nine people.", "claimed", "BKH"),
    (("Islamic State fighters held the hostages for months.",),
     "The group released a video showing the beheading of two hostages.", "claimed", "ISL"),
    ((), "The ministry released a video of the parade.", None, ""),
    ((), "Islamic State said it would carry out more attacks in the city.", None, ""),
]  # fmt: skip


@pytest.mark.parametrize(("context", "sentence", "kind", "claimant"), CLAIMS)
def test_claim_kinds(context: tuple[str, ...], sentence: str, kind: str | None, claimant: str) -> None:
    ann = build(("body", " ".join((*context, sentence))))
    text = ann.article.text
    start = text.index(sentence)
    found = [c for c in find_claims(ann, DepGraph(ann.tokens)) if ann.sentences[c.sentence].span.start >= start]
    if kind is None:
        assert [c for c in found if c.kind != "denied"] == []
        return
    assert [c.kind for c in found] == [kind]
    assert [m.actor.id for m in found[0].claimants] == [claimant]


# ---------------------------------------------------------------------- binding claims to events
def test_claim_in_the_next_sentence_sets_the_source() -> None:
    c = body(
        "A suicide bomber blew himself up at a police checkpoint in Kirkuk on Tuesday, killing nine officers. "
        "Islamic State claimed responsibility for the bombing in a statement."
    )
    hit = c.at("killing nine")
    assert hit and all("ISL" in {a.id for a in m.sources} for m in hit)
    m = hit[0]
    assert responsibility(m) == "claimed"
    args = [a for a in m.arguments if a.role == "source"]
    assert any(a.text == "Islamic State" and a.span.of(c.ann.article.text) == a.text for a in args)
    cue = next(a for a in m.arguments if a.role == "claimed")
    assert cue.span.of(c.ann.article.text) == cue.text == "claimed responsibility"


def test_generic_attackers_are_replaced_by_the_claimant() -> None:
    c = body(
        "Gunmen stormed a hotel in Mogadishu on Friday, killing 15 people. "
        "Al-Shabaab said its fighters carried out the assault."
    )
    before = {a.id for m in c.before if m.type == "ASSAULT" and "Gunmen" in m.sentence.of(c.ann.article.text)
              for a in m.sources}  # fmt: skip
    assert any(i.startswith("UNK_") or i.startswith("unresolved:") for i in before)
    after = c.sources_at("Gunmen stormed")
    assert "AQ_SHB" in after
    assert not any(i.startswith("UNK_") for i in after)


def test_officials_who_blame_are_not_the_attackers() -> None:
    c = body(
        "Twin blasts hit a bus station in Kano on Monday, killing 20 people. Police blamed the blasts on Boko Haram."
    )
    assert "BKH" in c.sources_at("Twin blasts")
    blamed = c.at("Police blamed")
    for m in blamed:
        assert "BKH" not in {a.id for a in m.targets}
        assert not any(a.sector == "COP" for a in m.sources)
    assert all(responsibility(m) == "attributed" for m in c.at("Twin blasts"))


def test_attribution_as_the_work_of_a_group() -> None:
    c = body(
        "A bomb exploded near a mosque in Quetta on Friday, killing eight worshippers. "
        "Officials said the bombing bore the hallmarks of Islamic State Khorasan Province."
    )
    assert "ISL_KP" in c.sources_at("A bomb exploded")


def test_denial_sets_no_source() -> None:
    c = body(
        "A car bomb exploded outside a market in Baidoa on Monday, killing six people. "
        "Al-Shabaab denied any involvement in the bombing."
    )
    hit = c.at("A car bomb")
    assert hit
    assert all(m.sources == () for m in hit)
    assert any(a.role == "denied" for m in hit for a in m.arguments)
    assert all(responsibility(m) is None for m in hit)


def test_attribution_stands_beside_a_denial() -> None:
    c = body(
        "Gunmen attacked a village near Maiduguri on Sunday, killing 30 people. "
        "Officials blamed Boko Haram for the attack, but the group denied involvement."
    )
    hit = c.at("Gunmen attacked")
    assert "BKH" in c.sources_at("Gunmen attacked")
    roles = {a.role for m in hit for a in m.arguments}
    assert {"attributed", "denied"} <= roles


def test_two_attacks_one_claim_binds_the_one_it_names() -> None:
    c = body(
        "Gunmen opened fire on a police post in Arish on Tuesday, killing three officers. "
        "Later that day a car bomb exploded outside a church in Tanta, killing nine people. "
        "The Islamic State group claimed responsibility for the church bombing."
    )
    assert "ISL" in c.sources_at("a car bomb")
    assert "ISL" not in c.sources_at("Gunmen opened")


def test_claim_in_the_title_only() -> None:
    c = code(
        ("title", "Islamic State claims deadly wedding bombing in Kabul"),
        ("body", "A suicide bomber struck a crowded wedding hall in Kabul on Saturday, killing 63 guests."),
    )
    assert "ISL" in c.sources_at("A suicide bomber")
    assert all(responsibility(m) == "claimed" for m in c.at("A suicide bomber"))


def test_claim_with_an_indefinite_attack_stays_in_its_sentence() -> None:
    c = body(
        "Gunmen killed four farmers near Diffa on Monday. "
        "In May, a roadside bomb near Bosso killed five soldiers in an attack the Islamic State group claimed."
    )
    assert "ISL" in c.sources_at("roadside bomb")
    assert "ISL" not in c.sources_at("Gunmen killed four")


def test_attribution_over_a_list_of_attacks() -> None:
    c = body(
        "Gunmen killed four farmers near Gao on Monday. "
        "The raid was the latest in a string of attacks attributed to Boko Haram, including a bombing at a market "
        "in Maiduguri in March that killed 12 people."
    )
    assert "BKH" in c.sources_at("including a bombing")


@pytest.mark.parametrize(
    "claim",
    [
        "Islamic State has claimed similar attacks on police in the province.",
        "Islamic State has claimed responsibility for most of the recent attacks in the province.",
        "Islamic State has previously claimed several attacks in Kirkuk.",
    ],
)
def test_claims_of_other_attacks_do_not_bind_this_one(claim: str) -> None:
    c = body("Gunmen killed six policemen at a checkpoint in Kirkuk on Monday. " + claim)
    assert "ISL" not in c.sources_at("Gunmen killed six")


@pytest.mark.parametrize(("claim", "bound"), [("the raid", True), ("the attack", False)])
def test_coercion_is_bound_only_when_the_claim_names_it(claim: str, bound: bool) -> None:
    c = body(f"Gunmen raided a bank in Arish on Monday. Islamic State claimed responsibility for {claim}.")
    raided = [m for m in c.after if m.trigger_text == "raided"]
    assert raided and raided[0].type == "COERCE"
    assert ("ISL" in {a.id for a in raided[0].sources}) is bound


def test_negated_claim_binds_nothing() -> None:
    c = body(
        "Gunmen killed twelve traders at a market in Mopti on Monday. "
        "No group has claimed responsibility for the attack."
    )
    assert c.after == c.before


def test_background_attack_is_not_bound_by_a_later_claim() -> None:
    c = code(
        ("title", "Car bomb kills 12 at Kirkuk bus station"),
        ("body", "The blast came two months after a bombing in Kirkuk killed 30 people in March 2019. "
                 "Islamic State claimed responsibility for the bombing on Tuesday."),
        published=date(2019, 5, 21),
    )  # fmt: skip
    assert "ISL" in c.sources_at("Car bomb kills")
    assert "ISL" not in c.sources_at("two months after")


# ---------------------------------------------------------------------- invariants
ARTICLES = [
    ("body", "Gunmen stormed a hotel in Mogadishu on Friday, killing 15 people. Al-Shabaab said its fighters carried "
             "out the assault. Police blamed the group for a separate bombing in Baidoa last month."),
    ("body", "Twin blasts hit a bus station in Kano on Monday, killing 20 people. Police blamed the blasts on Boko "
             "Haram, which denied involvement."),
]  # fmt: skip


@pytest.mark.parametrize("block", ARTICLES)
def test_only_actor_fields_change_and_twice_is_once(block: tuple[BlockRole, str]) -> None:
    c = code(block)
    assert len(c.after) == len(c.before)
    for old, new in zip(c.before, c.after, strict=True):
        same = replace(new, sources=old.sources, targets=old.targets, arguments=old.arguments,
                       acled_type=old.acled_type, acled_subtype=old.acled_subtype)  # fmt: skip
        assert same == old
        assert all(a.span.of(c.ann.article.text) == a.text for a in new.arguments)
    assert attribute(c.ann, c.after, SETTINGS) == c.after


def test_nothing_to_do() -> None:
    ann = build(("body", "The minister met his counterpart in Amman on Monday."))
    mentions = code_events(ann, SETTINGS)
    assert attribute(ann, mentions, SETTINGS) == mentions
    assert attribute(ann, (), SETTINGS) == ()


# ---------------------------------------------------------------------- properties over composed articles
ATTACKS = (
    "Gunmen attacked a police station in Kano on Monday, killing four officers.",
    "A car bomb exploded near a market in Baidoa on Tuesday, killing six people.",
    "Militants ambushed an army patrol near Menaka, killing five soldiers.",
    "Two suicide bombers struck a mosque in Kabul on Friday, killing 20 worshippers.",
)
DENIALS = (
    "Al-Shabaab denied any involvement in the attack.",
    "Boko Haram said it did not carry out the bombing.",
    "No group has claimed responsibility for the attack.",
    "There was no immediate claim of responsibility.",
)
CLAIMS_POOL = (
    "Islamic State claimed responsibility for the attack.",
    "Police blamed the attack on Boko Haram.",
    "The Islamic State group said its fighters carried out the ambush.",
)


@settings(max_examples=15, deadline=None)
@given(st.lists(st.sampled_from(ATTACKS), min_size=1, max_size=2, unique=True),
       st.lists(st.sampled_from(DENIALS), min_size=1, max_size=2, unique=True))  # fmt: skip
def test_denials_and_non_claims_never_set_a_source(attacks: list[str], denials: list[str]) -> None:
    c = body(" ".join(attacks + denials))
    for old, new in zip(c.before, c.after, strict=True):
        assert new.sources == old.sources
        assert responsibility(new) is None


@settings(max_examples=15, deadline=None)
@given(st.lists(st.sampled_from(ATTACKS + DENIALS + CLAIMS_POOL), min_size=1, max_size=4))
def test_composed_articles_keep_mentions_and_settle_at_once(sentences: list[str]) -> None:
    c = body(" ".join(sentences))
    assert [(m.type, m.trigger) for m in c.after] == [(m.type, m.trigger) for m in c.before]
    assert attribute(c.ann, c.after, SETTINGS) == c.after
    for m in c.after:
        if responsibility(m) is not None:
            assert any(a.role == "source" for a in m.arguments) and m.sources
