"""POST /api/v1/client/events on the real app (SQLite + chDB): answers, storage, privacy."""

import hashlib
import hmac
import json
import socket

import pytest

from backend import close_connections, create_app, ratelimit
from backend.commands import transaction
from backend.extensions import db
from backend.models import ClientKey, Person
from backend.models.types import utcnow
from backend.services import people, settings
from tests.support.events import make_event
from tests.support.factories import create_workspace
from tests.support.plugin import unique
from tests.support.procs import free_port

URL = "/api/v1/client/events"


@pytest.fixture
def ws(app):
    return create_workspace(app)


def post(client, ws, body, **headers):
    data = body if isinstance(body, (bytes, str)) else json.dumps(body)
    return client.post(
        URL,
        data=data,
        content_type="application/json",
        headers={"X-Trailguide-Key": ws.client_key, **headers},
    )


def stored(app, sql="SELECT uniqExact(event_id) FROM events"):
    """Flush the writer, then read from ClickHouse."""
    assert app.extensions["trailguide.ingest"].writer.flush()
    return app.config["ANALYTICS_BACKEND"].query(sql).rows


def count(app) -> int:
    return stored(app)[0][0]


def test_a_valid_batch_is_accepted_and_stored(client, app, ws):
    events = [make_event("page_viewed"), make_event("step_shown"), make_event("tip_opened")]
    response = post(client, ws, {"events": events, "extension_version": "1.4.0"})
    assert response.status_code == 200
    assert response.json == {"accepted": 3, "rejected": [], "duplicates": 0}
    rows = stored(app, "SELECT kind, workspace_id, extension_version FROM events ORDER BY kind")
    assert rows == [
        ("page_viewed", ws.id, "1.4.0"),
        ("step_shown", ws.id, "1.4.0"),
        ("tip_opened", ws.id, "1.4.0"),
    ]


def test_invalid_events_are_listed_and_never_block_valid_ones(client, app, ws):
    events = [
        make_event(),
        make_event(kind="mouse_wiggled"),
        make_event(seq="seven"),
        make_event(properties={"deep": {"deeper": {"deepest": 1}}}),
        make_event(user_id="u" * 100_000),
        make_event(),
    ]
    response = post(client, ws, {"events": events})
    assert response.status_code == 200
    assert response.json["accepted"] == 2
    assert [r["index"] for r in response.json["rejected"]] == [1, 2, 3, 4]
    reasons = [r["reason"] for r in response.json["rejected"]]
    assert reasons[0] == "kind: unknown kind 'mouse_wiggled'"
    assert reasons[1] == "seq: must be an integer"
    assert reasons[2].startswith("properties: deep: nested")
    assert reasons[3] == "the event is larger than 32 KB"
    assert count(app) == 2


def test_a_batch_without_any_valid_event_is_422_with_the_reasons(client, app, ws):
    response = post(client, ws, {"events": [make_event(kind="nope"), {"kind": "page_viewed"}]})
    assert response.status_code == 422
    error = response.json["error"]
    assert error["code"] == "events_rejected"
    assert error["details"]["accepted"] == 0
    assert len(error["details"]["rejected"]) == 2
    assert count(app) == 0


def test_resent_events_count_once(client, app, ws):
    events = [make_event() for _ in range(5)]
    for _ in range(3):
        assert post(client, ws, {"events": events}).status_code == 200
    assert count(app) == 5


def test_repeats_within_a_batch_are_kept_once(client, app, ws):
    event = make_event()
    response = post(client, ws, {"events": [event, event, make_event()]})
    assert response.json == {"accepted": 2, "rejected": [], "duplicates": 1}
    assert stored(app, "SELECT count() FROM events")[0][0] == 2


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        (b"{not json", 400, "malformed_json"),
        (b"", 400, "malformed_json"),
        (b"[1, 2]", 400, "invalid_batch"),
        (b'{"events": {"a": 1}}', 400, "invalid_batch"),
        (b'{"events": [], "typed": "x"}', 400, "invalid_batch"),
        (b'{"events": [], "extension_version": 3}', 400, "invalid_batch"),
        (b"[" * 100_000 + b"]" * 100_000, 400, "malformed_json"),
        (json.dumps({"events": [make_event() for _ in range(501)]}), 413, "too_many_events"),
        (json.dumps({"events": [make_event(url="https://x.test/" + "a" * 2000)] * 300}), 413,
         "payload_too_large"),
        (b" " * (3 * 1024 * 1024), 413, "request_entity_too_large"),
    ],
)  # fmt: skip
def test_bad_batches_get_their_4xx_and_nothing_is_stored(client, app, ws, body, status, code):
    response = post(client, ws, body)
    assert response.status_code == status
    assert response.json["error"]["code"] == code
    assert count(app) == 0


