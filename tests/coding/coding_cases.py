"""Fixture sentences written for the coding tests, in several reporting styles, with what must be coded."""

from __future__ import annotations

from dataclasses import dataclass, field

from coding_support import actor  # type: ignore[import-not-found,unused-ignore]

from spillwatch.records import Actor


@dataclass
class Case:
    text: str
    actors: dict[str, Actor]
    type: str | None  # None: nothing may be coded
    modes: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    place: str | None = None
    modality: str = "happened"
    acled: tuple[str | None, str | None] | None = None
    extra: dict[str, object] = field(default_factory=dict)


CASES = [
    Case(  # wire style, passive main clause, the attacker in a "when" clause
        "At least 12 civilians were killed when Boko Haram fighters attacked a village in northern Burkina Faso.",
        {"Boko Haram fighters": actor("BKH", "REB"), "civilians": actor("BFA", "CVL")},
        "ASSAULT", (), ("BKH_REB",), ("BFA_CVL",), "Burkina Faso", "happened",
        ("Violence against civilians", "Attack"),
    ),
    Case(  # nominal trigger as subject, weapon from the noun compound, drone strike
        "A Turkish drone strike on a car near Qamishli killed two PKK commanders on Sunday, local officials said.",
        {"Turkish": actor("TUR", "MIL"), "PKK commanders": actor("PKK", "REB")},
        "ASSAULT", ("drone",), ("TUR_MIL",), ("PKK_REB",), "Qamishli", "happened",
        ("Explosions/Remote violence", "Air/drone strike"),
    ),
    Case(  # protest without a named actor, place carries it
        "Thousands of teachers marched through Nairobi on Monday to demand higher pay.",
        {}, "PROTEST", ("demo",), (), (), "Nairobi", "happened", ("Protests", "Peaceful protest"),
    ),
    Case(  # denial: a disputed report, kept with modality "denied" (the text itself negates nothing)
        "The army denied that its soldiers had shelled the market in Kidal.",
        {"The army": actor("MLI", "MIL"), "its soldiers": actor("MLI", "MIL")},
        "ASSAULT", ("heavy-weapons",), ("MLI_MIL",), (), "Kidal", "denied",
    ),
    Case(  # conditional: a possible attack has not happened (declined as hypothetical)
        "If the talks fail, the rebels could attack the provincial capital.",
        {"the rebels": actor("M23", "REB")}, None,
    ),
    Case(  # promise: the embedded AID carries it, no separate AGREE
        "Germany pledged to send 50 armoured vehicles to the Ukrainian army next month.",
        {"Germany": actor("DEU", "GOV"), "Ukrainian army": actor("UKR", "MIL")},
        "AID", (), ("DEU_GOV",), ("UKR_MIL",), None, "planned",
    ),
    Case(  # territory taken by a non-state group
        "Al-Shabaab fighters overran a military base in Lower Shabelle on Friday.",
        {"Al-Shabaab fighters": actor("SHB", "REB")},
        "ASSAULT", ("occupy",), ("SHB_REB",), (), "Lower Shabelle", "happened",
        ("Battles", "Non-state actor overtakes territory"),
    ),
    Case(  # forecast: nothing
        "Analysts fear the militants will launch new attacks in the north.",
        {"the militants": actor("ISL", "REB")}, None,
    ),
    Case(  # arrests
        "Police in Dhaka arrested 40 opposition activists on Saturday.",
        {"Police": actor("BGD", "COP"), "opposition activists": actor("BGD", "OPP")},
        "COERCE", ("arrest",), ("BGD_COP",), ("BGD_OPP",), "Dhaka", "happened", ("Strategic developments", "Arrests"),
    ),
    Case(  # bilateral meeting
        "The Iraqi prime minister met his Iranian counterpart in Tehran on Wednesday.",
        {"Iraqi prime minister": actor("IRQ", "GOV"), "Iranian counterpart": actor("IRN", "GOV")},
        "CONSULT", (), ("IRQ_GOV",), ("IRN_GOV",), "Tehran", "happened",
    ),
    Case(  # quoted, negated future: no withdrawal happens; the minister's refusal is the event (PLOVER REJECT)
        "“We will not withdraw our troops from the border,” the defence minister said.",
        {"the defence minister": actor("IND", "GOV"), "our troops": actor("IND", "MIL")}, "REJECT", ("yield",),
        ("IND_GOV",), (), None, "happened", (None, None),
    ),
    Case(  # light verb + nominal trigger
        "Rebels launched an attack on government positions near Aleppo late on Tuesday.",
        {"Rebels": actor("SYR", "REB"), "government positions": actor("SYR", "MIL")},
        "ASSAULT", (), ("SYR_REB",), ("SYR_MIL",), "Aleppo", "happened", ("Battles", "Armed clash"),
    ),
    Case(  # abduction of civilians
        "Gunmen abducted 30 students from a boarding school in Kebbi state, police said.",
        {"Gunmen": actor("NGA", "UAF"), "students": actor("NGA", "EDU"), "police": actor("NGA", "COP")},
        "ASSAULT", ("abduct",), ("NGA_UAF",), ("NGA_EDU",), None, "happened",
        ("Violence against civilians", "Abduction/forced disappearance"),
    ),
    Case(  # labour strike is PROTEST, never ASSAULT
        "Teachers went on strike in Lagos over unpaid salaries.",
        {"Teachers": actor("NGA", "EDU")}, "PROTEST", ("strike",), ("NGA_EDU",), (), "Lagos",
    ),
    Case(  # a strike in a labour context is PROTEST
        "Dock workers began an open-ended strike at the port of Durban on Monday.",
        {"Dock workers": actor("ZAF", "LAB")}, "PROTEST", ("strike",), ("ZAF_LAB",), (), "Durban",
    ),
    Case(  # a strike with no labour context is violence; the noun is the instrument of "destroyed"
        "A coalition strike destroyed an ISIL tank near Mosul.",
        {"ISIL": actor("ISL", None)}, "ASSAULT", ("destroy",), ("unresolved:coalition",), ("ISL",), "Mosul", "happened",
    ),
    Case(  # ending an operation is RETREAT; the ended strikes are not a new attack
        "Canada ended its air strikes against the Islamic State group in Iraq on Monday.",
        {"Canada": actor("CAN", "GOV"), "the Islamic State group": actor("ISL", None)},
        "RETREAT", ("ceasefire",), ("CAN_GOV",), (), "Iraq",
    ),
    Case(  # a place name modifying the trigger is a place, not an actor
        "The Karak attack killed ten people, police said.",
        {"police": actor("JOR", "COP")}, "ASSAULT", (), (), (), "Karak",
    ),
    Case(  # striking military objectives ("hideouts", "targets") is an attack, whatever the subject
        "Nigerian jets struck Boko Haram hideouts near Lake Chad on Sunday.",
        {"Nigerian jets": actor("NGA", "MIL"), "Boko Haram": actor("BKH", "REB")},
        "ASSAULT", ("aerial",), ("NGA_MIL",), ("BKH_REB",), "Lake Chad",
    ),
    Case(  # striking a deal is no attack
        "The militia struck a deal with the government on Sunday.",
        {"The militia": actor("LBY", "REB"), "the government": actor("LBY", "GOV")},
        "AGREE", (), ("LBY_REB",), ("LBY_GOV",),
    ),
    Case(  # pounding positions is shelling
        "Artillery pounded rebel positions outside Idlib.", {}, "ASSAULT", ("heavy-weapons",), (), (), "Idlib",
    ),
    Case(  # the subject of "suffered" is what was hit, never the attacker
        "Kenya suffered a deadly attack in Mandera on Monday.",
        {"Kenya": actor("KEN", "GOV")}, "ASSAULT", (), (), ("KEN_GOV",), "Mandera",
    ),
    Case(  # word sense: a shop's "offer" is commerce; no actor of the table, no event read by the detector
        "Gateway Mall offers fresh bread and cheap phones to shoppers.",
        {"Gateway Mall": Actor("unresolved:gateway-mall", "Gateway Mall", None, None, resolved=False)}, None,
    ),
    Case(  # habitual: a frequency adverb makes it a pattern, not one happening
        "Bandits often raid cattle herders along the river.", {"Bandits": actor("NGA", "REB")}, None,
    ),
    Case(  # headline reduced passive: the soldiers were killed, they did not kill
        "Four French and four Malian soldiers killed in ambush near Menaka",
        {"four Malian soldiers": actor("MLI", "MIL")}, "ASSAULT", (), (), ("MLI_MIL",), "Menaka",
    ),
    Case(  # a relative pronoun is the noun it hangs from ("the bombing that killed"), not the mourner
        "Officials in Ankara mourned the victims of the bombing that killed 45 people.",
        {"Officials in Ankara": actor("TUR", "GOV")}, "ASSAULT", ("explosives",), (), (),
    ),
    Case(  # "gave no weapons": nothing was given (declined as negated)
        "The army gave no weapons to the militia.",
        {"The army": actor("NGA", "MIL"), "the militia": actor("NGA", "REB")}, None,
    ),
    Case(  # declining to comment rejects nothing
        "The ministry declined to comment on the report.", {"The ministry": actor("FRA", "GOV")}, None,
    ),
    Case(  # an operation launched against someone is an attack; its name is no target
        "The army launched Operation Desert Hawk against the rebels near Mosul on Friday.",
        {"The army": actor("IRQ", "MIL"), "the rebels": actor("ISL", "REB")},
        "ASSAULT", (), ("IRQ_MIL",), ("ISL_REB",), "Mosul",
    ),
    Case(  # an operation with no adversary is not
        "The ministry launched an operation to vaccinate children.", {"The ministry": actor("KEN", "GOV")}, None,
    ),
    Case(  # committing goods (gear, money) toward someone is AID
        "Norway committed tents and $2 million toward the Malian civil protection service.",
        {"Norway": actor("NOR", "GOV"), "the Malian civil protection service": actor("MLI", "GOV")},
        "AID", (), ("NOR_GOV",), ("MLI_GOV",),
    ),
    Case(  # committing atrocities is no aid
        "The rebels committed atrocities against civilians.", {"The rebels": actor("M23", "REB")}, None,
    ),
    Case(  # the object's apposition tells what was captured
        "Government forces captured Gao, the rebels' last stronghold.",
        {"Government forces": actor("MLI", "MIL")}, "ASSAULT", ("occupy",), ("MLI_MIL",),
    ),
    Case(  # taking a town is occupying it
        "The rebels took the town of Menaka.",
        {"The rebels": actor("CMA", "REB")}, "ASSAULT", ("occupy",), ("CMA_REB",), (), "Menaka",
    ),
    Case(  # taking a position on an issue is not
        "The minister took a position on the issue.", {"The minister": actor("FRA", "GOV")}, None,
    ),
    Case(  # the agent of a reduced relative is the attacker
        "Five villagers killed by gunmen near Maiduguri were buried on Friday.",
        {"gunmen": actor("BKH", "REB")}, "ASSAULT", (), ("BKH_REB",), (), "Maiduguri",
    ),
    Case(  # headline future: "X to do Y" is planned
        "Norway to send tents to Mali",
        {"Norway": actor("NOR", "GOV"), "Mali": actor("MLI", "GOV")},
        "AID", (), ("NOR_GOV",), ("MLI_GOV",), None, "planned",
    ),
    Case(  # "demonstrate" meaning "show"
        "The vote demonstrated the unity of the council.", {}, None,
    ),
    Case(  # "release" of a report is not a release of captives
        "The ministry will release its annual report on Monday.",
        {"The ministry": actor("FRA", "GOV")}, None,
    ),
    Case(  # an act named in compound position on an effort noun takes the effort's verb and phrases
        "Qatar's emir launched a mediation effort between the Emirates and Saudi Arabia on Saturday.",
        {"Qatar": actor("QAT", "GOV"), "Emirates": actor("ARE", "GOV"), "Saudi Arabia": actor("SAU", "GOV")},
        "CONSULT", (), ("QAT_GOV",), ("ARE_GOV", "SAU_GOV"),
    ),
    Case(  # a name whose apposition gives its office acts for the body of the office
        "Jan Egeland, the United Nations relief coordinator, demanded that the parties let aid workers move freely.",
        {"United Nations": actor("UN", "IGO")}, "REQUEST", (), ("UN_IGO",), (),
    ),
]  # fmt: skip
