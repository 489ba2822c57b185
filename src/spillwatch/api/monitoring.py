"""The watch loop through the API (``spillwatch.monitor``): a plan with its actors resolved, the loop or one cycle,
and the watch's status. Mixed into ``Spillwatch``."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Protocol

from spillwatch.errors import ConfigError
from spillwatch.settings import Settings
from spillwatch.store import Store

if TYPE_CHECKING:
    from spillwatch.monitor.records import CycleResult, WatchPlan, WatchStatus


class _Handle(Protocol):
    settings: Settings

    @property
    def store(self) -> Store: ...
    def resolve_actor(self, name: str) -> str: ...


class Watching:
    def watch_plan(self: _Handle, sources: Sequence[str], actors: Sequence[str], sinks: Sequence[str],
                   every: str | None = None, *, threshold: float | None = None, since: date | None = None,
                   config: str | None = None, name: str | None = None) -> WatchPlan:
        """What to watch: the config file's values (``config``, TOML), its lists extended and its other values
        overridden by the arguments; actors resolved from any alias; sinks checked."""
        from spillwatch.monitor.config import WatchFile, load_watch_file
        from spillwatch.monitor.loop import parse_every
        from spillwatch.monitor.records import WatchPlan
        from spillwatch.monitor.sinks import parse_sink

        file = load_watch_file(config) if config else WatchFile()
        plan = WatchPlan(sources=(*file.sources, *sources), actors=tuple(dict.fromkeys(
                         self.resolve_actor(a) for a in (*file.actors, *actors))),
                         sinks=tuple(dict.fromkeys(parse_sink(s).spec for s in (*file.sinks, *sinks))),
                         every=parse_every(every or file.every or "15m"),
                         threshold=threshold if threshold is not None else (file.threshold or 0.5),
                         since=since or file.since, name=name or file.name or "default")
        if not plan.sources:
            raise ConfigError("watch: no source to watch (name them, or list them in --config)")
        return plan

    def watch(self: _Handle, plan: WatchPlan, stop: threading.Event, on_cycle: Callable[[CycleResult], None],
              on_error: Callable[[str], None], *, once: bool = False) -> CycleResult | None:
        """Run ``plan`` every ``plan.every`` seconds until ``stop`` is set (or one cycle); the last cycle's result."""
        from spillwatch.monitor.loop import Watcher, run

        return run(Watcher(self.store, self.settings, plan), stop, on_cycle, on_error, once=once)

    def watch_status(self: _Handle, name: str = "default") -> WatchStatus:
        """The watch's last cycle, next cycle, state and deliveries per sink, as the store keeps them."""
        from spillwatch.monitor.loop import read_status

        return read_status(self.store, name)
