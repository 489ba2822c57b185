"""Event coding on sentences written for these tests, in several reporting styles.

Actors are hand-made mentions (so these tests check coding, not the actor stage).
"""

from __future__ import annotations

from datetime import date

import pytest
from coding_cases import CASES, Case  # type: ignore[import-not-found,unused-ignore]
from coding_support import actor, annotate, article, one_sentence  # type: ignore[import-not-found,unused-ignore]

from spillwatch.coding.events import code_events, code_events_explained
from spillwatch.records import AnnotatedArticle, EventMention


def _check(case: Case, mentions: tuple[EventMention, ...]) -> None:
    if case.type is None:
        assert mentions == (), [(m.type, m.trigger_text) for m in mentions]
        return
    assert [m.type for m in mentions] == [case.type], [(m.type, m.trigger_text) for m in mentions]
    m = mentions[0]
    assert set(case.modes) <= set(m.modes), m.modes
    assert {a.id for a in m.sources} == set(case.sources)
    assert set(case.targets) <= {a.id for a in m.targets}
    assert m.place_text == case.place
    assert m.modality == case.modality
    if case.acled is not None:
        assert (m.acled_type, m.acled_subtype) == case.acled
    assert m.sentence.start <= m.trigger.start < m.trigger.end <= m.sentence.end
    assert 0.0 < m.confidence <= 1.0  # the detector's calibrated event probability (test_confidence_is_detectors)


@pytest.mark.parametrize("case", CASES, ids=[c.text[:40] for c in CASES])
def test_sentence(case: Case) -> None:
    ann = one_sentence(case.text, case.actors)
    mentions = code_events(ann)
    _check(case, mentions)
    text = ann.article.text
    for m in mentions:
        assert text[m.trigger.start : m.trigger.end] == m.trigger_text
        for arg in m.arguments:
            assert text[arg.span.start : arg.span.end] == arg.text


def test_quoted_and_dates_and_quantities() -> None:
    art = article(
        ("title", "Army shells rebel town"),
        ("dateline", "KINSHASA"),
        ("body", "The rebels said on Tuesday that the army had shelled Bunia, killing 14 people."),
        ("body", "“Government troops shelled our positions in Bunia,” a rebel spokesman said."),
    )
    ann = annotate(
        art,
        {"The rebels": actor("M23", "REB"), "the army": actor("COD", "MIL"), "Government troops": actor("COD", "MIL"),
         "our positions": actor("M23", "REB")},
        dates={"on Tuesday": (date(2024, 3, 5), date(2024, 3, 5), "day")},
        quantities={"14 people": ("killed", 14.0, None)},
        quotes=("Government troops shelled our positions in Bunia,",),
    )  # fmt: skip
    mentions, _ = code_events_explained(ann)
    shelled = [m for m in mentions if m.trigger_text == "shelled"]
    assert len(shelled) == 2
    first, second = shelled
    assert first.date is not None and first.date.start == date(2024, 3, 5)
    assert [q.best for q in first.quantities] == [14.0]
    assert not first.quoted and second.quoted
    assert second.date is not None  # inherited from the sentence before
    assert {a.id for a in second.targets} == {"M23_REB"}
    assert all(m.place_text != "KINSHASA" for m in mentions)


def test_dateline_block_never_yields_events_or_places() -> None:
    art = article(("dateline", "BAGHDAD, attack"), ("body", "Militants attacked a checkpoint, police said."))
    ann = annotate(art, {"Militants": actor("ISL", "REB")})
    mentions = code_events(ann)
    assert [m.type for m in mentions] == ["ASSAULT"]
    assert mentions[0].place_text is None
    assert all(a.role != "place" or "BAGHDAD" not in a.text for a in mentions[0].arguments)


def test_inline_dateline_is_never_a_place() -> None:
    art = article(("body", "MOSUL, Iraq – Militants attacked a checkpoint on Friday, police said."))
    ann = annotate(art, {"Militants": actor("ISL", "REB")})
    mentions = code_events(ann)
    assert [m.type for m in mentions] == ["ASSAULT"]
    assert mentions[0].place_text is None


