"""Acme CRM: the demo application Trailguide guides, served under ``/acme/``.

A small single-page app in plain HTML/JS (history-API routing, no build) with
the things guidance lives on: a searchable list, a validated form, a board
and a settings page. Its data stays in the browser (localStorage).
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, send_from_directory

STATIC = Path(__file__).parent / "static"

blp = Blueprint("acme", __name__, url_prefix="/acme")


@blp.route("/static/<path:filename>")
def asset(filename: str):
    return send_from_directory(STATIC, filename, max_age=300)


@blp.route("/", defaults={"path": ""})
@blp.route("/<path:path>")
def page(path: str):
    """Every route of the single-page app answers with its shell; the script routes."""
    response = send_from_directory(STATIC, "index.html", max_age=0)
    response.headers["Cache-Control"] = "no-cache"
    return response
