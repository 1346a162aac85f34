"""Single sign-on on PostgreSQL: the migrated tables hold a whole sign-in and its replay."""

import pytest

from tests.backend.sso.conftest import callback


@pytest.fixture
def authoring_database():
    return "postgres"


def test_a_sign_in_and_its_replay_on_postgres(client, configure):
    configure(sso_only=True)
    url = callback(client, "ada@example.com")
    assert client.get(url).status_code == 302
    assert client.get(url).status_code == 401
