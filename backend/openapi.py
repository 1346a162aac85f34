"""The OpenAPI document and its browsable page, served from the project itself."""

from __future__ import annotations

from pathlib import Path

import swagger_ui_bundle
from flask import Blueprint, Flask, send_from_directory

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


def init_app(app: Flask) -> None:
    app.register_blueprint(assets)
