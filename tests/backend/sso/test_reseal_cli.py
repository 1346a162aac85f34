"""`trailguide sso reseal`: rotating the secret key keeps SSO client secrets readable."""

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from backend.cli import main
from backend.extensions import db
from backend.models import SsoConfig
from backend.services.sso import sealing
from tests.support.oidc import CLIENT_SECRET


@pytest.fixture
def rotated(app, app_config, configure, monkeypatch):
    """The workspace's SSO configured under the old key; the environment names a new one."""
    configure()
    monkeypatch.setenv("TRAILGUIDE_DATA_DIR", app_config["TRAILGUIDE_DATA_DIR"])
    monkeypatch.setenv("TRAILGUIDE_SECRET_KEY", "the new secret key")
    return app.config["SECRET_KEY"]


def _sealed(app):
    with app.app_context():
        return db.session.execute(select(SsoConfig.client_secret_sealed)).scalar_one()


def test_reseal_moves_the_secrets_to_the_new_key(app, rotated, monkeypatch):
    monkeypatch.setenv("TRAILGUIDE_PREVIOUS_SECRET_KEY", rotated)
    result = CliRunner().invoke(main, ["sso", "reseal"])
    assert result.exit_code == 0, result.output
    assert "re-sealed 1 SSO client secrets" in result.output
    assert sealing.unseal("the new secret key", _sealed(app)) == CLIENT_SECRET


def test_a_wrong_previous_key_changes_nothing(app, rotated, monkeypatch):
    before = _sealed(app)
    monkeypatch.setenv("TRAILGUIDE_PREVIOUS_SECRET_KEY", "not the key")
    result = CliRunner().invoke(main, ["sso", "reseal"])
    assert result.exit_code == 1
    assert "cannot be read with this server's secret key" in result.output
    assert _sealed(app) == before
