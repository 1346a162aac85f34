"""Secrets and their hashes: tokens, client keys, invitation links, passwords."""

from __future__ import annotations

import hashlib
import secrets

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

# argon2id with the library's RFC 9106 "low memory" profile (64 MiB, 3 passes):
# memory-hard, yet a sign-in stays well under a second on a small server.
PARAMETERS = profiles.RFC_9106_LOW_MEMORY
_hasher = PasswordHasher.from_parameters(PARAMETERS)
# Verifying against this keeps unknown-email sign-ins as slow as wrong-password ones.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))

TOKEN_PREFIX = "tga_"  # noqa: S105 - a prefix, not a secret (admin API / sign-in tokens)
CLIENT_KEY_PREFIX = "tgc_"  # public client keys for the extension
INVITE_PREFIX = "tgi_"  # single-use invitation links
SCIM_TOKEN_PREFIX = "tgp_"  # noqa: S105 - a prefix: an identity provider's provisioning token
CONSOLE_SESSION_PREFIX = "tgs_"  # console sign-ins, inside the signed session cookie


def new_secret(prefix: str) -> str:
    """A 256-bit random secret, recognisable by its prefix (secret scanners can match it)."""
    return prefix + secrets.token_urlsafe(32)


def secret_hash(raw: str) -> str:
    """SHA-256 hex of a high-entropy secret; what the database stores and looks up."""
    return hashlib.sha256(raw.encode()).hexdigest()


def display_prefix(raw: str) -> str:
    """The first characters of a secret, safe to show so people can tell keys apart."""
    return raw[:10]


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Constant-effort check: unknown users cost as much as wrong passwords."""
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and bool(password_hash)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)
