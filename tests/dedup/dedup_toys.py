"""Toy event mentions for the clustering tests (invented; places with real coordinates)."""

from __future__ import annotations

from datetime import date, timedelta

from spillwatch.records import Actor, DateMention, EventMention, Place, Quantity, Span

CITIES = {
    # name: (country, adm1 code, lat, lon)
    "Mosul": ("IRQ", "IQ-NI", 36.34, 43.13),
    "Tal Afar": ("IRQ", "IQ-NI", 36.38, 42.45),
    "Hammam al-Alil": ("IRQ", "IQ-NI", 36.16, 43.26),  # ~22 km from Mosul
    "Baghdad": ("IRQ", "IQ-BG", 33.31, 44.36),
    "Kirkuk": ("IRQ", "IQ-KI", 35.47, 44.39),
    "Raqqa": ("SYR", "SY-RA", 35.95, 39.01),
}
ACTORS = {
    "ISL": Actor("ISL", "Islamic State", None, "REB"),
    "IRQ_MIL": Actor("IRQ_MIL", "Iraqi Army", "IRQ", "MIL"),
    "IRQ_POL": Actor("IRQ_POL", "Iraqi Police", "IRQ", "COP"),
    "UNO": Actor("UNO", "United Nations", "UNO", None),
    "CVL": Actor("IRQ_CVL", "Civilians", "IRQ", "CVL"),
}
DAY0 = date(2017, 3, 1)


def place(city: str | None, *, country_only: str | None = None, adm1_only: bool = False) -> Place | None:
    if country_only:
        return Place(Span(0, 0), country_only, country_iso3=country_only, precision=6)
    if city is None:
        return None
    country, adm1, lat, lon = CITIES[city]
    if adm1_only:
        return Place(Span(0, 0), adm1, country_iso3=country, adm1_code=adm1, precision=4)
    return Place(
        Span(0, 0),
        city,
        name=city,
        country_iso3=country,
        adm1_code=adm1,
        lat=lat,
        lon=lon,
        feature_class="P",
        precision=1,
    )


def mention(
    article: str,
    city: str | None = "Mosul",
    day: int | None = 0,
    *,
    etype: str = "ASSAULT",
    sources: tuple[str, ...] = ("ISL",),
    targets: tuple[str, ...] = (),
    killed: tuple[float, float, float] | None = None,
    trigger: int = 0,
    modes: tuple[str, ...] = (),
    precision: str = "day",
    country_only: str | None = None,
    adm1_only: bool = False,
) -> EventMention:
    when = None
    if day is not None:
        d = DAY0 + timedelta(days=day)
        when = DateMention(Span(0, 0), d.isoformat(), d, d, precision)  # type: ignore[arg-type]
    qty: tuple[Quantity, ...] = ()
    if killed:
        lo, best, hi = killed
        qty = (Quantity(Span(0, 0), f"{best:g} killed", "killed", lo, best, hi),)
    return EventMention(
        article_id=article,
        type=etype,
        trigger=Span(trigger, trigger + 6),
        trigger_text="attack",
        sentence=Span(0, 40),
        modes=modes,
        sources=tuple(ACTORS[a] for a in sources),
        targets=tuple(ACTORS[a] for a in targets),
        place=place(city, country_only=country_only, adm1_only=adm1_only),
        date=when,
        quantities=qty,
    )
