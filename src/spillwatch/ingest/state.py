"""Fetch state: the HTTP validators (ETag, Last-Modified) seen per URL, for conditional GETs.

Input: validators recorded by the fetcher after a 200 response. Output: the headers to send
next time (If-None-Match / If-Modified-Since), and a JSON form the store or a file can keep.
Declines: nothing; a state file that is not valid JSON of the expected shape raises SourceError.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spillwatch.errors import SourceError

STATE_VERSION = 1
Lookup = Callable[[str], tuple[str | None, str | None]]  # url -> (etag, last_modified)


@dataclass(frozen=True, slots=True)
class Validators:
    """What a server told us about one URL's current version."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        out: dict[str, str] = {}
        if self.etag:
            out["If-None-Match"] = self.etag
        if self.last_modified:
            out["If-Modified-Since"] = self.last_modified
        return out

    def empty(self) -> bool:
        return not (self.etag or self.last_modified)


class FetchState:
    """Validators per URL. ``path`` is optional: an in-memory state is just not saved.

    ``lookup`` reads through to another keeper (e.g. the store's ``get_fetch_state``) for URLs this
    state has not seen. Persist (``save()`` or ``items()`` into the store) only after a run has gone
    through every item: a feed saved as seen while its entries were still pending would answer 304
    next time and those entries would never be fetched.
    """

    def __init__(self, path: str | Path | None = None, *, lookup: Lookup | None = None) -> None:
        self.path: Path | None = Path(path) if path is not None else None
        self._by_url: dict[str, Validators] = {}
        self._lookup = lookup
        self._looked_up: set[str] = set()
        self._changed: dict[str, Validators] = {}
        self.not_modified: list[str] = []  # URLs that answered 304 Not Modified in this run, in order

    def __len__(self) -> int:
        return len(self._by_url)

    def get(self, url: str) -> Validators | None:
        if url not in self._by_url and self._lookup is not None and url not in self._looked_up:
            self._looked_up.add(url)
            etag, modified = self._lookup(url)
            found = Validators(etag=etag, last_modified=modified)
            if not found.empty():
                self._by_url[url] = found
        return self._by_url.get(url)

    def note_not_modified(self, url: str) -> None:
        """``url`` answered 304 Not Modified: nothing new there (counted in the run's summary)."""
        self.not_modified.append(url)

    def changed(self) -> Iterator[tuple[str, Validators]]:
        """URLs whose validators changed since this state was made or loaded (empty = forget them)."""
        yield from sorted(self._changed.items())

    def items(self) -> Iterator[tuple[str, Validators]]:
        """(url, validators) pairs, sorted by URL: what a store should keep."""
        yield from sorted(self._by_url.items())

    def update(self, url: str, validators: Validators) -> None:
        """Remember ``validators`` for ``url`` (forgets the URL when they are empty)."""
        if self.get(url) != validators and not (validators.empty() and self.get(url) is None):
            self._changed[url] = validators
        if validators.empty():
            self._by_url.pop(url, None)
        else:
            self._by_url[url] = validators

    def to_dict(self) -> dict[str, object]:
        urls = {url: {"etag": v.etag, "last_modified": v.last_modified} for url, v in self.items()}
        return {"version": STATE_VERSION, "urls": urls}

    @classmethod
    def from_dict(cls, data: object, *, path: str | Path | None = None, source: str = "fetch-state") -> FetchState:
        state = cls(path)
        urls = data.get("urls") if isinstance(data, dict) else None
        if not isinstance(urls, dict):
            raise SourceError(source, "fetch state has no 'urls' object", reason="bad-state")
        for url, entry in urls.items():
            state.update(str(url), _validators_from(entry, source))
        state._changed.clear()  # what was loaded is not a change
        return state

    @classmethod
    def load(cls, path: str | Path) -> FetchState:
        """Read a state file; a missing file gives an empty state bound to ``path``."""
        file = Path(path)
        if not file.exists():
            return cls(file)
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise SourceError(str(file), f"cannot read fetch state: {exc}", reason="bad-state") from exc
        return cls.from_dict(data, path=file, source=str(file))

    def save(self, path: str | Path | None = None) -> Path:
        """Write the state as JSON (atomically) to ``path`` or the path it was loaded from."""
        target = Path(path) if path is not None else self.path
        if target is None:
            raise SourceError("fetch-state", "no path to save the fetch state to", reason="bad-state")
        tmp = target.with_name(target.name + ".tmp")
        try:
            tmp.write_text(json.dumps(self.to_dict(), indent=1, sort_keys=True), encoding="utf-8")
            tmp.replace(target)
        except OSError as exc:
            raise SourceError(str(target), f"cannot save fetch state: {exc}", reason="bad-state") from exc
        return target


def _validators_from(entry: object, source: str) -> Validators:
    if not isinstance(entry, dict):
        raise SourceError(source, "fetch state entry is not an object", reason="bad-state")
    etag, modified = entry.get("etag"), entry.get("last_modified")
    if not all(v is None or isinstance(v, str) for v in (etag, modified)):
        raise SourceError(source, "fetch state validators must be strings", reason="bad-state")
    return Validators(etag=etag, last_modified=modified)
