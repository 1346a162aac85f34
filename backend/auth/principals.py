"""Who is calling: a member acting in a workspace, or an extension with a client key."""

from __future__ import annotations

from dataclasses import dataclass

from backend.auth.permissions import Permission, role_allows


@dataclass(frozen=True)
class Principal:
    """A signed-in member acting in one workspace."""

    user_id: int
    email: str
    workspace_id: int
    role: str
    token_id: int | None  # None when authenticated by the console session

    def can(self, permission: Permission) -> bool:
        return role_allows(self.role, permission)


@dataclass(frozen=True)
class ClientPrincipal:
    """The extension, identified by a public client key of one workspace."""

    workspace_id: int
    key_id: int
    content_version: int
