"""Erasing a person removes their events and nobody else's."""

import time

import pytest

from analytics import migrate
from analytics.erasure import Erased, erase_person, fingerprint, oldest_received, screen
from analytics.events import IngestContext, check_event, to_row, user_key
from analytics.events.rows import EventRow
from analytics.schema.events import EVENT_COLUMNS
from tests.support.events import make_event


def insert_for(
    backend, workspace_id: int, user_id: str, secret: str | None = None, **fields
) -> None:
    ctx = IngestContext(workspace_id, int(time.time() * 1000), 30, pseudonym_secret=secret)
    event = make_event(user_id=user_id, **fields)
    row = to_row(event, check_event(event)[0], ctx)
    backend.insert_columns("events", EVENT_COLUMNS, [[v] for v in row])


def users(backend) -> list[tuple]:
    return backend.query(
        "SELECT workspace_id, user_id FROM events ORDER BY workspace_id, user_id"
    ).rows


def test_erasure_removes_raw_and_pseudonymous_events_of_one_person(analytics_backend):
    migrate.upgrade(analytics_backend)
    insert_for(analytics_backend, 1, "ada@x.test")
    insert_for(analytics_backend, 1, "ada@x.test", secret="k")
    insert_for(analytics_backend, 1, "bob@x.test")
    insert_for(analytics_backend, 2, "ada@x.test")
    ids = ["ada@x.test", user_key("ada@x.test", "k")]
    assert erase_person(analytics_backend, 1, ids) == 2
    assert users(analytics_backend) == [(1, "bob@x.test"), (2, "ada@x.test")]


def test_erasing_someone_without_events_is_a_no_op(analytics_backend):
    migrate.upgrade(analytics_backend)
    insert_for(analytics_backend, 1, "bob@x.test")
    assert erase_person(analytics_backend, 1, ["nobody@x.test"]) == 0
    assert erase_person(analytics_backend, 1, []) == 0
    assert users(analytics_backend) == [(1, "bob@x.test")]


KEYS = {1: "secret-of-1", 2: "secret-of-2"}


def _row(workspace_id: int, user_id: str, received_at: int) -> EventRow:
    fields = dict.fromkeys(EventRow._fields, 0)
    return EventRow(**{**fields, "workspace_id": workspace_id, "user_id": user_id,
                       "received_at": received_at})  # fmt: skip


def _erased(workspace_id: int, user_id: str, requested_at: int) -> Erased:
    return Erased(workspace_id, fingerprint(KEYS[workspace_id], user_id), requested_at)


@pytest.mark.parametrize(
    ("row", "kept"),
    [
        (_row(1, "ada", 100), False),  # received before the request
        (_row(1, "ada", 120), False),  # in the request's own second
        (_row(1, "ada", 121), True),  # new data after the request
        (_row(1, "bob", 100), True),  # someone else
        (_row(2, "ada", 100), True),  # the same id in another workspace
    ],
)
def test_a_screen_drops_what_an_erasure_covers(row, kept):
    assert screen([row], [_erased(1, "ada", 120)], KEYS) == ([row] if kept else [])


def test_the_latest_of_several_requests_for_one_person_counts():
    rows = [_row(1, "ada", 150)]
    assert screen(rows, [_erased(1, "ada", 200), _erased(1, "ada", 100)], KEYS) == []


def test_a_fingerprint_names_nobody_without_the_workspace_key():
    assert fingerprint("k", "ada@x.test") != fingerprint("other", "ada@x.test")
    assert "ada" not in fingerprint("k", "ada@x.test")


def test_the_oldest_receive_time_bounds_which_requests_matter():
    assert oldest_received([_row(1, "a", 30), _row(1, "b", 10)]) == 10
    assert oldest_received([]) is None


def test_erasure_removes_a_persons_survey_answers_free_text_included(analytics_backend):
    migrate.upgrade(analytics_backend)
    answer = {"kind": "survey_answered", "question_key": "why", "answer_text": "Ada's words"}
    insert_for(analytics_backend, 1, "ada@x.test", **answer)
    insert_for(analytics_backend, 1, "bob@x.test", **{**answer, "answer_text": "Bob's words"})
    assert erase_person(analytics_backend, 1, ["ada@x.test"]) == 1
    texts = analytics_backend.query("SELECT answer_text FROM events ORDER BY answer_text").rows
    assert texts == [("Bob's words",)]