def test_an_inline_credit_and_the_dateline_after_it_name_no_actor() -> None:
    # a page flattened to one block: the photo credit, the byline and the dateline sit mid-text
    text = ("Crowds filled the square on Friday. Photo by Jane Cruz/Metro Desk. MOSUL, Iraq – Militants "
            "attacked a checkpoint on Friday, police said. By: John Smith Militants attacked a second post.")
    ann = annotate(article(("body", text)), {"Militants": actor("ISL", "REB"), "Jane Cruz": actor("JCZ", "JRN"),
                                             "John Smith": actor("JSM", "JRN"), "Iraq": actor("IRQ", "GOV")})
    mentions = code_events(ann)
    assert [m.type for m in mentions] == ["ASSAULT", "ASSAULT"], mentions
    ids = {a.id for m in mentions for a in (*m.sources, *m.targets)}
    assert ids == {"ISL_REB"}, ids
    assert all(m.place_text is None for m in mentions)


def test_empty_annotation() -> None:
    art = article(("body", "Nothing happened."))
    assert code_events(AnnotatedArticle(art)) == ()


def test_finite_clause_never_borrows_the_main_subject() -> None:
    # the parser hangs "attacks" under "after", leaving "killed" a finite clause with no subject
    ann = one_sentence(
        "Kenya is in mourning after a series of attacks in Nairobi killed 40 people.", {"Kenya": actor("KEN", "GOV")}
    )
    mentions = code_events(ann)
    assert mentions and all("KEN_GOV" not in {a.id for a in m.sources} for m in mentions)


def test_named_building_is_no_actor() -> None:
    from spillwatch.records import Actor

    noor = Actor("unresolved:al-noor", "Al-Noor", None, None, resolved=False)
    ann = one_sentence(
        "Militants attacked the Al-Noor mosque in Kano on Friday.", {"Militants": actor("BKH", "REB"), "Al-Noor": noor}
    )
    (m,) = code_events(ann)
    assert {a.id for a in m.targets} == set() and {a.id for a in m.sources} == {"BKH_REB"}
    assert any(a.role == "object" and "mosque" in a.text for a in m.arguments)


def test_a_verbal_event_the_detector_does_not_read_needs_an_actor_of_the_table() -> None:
    """Word sense: shops "offer" goods, a book "calls for" a study. Without the detector reading an
    event, a verbal type stands only on an actor the actor table knows (a state, force, group)."""
    from spillwatch.coding.belongs import known as _known
    from spillwatch.records import Actor

    assert _known(Actor("TUR_GOV", "Turkey", "TUR", "GOV"))
    assert not _known(Actor("UNK_CVL", "civilians", None, "CVL"))
    assert not _known(Actor("unresolved:gateway-mall", "Gateway Mall", None, None, resolved=False))


@pytest.mark.parametrize(("text", "kept"), [
    ("When AFP called the police headquarters on Thursday, an officer answered.", False),  # a telephone call
    ("The United Nations called on the government on Thursday to release the prisoners.", True),
])
def test_a_time_after_a_preposition_does_not_make_a_phrasal_trigger(text: str, kept: bool) -> None:
    """"call on" a government is a request; "called the centre on Thursday" is a call."""
    from spillwatch.records import Block, DateInfo
    from spillwatch.run import pipeline
    from spillwatch.settings import load_settings

    settings = load_settings()
    art = article(("body", text))
    art = type(art)(art.raw_id, art.source, (Block("body", text),), DateInfo(date(2019, 5, 10), "metadata", "x"))
    found = code_events(pipeline.annotate_only(art, settings), settings)
    assert any(m.type == "REQUEST" and m.trigger_text == "called" for m in found) == kept


