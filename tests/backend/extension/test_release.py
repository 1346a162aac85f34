"""The deployment key, the id that follows from it, versions and the update manifest."""

import stat
import xml.etree.ElementTree as ET

import pytest

from backend.services import extension_release as releases
from backend.services.extension_release import Release, ReleaseError

NS = {"u": releases.UPDATE_NAMESPACE}
RELEASE = Release("a" * 32, "1.2.3", "trailguide-1.2.3.crx", "0" * 64)


def test_the_key_is_made_once_and_readable_by_its_owner_only(tmp_path):
    path, created = releases.load_or_create_key(tmp_path)
    again, created_again = releases.load_or_create_key(tmp_path)
    assert (created, created_again) == (True, False)
    assert again == path and stat.S_IMODE(path.stat().st_mode) == 0o600


def test_the_id_is_thirty_two_letters_a_to_p_and_follows_the_key(tmp_path):
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    one, _ = releases.load_or_create_key(tmp_path / "one")
    two, _ = releases.load_or_create_key(tmp_path / "two")
    first, second = releases.extension_id(one), releases.extension_id(two)
    assert len(first) == 32 and set(first) <= set("abcdefghijklmnop")
    assert first == releases.extension_id(one) and first != second


def test_no_deployment_id_before_the_first_pack(tmp_path):
    assert releases.deployment_id(tmp_path) is None


def test_a_key_file_that_is_no_key_is_refused(tmp_path):
    (tmp_path / "bad.pem").write_text("not a key")
    with pytest.raises(ReleaseError, match="PEM private key"):
        releases.extension_id(tmp_path / "bad.pem")


@pytest.mark.parametrize("text", ["1", "0.1.0", "1.2.3.4", "65535.0"])
def test_versions_chromium_accepts(text):
    assert releases.parse_version(text) == tuple(int(p) for p in text.split("."))


@pytest.mark.parametrize("text", ["", "1.2.3.4.5", "01.2", "1.-2", "65536", "1.2a", "v1"])
def test_versions_chromium_refuses(text):
    with pytest.raises(ReleaseError):
        releases.parse_version(text)


def test_update_url_is_below_the_server(tmp_path):
    assert releases.update_url("https://tg.example/") == "https://tg.example/extension/updates.xml"
    with pytest.raises(ReleaseError):
        releases.update_url("ftp://tg.example")


def test_the_manifest_offers_the_release_to_its_id_only():
    other = "b" * 32
    xml = releases.update_manifest(
        RELEASE, "https://tg.example/x.crx", [RELEASE.extension_id, other]
    )
    apps = ET.fromstring(xml).findall("u:app", NS)  # noqa: S314 - our own output
    assert [app.get("appid") for app in apps] == [RELEASE.extension_id, other]
    offered = apps[0].find("u:updatecheck", NS)
    assert offered.attrib == {
        "status": "ok",
        "codebase": "https://tg.example/x.crx",
        "version": "1.2.3",
        "hash_sha256": "0" * 64,
    }
    assert apps[1].find("u:updatecheck", NS).get("status") == "noupdate"


def test_the_manifest_ignores_ids_that_are_not_extension_ids():
    xml = releases.update_manifest(RELEASE, "https://tg.example/x.crx", ["<script>", "abc"])
    apps = ET.fromstring(xml).findall("u:app", NS)  # noqa: S314 - our own output
    assert [app.get("appid") for app in apps] == [RELEASE.extension_id]