def test_bad_input_loses_nothing_sent_before_or_after(client, app, ws):
    assert post(client, ws, {"events": [make_event()]}).status_code == 200
    assert post(client, ws, b"{broken").status_code == 400
    assert post(client, ws, {"events": [make_event(kind="x")]}).status_code == 422
    assert post(client, ws, {"events": [make_event()]}).status_code == 200
    assert count(app) == 2


def test_without_a_key_401(client, app, ws):
    response = client.post(URL, json={"events": [make_event()]})
    assert response.status_code == 401
    assert response.json["error"]["code"] == "missing_client_key"


def test_a_wrong_key_401(client, app, ws):
    response = post(client, ws, {"events": [make_event()]}, **{"X-Trailguide-Key": "tgc_wrong"})
    assert response.status_code == 401
    assert response.json["error"]["code"] == "invalid_client_key"


def test_a_revoked_key_401_and_nothing_stored(client, app, ws):
    with app.app_context(), transaction():
        for key in db.session.query(ClientKey).filter_by(workspace_id=ws.id):
            key.revoked_at = utcnow()
    assert post(client, ws, {"events": [make_event()]}).status_code == 401
    assert count(app) == 0


@pytest.mark.parametrize("limit", ["TRAILGUIDE_RATELIMIT_PER_KEY", "TRAILGUIDE_RATELIMIT_PER_IP"])
def test_rate_limit_429_with_retry_after_and_earlier_events_kept(app_config, limit):
    app = create_app({**app_config, limit: "3/minute"})
    try:
        ws = create_workspace(app)
        client = app.test_client()
        answers = [post(client, ws, {"events": [make_event()]}) for _ in range(4)]
        assert [a.status_code for a in answers] == [200, 200, 200, 429]
        assert answers[3].json["error"]["code"] == "rate_limited"
        assert 1 <= int(answers[3].headers["Retry-After"]) <= 60
        assert count(app) == 3
    finally:
        app.extensions["trailguide.ingest"].close()
        app.config["ANALYTICS_BACKEND"].drop_database()


def test_a_failing_counter_store_lets_events_through(app_config, monkeypatch):
    app = create_app({**app_config, "TRAILGUIDE_RATELIMIT_PER_KEY": "3/minute"})
    try:
        ws = create_workspace(app)

        def broken(*args, **kwargs):
            raise RuntimeError("threads can only be started once")

        monkeypatch.setattr(app.extensions[ratelimit.EXTENSION_KEY].storage, "incr", broken)
        response = post(app.test_client(), ws, {"events": [make_event()]})
        assert response.status_code == 200
        assert count(app) == 1
    finally:
        app.extensions["trailguide.ingest"].close()
        app.config["ANALYTICS_BACKEND"].drop_database()


