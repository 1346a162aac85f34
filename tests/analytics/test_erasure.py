"""Erasing a person removes their events and nobody else's."""

import time

from analytics import migrate
from analytics.erasure import erase_person
from analytics.events import IngestContext, check_event, to_row, user_key
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


def test_erasure_removes_a_persons_survey_answers_free_text_included(analytics_backend):
    migrate.upgrade(analytics_backend)
    answer = {"kind": "survey_answered", "question_key": "why", "answer_text": "Ada's words"}
    insert_for(analytics_backend, 1, "ada@x.test", **answer)
    insert_for(analytics_backend, 1, "bob@x.test", **{**answer, "answer_text": "Bob's words"})
    assert erase_person(analytics_backend, 1, ["ada@x.test"]) == 1
    texts = analytics_backend.query("SELECT answer_text FROM events ORDER BY answer_text").rows
    assert texts == [("Bob's words",)]
