"""The OpenAPI document and its browsable page, served from the project itself."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import swagger_ui_bundle
from apispec import APISpec
from flask import Blueprint, Flask, send_from_directory
from flask_smorest import Api

ASSETS_URL = "/api/v1/docs/assets/"

assets = Blueprint("openapi_assets", __name__)


def settings(version: str) -> dict:
    """flask-smorest configuration: spec at /api/v1/openapi.json, docs at /api/v1/docs."""
    return {
        "API_TITLE": "Trailguide API",
        "API_VERSION": version,
        "OPENAPI_VERSION": "3.0.3",
        "OPENAPI_URL_PREFIX": "/api/v1",
        "OPENAPI_JSON_PATH": "openapi.json",
        "OPENAPI_SWAGGER_UI_PATH": "/docs",
        # Swagger UI comes from the swagger-ui-bundle wheel, never from a CDN.
        "OPENAPI_SWAGGER_UI_URL": ASSETS_URL,
        "API_SPEC_OPTIONS": {
            "info": {
                "description": (
                    "Trailguide serves walkthroughs, smart tips, launchers and checklists to "
                    "its browser extension and records onboarding and usage events in "
                    "ClickHouse. Errors always have the shape "
                    '`{"error": {"code", "message", "details"}}`.'
                ),
            },
        },
    }


@assets.route(f"{ASSETS_URL}<path:filename>")
def swagger_asset(filename: str):
    return send_from_directory(Path(swagger_ui_bundle.swagger_ui_path), filename, max_age=86400)


class DeferredDocsApi(Api):
    """flask-smorest, documenting each blueprint's views when the document is first read.

    Turning every view's schemas into OpenAPI paths costs more than the rest of
    building an app; a worker (or a test's app) that never serves the document
    never pays for it. Everything that reads the document goes through ``spec``;
    what adds to it at registration goes through :meth:`document`, which keeps
    the order of registration (a component before the views that name it).
    """

    def __init__(self, *args, **kwargs):
        self._spec = None
        self._undocumented: list[Callable[[APISpec], None]] = []
        self._documenting = threading.Lock()
        super().__init__(*args, **kwargs)

    @property
    def spec(self):
        """The document, with everything registered so far."""
        if self._undocumented:
            with self._documenting:
                while self._undocumented:
                    self._undocumented[0](self._spec)
                    self._undocumented.pop(0)
        return self._spec

    @spec.setter
    def spec(self, value) -> None:
        self._spec = value

    def document(self, add: Callable[[APISpec], None]) -> None:
        """Call ``add`` with the document before it is next read."""
        self._undocumented.append(add)

    def register_blueprint(self, blp, *, parameters=None, **options):
        """Register ``blp`` in the app now and in the document when it is read."""
        name = options.get("name", blp.name)
        self._app.extensions["flask-smorest"]["blp_name_to_api"][name] = self
        self._app.register_blueprint(blp, **options)

        def add(spec: APISpec) -> None:
            blp.register_views_in_doc(self, self._app, spec, name=name, parameters=parameters)
            spec.tag({"name": name, "description": blp.description})

        self.document(add)


def init_app(app: Flask) -> None:
    app.register_blueprint(assets)
