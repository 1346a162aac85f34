"""Pack the extension into a signed CRX3 with the deployment key, and make it the hosted release.

Chromium writes the CRX itself (``--pack-extension``, which runs without a
display): it is the format's reference implementation and the browser that
verifies it on install.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from backend.extension_source import LEFT_OUT, ExtensionNotFound, extension_dir
from backend.services import extension_release as releases
from backend.services.extension_release import Release, ReleaseError

VENDOR_DIR = "vendor"
PACK_TIMEOUT_SECONDS = 120


@dataclass(frozen=True)
class Packed:
    release: Release
    key_created: bool


def build_tree(source: Path, target: Path, version: str | None, update_url: str) -> str:
    """Copy what the browser loads from ``source`` into ``target``; return the version.

    The manifest loses its development ``key`` (the CRX's own key sets the id),
    takes ``version`` when one is given, and names ``update_url``: a policy's
    update URL serves the first install only, later checks poll the manifest's.
    """
    if not (source / "manifest.json").is_file():
        raise ReleaseError(f"{source} holds no manifest.json")
    if not (source / VENDOR_DIR).is_dir():
        raise ReleaseError(
            f"{source / VENDOR_DIR} is missing: run `make extension` to vendor the libraries"
        )
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(*LEFT_OUT))
    manifest_file = target / "manifest.json"
    manifest = json.loads(manifest_file.read_text())
    manifest.pop("key", None)
    if version is not None:
        releases.parse_version(version)
        manifest["version"] = version
    manifest["update_url"] = update_url
    manifest_file.write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest["version"]


def pack(
    data_dir: Path,
    chromium: str,
    server_url: str,
    source: Path | None = None,
    version: str | None = None,
) -> Packed:
    """Sign the extension in ``source`` (default: the installed copy, or the checkout's)
    and announce it as the current release.

    ``server_url`` is where browsers reach this server; the build polls it for updates.

    The version must be newer than the hosted one: browsers install an update
    only when its version is higher than theirs.
    """
    if source is None:
        try:
            source = extension_dir()
        except ExtensionNotFound as exc:
            raise ReleaseError(str(exc)) from None
    key_file, created = releases.load_or_create_key(data_dir)
    extension_id = releases.extension_id(key_file)
    previous = releases.current(data_dir)
    out_dir = releases.releases_dir(data_dir)
    out_dir.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="trailguide-pack-") as scratch:
        tree = Path(scratch) / "trailguide"
        built = build_tree(source, tree, version, releases.update_url(server_url))
        if previous and releases.parse_version(built) <= releases.parse_version(previous.version):
            raise ReleaseError(
                f"version {built} is not newer than the hosted {previous.version}: "
                "browsers would not update (pass a higher --version)"
            )
        _run_packer(chromium, tree, key_file, Path(scratch))
        crx_name = f"trailguide-{built}.crx"
        crx = out_dir / crx_name
        shutil.move(Path(scratch) / "trailguide.crx", crx)
        crx.chmod(0o644)  # public by nature: any browser may download it
    release = Release(
        extension_id=extension_id,
        version=built,
        crx=crx_name,
        sha256=hashlib.sha256(crx.read_bytes()).hexdigest(),
    )
    releases.publish(data_dir, release)
    return Packed(release, created)


def _run_packer(chromium: str, tree: Path, key_file: Path, scratch: Path) -> None:
    command = [
        chromium,
        "--headless=new",
        "--no-sandbox",  # packing loads no web content
        f"--user-data-dir={scratch / 'profile'}",
        f"--pack-extension={tree}",
        f"--pack-extension-key={key_file}",
    ]
    try:
        result = subprocess.run(  # noqa: S603 - the operator's own browser, no shell
            command, capture_output=True, text=True, timeout=PACK_TIMEOUT_SECONDS, check=False
        )
    except FileNotFoundError:
        raise ReleaseError(f"cannot run {chromium!r}: pass --chromium PATH") from None
    except subprocess.TimeoutExpired:
        raise ReleaseError(
            f"{chromium} did not finish packing in {PACK_TIMEOUT_SECONDS} s"
        ) from None
    if result.returncode != 0 or not (scratch / "trailguide.crx").is_file():
        output = (result.stderr or result.stdout).strip().splitlines()
        raise ReleaseError(f"{chromium} could not pack the extension: {' '.join(output[-3:])}")