def _pipeline_coded(text: str) -> tuple[EventMention, ...]:
    from spillwatch.records import Article, Block, DateInfo
    from spillwatch.run import pipeline
    from spillwatch.settings import load_settings

    settings = load_settings()
    art = Article("t", "t", (Block("body", text),), DateInfo(date(2019, 5, 10), "metadata", "x"))
    return code_events(pipeline.annotate_only(art, settings), settings)


def test_a_phrase_is_not_read_across_another_clause() -> None:
    """"called to congratulate her on the reboot": the "on" belongs to "congratulate", no "call on"."""
    from spillwatch.records import Article, Block, DateInfo
    from spillwatch.run import pipeline
    from spillwatch.settings import load_settings

    settings = load_settings()
    text = "The minister said he called to congratulate the Iraqi army on its victory."
    art = Article("t", "t", (Block("body", text),), DateInfo(date(2019, 5, 10), "metadata", "x"))
    kept, declined = code_events_explained(pipeline.annotate_only(art, settings), settings)[:2]
    assert not [m for m in kept if m.type == "REQUEST"] and not [d for d in declined if d.type == "REQUEST"]


def test_fighting_a_social_ill_is_no_attack() -> None:
    found = _pipeline_coded("The United States praised Morocco's role in fighting terrorism across the region.")
    assert not [m for m in found if m.type == "ASSAULT"]
    found = _pipeline_coded("Kurdish forces fought Islamic State militants near the town on Monday.")
    assert [m.type for m in found] == ["ASSAULT"]


def test_the_nationality_adjective_keeps_a_definite_noun_a_repeat() -> None:
    found = _pipeline_coded("Russia asked Britain for consular access to the jailed woman. The Foreign Office "
                            "said on Saturday it was reviewing the Russian request.")
    assert [(m.type, m.trigger_text) for m in found if m.type == "REQUEST"] == [("REQUEST", "asked")]


@pytest.mark.parametrize(("text", "mobilized"), [
    ("We sent an ambulance crew and a response team vehicle to the crash in Chelmsford.", False),  # no force
    ("Canada sent a special forces team to northern Iraq.", True),
    ("The United States sent a team of military advisers to Baghdad.", True),
])
def test_a_team_is_armed_only_when_its_words_say_so(text: str, mobilized: bool) -> None:
    assert any(m.type == "MOBILIZE" for m in _pipeline_coded(text)) == mobilized


@pytest.mark.parametrize(("text", "kept"), [
    ("Many blame the Chinese government for the shortage of bibles.", False),  # no one in particular blames
    ("Beijing blamed Washington for the trade war on Friday.", True),
])
def test_a_verbal_event_the_detector_doubts_needs_a_known_source(text: str, kept: bool) -> None:
    """The actor table must know who made the accusation, not only whom it names."""
    assert any(m.type == "ACCUSE" for m in _pipeline_coded(text)) == kept


def test_a_participle_describing_people_is_their_state_not_a_new_arrest() -> None:
    found = _pipeline_coded("A researcher for the charity Chinese Human Rights Defenders said the campaigning of "
                            "family members of detained lawyers had drawn attention to China's legal system.")
    assert not [m for m in found if m.type == "COERCE"]


def test_the_triggers_own_modifier_names_its_mode() -> None:
    # "strike" is a labour strike by default; its modifier says a hunger strike
    hunger = [m for m in code_events(one_sentence("Prisoners began a hunger strike outside the parliament."))
              if m.type == "PROTEST"]
    assert hunger and hunger[0].modes == ("hunger",)
    labour = [m for m in code_events(one_sentence("Workers began a strike outside the parliament."))
              if m.type == "PROTEST"]
    assert labour and labour[0].modes == ("strike",)


