"""The SSO client secret and PKCE verifiers, encrypted at rest.

Fernet (AES-CBC + HMAC) under a key derived with HKDF from ``TRAILGUIDE_SECRET_KEY``
for this purpose alone: a copy of the database reveals no client secret, and no
other sealed value can be read with this key. Rotating the secret key means
re-sealing with :func:`reseal` (``trailguide sso reseal``).
"""

from __future__ import annotations

import base64

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from backend.services.errors import Failed

_PURPOSE = b"trailguide sso client secrets v1"


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
            "The stored SSO client secret cannot be read with this server's secret key; "
            "re-seal it with the previous key (trailguide sso reseal) or enter it again.",
            code="secret_unreadable",
        ) from None


def reseal(sealed: str, old_key: str, new_key: str) -> str:
    """``sealed`` (under ``old_key``) sealed again under ``new_key``."""
    return seal(new_key, unseal(old_key, sealed))
