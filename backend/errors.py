"""One JSON error shape for the whole API: ``{"error": {"code", "message", "details"}}``."""

from __future__ import annotations

import logging

import marshmallow as ma
from flask import Response, jsonify, request
from werkzeug.exceptions import HTTPException, InternalServerError

from backend.openapi import DeferredDocsApi
from backend.services import errors as domain

log = logging.getLogger(__name__)

# Paths whose errors are JSON; anything else (console pages, the demo app) gets HTML.
JSON_PREFIXES = ("/api/", "/healthz", "/readyz", "/metrics")


class ErrorBodySchema(ma.Schema):
    code = ma.fields.String(required=True, metadata={"description": "machine-readable code"})
    message = ma.fields.String(required=True, metadata={"description": "for people"})
    details = ma.fields.Raw(
        metadata={"description": "what exactly was wrong, e.g. field paths and messages"}
    )


class ErrorSchema(ma.Schema):
    error = ma.fields.Nested(ErrorBodySchema, required=True)


class APIError(HTTPException):
    """Raise from anywhere below a view to answer with the JSON error shape."""

    def __init__(self, status: int, code: str, message: str, details=None, headers=None):
        super().__init__(description=message)
        self.code = status
        self.error_code = code
        self.details = details
        self.extra_headers = headers or {}


def not_found(what: str) -> APIError:
    """404 for anything missing or outside the caller's workspace (the two look the same)."""
    return APIError(404, "not_found", f"{what} not found.")


# The one place a domain refusal becomes an HTTP status; first match along the class's MRO.
STATUS_OF: dict[type[domain.DomainError], int] = {
    domain.Malformed: 400,
    domain.Unauthenticated: 401,
    domain.Forbidden: 403,
    domain.NotFound: 404,
    domain.Conflict: 409,
    domain.Gone: 410,
    domain.PreconditionFailed: 412,
    domain.TooLarge: 413,
    domain.Invalid: 422,
    domain.TooMany: 429,
    domain.Failed: 500,
    domain.Unavailable: 503,
}


def status_of(error: domain.DomainError) -> int:
    for cls in type(error).__mro__:
        if cls in STATUS_OF:
            return STATUS_OF[cls]
    return 500


def http_error(error: domain.DomainError) -> APIError:
    """The APIError a domain refusal answers as (status, code, message, details, Retry-After)."""
    headers = {}
    if error.retry_after is not None:
        headers["Retry-After"] = str(error.retry_after)
    return APIError(status_of(error), error.code, error.message, error.details, headers)


def as_api_error(error: APIError | domain.DomainError) -> APIError:
    """An error from a route's own checks or from a service, as the API would answer it."""
    return http_error(error) if isinstance(error, domain.DomainError) else error


def error_response(status: int, code: str, message: str, details=None, headers=None) -> Response:
    """A response in the one error shape."""
    body = {"error": {"code": code, "message": message, "details": details or {}}}
    response = jsonify(body)
    response.status_code = status
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def _slug(name: str) -> str:
    return name.lower().replace(" ", "_").replace("'", "")


def wants_json() -> bool:
    return request.path.startswith(JSON_PREFIXES) or request.accept_mimetypes.best == (
        "application/json"
    )


class ErrorAwareApi(DeferredDocsApi):
    """flask-smorest, documenting and emitting our error shape instead of its own."""

    ERROR_SCHEMA = ErrorSchema

    def __init__(self, *args, **kwargs):
        # HTML error pages by path prefix (the console renders its own).
        self.html_error_pages: dict[str, object] = {}
        super().__init__(*args, **kwargs)

    def init_app(self, app, **kwargs):
        super().init_app(app, **kwargs)
        app.register_error_handler(domain.DomainError, self.handle_domain_error)

    def handle_domain_error(self, error: domain.DomainError):
        return self.handle_http_exception(http_error(error))

    def handle_http_exception(self, error: HTTPException):
        if isinstance(error, APIError):
            return error_response(
                error.code,
                error.error_code,
                error.description,
                error.details,
                error.extra_headers,
            )
        data = getattr(error, "data", None) or {}
        headers = dict(data.get("headers") or {})
        if error.code == 422:
            # webargs puts marshmallow's messages, keyed by location then field path.
            details = data.get("messages") or data.get("errors") or {}
            return error_response(
                422, "validation_error", "The request is not valid.", details, headers
            )
        if isinstance(error, InternalServerError):
            original = getattr(error, "original_exception", None)
            if original is not None:
                log.error("unhandled error", exc_info=original)
        for prefix, render in self.html_error_pages.items():
            if request.path.startswith(prefix) and not wants_json():
                return render(error)
        if not wants_json():
            return error.get_response()
        message = data.get("message") or error.description or error.name
        response = error_response(
            error.code or 500, _slug(error.name), message, data.get("errors"), headers
        )
        if error.code == 405 and hasattr(error, "valid_methods") and error.valid_methods:
            response.headers["Allow"] = ", ".join(error.valid_methods)
        return response
