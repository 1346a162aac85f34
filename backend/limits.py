"""Request size limit, enforced before routing so no view ever reads an oversized body.

A view that takes larger bodies (an image upload) says so with :func:`allow_body`.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, request
from werkzeug.exceptions import RequestEntityTooLarge


def allow_body(limit: int) -> Callable[[Callable], Callable]:
    """Let one view take bodies of up to ``limit`` bytes (put it right below the route)."""

    def mark(view: Callable) -> Callable:
        view.max_body_bytes = limit
        return view

    return mark


def init_app(app: Flask) -> None:
    @app.before_request
    def _refuse_oversized_bodies():
        req = request._get_current_object()  # read several times: one context lookup
        view = app.view_functions.get(req.endpoint or "")
        limit = getattr(view, "max_body_bytes", None)
        if limit is not None:
            # Form parsing checks the same limit while it reads.
            req.max_content_length = limit
        else:
            limit = app.config.get("MAX_CONTENT_LENGTH")
        if limit:
            length = req.content_length
            if length is not None and length > limit:
                raise RequestEntityTooLarge(f"The request body is larger than {limit} bytes.")
