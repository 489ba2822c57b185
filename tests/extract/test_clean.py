"""The clean dispatcher: decoding, routing by kind and content, its stage entry, and only our errors escape."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spillwatch import stages
from spillwatch.errors import DecodeError, ExtractError, SourceError, SpillwatchError
from spillwatch.extract.clean import clean, looks_like_html
from spillwatch.records import RawItem, SourceKind
from spillwatch.settings import Settings

PAGES = Path(__file__).parent / "html_pages"
SETTINGS = Settings(extract_timeout=30.0)
PROSE = (
    "Gunmen attacked a police post near the river crossing on Sunday night, officials said.\n\n"
    "Two officers were wounded in the exchange of fire, which lasted for about an hour before the "
    "attackers withdrew toward the hills to the north of the town.\n\n"
    "A spokesman for the provincial government said an investigation had been opened and that "
    "patrols on the main road would be doubled for the rest of the week."
)


def _item(data: bytes, kind: SourceKind, **kw: str) -> RawItem:
    return RawItem(source="inbox/item-9", data=data, kind=kind, **kw)  # type: ignore[arg-type]


def test_html_item_goes_to_the_html_cleaner() -> None:
    data = (PAGES / "news_page.html").read_bytes()
    art = clean(_item(data, "html", url="https://ledger.example.invalid/a"), SETTINGS)
    assert art.extractor == "trafilatura"
    assert art.raw_id == RawItem(source="x", data=data, kind="html").id
    assert art.source == "inbox/item-9" and art.url == "https://ledger.example.invalid/a"


def test_text_item_that_is_html_is_sniffed() -> None:
    art = clean(_item((PAGES / "jsonld_dates.html").read_bytes(), "text"), SETTINGS)
    assert art.extractor in {"trafilatura", "readability"}
    assert art.modified is not None


def test_plain_text_goes_to_the_text_cleaner() -> None:
    art = clean(_item(PROSE.encode(), "text", outlet="Wire"), SETTINGS)
    assert art.extractor not in {"trafilatura", "readability"}
    assert art.outlet == "Wire"
    assert "police post" in art.text and art.paragraphs


def test_latin1_page_through_clean() -> None:
    page = (
        '<html><head><meta charset="iso-8859-1"><title>Réfugiés</title></head><body><article>'
        "<p>Les réfugiés arrivés à la frontière ont été accueillis dans une école du village, où "
        "des bénévoles ont distribué des couvertures et des repas chauds pendant toute la nuit.</p>"
        "<p>Selon la préfecture, près de trois cents personnes sont arrivées depuis le début de la "
        "semaine, et d'autres groupes étaient attendus dans les prochains jours.</p></article></body></html>"
    )
    art = clean(_item(page.encode("latin-1"), "html"), SETTINGS)
    assert "réfugiés arrivés à la frontière" in art.text


def test_json_kind_is_declined() -> None:
    with pytest.raises(SourceError) as err:
        clean(_item(b'{"a": 1}', "json"), SETTINGS)
    assert err.value.reason == "unsupported-kind"


def test_binary_empty_and_oversize_items() -> None:
    with pytest.raises(DecodeError):
        clean(_item(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "html"), SETTINGS)
    with pytest.raises(ExtractError):
        clean(_item(b"", "html"), SETTINGS)
    big = (PAGES / "news_page.html").read_bytes()
    with pytest.raises(SourceError) as err:
        clean(_item(big, "html"), Settings(max_bytes=len(big) - 1))
    assert err.value.reason == "too-large"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<!DOCTYPE html><html><body>x</body></html>", True),
        ("  <!-- saved page -->\n<html lang='en'>", True),
        ("<div><p>one</p><p>two</p><p>three</p><p>four</p><br></div>", True),
        ("If a < b and c > d then the <p> tag is mentioned once in prose about markup.", False),
        (PROSE, False),
    ],
)
def test_looks_like_html(text: str, expected: bool) -> None:
    assert looks_like_html(text) is expected


def test_the_stage_table_cleans_with_this_function() -> None:
    assert stages.CLEAN.fn is clean and stages.CLEAN.name == "clean"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=600), kind=st.sampled_from(["html", "text"]))
def test_random_bytes_raise_only_spillwatch_errors(data: bytes, kind: SourceKind) -> None:
    try:
        art = clean(_item(data, kind), SETTINGS)
    except SpillwatchError:
        return
    assert art.blocks


_MARKUP = st.lists(
    st.one_of(
        st.sampled_from(["<p>", "</p>", "<div>", "</div>", "<script>", "<table><tr><td>", "<!--", "-->", "<"]),
        st.text(max_size=60),
    ),
    max_size=30,
).map("".join)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=_MARKUP)
def test_random_markup_raises_only_spillwatch_errors(body: str) -> None:
    page = f"<html><body>{body}</body></html>".encode("utf-8", "surrogatepass")
    try:
        art = clean(_item(page, "html"), SETTINGS)
    except SpillwatchError:
        return
    assert art.paragraphs
