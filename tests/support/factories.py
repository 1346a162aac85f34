"""Build workspaces, members and keys for tests through the real services."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from flask import Flask

from backend.commands import transaction

_counter = itertools.count(1)
PASSWORD = "correct horse battery staple"


@dataclass(frozen=True)
class WorkspaceFixture:
    id: int
    owner_email: str
    owner_token: str
    client_key: str


def create_workspace(app: Flask, name: str = "Acme") -> WorkspaceFixture:
    """A workspace with an owner (password ``PASSWORD``), the owner's token and a client key."""
    from backend.services import accounts

    email = f"owner{next(_counter)}@example.test"
    with app.app_context(), transaction():
        made = accounts.create_workspace_with_owner(email, PASSWORD, name)
        return WorkspaceFixture(made.workspace.id, email, made.token, made.client_key)


def add_member(app: Flask, workspace_id: int, role: str, email: str | None = None) -> str:
    """A new account with ``role`` in the workspace; returns its workspace-scoped token."""
    from backend.services import accounts, credentials

    email = email or f"{role}{next(_counter)}@example.test"
    with app.app_context(), transaction():
        user = accounts.find_user(email) or accounts.create_user(email, PASSWORD)
        accounts.add_membership(workspace_id, user, role)
        _token, raw = credentials.issue_token(user, workspace_id=workspace_id, name="test")
        return raw


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
