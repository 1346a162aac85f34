"""The packed extension's update channel: the manifest Chromium polls and the CRX it names.

Browsers force-installed by policy (``ExtensionInstallForcelist``) poll
``/extension/updates.xml`` and download the CRX it points at; the machinery that
packs them is ``trailguide extension pack``. Not part of the JSON API.
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, request, send_file, url_for

from backend.errors import error_response
from backend.services import extension_release as releases

blp = Blueprint("extension_updates", __name__, url_prefix="/extension")
CRX_TYPE = "application/x-chrome-extension"


def _data_dir():
    return current_app.config["TRAILGUIDE_SETTINGS"].data_dir


def _public_url(endpoint: str, **values) -> str:
    base = current_app.config["TRAILGUIDE_SETTINGS"].public_url
    if base:
        return base + url_for(endpoint, **values)
    return url_for(endpoint, _external=True, **values)


@blp.route("/updates.xml")
def update_manifest():
    """Answer every id the browser asks about (``x=id%3D...``); only ours gets the CRX."""
    release = releases.current(_data_dir())
    if release is None:
        return error_response(404, "not_packed", "no extension has been packed on this server")
    asked = [
        part.removeprefix("id=")
        for value in request.args.getlist("x")
        for part in value.split("&")
        if part.startswith("id=")
    ]
    crx_url = _public_url("extension_updates.crx", version=release.version)
    body = releases.update_manifest(release, crx_url, asked)
    response = Response(body, mimetype="application/xml")
    response.headers["Cache-Control"] = "no-cache"
    return response


@blp.route("/trailguide-<version>.crx")
def crx(version: str):
    """The current release's CRX; an older version is gone once a newer one is packed."""
    release = releases.current(_data_dir())
    if release is None or release.version != version:
        return error_response(404, "not_found", f"no packed extension of version {version}")
    return send_file(
        releases.crx_path(_data_dir(), release),
        mimetype=CRX_TYPE,
        download_name=release.crx,
        max_age=3600,
    )
