"""The OpenID Connect protocol with one provider, through Authlib and joserfc.

Discovery from the issuer's ``/.well-known/openid-configuration``, the
authorization URL (code flow, PKCE S256, state, nonce), the code exchange, and
the ID token's signature (the provider's published keys) and claims (iss, aud,
exp, nonce) checked before anyone is trusted. Each refusal is a domain error
with a one-line message the person can act on.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import requests
from authlib.integrations.base_client import OAuthError
from authlib.integrations.requests_client import OAuth2Session
from joserfc import jwt
from joserfc.errors import (
    BadSignatureError,
    ExpiredTokenError,
    InvalidClaimError,
    JoseError,
    MissingClaimError,
)
from joserfc.jwk import KeySet

from backend.services.errors import Invalid, Unauthenticated, Unavailable

SCOPE = "openid email profile"
_TIMEOUT = 5  # seconds for each call to the provider: a sign-in must not hang
_ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "ES256", "ES384", "EdDSA"]
_LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


def check_issuer(issuer: str) -> str:
    """The issuer URL without a trailing slash; https only (plain http on this machine)."""
    issuer = (issuer or "").strip().rstrip("/")
    parts = urlsplit(issuer)
    local = parts.hostname in _LOCAL_HOSTS
    if (
        not parts.hostname
        or parts.scheme not in ("https", "http")
        or (parts.scheme == "http" and not local)
    ):
        raise Invalid(
            "The issuer must be an https:// URL (plain http only on this machine).",
            code="invalid_issuer",
            details={"field": "issuer"},
        )
    if parts.query or parts.fragment:
        raise Invalid("The issuer URL has no query or fragment.", code="invalid_issuer")
    return issuer


@dataclass(frozen=True)
class Provider:
    """What discovery says about an issuer, with its signing keys."""

    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    keys: KeySet


def _get_json(url: str, what: str) -> dict:
    try:
        answer = requests.get(url, timeout=_TIMEOUT, headers={"Accept": "application/json"})
        answer.raise_for_status()
        body = answer.json()
    except (requests.RequestException, ValueError) as exc:
        raise Unavailable(
            f"The identity provider's {what} could not be read ({type(exc).__name__}).",
            code="sso_provider_unavailable",
        ) from None
    if not isinstance(body, dict):
        raise Unavailable(f"The identity provider's {what} is not a JSON object.")
    return body


def discover(issuer: str) -> Provider:
    """The provider's endpoints and keys, from its discovery document."""
    document = _get_json(f"{issuer}/.well-known/openid-configuration", "discovery document")
    if str(document.get("issuer", "")).rstrip("/") != issuer:
        raise Unavailable(
            "The identity provider's discovery document names another issuer.",
            code="sso_issuer_mismatch",
        )
    try:
        endpoints = (document["authorization_endpoint"], document["token_endpoint"])
        keys = KeySet.import_key_set(_get_json(document["jwks_uri"], "signing keys"))
    except (KeyError, TypeError, ValueError, JoseError):
        raise Unavailable(
            "The identity provider's discovery document lacks endpoints or usable keys.",
            code="sso_provider_unusable",
        ) from None
    return Provider(document["issuer"], endpoints[0], endpoints[1], keys)


def _session(client_id: str, client_secret: str, redirect_uri: str) -> OAuth2Session:
    return OAuth2Session(
        client_id,
        client_secret,
        scope=SCOPE,
        redirect_uri=redirect_uri,
        code_challenge_method="S256",
        default_timeout=_TIMEOUT,
    )


def authorization_url(
    provider: Provider,
    client_id: str,
    redirect_uri: str,
    *,
    state: str,
    nonce: str,
    code_verifier: str,
) -> str:
    """Where to send the browser: code flow with PKCE (S256), ``state`` and ``nonce``."""
    with _session(client_id, "", redirect_uri) as client:
        url, _state = client.create_authorization_url(
            provider.authorization_endpoint, state=state, nonce=nonce, code_verifier=code_verifier
        )
    return url


def exchange_code(
    provider: Provider,
    client_id: str,
    client_secret: str,
    redirect_uri: str,
    *,
    code: str,
    code_verifier: str,
) -> str:
    """The ID token the provider gives for ``code`` (with the PKCE verifier)."""
    with _session(client_id, client_secret, redirect_uri) as client:
        try:
            token = client.fetch_token(
                provider.token_endpoint,
                grant_type="authorization_code",
                code=code,
                code_verifier=code_verifier,
            )
        except (OAuthError, requests.RequestException, ValueError) as exc:
            raise Unauthenticated(
                f"The identity provider refused the sign-in code ({_reason(exc)}).",
                code="sso_code_refused",
            ) from None
    id_token = token.get("id_token")
    if not isinstance(id_token, str):
        raise Unauthenticated("The identity provider sent no ID token.", code="sso_no_id_token")
    return id_token


def _reason(exc: Exception) -> str:
    return getattr(exc, "error", None) or type(exc).__name__


def verify_id_token(provider: Provider, id_token: str, client_id: str, nonce: str) -> dict:
    """The ID token's claims once its signature, issuer, audience, expiry and nonce hold."""
    try:
        token = jwt.decode(id_token, provider.keys, algorithms=_ALGORITHMS)
    except BadSignatureError:
        raise _refused("its signature does not match the provider's keys", "signature") from None
    except (JoseError, ValueError):
        raise _refused("it is not a signed token from the provider", "malformed") from None
    registry = jwt.JWTClaimsRegistry(
        now=int(time.time()),
        leeway=60,
        iss={"essential": True, "value": provider.issuer},
        aud={"essential": True, "value": client_id},
        exp={"essential": True},
        sub={"essential": True},
        nonce={"essential": True, "value": nonce},
    )
    try:
        registry.validate(token.claims)
    except ExpiredTokenError:
        raise _refused("it has expired", "exp") from None
    except (InvalidClaimError, MissingClaimError) as exc:
        claim = getattr(exc, "claim", "") or ""
        raise _refused(_CLAIM_REASONS.get(claim, f"its '{claim}' claim is wrong"), claim) from None
    return token.claims


_CLAIM_REASONS = {
    "aud": "it was issued for another application (audience)",
    "iss": "it was issued by another provider (issuer)",
    "nonce": "its nonce does not belong to this sign-in",
    "sub": "it names no subject",
    "exp": "it has no valid expiry",
}


def _refused(reason: str, claim: str) -> Unauthenticated:
    return Unauthenticated(
        f"The identity provider's ID token was refused: {reason}.",
        code="sso_invalid_id_token",
        details={"check": claim},
    )
