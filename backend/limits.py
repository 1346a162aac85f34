"""Request size limit, enforced before routing so no view ever reads an oversized body."""

from __future__ import annotations

from flask import Flask, current_app, request
from werkzeug.exceptions import RequestEntityTooLarge


def init_app(app: Flask) -> None:
    @app.before_request
    def _refuse_oversized_bodies():
        limit = current_app.config.get("MAX_CONTENT_LENGTH")
        if limit and request.content_length is not None and request.content_length > limit:
            raise RequestEntityTooLarge(f"The request body is larger than {limit} bytes.")
