"""Fixtures for every backend test."""

import pytest
from sqlalchemy.orm import Session

from backend import commands


@pytest.fixture(autouse=True)
def only_commands_commit(monkeypatch):
    """Every ``Session.commit`` outside a command boundary fails the test.

    Routes, console pages, CLI commands and the writer's progress sink commit
    through ``backend.commands.transaction``; services never do. With this in
    force for every backend test, any service that commits on its own (or a
    path that reaches one without a boundary) fails loudly.
    """
    commit = Session.commit

    def guarded(self):
        if not commands.commit_allowed():
            raise AssertionError(
                "Session.commit outside a command boundary: services never commit; "
                "wrap the command in backend.commands.transaction()"
            )
        return commit(self)

    monkeypatch.setattr(Session, "commit", guarded)
