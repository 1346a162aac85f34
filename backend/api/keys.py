"""API tokens and client keys."""

from __future__ import annotations

from backend.api.blueprint import Blueprint
from backend.auth import Permission, current_principal, workspace_access
from backend.schemas.members import (
    ClientKeyCreate,
    ClientKeyCreated,
    ClientKeyRotate,
    ClientKeysResponse,
    TokenCreate,
    TokenCreated,
    TokensResponse,
)
from backend.schemas.pagination import PageArgs
from backend.schemas.scim import ScimTokenCreate, ScimTokenCreated, ScimTokensResponse
from backend.services import keys
from backend.services.scim import tokens as scim_tokens

blp = Blueprint(
    "keys", __name__, url_prefix="/api/v1/workspaces", description="API tokens and client keys"
)


@blp.route("/<int:workspace_id>/tokens")
@workspace_access(Permission.CONTENT_READ)
@blp.arguments(PageArgs, location="query")
@blp.response(200, TokensResponse)
def list_tokens(args, workspace_id: int):
    """Your API tokens here (everyone's with keys:manage), newest first; never the secrets."""
    items, cursor = keys.list_tokens(current_principal(), args["limit"], args["cursor"])
    return {"items": items, "next_cursor": cursor}


@blp.route("/<int:workspace_id>/tokens", methods=["POST"])
@workspace_access(Permission.CONTENT_READ)
@blp.arguments(TokenCreate)
@blp.response(201, TokenCreated)
def create_token(body, workspace_id: int):
    """An API token acting as you in this workspace (1 to 366 days); shown once."""
    described, raw = keys.create_token(current_principal(), body["name"], body["expires_in_days"])
    return {**described, "token": raw}


@blp.route("/<int:workspace_id>/tokens/<int:token_id>", methods=["DELETE"])
@workspace_access(Permission.CONTENT_READ)
@blp.response(204)
def revoke_token(workspace_id: int, token_id: int):
    """Revoke your token, or with keys:manage anyone's of your rank or lower."""
    keys.revoke_token(current_principal(), token_id)


@blp.route("/<int:workspace_id>/client-keys")
@workspace_access(Permission.KEYS_MANAGE)
@blp.arguments(PageArgs, location="query")
@blp.response(200, ClientKeysResponse)
def list_client_keys(args, workspace_id: int):
    """Client keys (active and revoked); never the secrets."""
    items, cursor = keys.list_client_keys(workspace_id, args["limit"], args["cursor"])
    return {"items": items, "next_cursor": cursor}


@blp.route("/<int:workspace_id>/client-keys", methods=["POST"])
@workspace_access(Permission.KEYS_MANAGE)
@blp.arguments(ClientKeyCreate)
@blp.response(201, ClientKeyCreated)
def create_client_key(body, workspace_id: int):
    """A new client key for the extension (several may be active); shown once."""
    described, raw = keys.create_client_key(workspace_id, body["name"])
    return {**described, "key": raw}


@blp.route("/<int:workspace_id>/client-keys/<int:key_id>/rotate", methods=["POST"])
@workspace_access(Permission.KEYS_MANAGE)
@blp.arguments(ClientKeyRotate)
@blp.response(201, ClientKeyCreated)
def rotate_client_key(body, workspace_id: int, key_id: int):
    """A replacement key; the old one keeps working until revoked (or now, with revoke_old)."""
    described, raw = keys.rotate_client_key(workspace_id, key_id, body["revoke_old"])
    return {**described, "key": raw}


@blp.route("/<int:workspace_id>/client-keys/<int:key_id>", methods=["DELETE"])
@workspace_access(Permission.KEYS_MANAGE)
@blp.response(204)
def revoke_client_key(workspace_id: int, key_id: int):
    """Revoke a client key; extensions using it are refused at once."""
    keys.revoke_client_key(workspace_id, key_id)


@blp.route("/<int:workspace_id>/scim-tokens")
@workspace_access(Permission.KEYS_MANAGE)
@blp.response(200, ScimTokensResponse)
def list_scim_tokens(workspace_id: int):
    """SCIM tokens (active and revoked), newest first; never the secrets."""
    return {"items": scim_tokens.list_tokens(workspace_id)}


@blp.route("/<int:workspace_id>/scim-tokens", methods=["POST"])
@workspace_access(Permission.KEYS_MANAGE)
@blp.arguments(ScimTokenCreate)
@blp.response(201, ScimTokenCreated)
def create_scim_token(body, workspace_id: int):
    """A token for an identity provider's SCIM provisioning (/scim/v2); shown once."""
    described, raw = scim_tokens.create(current_principal(), body["name"])
    return {**described, "token": raw}


@blp.route("/<int:workspace_id>/scim-tokens/<int:token_id>", methods=["DELETE"])
@workspace_access(Permission.KEYS_MANAGE)
@blp.response(204)
def revoke_scim_token(workspace_id: int, token_id: int):
    """Revoke a SCIM token; the identity provider is refused from its next request."""
    scim_tokens.revoke(workspace_id, token_id)
