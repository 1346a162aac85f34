"""ID-token checks with tokens signed here, for faults the live provider never produces."""

import time

import pytest
from joserfc import jwt
from joserfc.jwk import KeySet, OctKey, RSAKey

from backend.services.errors import Unauthenticated
from backend.services.sso.provider import Provider, verify_id_token

ISSUER = "https://id.example.com"


@pytest.fixture(scope="module")
def keys():
    return RSAKey.generate_key(2048, parameters={"kid": "k1"}, auto_kid=False)


def _provider(key) -> Provider:
    public = KeySet.import_key_set({"keys": [key.as_dict(private=False)]})
    return Provider(ISSUER, f"{ISSUER}/auth", f"{ISSUER}/token", public)


def _token(key, **overrides) -> str:
    now = int(time.time())
    claims = {"iss": ISSUER, "aud": "trailguide", "sub": "ada", "iat": now, "exp": now + 300}
    claims.update(nonce="n-1", **overrides)
    return jwt.encode({"alg": "RS256", "kid": key.kid}, claims, key)


def test_a_good_token_gives_its_claims(keys):
    claims = verify_id_token(
        _provider(keys), _token(keys, email="a@example.com"), "trailguide", "n-1"
    )
    assert claims["email"] == "a@example.com"


def test_a_token_signed_by_another_key_is_refused(keys):
    forged = RSAKey.generate_key(2048, parameters={"kid": "k1"}, auto_kid=False)
    with pytest.raises(Unauthenticated, match="its signature does not match the provider's keys"):
        verify_id_token(_provider(keys), _token(forged), "trailguide", "n-1")


@pytest.mark.parametrize(
    ("overrides", "nonce", "message"),
    [
        ({"aud": "other-app"}, "n-1", "issued for another application \\(audience\\)"),
        ({"iss": "https://evil.example.com"}, "n-1", "issued by another provider"),
        ({"exp": int(time.time()) - 3600}, "n-1", "it has expired"),
        ({}, "n-2", "its nonce does not belong to this sign-in"),
    ],
)
def test_a_claim_that_does_not_hold_is_refused(keys, overrides, nonce, message):
    with pytest.raises(Unauthenticated, match=message):
        verify_id_token(_provider(keys), _token(keys, **overrides), "trailguide", nonce)


def test_a_token_with_a_shared_secret_is_refused(keys):
    """HS256 with any secret must not pass for the provider's public-key signature."""
    unsigned = jwt.encode({"alg": "HS256"}, {"iss": ISSUER}, OctKey.import_key("x" * 32))
    with pytest.raises(Unauthenticated, match="ID token was refused"):
        verify_id_token(_provider(keys), unsigned, "trailguide", "n-1")
