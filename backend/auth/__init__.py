"""Who is calling and what they may do: members (bearer tokens) and extensions (client keys)."""

from backend.auth.access import (
    bearer_user,
    current_principal,
    optional_bearer_user,
    signed_in,
    workspace_access,
)
from backend.auth.client import (
    client_key_claimed,
    client_key_required,
    current_claim,
    current_client,
)
from backend.auth.permissions import ROLE_PERMISSIONS, Permission, role_allows
from backend.auth.principals import ClientClaim, ClientPrincipal, Principal

__all__ = [
    "ROLE_PERMISSIONS",
    "ClientClaim",
    "ClientPrincipal",
    "Permission",
    "Principal",
    "bearer_user",
    "client_key_claimed",
    "client_key_required",
    "current_claim",
    "current_client",
    "current_principal",
    "optional_bearer_user",
    "role_allows",
    "signed_in",
    "workspace_access",
]