@pytest.fixture
def silent_redis():
    """A port that accepts connections and never answers: a hung Redis."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        yield f"redis://127.0.0.1:{listener.getsockname()[1]}/0"


@pytest.mark.timeout(60)
@pytest.mark.parametrize("redis_url", ["refused", "silent"])
def test_a_fleet_redis_that_is_away_lets_events_through(app_config, request, redis_url):
    """Rate limits fail open, and soon: a Redis outage must not stop or stall ingest."""
    if redis_url == "refused":
        url = f"redis://127.0.0.1:{free_port()}/0"
    else:
        url = request.getfixturevalue("silent_redis")
    app = create_app({**app_config, "TRAILGUIDE_REDIS_URL": url})
    try:
        ws = create_workspace(app)
        response = post(app.test_client(), ws, {"events": [make_event()]})
        assert response.status_code == 200
        assert count(app) == 1
    finally:
        app.extensions["trailguide.ingest"].close()
        app.config["ANALYTICS_BACKEND"].drop_database()


def test_a_full_spool_answers_503_and_keeps_what_it_acknowledged(app_config):
    # No background flush during the test: the spool only fills.
    config = {"TRAILGUIDE_SPOOL_MAX_BYTES": "8192", "TRAILGUIDE_WRITER_INTERVAL": "3600"}
    app = create_app({**app_config, **config})
    try:
        ws = create_workspace(app)
        client = app.test_client()
        statuses = [post(client, ws, {"events": [make_event()]}).status_code for _ in range(80)]
        assert 503 in statuses
        full = post(client, ws, {"events": [make_event()]})
        assert full.status_code == 503
        assert full.json["error"]["code"] == "spool_full"
        assert int(full.headers["Retry-After"]) > 0
        assert count(app) == statuses.count(200)
        assert post(client, ws, {"events": [make_event()]}).status_code == 200
    finally:
        app.extensions["trailguide.ingest"].close()
        app.config["ANALYTICS_BACKEND"].drop_database()


def _set(app, workspace_id, **changes):
    """Change settings through the service, as the settings route does."""
    with app.app_context(), transaction():
        return settings.update_settings(workspace_id, changes).pseudonym_secret


def test_user_ids_are_pseudonymized_when_the_workspace_says_so(client, app, ws):
    secret = _set(app, ws.id, pseudonymize_user_ids=True)
    post(client, ws, {"events": [make_event(user_id="ada@corp.test")]})
    expected = hmac.new(secret.encode(), b"ada@corp.test", hashlib.sha256).hexdigest()
    assert stored(app, "SELECT user_id FROM events") == [(expected,)]


def test_query_strings_are_kept_only_when_the_workspace_opts_in(client, app, ws):
    url = "https://crm.test/contacts?email=ada@corp.test#row"
    post(client, ws, {"events": [make_event(url=url)]})
    _set(app, ws.id, keep_query_string=True)
    post(client, ws, {"events": [make_event(url=url)]})
    urls = sorted(u for (u,) in stored(app, "SELECT url FROM events"))
    assert urls == ["https://crm.test/contacts", url]


def test_events_carry_the_persons_directory_attributes(client, app, ws):
    with app.app_context(), transaction():
        db.session.add(
            Person(workspace_id=ws.id, external_id="ada@corp.test", attributes={"role": "ae"})
        )
    post(client, ws, {"events": [make_event(user_id="ada@corp.test"), make_event(user_id="bo")]})
    rows = stored(app, "SELECT user_id, attr_keys, attr_values FROM events ORDER BY user_id")
    assert rows == [("ada@corp.test", ["role"], ["ae"]), ("bo", [], [])]


def test_metrics_count_accepted_and_rejected_events(client, app, ws):
    def value(name):
        for line in client.get("/metrics").text.splitlines():
            if line.startswith(name):
                return float(line.rsplit(" ", 1)[1])
        return 0.0

    accepted = value("trailguide_events_accepted_total")
    rejected = value('trailguide_events_rejected_total{reason="kind"')
    post(client, ws, {"events": [make_event(), make_event(), make_event(kind="x")]})
    assert value("trailguide_events_accepted_total") == accepted + 2
    assert value('trailguide_events_rejected_total{reason="kind"') == rejected + 1
    text = client.get("/metrics").text
    for name in (
        "trailguide_spool_events",
        "trailguide_spool_oldest_age_seconds",
        "trailguide_insert_seconds",
        "trailguide_writer_lag_seconds",
        "trailguide_spool_bytes_all",
    ):
        assert name in text


@pytest.fixture
def other_worker(app, app_config, chdb_backend, tmp_path):
    """A second worker: its own process state (caches, spool, events store) on the same
    authoring database."""
    events = chdb_backend.for_database(unique("other"))
    events.create_database()
    config = {
        **app_config,
        "TRAILGUIDE_DATA_DIR": str(tmp_path / "other"),
        "TRAILGUIDE_DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "ANALYTICS_BACKEND": events,
    }
    other = create_app(config)
    try:
        yield other
    finally:
        other.extensions["trailguide.ingest"].close()
        events.drop_database()
        close_connections(other)


def test_a_pseudonymization_switch_reaches_another_workers_very_next_event(
    app, client, ws, other_worker
):
    other = other_worker
    other_client = other.test_client()
    assert (
        post(other_client, ws, {"events": [make_event(user_id="ada@corp.test")]}).status_code == 200
    )
    secret = _set(app, ws.id, pseudonymize_user_ids=True)
    assert (
        post(other_client, ws, {"events": [make_event(user_id="ada@corp.test")]}).status_code == 200
    )
    pseudonym = hmac.new(secret.encode(), b"ada@corp.test", hashlib.sha256).hexdigest()
    users = sorted(u for (u,) in stored(other, "SELECT user_id FROM events"))
    assert users == sorted(["ada@corp.test", pseudonym])


def test_a_new_directory_attribute_reaches_another_workers_very_next_event(app, ws, other_worker):
    other = other_worker
    other_client = other.test_client()
    assert (
        post(other_client, ws, {"events": [make_event(user_id="ada@corp.test")]}).status_code == 200
    )
    with app.app_context(), transaction():
        people.create(ws.id, {"external_id": "ada@corp.test", "attributes": {"role": "ae"}})
    assert (
        post(other_client, ws, {"events": [make_event(user_id="ada@corp.test")]}).status_code == 200
    )
    rows = stored(other, "SELECT attr_keys, attr_values FROM events")
    assert sorted(rows) == [([], []), (["role"], ["ae"])]
