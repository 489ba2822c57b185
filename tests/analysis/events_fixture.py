"""Hand-made events for analysis tests (invented, not from any data set)."""

from __future__ import annotations

from datetime import date

from spillwatch.records import Actor, Estimate, Event, Place, Quantity, Span

ISL = Actor("ISL", "Islamic State", "IMG", "REB")
PROV = Actor("ISL_SIN", "Islamic State Sinai Province", "EGY", "REB")
CAN = Actor("CAN_GOV", "Canada", "CAN", "GOV")
JOR_MIL = Actor("JOR_MIL", "Jordan military", "JOR", "MIL")
LBN_MIL = Actor("LBN_MIL", "Lebanon military", "LBN", "MIL")

PLACES = {
    "IRQ": ("Mosul", "IQ.15", "Nineveh", 36.34, 43.13),
    "SYR": ("Raqqa", "SY.04", "Raqqa", 35.95, 39.01),
    "TUR": ("Gaziantep", "TR.83", "Gaziantep", 37.07, 37.38),
    "JOR": ("Karak", "JO.09", "Karak", 31.18, 35.70),
    "LBN": ("Qaa", "LB.08", "Baalbek-Hermel", 34.35, 36.47),
    "EGY": ("Arish", "EG.27", "North Sinai", 31.13, 33.80),
}


def place(iso3: str) -> Place:
    name, adm1, adm1_name, lat, lon = PLACES[iso3]
    return Place(Span(0, len(name)), name, name=name, country_iso3=iso3, adm1_code=adm1, adm1_name=adm1_name,
                 lat=lat, lon=lon, precision=1)


def attack(eid: str, iso3: str, day: date, *, actor: Actor = ISL, killed: float | None = None) -> Event:
    return Event(id=eid, type="ASSAULT", modes=("explosives",), sources=(actor,), targets=(),
                 date_start=day, date_end=day, date_precision="day", place=place(iso3),
                 fatalities=Estimate(killed, killed, killed) if killed is not None else None,
                 acled_type="Explosions/Remote violence", acled_subtype="Remote explosive/landmine/IED",
                 mention_ids=(f"m-{eid}",), article_ids=(f"a-{eid}",), outlets=("Test Wire",))


def aid(eid: str, recipient: Actor, day: date, quantity: Quantity, modality: str = "happened") -> Event:
    return Event(id=eid, type="AID", modes=(), sources=(CAN,), targets=(recipient,), date_start=day, date_end=day,
                 date_precision="month", place=place(str(recipient.country)), fatalities=None, acled_type=None,
                 acled_subtype=None, modality=modality,  # type: ignore[arg-type]
                 mention_ids=(f"m-{eid}",), article_ids=(f"a-{eid}",), outlets=("Test Wire",),
                 quantities=(quantity,))


def corpus_like() -> list[Event]:
    """Origin in Iraq/Syria, then Turkey (many), Jordan and Lebanon (few) and Egypt via an affiliate."""
    ev = [attack("i1", "IRQ", date(2014, 6, 10)), attack("s1", "SYR", date(2014, 6, 20)),
          attack("l1", "LBN", date(2014, 8, 2)), attack("t1", "TUR", date(2015, 7, 20), killed=33),
          attack("t2", "TUR", date(2015, 10, 10), killed=100), attack("t3", "TUR", date(2016, 1, 12), killed=12),
          attack("t4", "TUR", date(2016, 6, 28), killed=45), attack("t5", "TUR", date(2016, 8, 20), killed=50),
          attack("j1", "JOR", date(2016, 6, 21), killed=7), attack("l2", "LBN", date(2016, 6, 27), killed=5),
          attack("j2", "JOR", date(2016, 12, 18), killed=10), attack("t6", "TUR", date(2017, 1, 1), killed=39),
          attack("e1", "EGY", date(2017, 11, 24), actor=PROV), attack("i2", "IRQ", date(2017, 3, 1))]
    ev += [aid("a1", JOR_MIL, date(2016, 9, 1), Quantity(Span(0, 9), "26 trucks", "equipment", 26, 26, 26, "truck")),
           aid("a2", LBN_MIL, date(2016, 12, 5), Quantity(Span(0, 10), "$1 million", "money", 1e6, 1e6, 1e6, "CAD"),
               modality="planned")]
    return ev
