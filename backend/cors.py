"""CORS for the API: the extension's origins and configured origins, nothing else.

The extension's service worker has host permissions and needs no CORS; its
pages (options, popup) do. Browsers get no CORS headers for any other origin,
so a page on some site cannot read the API with a visitor's credentials.
"""

from __future__ import annotations

from flask import Flask, request

from backend.config import Settings
from backend.services import extension_release

ALLOWED_HEADERS = (
    "Authorization, Content-Type, If-Match, If-None-Match, "
    "X-Trailguide-Contract, X-Trailguide-Extension, X-Trailguide-Key, X-Trailguide-User"
)
EXPOSED_HEADERS = "ETag, Retry-After, X-Request-Id, X-Trailguide-Update"


def origin_allowed(origin: str, settings: Settings) -> bool:
    """Whether a browser page at ``origin`` may read API answers."""
    if origin.startswith("chrome-extension://"):
        extension_id = origin.removeprefix("chrome-extension://").rstrip("/")
        if "*" in settings.extension_ids or extension_id in settings.extension_ids:
            return True
        # The packed build this server hosts, whatever key this installation made for it.
        hosted = extension_release.current(settings.data_dir)
        return hosted is not None and extension_id == hosted.extension_id
    return origin in settings.cors_origins


def init_app(app: Flask, settings: Settings) -> None:
    @app.before_request
    def _preflight():
        req = request._get_current_object()
        if req.method == "OPTIONS" and req.path.startswith("/api/"):
            response = app.make_default_options_response()
            response.status_code = 204
            return response
        return None

    @app.after_request
    def _cors(response):
        req = request._get_current_object()
        if not req.path.startswith("/api/"):
            return response
        response.vary.add("Origin")
        origin = req.headers.get("Origin")
        if not origin or not origin_allowed(origin, settings):
            return response
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
        if req.method == "OPTIONS":
            response.headers["Access-Control-Allow-Methods"] = (
                "GET, POST, PUT, PATCH, DELETE, OPTIONS"
            )
            response.headers["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
            response.headers["Access-Control-Max-Age"] = "600"
        return response
