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


@dataclass(frozen=True)
class ClientClaim:
    """A client key as the request presents it, possibly not yet checked in this request.

    A process remembers which workspace a key it once authenticated belongs to
    (that never changes), so a hot path can confirm the key is still live in the
    same read as its own data instead of in a query of its own. Whoever accepts a
    claim must do that check and answer 401 when the key is gone.
    ``content_version`` is a lower bound (0 when unknown).
    """

    workspace_id: int
    key_id: int
    content_version: int
