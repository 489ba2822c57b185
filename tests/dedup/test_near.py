"""Near-duplicate detection on invented articles: copies and rewrites match, other reports do not."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from spillwatch.dedup.near import (
    JACCARD_THRESHOLD,
    NearDupIndex,
    Signature,
    estimate,
    rebuild_index,
    signature,
    signature_of_text,
)
from spillwatch.records import Article, Block, DateInfo

BODY = [
    "Gunmen attacked a police checkpoint on the road between Tal Afar and Sinjar before dawn on "
    "Tuesday, killing four officers and wounding two others, a local official said.",
    "The attackers arrived in two pickup trucks and opened fire with machine guns before "
    "withdrawing towards the desert west of the town, according to the district mayor.",
    "Security forces sealed off the area and began searching nearby villages for the assailants, "
    "who were believed to belong to a cell that has carried out several raids this year.",
    "No group immediately claimed responsibility, but officials blamed remnants of the militant "
    "movement that once controlled large parts of the province.",
    "The checkpoint had been reinforced last month after an earlier ambush on a supply convoy "
    "travelling the same road, in which one soldier died.",
    "Residents said the sound of gunfire lasted for nearly half an hour and that ambulances did "
    "not reach the site until after sunrise because of fears of roadside bombs.",
    "The provincial council called for more troops to be stationed along the highway, which links "
    "the border crossing with the city and carries most of the region's fuel trucks.",
    "Two of the wounded officers were taken to hospital in Mosul, where doctors described their condition as stable.",
]

OTHER_REPORT = [
    "Four Iraqi policemen died on Tuesday when militants stormed a checkpoint near Sinjar, police "
    "sources told our correspondent, in the latest of a string of night attacks in Nineveh.",
    "The sources said the fighters, who came from the direction of the Syrian border, used "
    "rifles and rocket-propelled grenades, and that two more police were hurt.",
    "Islamic State sleeper cells remain active in the deserts of western Nineveh despite the "
    "group's territorial defeat, and attacks on security posts have risen since the spring.",
    "A spokesman for the interior ministry said reinforcements had been sent and that an "
    "operation to pursue the attackers was under way.",
]


def article(title: str, paragraphs: list[str], outlet: str = "", caption: str | None = None) -> Article:
    blocks = [Block("title", title), Block("byline", f"By staff of {outlet}")]
    blocks += [Block("body", p) for p in paragraphs]
    if caption:
        blocks.append(Block("caption", caption))
    return Article(raw_id=title, source=outlet, blocks=tuple(blocks), published=DateInfo(None, "none"))


ORIGINAL = article("Four police killed in attack near Sinjar", BODY, "Wire")
SYNDICATED = article("Gunmen kill four officers at Iraq checkpoint", BODY, "Daily Paper", "A checkpoint, file photo")
REWRITE = article(
    "Attack on checkpoint leaves four dead",
    [
        p.replace("Tuesday", "Tuesday morning").replace("a local official said", "officials said")
        for i, p in enumerate(BODY)
        if i != 5
    ],
    "Regional Site",
)
TRUNCATED = article("Four police killed near Sinjar", BODY[:4], "Aggregator")
DIFFERENT = article("Militants storm Sinjar checkpoint", OTHER_REPORT, "Other Agency")


def jaccard(a: Article, b: Article) -> float:
    return estimate(signature(a), signature(b))[0]


def test_syndicated_copy_with_new_furniture_is_a_near_duplicate() -> None:
    assert jaccard(ORIGINAL, SYNDICATED) == 1.0
    match = rebuild_index([("orig", signature(ORIGINAL))]).query(signature(SYNDICATED))
    assert match is not None and match.article_id == "orig"


def test_lightly_edited_rewrite_is_a_near_duplicate() -> None:
    assert jaccard(ORIGINAL, REWRITE) >= JACCARD_THRESHOLD
    index = rebuild_index([("orig", signature(ORIGINAL)), ("other", signature(DIFFERENT))])
    match = index.query(signature(REWRITE))
    assert match is not None and match.article_id == "orig"


def test_truncated_copy_matches_through_containment() -> None:
    match = rebuild_index([("orig", signature(ORIGINAL))]).query(signature(TRUNCATED))
    assert match is not None and match.containment >= 0.9


def test_different_report_of_the_same_event_is_not_a_duplicate() -> None:
    assert jaccard(ORIGINAL, DIFFERENT) < 0.15
    index = rebuild_index([("orig", signature(ORIGINAL))])
    assert index.query(signature(DIFFERENT)) is None


def test_too_short_bodies_never_match() -> None:
    short = signature_of_text("Four killed.")
    assert short.empty
    index = rebuild_index([("s", short)])
    assert index.query(short) is None and "s" in index


def test_signature_ignores_case_and_punctuation() -> None:
    text = " ".join(BODY)
    assert signature_of_text(text) == signature_of_text(text.upper().replace(",", " ;"))


def test_rebuild_from_bytes_gives_the_same_answers() -> None:
    index = NearDupIndex()
    index.add("orig", signature(ORIGINAL))
    restored = rebuild_index([("orig", signature(ORIGINAL).to_bytes())])
    assert restored.query(signature(REWRITE)) == index.query(signature(REWRITE))


@given(st.lists(st.text(min_size=1, max_size=12), min_size=0, max_size=60))
def test_signature_bytes_round_trip(words: list[str]) -> None:
    sig = signature_of_text(" ".join(words))
    assert Signature.from_bytes(sig.to_bytes()) == sig


def test_store_helpers_round_trip_and_match_unpacks() -> None:
    from spillwatch.dedup.near import decode_signature, encode_signature

    sig = signature(ORIGINAL)
    assert decode_signature(encode_signature(sig)) == sig
    found = rebuild_index([("orig", sig)]).query(signature(SYNDICATED))
    assert found is not None
    article_id, jac, _ = found
    assert (article_id, jac) == ("orig", 1.0)
