"""Schemathesis against the app's own OpenAPI schema (in-process ASGI): no request may end in a 5xx.

Every operation runs on a small seeded store (the one test_rest.py builds); the write endpoint runs
twice, with the configured token and without it. Examples are limited so the file stays well under a
minute on two busy cores.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

schemathesis = pytest.importorskip("schemathesis")

from fastapi import FastAPI  # noqa: E402
from fastapi.responses import JSONResponse  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis.errors import Unsatisfiable  # noqa: E402
from schemathesis import GenerationMode  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.core.failures import ServerError  # noqa: E402

from spillwatch.serve.app import create_app  # noqa: E402
from spillwatch.settings import load_settings  # noqa: E402
from tests.serve.test_rest import TOKEN, _seed  # noqa: E402

READ_EXAMPLES = 20
WRITE_EXAMPLES = 6
SETTINGS = settings(deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    db = tmp_path_factory.mktemp("schemathesis") / "s.duckdb"
    _seed(db)
    application = create_app(load_settings(db=str(db), api_token=TOKEN, max_upload_bytes=4000, open_reads=True))
    yield application
    application.state.sw.close()


def _operations(app: FastAPI, method: str) -> list[Any]:
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    found = [r.ok() for r in schema.get_all_operations()]
    return [op for op in found if op.method.upper() == method]


def _check(op: Any, examples: int, call: Callable[[Any], int], mode: GenerationMode) -> None:
    """Run ``examples`` generated cases of one operation; a 5xx fails with the case schemathesis shrank."""
    @settings(SETTINGS, max_examples=examples)
    @given(case=op.as_strategy(generation_mode=mode))
    def run(case: Any) -> None:
        call(case)

    try:
        run()
    except Unsatisfiable:
        if mode is not GenerationMode.NEGATIVE:
            raise  # a negative case cannot exist for an operation that takes nothing (e.g. /api/health)


def _read(case: Any) -> int:
    response = case.call()
    case.validate_response(response, checks=[not_a_server_error])
    return int(response.status_code)


def _write(case: Any, token: str | None) -> int:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    if token and isinstance(case.body, dict):
        case.body.pop("url", None)  # an accepted write would fetch it: generated hosts are never contacted
    response = case.call(headers=headers)
    case.validate_response(response, checks=[not_a_server_error])
    return int(response.status_code)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=str)
def test_reads_never_500(app: FastAPI, mode: GenerationMode) -> None:
    ops = _operations(app, "GET")
    assert len(ops) >= 10
    for op in ops:
        _check(op, READ_EXAMPLES, _read, mode)


def test_writes_without_token_refused_never_500(app: FastAPI) -> None:
    def refused(case: Any) -> int:
        status = _write(case, None)
        assert 400 <= status < 500, status  # refused: unauthorised, or a body too malformed to read
        return status

    for op in _operations(app, "POST"):
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            _check(op, WRITE_EXAMPLES, refused, mode)


def test_writes_with_token_never_500(app: FastAPI) -> None:
    ops = _operations(app, "POST")
    assert ops
    for op in ops:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            _check(op, WRITE_EXAMPLES, lambda case: _write(case, TOKEN), mode)


def test_the_check_catches_a_server_error() -> None:
    """The harness is not vacuous: an endpoint that answers 500 for some inputs fails the check."""
    bad = FastAPI()

    @bad.get("/boom")
    def boom(n: int = 0) -> JSONResponse:
        return JSONResponse({"n": n}, status_code=500 if n > 3 else 200)

    _ = boom
    with pytest.raises(BaseException) as caught:  # hypothesis reports the shrunk case, possibly in a group
        _check(_operations(bad, "GET")[0], 50, _read, GenerationMode.POSITIVE)
    if isinstance(caught.value, BaseExceptionGroup):
        assert caught.group_contains(ServerError)
    else:
        assert isinstance(caught.value, ServerError)
