"""Packing with Debian's Chromium: a CRX3 of what the browser loads, signed by the deployment
key."""

import json
import struct
import zipfile

import pytest

from backend.services import extension_pack, extension_release
from backend.services.extension_release import ReleaseError
from tests.support import procs

SERVER = "https://tg.example"


@pytest.fixture(scope="module")
def packed(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("packed")
    chromium = procs.which("chromium", "/usr/bin/chromium")
    return data_dir, chromium, extension_pack.pack(data_dir, chromium, SERVER, version="2.0.0")


def test_the_crx_is_a_crx3_announced_as_the_current_release(packed):
    data_dir, _, result = packed
    crx = extension_release.crx_path(data_dir, result.release).read_bytes()
    assert crx[:4] == b"Cr24" and struct.unpack("<I", crx[4:8]) == (3,)
    assert extension_release.current(data_dir) == result.release
    assert result.key_created and result.release.extension_id == (
        extension_release.deployment_id(data_dir)
    )


def test_the_build_polls_the_server_and_carries_no_development_key(packed):
    data_dir, _, result = packed
    with zipfile.ZipFile(extension_release.crx_path(data_dir, result.release)) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        names = set(archive.namelist())
    assert manifest["version"] == "2.0.0"
    assert manifest["update_url"] == SERVER + "/extension/updates.xml"
    assert "key" not in manifest
    assert any(name.startswith("vendor/") for name in names)
    assert not names & {"package.json", "tsconfig.json", "eslint.config.js", "README.md"}
    assert not any(name.startswith(("node_modules/", "types/", "bundles/")) for name in names)


def test_a_version_not_newer_than_the_hosted_one_is_refused(packed):
    data_dir, chromium, _ = packed
    with pytest.raises(ReleaseError, match=r"not newer than the hosted 2\.0\.0"):
        extension_pack.pack(data_dir, chromium, SERVER, version="2.0.0")


def test_a_source_without_vendored_libraries_is_refused(tmp_path):
    source = tmp_path / "extension"
    source.mkdir()
    (source / "manifest.json").write_text("{}")
    with pytest.raises(ReleaseError, match="make extension"):
        extension_pack.build_tree(source, tmp_path / "out", None, SERVER)


def test_a_missing_browser_is_named(tmp_path):
    with pytest.raises(ReleaseError, match="--chromium"):
        extension_pack.pack(tmp_path, str(tmp_path / "no-chromium"), SERVER, version="9.0")
