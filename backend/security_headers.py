"""Security headers on every response, and honest client addresses behind proxies.

- Console pages: a strict Content-Security-Policy (scripts only from the app
  itself: no inline script, no eval), never framed, never cached when they may
  show signed-in data.
- API answers and the API docs page: nosniff, and never framed.
- The demo app (Acme CRM) stands in for somebody else's web application that the
  extension guides: it gets nosniff only, so it stays framable like such apps are.
- Behind ``TRAILGUIDE_TRUSTED_PROXIES`` TLS-terminating proxies, werkzeug's
  ProxyFix takes the client address and scheme from X-Forwarded-*: the sign-in
  slowdown counts the real client, HSTS is sent and the session cookie is Secure.
"""

from __future__ import annotations

from flask import Flask, Request, Response, has_request_context, request
from flask.sessions import SecureCookieSessionInterface, SessionMixin
from werkzeug.datastructures import Headers
from werkzeug.middleware.proxy_fix import ProxyFix

from backend.config import Settings

CONSOLE_CSP = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        # Plotly.js styles its charts with <style> elements and style attributes it
        # makes at run time; styles cannot run code, scripts stay strictly 'self'.
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
NOT_FRAMED_CSP = "frame-ancestors 'none'"
HSTS = "max-age=31536000; includeSubDomains"
# Shipped files that show nothing personal: browsers may cache them.
_CONSOLE_ASSETS = ("/console/static/", "/console/vendor/")
_DEMO_APP = "/acme"


class SessionCookies(SecureCookieSessionInterface):
    """Flask's signed cookie session, marked Secure whenever the request came over HTTPS
    (directly, or through a trusted proxy), not only when the public URL says so."""

    def get_cookie_secure(self, app: Flask) -> bool:
        secure = super().get_cookie_secure(app)
        return secure or (has_request_context() and request.is_secure)

    # Most requests (the extension's, every API client's) carry no session cookie: they
    # get the empty session Flask would give them, without its signing serializer and
    # cookie settings being made for nothing.
    def open_session(self, app: Flask, request: Request) -> SessionMixin | None:
        if app.secret_key and not request.cookies.get(self.get_cookie_name(app)):
            return self.session_class()
        return super().open_session(app, request)

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        if not session and not session.modified:
            if session.accessed:
                response.vary.add("Cookie")
            return
        super().save_session(app, session, response)


def _add_defaults(headers: Headers, present: set[str], defaults: tuple[tuple[str, str], ...]):
    # headers.setdefault, with the names already there looked up once (each miss of
    # setdefault scans the headers and raises a KeyError).
    for name, value in defaults:
        if name.lower() not in present:
            headers.add(name, value)


_NOSNIFF = (("X-Content-Type-Options", "nosniff"),)
_NOT_FRAMED = (("Referrer-Policy", "same-origin"), ("X-Frame-Options", "DENY"))
_CONSOLE = (("Content-Security-Policy", CONSOLE_CSP),)
_API = (("Content-Security-Policy", NOT_FRAMED_CSP),)
_HSTS = (("Strict-Transport-Security", HSTS),)


def _add_headers(response):
    headers = response.headers
    present = set(headers.keys(lower=True))
    _add_defaults(headers, present, _NOSNIFF)
    req = request._get_current_object()
    path = req.path
    if path == _DEMO_APP or path.startswith(_DEMO_APP + "/"):
        return response
    _add_defaults(headers, present, _NOT_FRAMED)
    if path.startswith("/console"):
        _add_defaults(headers, present, _CONSOLE)
        if not path.startswith(_CONSOLE_ASSETS):
            headers["Cache-Control"] = "no-store"
    else:
        _add_defaults(headers, present, _API)
    if req.is_secure:
        _add_defaults(headers, present, _HSTS)
    return response


def init_app(app: Flask, settings: Settings) -> None:
    hops = settings.trusted_proxies
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops)
    app.session_interface = SessionCookies()
    app.after_request(_add_headers)
