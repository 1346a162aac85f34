"""Secrets the server must read back, encrypted at rest under ``TRAILGUIDE_SECRET_KEY``.

Fernet (AES-CBC + HMAC) under a key derived with HKDF for one purpose alone: a copy
of the authoring database reveals no secret, and a value sealed for one purpose
(webhook signing secrets, SSO client secrets) cannot be read as another's.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from backend.services.errors import Failed


@dataclass(frozen=True)
class SecretBox:
    """Seals values for one ``purpose``; ``unreadable`` says what to do when the key changed."""

    purpose: bytes
    unreadable: str

    def _fernet(self, secret_key: str) -> Fernet:
        key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=self.purpose).derive(
            secret_key.encode()
        )
        return Fernet(base64.urlsafe_b64encode(key))

    def seal(self, secret_key: str, plain: str) -> str:
        """``plain`` encrypted and authenticated under a key derived from ``secret_key``."""
        return self._fernet(secret_key).encrypt(plain.encode()).decode()

    def unseal(self, secret_key: str, sealed: str) -> str:
        """The plain text of :meth:`seal`; Failed when the secret key changed since."""
        try:
            return self._fernet(secret_key).decrypt(sealed.encode()).decode()
        except InvalidToken:
            raise Failed(self.unreadable, code="secret_unreadable") from None

    def reseal(self, sealed: str, old_key: str, new_key: str) -> str:
        """``sealed`` (under ``old_key``) sealed again under ``new_key``."""
        return self.seal(new_key, self.unseal(old_key, sealed))
