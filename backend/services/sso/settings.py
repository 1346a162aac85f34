"""A workspace's single sign-on settings: who may sign in through which provider,
with which first role, and whether passwords still open the workspace.

Only owners reach these (the route's permission); every change is audited with
the names of the fields that changed, never the client secret itself.
"""

from __future__ import annotations

import re

from sqlalchemy import select

from backend.extensions import db
from backend.models import Membership, SsoConfig, User, Workspace
from backend.models.types import utcnow
from backend.services import audit
from backend.services.errors import Conflict, Invalid, NotFound
from backend.services.sso import sealing
from backend.services.sso.provider import check_issuer

# A first sign-in never makes an owner or admin: those are given by a person.
FIRST_ROLES = ("editor", "analyst")
_DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
_FIELDS = (
    "issuer",
    "client_id",
    "client_secret",
    "allowed_domains",
    "first_role",
    "enabled",
    "sso_only",
    "break_glass_user_id",
)


def find(workspace_id: int) -> SsoConfig | None:
    return db.session.execute(
        select(SsoConfig).where(SsoConfig.workspace_id == workspace_id)
    ).scalar_one_or_none()


def get(workspace_id: int) -> SsoConfig:
    config = find(workspace_id)
    if config is None:
        raise NotFound(
            "This workspace has no single sign-on configured.", code="sso_not_configured"
        )
    return config


def describe(config: SsoConfig | None) -> dict:
    """What the owner sees: everything but the client secret (only whether one is set)."""
    if config is None:
        return {"configured": False}
    return {
        "configured": True,
        "issuer": config.issuer,
        "client_id": config.client_id,
        "client_secret_set": bool(config.client_secret_sealed),
        "allowed_domains": list(config.allowed_domains),
        "first_role": config.first_role,
        "enabled": config.enabled,
        "sso_only": config.sso_only,
        "break_glass_user_id": config.break_glass_user_id,
        "updated_at": config.updated_at,
    }


def _domains(values) -> list[str]:
    domains = sorted({str(v).strip().lower().lstrip("@") for v in values or [] if str(v).strip()})
    bad = [d for d in domains if not _DOMAIN.match(d)]
    if bad:
        raise Invalid(
            f"Not an email domain: {', '.join(bad)}.",
            code="invalid_domain",
            details={"field": "allowed_domains"},
        )
    if not domains:
        raise Invalid(
            "Give at least one allowed email domain (example.com).",
            code="invalid_domain",
            details={"field": "allowed_domains"},
        )
    return domains


def _owner(workspace_id: int, user_id: int) -> int:
    role = db.session.execute(
        select(Membership.role).where(
            Membership.workspace_id == workspace_id, Membership.user_id == user_id
        )
    ).scalar()
    if role != "owner":
        raise Conflict(
            "The break-glass account must be an owner of this workspace.",
            code="invalid_break_glass",
            details={"field": "break_glass_user_id"},
        )
    return user_id


def configure(workspace_id: int, changes: dict, secret_key: str) -> SsoConfig:
    """Create or change the settings with ``changes`` (only the fields given).

    A new configuration needs issuer, client id, client secret and domains.
    Turning "SSO only" on without a break-glass owner makes the acting owner it.
    """
    config = find(workspace_id)
    created = config is None
    if created:
        missing = [f for f in ("issuer", "client_id", "client_secret") if not changes.get(f)]
        if missing or "allowed_domains" not in changes:
            # Required only while nothing is configured: a conflict with the current state.
            raise Conflict(
                "Single sign-on needs an issuer, a client id, a client secret and "
                "allowed email domains.",
                code="sso_incomplete",
                details={
                    "missing": missing
                    + ([] if "allowed_domains" in changes else ["allowed_domains"])
                },
            )
        config = SsoConfig(workspace_id=workspace_id, first_role="analyst", enabled=True)
        config.sso_only = False
    changed = _apply(config, changes, workspace_id, secret_key)
    if config.sso_only and config.break_glass_user_id is None:
        config.break_glass_user_id = _owner(workspace_id, audit.current_actor().user_id or 0)
        changed.add("break_glass_user_id")
    config.updated_at = utcnow()
    if created:
        db.session.add(config)
    db.session.flush()
    audit.record(
        "sso.configured" if created else "sso.updated",
        "sso_config",
        config.id,
        {"fields": sorted(changed), **_public(config, changed)},
        workspace_id=workspace_id,
    )
    return config


def _apply(config: SsoConfig, changes: dict, workspace_id: int, secret_key: str) -> set[str]:
    changed: set[str] = set()
    for field in _FIELDS:
        if field not in changes:
            continue
        value = changes[field]
        if field == "issuer":
            value = check_issuer(value)
        elif field == "client_secret":
            if not value:
                raise Invalid("The client secret cannot be empty.", code="invalid_secret")
            config.client_secret_sealed = sealing.seal(secret_key, value)
            changed.add(field)
            continue
        elif field == "allowed_domains":
            value = _domains(value)
        elif field == "first_role" and value not in FIRST_ROLES:
            raise Invalid(
                f"The role at first sign-in is one of {', '.join(FIRST_ROLES)} "
                "(never owner or admin).",
                code="invalid_role",
                details={"field": "first_role"},
            )
        elif field == "break_glass_user_id" and value is not None:
            value = _owner(workspace_id, value)
        if getattr(config, field) != value:
            setattr(config, field, value)
            changed.add(field)
    return changed


def _public(config: SsoConfig, changed: set[str]) -> dict:
    shown = {"issuer", "client_id", "allowed_domains", "first_role", "enabled", "sso_only"}
    return {field: getattr(config, field) for field in sorted(changed & shown)}


def remove(workspace_id: int) -> None:
    """Turn single sign-on off for good (password sign-in opens the workspace again)."""
    config = get(workspace_id)
    db.session.delete(config)
    audit.record("sso.removed", "sso_config", config.id, {}, workspace_id=workspace_id)


def password_refusal(user: User) -> Workspace | None:
    """The first SSO-only workspace ``user`` belongs to without being its break-glass
    owner (still an owner): a password sign-in must not open it. None when passwords are fine."""
    rows = db.session.execute(
        select(Workspace, Membership.role, SsoConfig.break_glass_user_id)
        .join(SsoConfig, SsoConfig.workspace_id == Workspace.id)
        .join(Membership, Membership.workspace_id == Workspace.id)
        .where(
            Membership.user_id == user.id,
            SsoConfig.enabled.is_(True),
            SsoConfig.sso_only.is_(True),
        )
        .order_by(Workspace.name)
    ).all()
    for workspace, role, break_glass in rows:
        if not (break_glass == user.id and role == "owner"):
            return workspace
    return None


def reseal_all(old_key: str, new_key: str) -> int:
    """Re-encrypt every stored client secret from ``old_key`` to ``new_key`` (key rotation)."""
    configs = db.session.execute(select(SsoConfig)).scalars().all()
    for config in configs:
        config.client_secret_sealed = sealing.reseal(config.client_secret_sealed, old_key, new_key)
        audit.record("sso.resealed", "sso_config", config.id, {}, workspace_id=config.workspace_id)
    return len(configs)


def owners(workspace_id: int) -> list[User]:
    """The workspace's owners: who may be the break-glass account."""
    return list(
        db.session.execute(
            select(User)
            .join(Membership, Membership.user_id == User.id)
            .where(Membership.workspace_id == workspace_id, Membership.role == "owner")
            .order_by(User.email)
        ).scalars()
    )
