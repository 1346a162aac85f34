"""Browser policy files that force-install the hosted extension and give it its settings.

Chromium documents one policy for the install, ``ExtensionInstallForcelist`` (a
list of ``"<id>;<update URL>"`` strings), and a ``3rdparty`` tree for an
extension's managed storage, which ``extension/managed_schema.json`` describes.
Each OS stores them its own way: JSON files on Linux, the registry on Windows
(one key for Chrome, one for Edge), preference domains on macOS.
"""

from __future__ import annotations

import json
import plistlib
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from backend.services.extension_release import UPDATES_PATH

FORCELIST = "ExtensionInstallForcelist"
_EXTENSION_ID = re.compile(r"^[a-p]{32}$")
# Where Chrome and Edge read machine policy on Windows.
REGISTRY_ROOTS = {
    "chrome": r"HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Google\Chrome",
    "edge": r"HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Microsoft\Edge",
}
MAC_DOMAIN = "com.google.Chrome"


class PolicyError(ValueError):
    """An argument that would make a policy browsers ignore; the message says which."""


@dataclass(frozen=True)
class PolicyFile:
    """One generated file: where it goes in the output folder, where IT installs it, its bytes."""

    name: str
    installs_to: str
    content: bytes


def check_inputs(server_url: str, client_key: str, extension_id: str) -> str:
    """The server URL without a trailing slash, once every argument is usable."""
    parts = urlsplit(server_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise PolicyError(f"--server {server_url!r} is not an http(s) URL")
    if parts.query or parts.fragment:
        raise PolicyError(f"--server {server_url!r} must not carry a query or fragment")
    if not client_key.strip():
        raise PolicyError("--client-key is empty")
    if not _EXTENSION_ID.match(extension_id):
        raise PolicyError(f"{extension_id!r} is not an extension id (32 letters a-p)")
    return server_url.rstrip("/")


def forcelist_entry(server_url: str, extension_id: str) -> str:
    return f"{extension_id};{server_url}{UPDATES_PATH}"


def settings(server_url: str, client_key: str) -> dict:
    """The managed settings every browser of the fleet shares (``user`` is per person)."""
    return {"serverUrl": server_url, "clientKey": client_key}


def linux_json(server_url: str, client_key: str, extension_id: str) -> bytes:
    policy = {
        FORCELIST: [forcelist_entry(server_url, extension_id)],
        "3rdparty": {"extensions": {extension_id: settings(server_url, client_key)}},
    }
    return (json.dumps(policy, indent=2) + "\n").encode()


def _reg_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def windows_reg(browser: str, server_url: str, client_key: str, extension_id: str) -> bytes:
    """A ``.reg`` file; regedit reads version 5 files as UTF-16 with a byte order mark."""
    root = REGISTRY_ROOTS[browser]
    lines = [
        "Windows Registry Editor Version 5.00",
        "",
        f"[{root}\\{FORCELIST}]",
        f"{_reg_string('1')}={_reg_string(forcelist_entry(server_url, extension_id))}",
        "",
        f"[{root}\\3rdparty\\extensions\\{extension_id}\\policy]",
    ]
    for name, value in settings(server_url, client_key).items():
        lines.append(f"{_reg_string(name)}={_reg_string(value)}")
    text = "\r\n".join(lines) + "\r\n"
    return b"\xff\xfe" + text.encode("utf-16-le")


def mac_plists(server_url: str, client_key: str, extension_id: str) -> tuple[bytes, bytes]:
    """The browser's preference domain (the force-install) and the extension's (its settings)."""
    browser = plistlib.dumps({FORCELIST: [forcelist_entry(server_url, extension_id)]})
    extension = plistlib.dumps(settings(server_url, client_key))
    return browser, extension


def policy_files(server_url: str, client_key: str, extension_id: str) -> list[PolicyFile]:
    """Every file IT needs, for Linux, Windows (Chrome and Edge) and macOS."""
    server = check_inputs(server_url, client_key, extension_id)
    browser_plist, extension_plist = mac_plists(server, client_key, extension_id)
    extension_domain = f"{MAC_DOMAIN}.extensions.{extension_id}"
    return [
        PolicyFile(
            "linux/trailguide.json",
            "/etc/opt/chrome/policies/managed/ (Chrome) or /etc/chromium/policies/managed/",
            linux_json(server, client_key, extension_id),
        ),
        PolicyFile(
            "windows/trailguide-chrome.reg",
            "regedit /s on machines joined to a domain or managed (Chrome)",
            windows_reg("chrome", server, client_key, extension_id),
        ),
        PolicyFile(
            "windows/trailguide-edge.reg",
            "regedit /s on machines joined to a domain or managed (Edge)",
            windows_reg("edge", server, client_key, extension_id),
        ),
        PolicyFile(
            f"macos/{MAC_DOMAIN}.plist",
            f"a configuration profile payload for the {MAC_DOMAIN} domain (MDM)",
            browser_plist,
        ),
        PolicyFile(
            f"macos/{extension_domain}.plist",
            f"a configuration profile payload for the {extension_domain} domain (MDM)",
            extension_plist,
        ),
    ]
