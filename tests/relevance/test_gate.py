"""The relevance gate: articles without an event-like sentence skip the parse, with the reason."""

from __future__ import annotations

from dataclasses import replace

from spillwatch.records import Article, Block, DateInfo
from spillwatch.relevance.gate import gate_articles
from spillwatch.run import pipeline
from spillwatch.settings import Settings
from spillwatch.stages import Coded


def understood(articles: list[Article], settings: Settings) -> list[Coded]:
    out = list(pipeline.understand(articles, settings))
    assert all(isinstance(c, Coded) for c in out), out
    return [c for c in out if isinstance(c, Coded)]


def article(title: str, *body: str) -> Article:
    blocks = (Block("title", title), *(Block("body", b) for b in body))
    return Article(raw_id=title, source="test", blocks=blocks, published=DateInfo(None, "none"))


RECIPE = article("Spiced pear jam", "Peel four pears and cut them into cubes.", "Simmer with honey for an hour.")
ATTACK = article("Gunmen kill five in village raid", "Gunmen stormed the village of Tal Abyad on Tuesday, "
                 "killing five farmers, local officials said.")


def test_gate_skips_a_recipe_and_passes_an_attack() -> None:
    skip, run = gate_articles([RECIPE, ATTACK], Settings())
    assert not skip.run and "no sentence reads as an event" in skip.reason and skip.score < 0.5
    assert run.run and run.score >= 0.5 and len(run.model) == 12


def test_gate_off_passes_everything() -> None:
    decisions = gate_articles([RECIPE], Settings(relevance_gate=False))
    assert decisions[0].run and decisions[0].reason == "gate off"


def test_an_empty_article_is_skipped_with_its_reason() -> None:
    empty = replace(RECIPE, blocks=(Block("dateline", "BEIRUT"),))
    assert gate_articles([empty], Settings())[0].reason == "no title, body or caption text"


def test_understand_keeps_order_and_codes_only_the_relevant() -> None:
    out = understood([RECIPE, ATTACK, RECIPE], Settings())
    assert [c.annotated.id for c in out] == [RECIPE.id, ATTACK.id, RECIPE.id]
    assert not out[0].mentions and not out[0].annotated.tokens and out[0].annotated.relevance is not None
    assert out[1].annotated.tokens and any(m.type == "ASSAULT" for m in out[1].mentions)
    assert all(0.5 <= m.confidence <= 1.0 for m in out[1].mentions)


def test_confidence_is_the_detectors_probability_for_the_sentence() -> None:
    from spillwatch.relevance.model import load_detector

    coded = understood([ATTACK], Settings())[0]
    text = coded.annotated.article.text
    for m in coded.mentions:
        assert m.confidence == round(load_detector().calls([m.sentence.of(text)])[0].event_p, 3)


def test_veto_declines_every_event_in_a_non_event_sentence() -> None:
    from spillwatch.coding.events import code_events_explained

    chat = article("Cooking tips", "Chefs attack the onions with a sharp knife before they fight the garlic.")
    ann = understood([chat], Settings(relevance_gate=False))[0].annotated
    mentions, declined = code_events_explained(ann, Settings(detector_veto=True))
    assert mentions == () and any(d.reason.startswith("detector: no event") for d in declined)
