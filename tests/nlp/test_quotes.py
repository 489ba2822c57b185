from __future__ import annotations

from datetime import date

from spillwatch.records import Article, Block, DateInfo, Quote
from tests.nlp.conftest import Runner


def quotes(run_nlp: Runner, *paragraphs: str) -> list[Quote]:
    art = Article("r", "t", tuple(Block("body", p) for p in paragraphs), DateInfo(date(2020, 1, 1), "metadata"))
    return list(run_nlp(art).quotes)


def test_attribution_before_and_after(run_nlp: Runner) -> None:
    got = quotes(
        run_nlp,
        "Interior Minister Karim Nasser said: \u201cThe border will stay closed until further notice.\u201d",
        "\"We lost everything in one night,\" said Leila Mansour, a teacher.",
    )
    direct = [q for q in got if q.direct]
    assert direct[0].speaker_person == "Karim Nasser"
    assert direct[0].text == "The border will stay closed until further notice."
    assert direct[1].speaker_text == "Leila Mansour"


def test_multi_paragraph_quote_attributed_at_the_end(run_nlp: Runner) -> None:
    got = quotes(
        run_nlp,
        "Foreign Minister Ana Ruiz spoke to reporters.",
        "\u201cWe have warned about this for months. Nobody listened.",
        "\u201cNow the region is paying the price,\u201d said Colonel Tomas Berg, the army spokesman.",
    )
    direct = [q for q in got if q.direct]
    assert [q.speaker_person for q in direct] == ["Tomas Berg", "Tomas Berg"]


def test_quote_only_paragraph_takes_previous_speaker(run_nlp: Runner) -> None:
    got = quotes(
        run_nlp,
        "\u201cThe attack was cowardly,\u201d Prime Minister Sara Holm told parliament.",
        "\u201cWe will find those responsible and bring them to justice.\u201d",
    )
    assert [q.speaker_person for q in got if q.direct] == ["Sara Holm", "Sara Holm"]


def test_pronoun_speaker_and_reported_speech(run_nlp: Runner) -> None:
    got = quotes(
        run_nlp,
        "General Ali Rahimi said his forces had retaken the airport.",
        "\u201cThe enemy has fled to the hills,\u201d he said.",
    )
    reported = [q for q in got if not q.direct]
    assert reported and reported[0].text.startswith("his forces had retaken")
    assert reported[0].speaker_person == "Ali Rahimi"
    assert [q.speaker_person for q in got if q.direct] == ["Ali Rahimi"]


def test_scare_quotes_are_not_speech(run_nlp: Runner) -> None:
    assert not [q for q in quotes(run_nlp, "Officials fear a \u201cspillage\u201d of violence.") if q.direct]


def test_according_to(run_nlp: Runner) -> None:
    got = quotes(run_nlp, "More than 100 people were wounded, according to the World Health Organization.")
    (q,) = [q for q in got if not q.direct]
    assert q.text.startswith("More than 100 people were wounded")
    assert q.speaker_text is not None and "World Health Organization" in q.speaker_text


def test_reported_speech_never_contains_its_attribution(run_nlp: Runner) -> None:
    got = quotes(
        run_nlp,
        "General Ali Rahimi said the plan, which Rahimi said will cost millions, is ready. "
        "The government will publish a policy next year, which Rahimi said will address the problem.",
    )
    for q in got:
        if not q.direct and q.speaker_span is not None:
            assert q.speaker_span.end <= q.span.start or q.span.end <= q.speaker_span.start, q


def test_british_single_quotes(run_nlp: Runner) -> None:
    got = quotes(run_nlp, "‘We don’t negotiate with gunmen, and we won’t start now,’ Defence Secretary Tom Hale said.")
    (q,) = [q for q in got if q.direct]
    assert q.text.startswith("We don’t negotiate") and q.text.endswith("start now,")
    assert q.speaker_person == "Tom Hale"
