"""The PLOVER ontology as spillwatch ships it (``data/plover.json``).

Input: the packaged JSON file (or another path). Output: a frozen ``Ontology`` with the 16 event
types, their quad classes, modes, definitions and trigger specifications. Declines (raises
``ConfigError``) a file that is unreadable, not version 0.8-shaped, or whose triggers name modes or
word classes it does not define.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from spillwatch.errors import ConfigError

QUADS = ("verbal-cooperation", "material-cooperation", "verbal-conflict", "material-conflict")
POS_TAGS = {"V": ("VERB", "AUX"), "N": ("NOUN", "PROPN")}


@dataclass(frozen=True, slots=True)
class Mode:
    name: str
    definition: str
    cues: tuple[str, ...] = ()
    extension: bool = False


@dataclass(frozen=True, slots=True)
class TriggerSpec:
    """One lexicon entry: a head lemma, the dependents it needs, and optional constraints."""

    type: str
    head: str
    deps: tuple[str, ...] = ()  # lemmas that must be direct dependents of the head
    pos: str | None = None  # "V" or "N"
    mode: str | None = None
    weak: bool = False  # the mode yields to any mode cued in the clause
    subj: str | None = None  # word class the subject's head must belong to
    obj: str | None = None  # word class the object's head must belong to
    ctx: str | None = None  # word class some word of the sentence must belong to
    text: str = ""
    unless: tuple[str, ...] = ()  # lemmas that must not be direct dependents ("press on": no request)
    unless_obj: str | None = None  # word class the object must not belong to ("press an offensive")


@dataclass(frozen=True, slots=True)
class EventType:
    name: str
    quad: str
    definition: str
    requires_recipient: bool
    modes: tuple[Mode, ...]
    triggers: tuple[TriggerSpec, ...]

    def mode(self, name: str) -> Mode | None:
        return next((m for m in self.modes if m.name == name), None)


@dataclass(frozen=True, slots=True)
class Ontology:
    name: str
    version: str
    edition: str
    note: str
    quad_classes: tuple[tuple[str, str], ...]
    classes: dict[str, frozenset[str]]
    types: tuple[EventType, ...]

    def type(self, name: str) -> EventType:
        for t in self.types:
            if t.name == name:
                return t
        raise KeyError(name)

    @property
    def type_names(self) -> tuple[str, ...]:
        return tuple(t.name for t in self.types)

    def in_class(self, lemma: str, klass: str) -> bool:
        return lemma.lower() in self.classes.get(klass, frozenset())


def parse_trigger(type_name: str, raw: str | dict[str, Any]) -> TriggerSpec:
    """Turn ``"^take control"`` / ``"strike/N"`` / ``{"t": ..., "mode": ...}`` into a spec."""
    entry: dict[str, Any] = {"t": raw} if isinstance(raw, str) else dict(raw)
    text = str(entry["t"])
    words = text.split()
    pos = None
    if len(words) == 1 and "/" in words[0]:
        words[0], pos = words[0].split("/", 1)
    marked = [w for w in words if w.startswith("^")]
    head = marked[0][1:] if marked else words[0]
    deps = tuple(w.lstrip("^") for w in words if w.lstrip("^") != head)
    return TriggerSpec(
        type=type_name,
        head=head,
        deps=deps,
        pos=pos,
        mode=entry.get("mode"),
        weak=bool(entry.get("weak", False)),
        subj=entry.get("subj"),
        obj=entry.get("obj"),
        ctx=entry.get("ctx"),
        text=text,
        unless=tuple(str(w) for w in entry.get("unless", ())),
        unless_obj=entry.get("unless_obj"),
    )


def _build_type(name: str, raw: dict[str, Any]) -> EventType:
    modes = tuple(
        Mode(m, str(v["definition"]), tuple(v.get("cues", ())), bool(v.get("extension", False)))
        for m, v in raw.get("modes", {}).items()
    )
    triggers = tuple(parse_trigger(name, t) for t in raw.get("triggers", ()))
    return EventType(
        name=name,
        quad=str(raw["quad"]),
        definition=str(raw["definition"]),
        requires_recipient=bool(raw.get("requires_recipient", False)),
        modes=modes,
        triggers=triggers,
    )


def _check(onto: Ontology) -> None:
    problems: list[str] = []
    if len(onto.types) != 16:
        problems.append(f"expected 16 event types, found {len(onto.types)}")
    for t in onto.types:
        if t.quad not in QUADS:
            problems.append(f"{t.name}: unknown quad class {t.quad!r}")
        for spec in t.triggers:
            if spec.mode is not None and t.mode(spec.mode) is None:
                problems.append(f"{t.name}: trigger {spec.text!r} names unknown mode {spec.mode!r}")
            for klass in (spec.subj, spec.obj, spec.ctx, spec.unless_obj):
                if klass is not None and klass not in onto.classes:
                    problems.append(f"{t.name}: trigger {spec.text!r} names unknown class {klass!r}")
            if spec.pos is not None and spec.pos not in POS_TAGS:
                problems.append(f"{t.name}: trigger {spec.text!r} has unknown part of speech")
    if problems:
        raise ConfigError("ontology: " + "; ".join(problems))


def parse_ontology(data: dict[str, Any]) -> Ontology:
    """Build and validate an ``Ontology`` from the JSON structure."""
    try:
        onto = Ontology(
            name=str(data["name"]),
            version=str(data["version"]),
            edition=str(data.get("edition", "")),
            note=str(data.get("note", "")),
            quad_classes=tuple((k, str(v)) for k, v in data["quad_classes"].items()),
            classes={k: frozenset(x.lower() for x in v) for k, v in data.get("classes", {}).items()},
            types=tuple(_build_type(k, v) for k, v in data["types"].items()),
        )
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise ConfigError(f"ontology: malformed file: {exc!r}") from exc
    _check(onto)
    return onto


def load_ontology(path: str | Path | None = None) -> Ontology:
    """Read the packaged ontology (cached) or the file at ``path``."""
    if path is None:
        return _packaged()
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read ontology: {exc}") from exc
    return parse_ontology(data)


FUTURE_AS_AGREE = ("CONSULT", "SUPPORT", "COOPERATE", "AID")


def plover_convention_type(event_type: str, modality: str) -> str:
    """The type PLOVER's own coding rules give a mention: promised or planned cooperation
    (meetings, support, cooperation, aid) counts as AGREE, an announced pull-back as CONCEDE.
    spillwatch keeps the concrete type with modality "planned"; this is the strict PLOVER view.
    """
    if modality != "planned":
        return event_type
    if event_type in FUTURE_AS_AGREE:
        return "AGREE"
    return "CONCEDE" if event_type == "RETREAT" else event_type


@lru_cache(maxsize=1)
def _packaged() -> Ontology:
    ref = resources.files("spillwatch") / "data" / "plover.json"
    try:
        data = json.loads(ref.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ConfigError(f"packaged ontology unreadable: {exc}") from exc
    return parse_ontology(data)