@pytest.mark.parametrize(("text", "source"), [
    ("Swiss doctors handed over 700 kg of medicine to the Red Crescent in Bam on Monday.", "CHE_HLH"),
    ("Jordanian officials handed over 40 tonnes of food to the Red Crescent in Mafraq on Monday.", "JOR_GOV"),
])  # fmt: skip
def test_a_demonym_on_officials_or_doctors_names_the_giver(text: str, source: str) -> None:
    # "Swiss doctors", "Jordanian officials": the country's health workers or government, as "Jordanian
    # soldiers" are its military; without them the aid has no known giver and is declined
    aid = [m for m in _pipeline_coded(text) if m.type == "AID"]
    assert aid and [a.id for a in aid[0].sources] == [source], aid


@pytest.mark.parametrize(("text", "kept"), [
    ("Suicide attacks are a hallmark of the group.", False),  # a kind of act, no episode
    ("Clashes between the army and the rebels continued near Kidal on Monday.", True),  # its sides and place
    ("Clashes continued at the river bank between the army and the rebels on Monday.", True),  # the verb's
    ("Warplanes carried out dozens of airstrikes on villages south of Idlib on Sunday.", True),  # a count of acts
    ("A series of bombings shook the capital of Somalia on Friday.", True),  # "series" is its own singular
])  # fmt: skip
def test_a_bare_plural_anchored_to_sides_a_place_or_a_count_is_an_episode(text: str, kept: bool) -> None:
    coded = [m for m in _pipeline_coded(text) if m.type == "ASSAULT"]
    assert bool(coded) == kept, [(m.trigger_text, m.modality) for m in coded]


@pytest.mark.parametrize(
    ("text", "mobilized"),
    [
        # PLOVER's MOBILIZE raises armed or security forces: its verbs need forces as object or subject
        ("The director mobilizes both teams to confront the backlog in the civil service.", False),
        ("The company deployed new software across its offices.", False),
        ("Russia mobilized 300,000 reservists in September.", True),
        ("Thousands of troops were deployed to the capital.", True),
        ("The army deployed along the northern border on Monday.", True),
    ],
)
def test_mobilizing_needs_forces(text: str, mobilized: bool) -> None:
    known = {"director": actor("NGA", "GOV"), "company": actor("USA", "BUS"), "Russia": actor("RUS", "GOV"),
             "army": actor("IRQ", "MIL")}
    coded = code_events(one_sentence(text, {k: v for k, v in known.items() if k in text}))
    assert any(m.type == "MOBILIZE" for m in coded) is mobilized, coded


def test_a_planned_act_is_kept_only_as_a_commitment() -> None:
    # "will support" in a relative clause is what a strategy is meant to do, no act of support;
    # a planned deployment is a pledge the support ledger records
    plan = code_events(one_sentence("Officials drafted an EU strategy that will support growth and jobs.",
                                    {"EU": actor("EUR", "IGO")}))
    assert not [m for m in plan if m.type == "SUPPORT"], plan
    agreed = code_events(one_sentence("Member states of the OAS unanimously agreed to support the request.",
                                      {"OAS": actor("OAS", "IGO")}))
    assert [m.type for m in agreed if m.type == "SUPPORT"] == ["SUPPORT"], agreed  # a commitment, PLOVER's AGREE
    canada = {"Canada": actor("CAN", "GOV")}
    pledge = code_events(one_sentence("Canada will deploy 200 soldiers to Jordan next year.", canada))
    assert [(m.type, m.modality) for m in pledge if m.type == "MOBILIZE"] == [("MOBILIZE", "planned")], pledge


@pytest.mark.parametrize(
    ("text", "trigger", "kept"),
    [
        # a participle that says who a group is, inside a clause about something else, tells no episode
        ("The adviser was embedded with US forces in the country battling the Islamic State.", "battling", False),
        ("Kurdish fighters battling the Islamic State captured the town on Sunday.", "battling", False),
        # with a time of its own it is the episode told
        ("Witnesses saw gunmen shooting at the crowd on Friday.", "shooting", True),
    ],
)
def test_a_participle_describing_a_group_is_no_episode(text: str, trigger: str, kept: bool) -> None:
    known = {"Islamic State": actor("ISL", "REB"), "Kurdish fighters": actor("KRD", "REB"),
             "gunmen": actor("UAG", "REB")}
    coded = code_events(one_sentence(text, {k: v for k, v in known.items() if k in text}))
    assert any(m.trigger_text == trigger for m in coded) is kept, coded


