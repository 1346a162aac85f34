"""Authentication of the extension by its public client key (header X-Trailguide-Key)."""

from __future__ import annotations

from functools import wraps

from flask import g, request
from flask_smorest.utils import deepupdate

from backend.auth.principals import ClientPrincipal
from backend.errors import APIError
from backend.services import credentials

HEADER = "X-Trailguide-Key"
CLIENT_SECURITY = [{"clientKey": []}]


def client_key_required(view):
    """Require a live client key; the workspace is then ``current_client()``.

    A key reads its own workspace's published content and sends events; nothing else.
    """

    @wraps(view)
    def wrapper(*args, **kwargs):
        raw = request.headers.get(HEADER, "").strip()
        if not raw:
            raise APIError(401, "missing_client_key", f"Send the client key in {HEADER}.")
        principal = credentials.authenticate_client_key(raw)
        if principal is None:
            raise APIError(401, "invalid_client_key", "The client key is unknown or revoked.")
        g.client = principal
        return view(*args, **kwargs)

    wrapper._apidoc = deepupdate(
        getattr(wrapper, "_apidoc", {}), {"manual_doc": {"security": CLIENT_SECURITY}}
    )
    return wrapper


def current_client() -> ClientPrincipal:
    """The client principal of the current request (set by :func:`client_key_required`)."""
    return g.client
