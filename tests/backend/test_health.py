"""/healthz says the process lives; /readyz checks the database and the analytics store."""

from backend import create_app
from tests.support.clickhouse import ClickHouseServer


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok"}


def test_readyz_when_everything_answers(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json["checks"] == {"database": "ok", "analytics": "ok"}


def test_readyz_names_the_failing_part(tmp_path):
    server = ClickHouseServer(tmp_path / "ch").start()
    try:
        app = create_app(
            {
                "TRAILGUIDE_DATA_DIR": str(tmp_path / "data"),
                "TRAILGUIDE_CLICKHOUSE_URL": server.url("ready_test"),
                "TRAILGUIDE_LOG_LEVEL": "ERROR",
            }
        )
        assert app.test_client().get("/readyz").status_code == 200
        server.stop()
        response = app.test_client().get("/readyz")
        assert response.status_code == 503
        error = response.json["error"]
        assert error["code"] == "not_ready"
        assert "analytics" in error["message"]
        assert error["details"]["database"] == "ok"
        assert error["details"]["analytics"].startswith("unreachable")
    finally:
        server.stop()
