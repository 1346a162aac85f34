"""Acme Billing and Acme Support: the demo's other tools, each on an origin of its own.

A company's people move between tools that live at different addresses; the demo
shows that with one serving process listening on more ports. A request that
arrived on a demo tool's port is answered by that tool alone (a small Flask app
of server-rendered pages), and the tool's paths answer on no other port.

Like Acme CRM, each tool says who is signed in on every page
(``<strong id="current-user" data-user-id=...>``, read by the application's
``user_id_rule``), and each keeps to a strict own-origin Content-Security-Policy,
as many business applications do.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from flask import Blueprint, Flask, abort, redirect, request

from backend.config import Settings
from backend.demo.directory import DEFAULT_USER

CSP = "; ".join(
    (
        "default-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
    )
)
ROOT = Path(__file__).parent


@dataclass(frozen=True)
class SignedIn:
    id: str
    name: str


# The demo person: the same id in Acme CRM, Billing and Support, so progress through a
# process that spans the three tools is one person's.
PERSON = SignedIn(DEFAULT_USER, "Jordan Lee")


def origin_app(blueprint: Blueprint, title: str) -> Flask:
    """A small app serving ``blueprint`` (and Acme CRM's stylesheet) on an origin of its own."""
    app = Flask(__name__, root_path=str(ROOT), static_url_path="/static")
    app.register_blueprint(blueprint)
    app.add_url_rule("/", "home", lambda: redirect(f"{blueprint.url_prefix}/"))

    @app.context_processor
    def layout():
        return {"signed_in": PERSON, "app_title": title, "home": blueprint.url_prefix}

    app.before_request(_same_origin_posts)
    app.after_request(_headers)
    return app


def _same_origin_posts():
    # Browsers send Origin with a form POST: another site's page may not submit ours.
    origin = request.headers.get("Origin")
    if request.method == "POST" and origin not in (None, request.host_url.rstrip("/")):
        abort(403)


def _headers(response):
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CSP)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "same-origin")
    return response


class PortDispatch:
    """WSGI: each request goes to the app of the port it arrived on, else to ``default``."""

    def __init__(self, default: Callable, by_port: dict[int, Callable]):
        self.default = default
        self.by_port = by_port

    def __call__(self, environ, start_response):
        # The listening socket's port (gunicorn takes it from the socket, not the Host header).
        port = environ.get("SERVER_PORT", "")
        app = self.by_port.get(int(port), self.default) if port.isdigit() else self.default
        return app(environ, start_response)


def mount(app: Flask, settings: Settings) -> None:
    """Answer the configured demo tools' ports with their apps (none configured: no change)."""
    from backend.demo_app import billing, support

    tools = {
        settings.demo_billing_port: lambda: origin_app(billing.blp, "Acme Billing"),
        settings.demo_support_port: lambda: origin_app(support.blp, "Acme Support"),
    }
    by_port = {port: make() for port, make in tools.items() if port is not None}
    if by_port:
        app.wsgi_app = PortDispatch(app.wsgi_app, by_port)
