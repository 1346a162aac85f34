"""The hot-path read connections survive the database dropping them."""

import psycopg
import pytest

from tests.support.factories import create_workspace


@pytest.fixture
def authoring_database():
    return "postgres"


def test_a_dropped_connection_is_replaced_without_an_error(app, client, postgres_url):
    ws = create_workspace(app)
    headers = {"X-Trailguide-Key": ws.client_key}
    url = {"url": "https://crm.example.test/"}
    assert (
        client.get("/api/v1/client/content", query_string=url, headers=headers).status_code == 200
    )
    # The database ends every session (a restart or a failover looks the same to the pool).
    with psycopg.connect(postgres_url.replace("+psycopg", ""), autocommit=True) as admin:
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
    response = client.get("/api/v1/client/content", query_string=url, headers=headers)
    assert response.status_code == 200
