"""Authentication of the extension by its public client key (header X-Trailguide-Key)."""

from __future__ import annotations

from functools import wraps

from flask import g, request
from flask_smorest.utils import deepupdate

from backend.auth.principals import ClientClaim, ClientPrincipal
from backend.errors import APIError
from backend.services import credentials

HEADER = "X-Trailguide-Key"
CLIENT_SECURITY = [{"clientKey": []}]


def _client_key_view(view, authenticate):
    """``view`` behind the client key: ``authenticate(raw)`` (None: 401) goes to ``g.client``."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        raw = request.headers.get(HEADER, "").strip()
        if not raw:
            raise APIError(401, "missing_client_key", f"Send the client key in {HEADER}.")
        client = authenticate(raw)
        if client is None:
            raise credentials.invalid_client_key()
        g.client = client
        return view(*args, **kwargs)

    wrapper._apidoc = deepupdate(
        getattr(wrapper, "_apidoc", {}), {"manual_doc": {"security": CLIENT_SECURITY}}
    )
    return wrapper


def client_key_required(view):
    """Require a live client key; the workspace is then ``current_client()``.

    A key reads its own workspace's published content and sends events; nothing else.
    """
    return _client_key_view(view, credentials.authenticate_client_key)


def client_key_claimed(view):
    """Like :func:`client_key_required`, but a key this process knows is only *claimed*
    (``current_claim()``): the view must confirm it is live in its own read (one round
    trip instead of two on the hottest path) and answer 401 when it is not."""
    return _client_key_view(view, credentials.claim_client_key)


def current_client() -> ClientPrincipal:
    """The client principal of the current request (set by :func:`client_key_required`)."""
    client = g.client
    if not isinstance(client, ClientPrincipal):
        raise TypeError("a claimed client key is not an authenticated one")
    return client


def current_claim() -> ClientClaim:
    """The client key claim of the current request (set by :func:`client_key_claimed`)."""
    return g.client
