"""Generated policies against the names and value shapes Chromium documents for
``ExtensionInstallForcelist`` and an extension's ``3rdparty`` managed storage."""

import json
import plistlib
import re
from pathlib import Path

import jsonschema
import pytest

from backend.services import extension_policy as policy
from backend.services.extension_policy import PolicyError

EXTENSION_ID = "abcdefghijklmnopabcdefghijklmnop"
SERVER = "https://tg.example.com"
KEY = 'tgc_key"with\\odd'
SCHEMA = json.loads(
    (Path(__file__).resolve().parents[3] / "extension" / "managed_schema.json").read_text()
)
# "extension id;update URL": Chromium's documented shape of a force-install entry.
FORCE_ENTRY = re.compile(r"^[a-p]{32};https?://[^\s;]+/extension/updates\.xml$")


def files() -> dict[str, bytes]:
    return {f.name: f.content for f in policy.policy_files(SERVER + "/", KEY, EXTENSION_ID)}


def check_settings(settings: dict) -> None:
    jsonschema.validate(settings, SCHEMA)
    assert settings == {"serverUrl": SERVER, "clientKey": KEY}


def test_linux_json_forces_the_install_and_sets_the_managed_settings():
    document = json.loads(files()["linux/trailguide.json"])
    assert set(document) == {"ExtensionInstallForcelist", "3rdparty"}
    [entry] = document["ExtensionInstallForcelist"]
    assert FORCE_ENTRY.match(entry) and entry.startswith(EXTENSION_ID + ";" + SERVER)
    check_settings(document["3rdparty"]["extensions"][EXTENSION_ID])


def parse_reg(content: bytes) -> dict[str, dict[str, str]]:
    """The keys and string values of a version 5 ``.reg`` file."""
    assert content.startswith(b"\xff\xfe")
    text = content[2:].decode("utf-16-le")
    lines = text.split("\r\n")
    assert lines[0] == "Windows Registry Editor Version 5.00"
    keys: dict[str, dict[str, str]] = {}
    current = None
    for line in lines[1:]:
        if line.startswith("["):
            current = keys.setdefault(line.strip("[]"), {})
        elif line:
            name, value = re.fullmatch(r'"((?:[^"\\]|\\.)*)"="((?:[^"\\]|\\.)*)"', line).groups()
            current[name] = re.sub(r"\\(.)", r"\1", value)
    return keys


@pytest.mark.parametrize(
    ("name", "root"),
    [
        ("windows/trailguide-chrome.reg", r"HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Google\Chrome"),
        ("windows/trailguide-edge.reg", r"HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Microsoft\Edge"),
    ],
)
def test_windows_registry_files_use_each_browsers_policy_keys(name, root):
    keys = parse_reg(files()[name])
    assert set(keys) == {
        root + r"\ExtensionInstallForcelist",
        root + rf"\3rdparty\extensions\{EXTENSION_ID}\policy",
    }
    forcelist = keys[root + r"\ExtensionInstallForcelist"]
    assert list(forcelist) == ["1"] and FORCE_ENTRY.match(forcelist["1"])
    check_settings(keys[root + rf"\3rdparty\extensions\{EXTENSION_ID}\policy"])


def test_macos_plists_for_the_browser_and_the_extension_domains():
    generated = files()
    browser = plistlib.loads(generated["macos/com.google.Chrome.plist"])
    [entry] = browser["ExtensionInstallForcelist"]
    assert FORCE_ENTRY.match(entry)
    check_settings(
        plistlib.loads(generated[f"macos/com.google.Chrome.extensions.{EXTENSION_ID}.plist"])
    )


@pytest.mark.parametrize(
    ("server", "key", "extension_id", "says"),
    [
        ("tg.example.com", KEY, EXTENSION_ID, "http"),
        ("https://tg.example.com/?a=1", KEY, EXTENSION_ID, "query"),
        (SERVER, " ", EXTENSION_ID, "client-key"),
        (SERVER, KEY, "ABCDEFGHIJKLMNOPABCDEFGHIJKLMNOP", "extension id"),
        (SERVER, KEY, "qrst" * 8, "extension id"),
    ],
)
def test_inputs_browsers_would_ignore_are_refused(server, key, extension_id, says):
    with pytest.raises(PolicyError, match=says):
        policy.policy_files(server, key, extension_id)
