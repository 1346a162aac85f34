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

from flask import Flask, has_request_context, request
from flask.sessions import SecureCookieSessionInterface
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


def _add_headers(response):
    headers = response.headers
    headers.setdefault("X-Content-Type-Options", "nosniff")
    path = request.path
    if path == _DEMO_APP or path.startswith(_DEMO_APP + "/"):
        return response
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("X-Frame-Options", "DENY")
    if path.startswith("/console"):
        headers.setdefault("Content-Security-Policy", CONSOLE_CSP)
        if not path.startswith(_CONSOLE_ASSETS):
            headers["Cache-Control"] = "no-store"
    else:
        headers.setdefault("Content-Security-Policy", NOT_FRAMED_CSP)
    if request.is_secure:
        headers.setdefault("Strict-Transport-Security", HSTS)
    return response


def init_app(app: Flask, settings: Settings) -> None:
    hops = settings.trusted_proxies
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops)
    app.session_interface = SessionCookies()
    app.after_request(_add_headers)
