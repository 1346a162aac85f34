"""An extension too old for the server is told so, and keeps getting its guidance."""

from dataclasses import replace

import pytest

from backend import create_app
from backend.services.extension_compat import update_required
from tests.support.factories import create_workspace


@pytest.mark.parametrize(
    ("reported", "contract", "minimum", "required"),
    [
        ("0.1.0", 1, "", False),
        (None, 1, "", False),
        ("1.4.0", 1, "1.4", False),
        ("1.10.0", 1, "1.9.9", False),
        ("1.3.9", 1, "1.4.0", True),
        (None, 1, "1.4.0", True),
        ("not a version", 1, "1.4.0", True),
        ("9.0", 0, "", True),
    ],
)
def test_update_required(reported, contract, minimum, required):
    assert update_required(reported, contract, minimum) is required


@pytest.mark.parametrize(("version", "signal"), [("1.9.0", "required"), ("2.0.0", None)])
def test_the_applications_answer_carries_the_signal(app, client, version, signal):
    settings = app.config["TRAILGUIDE_SETTINGS"]
    app.config["TRAILGUIDE_SETTINGS"] = replace(settings, min_extension_version="2.0.0")
    ws = create_workspace(app)
    response = client.get(
        "/api/v1/client/applications",
        headers={"X-Trailguide-Key": ws.client_key, "X-Trailguide-Extension": version},
    )
    assert response.status_code == 200
    assert response.headers.get("X-Trailguide-Update") == signal


def test_a_minimum_that_is_no_version_is_a_config_error(app_config):
    from backend.config import ConfigError

    with pytest.raises(ConfigError, match="MIN_EXTENSION_VERSION"):
        create_app({**app_config, "TRAILGUIDE_MIN_EXTENSION_VERSION": "newest"})


@pytest.mark.parametrize("declared", ["0", "two"])
def test_a_malformed_contract_on_the_applications_request_is_a_400(app, client, declared):
    ws = create_workspace(app)
    response = client.get(
        "/api/v1/client/applications",
        headers={"X-Trailguide-Key": ws.client_key, "X-Trailguide-Contract": declared},
    )
    assert response.status_code == 400
    assert response.json["error"]["code"] == "malformed_contract"
