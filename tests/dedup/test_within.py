"""Reports of one happening within one article (invented mentions; places from dedup_toys)."""

from __future__ import annotations

from dataclasses import replace

from dedup_toys import mention

from spillwatch.dedup.within import link_reports
from spillwatch.records import AnnotatedArticle, Article, Block, Clause, DateInfo, EventMention

ANN = AnnotatedArticle(Article(raw_id="a1", source="t", blocks=(), published=DateInfo(None, "none")))


def referring(m: EventMention) -> EventMention:
    """The mention as a definite reference ("the attack")."""
    span = m.trigger
    return replace(m, clause=Clause(span, span, "attack", span, reference=True))


def test_a_toll_sentence_takes_up_the_attacks_place_and_date() -> None:
    first = mention("a1", "Mosul", 0, trigger=0)
    toll = mention("a1", None, None, trigger=100, sources=())
    out = link_reports(ANN, (first, toll))
    assert out[0] == first
    assert out[1].place == first.place and out[1].date == first.date
    assert [a.role for a in out[1].arguments] == ["antecedent"]
    assert out[1].arguments[0].span == first.trigger


def test_a_definite_reference_of_another_type_in_the_family_takes_it_up() -> None:
    first = mention("a1", "Mosul", 0, trigger=0)
    blast = referring(mention("a1", None, None, trigger=100, etype="FIGHT"))
    assert link_reports(ANN, (first, blast))[1].place == first.place


def test_a_report_with_its_own_place_or_a_contradiction_is_left_alone() -> None:
    first = mention("a1", "Mosul", 0, trigger=0)
    own = mention("a1", "Raqqa", None, trigger=100)  # another country: another happening
    other_side = mention("a1", None, None, trigger=200, sources=("UNO",))  # specific actors, none shared
    other_type = mention("a1", None, None, trigger=300, etype="AGREE")
    out = link_reports(ANN, (first, own, other_side, other_type))
    assert out[1:] == (own, other_side, other_type)


def test_a_bare_mention_of_another_type_needs_a_definite_reference() -> None:
    first = mention("a1", "Mosul", 0, trigger=0)
    fight = mention("a1", None, None, trigger=100, etype="FIGHT")
    assert link_reports(ANN, (first, fight))[1] == fight


def test_a_coarse_place_in_the_same_country_is_refined_and_the_nearest_antecedent_wins() -> None:
    first = mention("a1", "Mosul", 0, trigger=0)
    second = mention("a1", "Baghdad", 0, trigger=50)
    later = referring(mention("a1", None, None, trigger=100, country_only="IRQ"))
    out = link_reports(ANN, (first, second, later))
    assert out[2].place == second.place


def test_order_of_the_input_is_kept() -> None:
    first = mention("a1", "Mosul", 0, trigger=0)
    toll = mention("a1", None, None, trigger=100, sources=())
    out = link_reports(ANN, (toll, first))
    assert out[1] == first and out[0].place == first.place


def test_every_mention_carries_the_named_entities_of_its_sentence() -> None:
    from spillwatch.records import Entity, Span

    first = replace(mention("a1", "Mosul", 0, trigger=0), sentence=Span(0, 40))
    later = replace(mention("a1", "Mosul", 0, trigger=60), sentence=Span(50, 90))
    ents = (Entity(Span(5, 10), "GPE", "Mosul"), Entity(Span(20, 30), "DATE", "Sunday"),
            Entity(Span(55, 70), "ORG", "the Iraqi Army"), Entity(Span(85, 95), "PERSON", "Across Edge"))
    out = link_reports(replace(ANN, entities=ents), (first, later))
    assert [a.text for a in out[0].arguments if a.role == "entity"] == ["Mosul"]
    assert [a.text for a in out[1].arguments if a.role == "entity"] == ["the Iraqi Army"]


TITLED = AnnotatedArticle(
    Article(raw_id="a1", source="t", blocks=(Block("title", "t" * 60), Block("body", "b" * 600)),
            published=DateInfo(None, "none"))
)


def test_a_headline_placed_only_in_the_country_takes_the_place_the_body_then_tells() -> None:
    headline = mention("a1", None, 0, trigger=10, country_only="IRQ")  # "IS claims Mosul cafe attack"
    body = mention("a1", "Mosul", 0, trigger=100)  # "... the attack on a cafe in Mosul"
    background = mention("a1", "Baghdad", 0, trigger=300, etype="AID", sources=("UNO",))
    out = link_reports(TITLED, (headline, body, background))
    assert out[0].place == body.place
    assert [a.span for a in out[0].arguments if a.role == "antecedent"] == [body.trigger]
    assert out[1:] == (body, background)


def test_a_body_report_of_another_happening_gives_the_headline_nothing() -> None:
    headline = mention("a1", None, 0, trigger=10, country_only="IRQ")
    other_country = mention("a1", "Raqqa", 0, trigger=100)  # another country
    other_side = mention("a1", "Mosul", 0, trigger=200, sources=("IRQ_MIL",))  # specific actors, none shared
    out = link_reports(TITLED, (headline, other_country, other_side))
    assert out[0] == headline
    assert link_reports(ANN, (headline, mention("a1", "Mosul", 0, trigger=100)))[0] == headline  # no title block
