"""Signing in through a workspace's identity provider.

:func:`start` records the attempt (state as SHA-256, nonce, sealed PKCE
verifier) and returns the provider's URL; :func:`finish` takes the callback,
uses the attempt up (a replayed state is refused), checks the ID token and the
email, and returns the person, made a member with the first role if they were
not one. The extension's editor signs in with ``chrome.identity.launchWebAuthFlow``
(it works in headless Chromium too): the flow ends on the extension's own
``https://<id>.chromiumapp.org/`` address, which no page ever loads, with a
one-time code; :func:`redeem` exchanges it, once and within minutes, for a
sign-in token, and only with the verifier whose hash the extension sent at the
start. The token itself never appears in any URL.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, select

from backend.auth.hashing import new_secret, secret_hash
from backend.extensions import db
from backend.models import Membership, SsoAttempt, User, Workspace
from backend.models.types import utcnow
from backend.services import audit, credentials
from backend.services.errors import Forbidden, Invalid, NotFound, Unauthenticated
from backend.services.sso import provider, sealing, settings

ATTEMPT_TTL = timedelta(minutes=10)
HANDOFF_TTL = timedelta(minutes=2)
_KEEP_USED = timedelta(days=1)
HANDOFF_PREFIX = "tgo_"  # one-time codes the extension exchanges for its token
PURPOSES = ("console", "extension")
# Where launchWebAuthFlow ends: an extension's redirect URL (chrome.identity.getRedirectURL).
_EXTENSION_RETURN = re.compile(r"^https://[a-p]{32}\.chromiumapp\.org/[A-Za-z0-9_/-]{0,64}$")


def extension_return(url: str) -> str:
    """``url`` when it is an extension's own redirect URL; else Invalid."""
    if not _EXTENSION_RETURN.match(url or ""):
        raise Invalid(
            "The extension's sign-in must return to its own chromiumapp.org address.",
            code="invalid_return",
        )
    return url


@dataclass(frozen=True)
class Started:
    url: str
    state: str


def _workspace(slug: str) -> Workspace:
    workspace = db.session.execute(
        select(Workspace).where(Workspace.slug == (slug or "").strip().lower())
    ).scalar_one_or_none()
    config = settings.find(workspace.id) if workspace is not None else None
    if config is None or not config.enabled:
        raise NotFound(
            "No workspace with that name signs in with single sign-on.", code="sso_not_configured"
        )
    return workspace


