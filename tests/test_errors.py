"""Every project exception pickles: an error raised in a worker process crosses back intact (issue 13)."""

from __future__ import annotations

import inspect
import pickle

import pytest

from spillwatch import errors


def _classes() -> list[type[errors.SpillwatchError]]:
    return [c for _, c in inspect.getmembers(errors, inspect.isclass) if issubclass(c, errors.SpillwatchError)]


def _example(cls: type[errors.SpillwatchError]) -> errors.SpillwatchError:
    if issubclass(cls, errors.SourceError):
        return cls("feed.xml#entry-3", "bad bytes at offset 12", reason="odd-reason")
    return cls("the store at /tmp/x.duckdb is locked")


def test_the_tree_is_whole() -> None:
    names = {c.__name__ for c in _classes()}
    assert names == {"SpillwatchError", "ConfigError", "SourceError", "FetchError", "BlockedAddressError",
                     "DecodeError", "ExtractError", "ImportRowError", "StoreError", "StoreLockedError", "JobError",
                     "NotFoundError"}
    assert all(name in (errors.__doc__ or "") for name in names)  # every class is drawn in the docstring


@pytest.mark.parametrize("cls", _classes(), ids=lambda c: c.__name__)
def test_every_error_survives_a_pickle_round_trip(cls: type[errors.SpillwatchError]) -> None:
    # Regression: SourceError and its subclasses failed to unpickle (__init__ missing 'message'),
    # so one bad document under --workers 2 ended the run in BrokenProcessPool.
    err = _example(cls)
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is cls and str(back) == str(err) and back.args == err.args
    assert vars(back) == vars(err)
    if isinstance(err, errors.SourceError):
        assert isinstance(back, errors.SourceError)
        assert (back.source, back.message, back.reason) == ("feed.xml#entry-3", "bad bytes at offset 12", "odd-reason")


def test_a_class_reason_survives_too() -> None:
    back = pickle.loads(pickle.dumps(errors.DecodeError("x.bin", "binary junk")))
    assert back.reason == "undecodable" and back.message == "binary junk"
