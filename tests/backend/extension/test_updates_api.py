"""The update channel: the manifest Chromium polls and the CRX it names."""

import xml.etree.ElementTree as ET

import pytest

from backend.services import extension_release as releases
from backend.services.extension_release import Release

NS = {"u": releases.UPDATE_NAMESPACE}
CRX = b"Cr24 bytes of a packed build"


@pytest.fixture
def hosted(app):
    data_dir = app.config["TRAILGUIDE_SETTINGS"].data_dir
    releases.releases_dir(data_dir).mkdir()
    release = Release("c" * 32, "0.3.0", "trailguide-0.3.0.crx", "ab" * 32)
    releases.crx_path(data_dir, release).write_bytes(CRX)
    releases.publish(data_dir, release)
    return release


def test_nothing_packed_is_a_404_in_the_error_shape(client):
    response = client.get("/extension/updates.xml")
    assert response.status_code == 404
    assert response.json["error"]["code"] == "not_packed"


def test_the_manifest_names_the_crx_the_browser_downloads(client, hosted):
    asked = f"id%3D{hosted.extension_id}%26v%3D0.2.0%26installsource%3Dnotfromwebstore%26uc"
    response = client.get(f"/extension/updates.xml?os=linux&x={asked}")
    assert response.status_code == 200 and response.mimetype == "application/xml"
    document = ET.fromstring(response.data)  # noqa: S314 - our own output
    check = document.find("u:app/u:updatecheck", NS)
    assert check.get("version") == "0.3.0"
    with client.get(check.get("codebase").removeprefix("http://localhost")) as crx:
        assert crx.status_code == 200 and crx.data == CRX
        assert crx.mimetype == "application/x-chrome-extension"


def test_a_replaced_version_is_gone(client, hosted):
    response = client.get("/extension/trailguide-0.2.0.crx")
    assert response.status_code == 404
    assert response.json["error"]["code"] == "not_found"


def test_the_hosted_build_may_read_the_api_from_its_pages(client, hosted):
    origin = f"chrome-extension://{hosted.extension_id}"
    response = client.get("/api/v1/openapi.json", headers={"Origin": origin})
    assert response.headers["Access-Control-Allow-Origin"] == origin
