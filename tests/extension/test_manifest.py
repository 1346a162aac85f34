"""The manifest asks for what the player needs and nothing static: content scripts
are registered at run time on the workspace's application patterns."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

EXTENSION = Path(__file__).resolve().parents[2] / "extension"
MANIFEST = json.loads((EXTENSION / "manifest.json").read_text())


def _player_files() -> list[str]:
    source = (EXTENSION / "worker" / "files.js").read_text()
    return re.findall(r'"([^"]+\.js)"', source)


def test_no_static_content_scripts():
    assert "content_scripts" not in MANIFEST


def test_permissions_are_the_documented_ones():
    assert set(MANIFEST["permissions"]) == {
        "storage", "scripting", "alarms", "identity", "identity.email"
    }  # fmt: skip
    assert MANIFEST["host_permissions"] == ["<all_urls>"]


def test_the_key_keeps_the_extension_id_fixed():
    assert MANIFEST["key"].startswith("MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAuYANv1t")


def test_background_is_a_module_worker():
    assert MANIFEST["background"] == {"service_worker": "background.js", "type": "module"}


def test_managed_schema_declares_the_settings_contract():
    schema = json.loads((EXTENSION / MANIFEST["storage"]["managed_schema"]).read_text())
    assert set(schema["properties"]) == {"serverUrl", "clientKey", "user"}
    assert schema["properties"]["user"]["properties"]["id"]["type"] == "string"


@pytest.mark.parametrize("name", _player_files())
def test_every_player_file_exists(name):
    """vendor/ files come from `make extension` (npm ci), which `make test` runs first."""
    assert (EXTENSION / name).is_file()


def test_content_scripts_are_classic_scripts():
    """Registered content scripts cannot be modules."""
    for name in _player_files():
        if name.startswith(("content/", "shared/")):
            text = (EXTENSION / name).read_text()
            assert not re.search(r"^\s*(import|export)\s", text, re.M), name


def test_js_files_stay_small():
    for path in EXTENSION.rglob("*.js"):
        if "vendor" in path.parts or "node_modules" in path.parts:
            continue
        assert len(path.read_text().splitlines()) <= 300, path


def _own_js():
    return sorted(
        p.relative_to(EXTENSION).as_posix()
        for p in EXTENSION.rglob("*.js")
        if not {"vendor", "node_modules"} & set(p.parts)
    )


@pytest.mark.parametrize("name", _own_js())
def test_js_parses(name):
    """A syntax error in a content script would silently disable the player."""
    done = subprocess.run(
        [shutil.which("node") or "node", "--check", str(EXTENSION / name)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
