"""The admin console: server-rendered pages with light JavaScript at ``/console``.

Owners, admins, editors and analysts manage guidance and read adoption here.
Every asset is served from the project itself (Plotly.js from npm, copied into
``static/vendor/`` when the package is built); nothing comes from a CDN.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from flask import Flask, abort, g, render_template, request, send_from_directory
from flask_wtf.csrf import CSRFError, CSRFProtect

from backend.auth import Permission, role_allows
from backend.config import Settings
from backend.console import nav
from backend.console.blueprint import blp
from backend.console.session import current_user, login_manager
from backend.services import accounts

csrf = CSRFProtect()


@blp.before_request
def _protect():
    """Every unsafe console request carries the session's CSRF token (form field
    ``csrf_token`` or header ``X-CSRF-Token``); the API, which takes bearer tokens
    and no cookies, is not checked."""
    try:
        csrf.protect()
    except CSRFError:
        abort(
            400,
            description="The form expired or did not come from this console. "
            "Reload the page and try again.",
        )


@blp.route("/vendor/plotly.min.js")
def plotly_js():
    """Plotly.js (its strict build, which needs no unsafe-eval), shipped inside the package."""
    return send_from_directory(Path(blp.static_folder) / "vendor", "plotly.min.js", max_age=86400)


@blp.app_template_global()
def can(permission_name: str) -> bool:
    principal = g.get("principal")
    return principal is not None and role_allows(principal.role, Permission[permission_name])


def _render_error(error):
    code = getattr(error, "code", 500) or 500
    titles = {
        400: "Bad request",
        403: "Not allowed",
        404: "Not found",
        405: "Not allowed",
        413: "Too large",
        429: "Slow down",
        500: "Something broke",
    }
    return render_template(
        "console/error.html",
        code=code,
        title=titles.get(code, "Error"),
        message=getattr(error, "description", "") or "",
    ), code


def init_app(app: Flask, settings: Settings) -> None:
    """Register the console and its session cookie settings."""
    from backend.console import figures, filter_bar, views  # noqa: F401 - registers pages, globals

    app.config.update(
        SESSION_COOKIE_NAME="tg_console",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.public_url.startswith("https://"),
        SESSION_COOKIE_PATH="/console",
        PERMANENT_SESSION_LIFETIME=timedelta(hours=12),
        # Checked by the console blueprint only (see _protect), valid as long as the session.
        WTF_CSRF_CHECK_DEFAULT=False,
        WTF_CSRF_TIME_LIMIT=None,
    )
    csrf.init_app(app)
    login_manager.init_app(app)
    app.register_blueprint(blp)

    @app.context_processor
    def _console_context():
        if not request.path.startswith("/console"):
            return {}
        user = current_user()
        principal = g.get("principal")
        return {
            "console_user": user,
            "memberships": accounts.memberships_of(user) if user else [],
            "current_workspace_id": principal.workspace_id if principal else None,
            "current_role": principal.role if principal else None,
            "console_nav": nav.NAV,
        }

    app.extensions["trailguide.api"].html_error_pages["/console"] = _render_error
