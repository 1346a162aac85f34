"""The app's Flask class: plain functions as they are, coroutine functions still run."""

import pytest

from backend.flask_app import MAX_KNOWN_SYNC, TrailguideFlask


@pytest.fixture
def flask_app():
    return TrailguideFlask(__name__)


def test_a_plain_function_is_returned_as_it_is_every_time(flask_app):
    def view():
        return "ok"

    assert flask_app.ensure_sync(view) is view
    assert flask_app.ensure_sync(view) is view


def test_a_coroutine_function_is_flasks_to_wrap_every_time(flask_app, monkeypatch):
    wrapped = []
    monkeypatch.setattr(flask_app, "async_to_sync", lambda func: wrapped.append(func) or "run")

    async def view():
        return "ok"

    assert [flask_app.ensure_sync(view), flask_app.ensure_sync(view)] == ["run", "run"]
    assert wrapped == [view, view]


def test_functions_made_per_request_are_not_all_kept(flask_app):
    for n in range(MAX_KNOWN_SYNC + 10):
        flask_app.ensure_sync(lambda n=n: n)
    assert len(flask_app._known_sync) == MAX_KNOWN_SYNC


def test_an_unhashable_callable_is_still_answered(flask_app):
    class Handler:
        __hash__ = None

        def __call__(self):
            return "ok"

    handler = Handler()
    assert flask_app.ensure_sync(handler) is handler
