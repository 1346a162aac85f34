"""The content request reads key liveness, content version and person in one query.

A process remembers which workspace a key it authenticated belongs to; later
requests only *claim* the key and confirm it is live in the same read as the
person. These tests pin what that must never change: a revoked key is refused
at once, before anything else, and the person is read the way progress is keyed.
"""

import pytest

from backend.services import credentials
from tests.support import content
from tests.support.factories import bearer, create_workspace
from tests.support.procs import wait_until

from .calls import PAGE, fetch, revoke_client_keys, send, shown


@pytest.fixture(params=["sqlite", "postgres"])
def authoring_database(request):
    return request.param


@pytest.fixture
def ws(app):
    return create_workspace(app)


@pytest.fixture
def tour(app, ws):
    crm = content.application(app, ws.id)
    return content.publish(
        app, ws.id, crm, "walkthrough", "tour", content.walkthrough_doc(frequency="once")
    )


def _remembered(app) -> dict:
    with app.app_context():
        return credentials.remembered_keys()


def _get(client, ws, **headers):
    return client.get(
        "/api/v1/client/content",
        query_string={"url": PAGE},
        headers={"X-Trailguide-Key": ws.client_key, **headers},
    )


@pytest.mark.parametrize(
    "headers",
    [
        {"X-Trailguide-User": "ada@example.test"},
        {},  # anonymous: still one read, for the key alone
        {"X-Trailguide-User": " not trimmed "},  # the key is refused before the user id
    ],
)
def test_a_remembered_key_revoked_elsewhere_is_refused_at_once(app, client, ws, tour, headers):
    assert _get(client, ws).status_code == 200
    assert len(_remembered(app)) == 1  # the next request only claims the key

    revoke_client_keys(app)
    response = _get(client, ws, **headers)
    assert response.status_code == 401
    assert response.json["error"]["code"] == "invalid_client_key"
    assert _remembered(app) == {}  # forgotten: the next request authenticates again
    assert _get(client, ws, **headers).status_code == 401


def test_unknown_keys_are_not_remembered(app, client, ws, tour):
    for n in range(20):
        response = client.get(
            "/api/v1/client/content",
            query_string={"url": PAGE},
            headers={"X-Trailguide-Key": f"tgc_unknown-{n}"},
        )
        assert response.status_code == 401
    assert _remembered(app) == {}


def test_a_claim_reads_only_its_own_workspace(app, client, ws, tour):
    other = create_workspace(app, "Other")
    assert _get(client, other).json["application"] is None
    assert _get(client, other).json["application"] is None  # claimed this time
    assert _get(client, ws).json["walkthroughs"][0]["key"] == "tour"


def test_switching_pseudonymization_reads_progress_by_the_new_key(app, client, ws, tour):
    auth = bearer(ws.owner_token)
    settings_url = f"/api/v1/workspaces/{ws.id}"

    def pseudonymize(on: bool):
        response = client.patch(settings_url, json={"pseudonymize_user_ids": on}, headers=auth)
        assert response.status_code == 200, response.json

    pseudonymize(True)
    assert shown(client, ws) == ["tour"]
    send(client, ws, "walkthrough_started", tour)
    wait_until(lambda: shown(client, ws) == [], 30, "progress recorded")

    # Plain ids again: the progress recorded under the pseudonym is not Ada's now ...
    pseudonymize(False)
    assert shown(client, ws) == ["tour"]
    # ... and back: the very first request finds it, although this process last
    # read the workspace (and keyed its query) without pseudonyms.
    pseudonymize(True)
    assert fetch(client, ws).json["walkthroughs"] == []
