"""What each workspace role may do."""

from __future__ import annotations

import enum


class Permission(enum.Enum):
    CONTENT_READ = "content:read"
    CONTENT_WRITE = "content:write"
    CONTENT_PUBLISH = "content:publish"
    REPORTS_READ = "reports:read"
    PEOPLE_READ = "people:read"
    PEOPLE_WRITE = "people:write"
    PEOPLE_DELETE = "people:delete"
    MEMBERS_MANAGE = "members:manage"
    KEYS_MANAGE = "keys:manage"
    SETTINGS_MANAGE = "settings:manage"
    AUDIT_READ = "audit:read"
    WORKSPACE_DELETE = "workspace:delete"
    # Single sign-on decides who gets in at all: owners only.
    SSO_MANAGE = "sso:manage"


_EDITOR = {
    Permission.CONTENT_READ,
    Permission.CONTENT_WRITE,
    Permission.CONTENT_PUBLISH,
    Permission.REPORTS_READ,
    Permission.PEOPLE_READ,
}
_ADMIN = set(Permission) - {Permission.WORKSPACE_DELETE, Permission.SSO_MANAGE}

ROLE_PERMISSIONS: dict[str, frozenset[Permission]] = {
    "owner": frozenset(Permission),
    "admin": frozenset(_ADMIN),
    "editor": frozenset(_EDITOR),
    "analyst": frozenset(
        {Permission.CONTENT_READ, Permission.REPORTS_READ, Permission.PEOPLE_READ}
    ),
}

# Higher rank may manage lower: an admin cannot create or demote an owner.
ROLE_RANK = {"analyst": 1, "editor": 2, "admin": 3, "owner": 4}


def role_allows(role: str, permission: Permission) -> bool:
    """Whether ``role`` grants ``permission`` (unknown roles grant nothing)."""
    return permission in ROLE_PERMISSIONS.get(role, frozenset())
