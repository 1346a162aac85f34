"""Secrets the server must read back (webhook signing secrets), encrypted at rest.

The key is derived from ``TRAILGUIDE_SECRET_KEY`` with HKDF, so a copy of the
authoring database alone reveals no secret; changing the secret key makes the
stored secrets unreadable, and their endpoints must be given new ones.
"""

from __future__ import annotations

import base64

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from backend.services.errors import Failed

_PURPOSE = b"trailguide webhook signing secrets v1"


def _fernet(secret_key: str) -> Fernet:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_PURPOSE).derive(
        secret_key.encode()
    )
    return Fernet(base64.urlsafe_b64encode(key))


def seal(secret_key: str, plain: str) -> str:
    """``plain`` encrypted and authenticated under a key derived from ``secret_key``."""
    return _fernet(secret_key).encrypt(plain.encode()).decode()


def unseal(secret_key: str, sealed: str) -> str:
    """The plain text of :func:`seal`; Failed when the secret key changed since."""
    try:
        return _fernet(secret_key).decrypt(sealed.encode()).decode()
    except InvalidToken:
        raise Failed(
            "A stored secret cannot be read with this server's secret key; "
            "give the endpoint a new signing secret.",
            code="secret_unreadable",
        ) from None
