"""Pseudonymous user ids: a keyed hash with the workspace's secret.

HMAC-SHA256 rather than a plain hash: without the secret nobody can test a
guessed email against stored ids. Events, progress and erasure all key a
person through :func:`user_key`, so they always agree.
"""

from __future__ import annotations

import hashlib
import hmac
from functools import lru_cache


@lru_cache(maxsize=65536)
def _keyed(secret: str, user_id: str) -> str:
    return hmac.new(secret.encode(), user_id.encode(), hashlib.sha256).hexdigest()


def user_key(user_id: str, secret: str | None) -> str:
    """The id stored for ``user_id``: its keyed hash when ``secret`` is set, else itself."""
    if not secret:
        return user_id
    return _keyed(secret, user_id)
