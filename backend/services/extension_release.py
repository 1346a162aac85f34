"""The packed extension this server hosts: its deployment key, its id and the current release.

The deployment key signs every CRX of one installation. It is made once, kept in
the data directory beside the server's other secrets (never in the repository),
and the extension id follows from it: browsers accept an update only when it is
signed by the key of the id they installed. The manifest's fixed development
``key`` serves unpacked development builds only.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlsplit
from xml.sax.saxutils import quoteattr

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

KEY_FILE = "extension_key.pem"
RELEASES_DIR = "extension"
RELEASE_FILE = "release.json"
# Chromium maps the hex digits of the key's SHA-256 onto the letters a-p.
_ID_ALPHABET = str.maketrans("0123456789abcdef", "abcdefghijklmnop")
_EXTENSION_ID = re.compile(r"^[a-p]{32}$")
_VERSION = re.compile(r"^(0|[1-9]\d{0,4})(\.(0|[1-9]\d{0,4})){0,3}$")
UPDATES_PATH = "/extension/updates.xml"
UPDATE_NAMESPACE = "http://www.google.com/update2/response"


class ReleaseError(ValueError):
    """A pack or release request that cannot be honoured; the message says why."""


@dataclass(frozen=True)
class Release:
    """One packed version, as the update manifest announces it."""

    extension_id: str
    version: str
    crx: str  # the file name inside the releases directory
    sha256: str

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2) + "\n"


def update_url(server_url: str) -> str:
    """Where browsers poll for updates of the extension hosted at ``server_url``."""
    parts = urlsplit(server_url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ReleaseError(f"{server_url!r} is not an http(s) URL of this server")
    return server_url.rstrip("/") + UPDATES_PATH


def key_path(data_dir: Path) -> Path:
    return data_dir / KEY_FILE


def releases_dir(data_dir: Path) -> Path:
    return data_dir / RELEASES_DIR


def load_or_create_key(data_dir: Path) -> tuple[Path, bool]:
    """The deployment key's path, and whether it was made now (once per installation)."""
    path = key_path(data_dir)
    if path.exists():
        return path, False
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(pem)
    return path, True


def extension_id(key_file: Path) -> str:
    """The id Chromium gives an extension signed with the private key in ``key_file``."""
    try:
        key = serialization.load_pem_private_key(key_file.read_bytes(), password=None)
    except (ValueError, TypeError) as exc:
        raise ReleaseError(f"{key_file} is not an unencrypted PEM private key") from exc
    der = key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return hashlib.sha256(der).hexdigest()[:32].translate(_ID_ALPHABET)


def deployment_id(data_dir: Path) -> str | None:
    """The extension id of this installation's packed builds, None before the first pack."""
    path = key_path(data_dir)
    return extension_id(path) if path.exists() else None


def parse_version(text: str) -> tuple[int, ...]:
    """A manifest version (one to four dot-separated integers up to 65535) as a tuple."""
    if not _VERSION.match(text) or any(int(part) > 65535 for part in text.split(".")):
        raise ReleaseError(
            f"{text!r} is not an extension version (one to four numbers joined by dots)"
        )
    return tuple(int(part) for part in text.split("."))


def current(data_dir: Path) -> Release | None:
    """The release browsers are told to install, None before the first pack."""
    path = releases_dir(data_dir) / RELEASE_FILE
    if not path.exists():
        return None
    return Release(**json.loads(path.read_text()))


def publish(data_dir: Path, release: Release) -> None:
    """Make ``release`` the one announced; the write is atomic so a poll never sees half."""
    path = releases_dir(data_dir) / RELEASE_FILE
    temporary = path.with_suffix(".tmp")
    temporary.write_text(release.to_json())
    os.replace(temporary, path)


def crx_path(data_dir: Path, release: Release) -> Path:
    return releases_dir(data_dir) / release.crx


def update_manifest(release: Release | None, crx_url: str, extension_ids: list[str]) -> str:
    """The update manifest (gupdate XML) Chromium polls.

    Every id the browser asks about is answered; only the deployment's id gets an
    ``updatecheck`` with the CRX, the others ``noupdate`` (Chromium batches the
    extensions of one update URL into one request).
    """
    lines = [
        "<?xml version='1.0' encoding='UTF-8'?>",
        f"<gupdate xmlns={quoteattr(UPDATE_NAMESPACE)} protocol='2.0'>",
    ]
    asked = [i for i in extension_ids if _EXTENSION_ID.match(i)] or (
        [release.extension_id] if release else []
    )
    for asked_id in asked:
        lines.append(f"  <app appid={quoteattr(asked_id)} status='ok'>")
        if release and asked_id == release.extension_id:
            lines.append(
                f"    <updatecheck status='ok' codebase={quoteattr(crx_url)} "
                f"version={quoteattr(release.version)} hash_sha256={quoteattr(release.sha256)} />"
            )
        else:
            lines.append("    <updatecheck status='noupdate' />")
        lines.append("  </app>")
    lines.append("</gupdate>")
    return "\n".join(lines) + "\n"