@pytest.mark.parametrize(
    ("text", "etype", "recipient"),
    [
        # a name in the object's "with" phrase is the counterpart, not what was shared or signed
        ("Jordan shared intelligence with Iraq about the group's movements.", "COOPERATE", "IRQ_GOV"),
        ("Ethiopia signed a peace deal with Eritrea in Riyadh on Sunday.", "AGREE", "ERI_GOV"),
        # coordinated verbs share the recipient their "to" phrase names
        ("Canada donated and delivered 26 trucks to Jordan.", "AID", "JOR_GOV"),
    ],
)
def test_the_counterpart_of_sharing_signing_and_giving(text: str, etype: str, recipient: str) -> None:
    known = {name: actor(code, "GOV") for name, code in
             (("Jordan", "JOR"), ("Iraq", "IRQ"), ("Ethiopia", "ETH"), ("Eritrea", "ERI"), ("Canada", "CAN"))}
    coded = [m for m in code_events(one_sentence(text, {k: v for k, v in known.items() if k in text}))
             if m.type == etype]
    assert coded and recipient in {a.id for a in coded[0].targets}, coded


def _placed(text: str, names: dict[str, str]) -> AnnotatedArticle:
    from dataclasses import replace

    from spillwatch.records import Place, Span

    ann = annotate(article(("body", text)))
    places = [Place(Span(text.index(n), text.index(n) + len(n)), n, country_iso3=iso3, name=n,
                    feature_code="PCLI" if n == "Iraq" else "PPL") for n, iso3 in names.items()]
    return replace(ann, places=tuple(places))


def test_the_government_unnamed_is_that_of_the_country_the_story_is_about() -> None:
    text = ("Fighting went on in Mosul and Tal Afar in Iraq on Monday. "
            "The government convened a meeting with tribal leaders on Tuesday.")
    coded = [m for m in code_events(_placed(text, {"Mosul": "IRQ", "Tal Afar": "IRQ", "Iraq": "IRQ"}))
             if m.trigger_text == "meeting"]
    assert coded and [a.id for a in coded[0].sources] == ["IRQ_GOV"], coded
    former = ("Fighting went on in Mosul and Tal Afar in Iraq on Monday. "
              "The former president convened a meeting with tribal leaders on Tuesday.")
    ex = [m for m in code_events(_placed(former, {"Mosul": "IRQ", "Tal Afar": "IRQ", "Iraq": "IRQ"}))
          if m.trigger_text == "meeting"]
    assert not any(a.id == "IRQ_GOV" for m in ex for a in m.sources), ex  # a former president is no government
    # two places are no story's country: the unnamed government stays unknown
    few = [m for m in code_events(_placed(text, {"Mosul": "IRQ", "Tal Afar": "IRQ"})) if m.trigger_text == "meeting"]
    assert not any(a.id == "IRQ_GOV" for m in few for a in m.sources), few


def test_a_practice_alleged_in_the_present_is_no_episode() -> None:
    text = "The theory alleges that Trump is breaking up the rings and arresting those involved in them."
    coded = code_events(one_sentence(text, {"Trump": actor("USA", "GOV")}))
    assert not [m for m in coded if m.type == "COERCE"], coded


def test_an_announced_withdrawal_is_kept_as_planned() -> None:
    # the support a partner takes back is part of the ledger's story, announced before it is done:
    # a headline's "to end airstrikes" is a planned withdrawal, kept
    text = "Canada to end airstrikes, triple training mission in northern Iraq"
    coded = code_events(annotate(article(("title", text)), {"Canada": actor("CAN", "GOV")}))
    assert [(m.type, m.modality) for m in coded if m.type == "RETREAT"] == [("RETREAT", "planned")], coded
