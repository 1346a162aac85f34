"""What every console page does with forms: read fields, run a service, show the outcome.

Services raise :class:`APIError` for anything a person can get wrong; a console
action turns that into a message on the page instead of the API's JSON.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import marshmallow as ma
from flask import abort, flash, g, redirect, request, url_for

from backend.errors import APIError, as_api_error
from backend.extensions import db
from backend.schemas.pagination import PageArgs
from backend.services.errors import DomainError

T = TypeVar("T")


def text(name: str, default: str = "") -> str:
    """A form field, trimmed."""
    return (request.form.get(name) or default).strip()


def checked(name: str) -> bool:
    """Whether a checkbox was ticked."""
    return request.form.get(name) in ("on", "1", "true", "yes")


def number(name: str, source=None) -> int:
    """A whole-number field, or 400 naming it."""
    raw = (source if source is not None else request.form).get(name, "")
    try:
        return int(str(raw).strip())
    except ValueError:
        abort(400, description=f"{name.replace('_', ' ').capitalize()} must be a whole number.")


def problems(exc: APIError) -> list[str]:
    """Every problem an APIError carries, as lines a person can read."""
    lines: list[str] = []
    details = exc.details or {}
    for problem in details.get("problems") or []:
        path, message = problem["path"], problem["message"]
        lines.append(f"{path}: {message}" if path else message)
    for error in details.get("errors") or []:
        where = f"Row {error['row']}" + (f" (line {error['line']})" if error.get("line") else "")
        field = f", {error['field']}" if error.get("field") else ""
        lines.append(f"{where}{field}: {error['message']}")
    for location in ("json", "query", "form"):
        lines.extend(_flatten(details.get(location) or {}, ""))
    return lines


def messages(exc: ma.ValidationError) -> list[str]:
    """A marshmallow error's messages as ``field: message`` lines."""
    return _flatten(exc.messages, "")


def _flatten(messages, path: str) -> list[str]:
    if isinstance(messages, dict):
        return [
            line
            for key, sub in messages.items()
            for line in _flatten(sub, f"{path}.{key}" if path else str(key))
        ]
    if isinstance(messages, list) and all(isinstance(m, str) for m in messages):
        return [f"{path}: {m}" if path else m for m in messages]
    if isinstance(messages, list):
        return [line for m in messages for line in _flatten(m, path)]
    return [f"{path}: {messages}" if path else str(messages)]


def attempt(
    action: Callable[[], T], success: str | None = None, quiet: bool = False
) -> tuple[T | None, APIError | None]:
    """Run a service call: ``(result, None)``, or ``(None, error)`` with the transaction
    rolled back and (unless ``quiet``, for pages that show the problems inline) its
    message flashed."""
    try:
        result = action()
    except (APIError, DomainError) as caught:
        exc = as_api_error(caught)
        if not getattr(caught, "keep_changes", False):
            db.session.rollback()
        if not quiet:
            flash(exc.description, "error")
            for line in problems(exc)[:20]:
                flash(line, "error")
        return None, exc
    if success:
        flash(success, "success")
    return result, None


def explain(exc: APIError) -> list[str]:
    """The error's message and every problem it lists."""
    return [exc.description, *problems(exc)]


def back(endpoint: str, **values):
    """303 to a page of the current workspace (after a POST)."""
    return redirect(url_for(endpoint, workspace_id=g.principal.workspace_id, **values), 303)


def page_args() -> tuple[int, int | None]:
    """``(limit, after id)`` from ``?limit=&cursor=`` (400 on a bad cursor)."""
    try:
        args = PageArgs().load({k: v for k, v in request.args.items() if k in ("limit", "cursor")})
    except ma.ValidationError:
        abort(400, description="That page link is not valid; start from the first page.")
    return args["limit"], args["cursor"]
