"""Statements of intent coded as PLOVER codes them: what an actor says it will do is the statement
(AGREE, REJECT, THREATEN, or the speaker's REQUEST), never the act itself. Sentences written for these
tests, one per marker and one per look-alike that is no commitment."""

from __future__ import annotations

import pytest
from coding_support import actor, one_sentence  # type: ignore[import-not-found,unused-ignore]

from spillwatch.coding.events import _lexicon, code_events
from spillwatch.coding.intent import find_intent, harm_of
from spillwatch.coding.patterns import DepGraph
from spillwatch.records import Actor, AnnotatedArticle
from spillwatch.settings import Settings

JORDAN = actor("JOR", "GOV", "Jordan government")
REBELS = actor("SYR", "REB", "Syrian rebels")
UN = actor("IGO", "IGO", "United Nations")
EGYPT = actor("EGY", "GOV", "Egypt government")
ACTORS: dict[str, Actor] = {"Jordan": JORDAN, "The rebels": REBELS, "the rebels": REBELS,
                            "the United Nations": UN, "Egypt": EGYPT, "the refugees": actor("JOR", "REF", "Refugees")}

CASES = [
    # (sentence, the type coded, its source, its target or None)
    ("The rebels said on Monday they will release the captured aid workers.", "AGREE", "Syrian rebels", None),
    ("Jordan says it is willing to reopen the border crossing with Syria.", "AGREE", "Jordan government", None),
    ("Jordan said it would not accept more refugees from the camps.", "REJECT", "Jordan government", None),
    ("The rebels said they would blockade the highway from Monday.", "THREATEN", "Syrian rebels", None),
    ("The rebels have sworn to fight until they retake the airport, officials said.", "THREATEN", "Syrian rebels",
     None),
    ("Egypt said on Sunday that Jordan must reopen the border crossing.", "REQUEST", "Egypt government",
     "Jordan government"),
    ("the United Nations said it may halt talks if the fighting goes on.", "THREATEN", "United Nations", None),
    ("Jordan said it will destroy its stocks of mustard gas.", "AGREE", "Jordan government", None),  # disarming
    ("Jordan said on Tuesday it would impose 25 percent duties on imports from Egypt.", "THREATEN",
     "Jordan government", None),  # what it imposes makes the act harmful
    ("The rebels will free the hostages on Friday, a spokesman said.", "AGREE", "Syrian rebels", None),
    ("Jordan said it would respond firmly to any attack on its border posts.", "THREATEN", "Jordan government",
     None),  # an answer to force is force
]


def _ann(text: str) -> AnnotatedArticle:
    """The sentence with the test actors that occur in it."""
    return one_sentence(text, {k: v for k, v in ACTORS.items() if k in text})


@pytest.mark.parametrize(("text", "etype", "source", "target"), CASES)
def test_a_statement_of_intent_is_the_statement(text: str, etype: str, source: str, target: str | None) -> None:
    ms = code_events(_ann(text), Settings())
    assert [m.type for m in ms] == [etype], [(m.type, m.trigger_text) for m in ms]
    (m,) = ms
    assert [a.name for a in m.sources] == [source]
    if target is not None:
        assert [a.name for a in m.targets] == [target]
    assert m.acled_type is None  # ACLED codes what was done, not what was said would be done
    assert any(a.role == "intent" for a in m.arguments)


NOT_COMMITMENTS = [
    "The summit in Amman will open on Monday.",  # a forecast of the calendar, nobody's commitment
    "Jordan said the new crossing would create jobs in the north.",  # a consequence: the subject is no actor
    "Jordan said the review will include the rights of refugees.",  # the maker is a thing, not an actor
    "Jordan said the rebels will attack the airport.",  # a forecast of another's act
    "Analysts in Jordan fear the rebels will launch an offensive.",  # a fear is no statement of intent
    "Officials said the rebels will need to be retrained.",  # a need, not an act anyone committed to
    "Jordan said it will take its time in dealing with the matter.",  # no event word, no event read
    "Jordan said it would not rest until the kidnapped guards were freed.",  # a vow, not a refusal
    "The rebels said they would not hesitate to strike the airport.",  # no refusal
    "Jordan has repeatedly pledged to reform the police.",  # habitual, declined with its commitment word
]


@pytest.mark.parametrize("text", NOT_COMMITMENTS)
def test_no_commitment_no_statement_event(text: str) -> None:
    ms = code_events(_ann(text), Settings())
    assert not [m for m in ms if m.type in ("AGREE", "REJECT", "THREATEN", "REQUEST")], [
        (m.type, m.trigger_text) for m in ms
    ]


def test_a_pledge_of_aid_stays_a_planned_aid_event() -> None:
    """The support ledger counts pledges: a promised delivery keeps its own type, modality "planned"."""
    ms = code_events(_ann("Jordan said it will send 200 trucks of food aid to the refugees."), Settings())
    assert [(m.type, m.modality) for m in ms] == [("AID", "planned")]


def test_a_request_needs_someone_else_to_ask() -> None:
    ann = _ann("Jordan said that we must reopen the crossing.")
    g = DepGraph(ann.tokens)
    verb = next(t.i for t in ann.tokens if t.text == "reopen")
    assert find_intent(g, verb, *harm_of(g, verb, _lexicon())) is None


def test_a_threat_to_end_talks_is_about_relations() -> None:
    (m,) = code_events(_ann("Egypt said it may halt its mediation efforts if the shelling goes on."), Settings())
    assert (m.type, m.modes) == ("THREATEN", ("relations",))
