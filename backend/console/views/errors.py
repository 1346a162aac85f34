"""Service errors on console pages: the console's HTML error page, not the API's JSON
(except for the console's own JSON requests, such as the visual editors' saves)."""

from __future__ import annotations

from flask import render_template

from backend.console.blueprint import blp
from backend.errors import APIError, error_response, http_error, wants_json
from backend.services.errors import DomainError

TITLES = {400: "Bad request", 403: "Not allowed", 404: "Not found", 409: "Conflict"}


@blp.errorhandler(APIError)
def service_error(error: APIError):
    if wants_json():
        return error_response(
            error.code, error.error_code, error.description, error.details, error.extra_headers
        )
    page = render_template(
        "console/error.html",
        code=error.code,
        title=TITLES.get(error.code, "That did not work"),
        message=error.description,
    )
    return page, error.code, error.extra_headers


@blp.errorhandler(DomainError)
def domain_error(error: DomainError):
    return service_error(http_error(error))