def _challenge_of(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def start(
    slug: str,
    redirect_uri: str,
    secret_key: str,
    *,
    purpose: str = "console",
    next_url: str = "",
    client_challenge: str = "",
) -> Started:
    """A new sign-in attempt for the workspace ``slug``; where to send the browser."""
    if purpose not in PURPOSES:
        raise Invalid("Sign in for the console or the extension.", code="invalid_purpose")
    if purpose == "extension":
        next_url = extension_return(next_url)
        if not 43 <= len(client_challenge or "") <= 128:
            raise Invalid(
                "The extension's sign-in needs its challenge (43 to 128 characters).",
                code="invalid_challenge",
            )
    workspace = _workspace(slug)
    config = settings.get(workspace.id)
    found = provider.discover(config.issuer)
    state, nonce, verifier = (secrets.token_urlsafe(32) for _ in range(3))
    now = utcnow()
    # Finished and abandoned attempts are kept a day (replays are refused by name), then go.
    db.session.execute(delete(SsoAttempt).where(SsoAttempt.expires_at < now - _KEEP_USED))
    db.session.add(
        SsoAttempt(
            workspace_id=workspace.id,
            state_hash=secret_hash(state),
            nonce=nonce,
            code_verifier_sealed=sealing.seal(secret_key, verifier),
            purpose=purpose,
            next_url=(next_url or "")[:500],
            client_challenge=client_challenge if purpose == "extension" else "",
            created_at=now,
            expires_at=now + ATTEMPT_TTL,
        )
    )
    url = provider.authorization_url(
        found, config.client_id, redirect_uri, state=state, nonce=nonce, code_verifier=verifier
    )
    return Started(url, state)


@dataclass(frozen=True)
class Finished:
    user: User
    attempt: SsoAttempt


def attempt_of(state: str) -> SsoAttempt | None:
    """The sign-in attempt a callback's ``state`` names (None: unknown)."""
    return db.session.execute(
        select(SsoAttempt).where(SsoAttempt.state_hash == secret_hash(state or ""))
    ).scalar_one_or_none()


def _refuse(message: str, code: str, cls=Unauthenticated):
    # The attempt is used up even when refused: the boundary keeps that.
    return cls(message, code=code, keep_changes=True)


def finish(
    state: str, code: str, error: str, redirect_uri: str, secret_key: str, *, started_here: bool
) -> Finished:
    """The person the provider vouches for; every check refused with its own message."""
    attempt = attempt_of(state)
    if attempt is None:
        raise Unauthenticated(
            "This sign-in is unknown (its state matches none started here).", code="sso_bad_state"
        )
    now = utcnow()
    if attempt.used_at is not None:
        raise Unauthenticated(
            "This sign-in was already used (a replayed state); start again.",
            code="sso_state_replayed",
        )
    attempt.used_at = now
    if not started_here:
        raise _refuse(
            "This sign-in was started in another browser; start it again here.",
            "sso_other_browser",
        )
    if attempt.expires_at <= now:
        raise _refuse("This sign-in took too long; start again.", "sso_state_expired")
    if error:
        raise _refuse(f"The identity provider refused the sign-in: {error[:200]}.", "sso_denied")
    if not code:
        raise _refuse("The identity provider sent no code.", "sso_no_code")
    config = settings.find(attempt.workspace_id)
    if config is None or not config.enabled:
        raise _refuse("Single sign-on was turned off for this workspace.", "sso_not_configured")
    found = provider.discover(config.issuer)
    verifier = sealing.unseal(secret_key, attempt.code_verifier_sealed)
    client_secret = sealing.unseal(secret_key, config.client_secret_sealed)
    try:
        id_token = provider.exchange_code(
            found, config.client_id, client_secret, redirect_uri, code=code, code_verifier=verifier
        )
        claims = provider.verify_id_token(found, id_token, config.client_id, attempt.nonce)
    except Unauthenticated as exc:
        exc.keep_changes = True
        raise
    email = _email(claims, config.allowed_domains)
    user = _member(attempt.workspace_id, email, str(claims.get("name") or ""), config.first_role)
    attempt.user_id = user.id
    user.last_login_at = now
    audit.record(
        "auth.login",
        "user",
        user.id,
        {"channel": f"sso_{attempt.purpose}"},
        workspace_id=attempt.workspace_id,
        actor_id=user.id,
        actor_email=user.email,
    )
    return Finished(user, attempt)


def _email(claims: dict, allowed: list[str]) -> str:
    email = str(claims.get("email") or "").strip().lower()
    if "@" not in email:
        raise _refuse("The identity provider sent no email address.", "sso_no_email", Forbidden)
    if claims.get("email_verified") is False:
        raise _refuse(
            f"The identity provider has not verified {email}.", "sso_email_unverified", Forbidden
        )
    if email.rsplit("@", 1)[1] not in allowed:
        raise _refuse(
            f"{email} is outside the email domains this workspace allows ({', '.join(allowed)}).",
            "sso_domain_not_allowed",
            Forbidden,
        )
    return email


def _member(workspace_id: int, email: str, name: str, first_role: str) -> User:
    """The account for ``email``, made a member with ``first_role`` if it is not one."""
    user = db.session.execute(select(User).where(User.email == email)).scalar_one_or_none()
    if user is None:
        # No password: this account signs in only through the provider.
        user = User(email=email, display_name=name.strip()[:120], password_hash="")
        db.session.add(user)
        db.session.flush()
    membership = db.session.execute(
        select(Membership).where(
            Membership.workspace_id == workspace_id, Membership.user_id == user.id
        )
    ).scalar_one_or_none()
    if membership is None:
        db.session.add(Membership(workspace_id=workspace_id, user_id=user.id, role=first_role))
        db.session.flush()
        audit.record(
            "sso.member_joined",
            "user",
            user.id,
            {"email": email, "role": first_role},
            workspace_id=workspace_id,
            actor_id=user.id,
            actor_email=email,
        )
    return user


def hand_off(attempt: SsoAttempt) -> str:
    """A one-time code for the extension (its hash kept), valid for two minutes."""
    raw = new_secret(HANDOFF_PREFIX)
    attempt.handoff_hash = secret_hash(raw)
    attempt.handoff_expires_at = utcnow() + HANDOFF_TTL
    return raw


@dataclass(frozen=True)
class Redeemed:
    user: User
    token: str
    expires_at: object
    workspace_id: int


def redeem(code: str, verifier: str) -> Redeemed:
    """A sign-in token for the one-time ``code``, given the extension's ``verifier``."""
    attempt = db.session.execute(
        select(SsoAttempt).where(SsoAttempt.handoff_hash == secret_hash(code or ""))
    ).scalar_one_or_none()
    now = utcnow()
    if attempt is None or attempt.user_id is None:
        raise Unauthenticated("This sign-in code is unknown.", code="sso_code_unknown")
    if attempt.handoff_used_at is not None:
        raise Unauthenticated("This sign-in code was already used.", code="sso_code_used")
    attempt.handoff_used_at = now
    if attempt.handoff_expires_at is None or attempt.handoff_expires_at <= now:
        raise _refuse("This sign-in code has expired; sign in again.", "sso_code_expired")
    if not hmac.compare_digest(_challenge_of(verifier or ""), attempt.client_challenge):
        raise _refuse(
            "This sign-in code belongs to another sign-in (the verifier does not match).",
            "sso_code_verifier",
        )
    user = db.session.get(User, attempt.user_id)
    token, raw = credentials.issue_token(user, kind="session", name="sso sign-in")
    db.session.flush()
    return Redeemed(user, raw, token.expires_at, attempt.workspace_id)
