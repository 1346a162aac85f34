"""One command, one transaction: services never commit, the boundary does (or rolls back)."""

import pytest
from sqlalchemy import select

from backend.commands import transaction
from backend.extensions import db
from backend.models import AuditEntry
from backend.services import audit
from backend.services.errors import Conflict, Unauthenticated


def _actions(app) -> list[str]:
    with app.app_context():
        return list(db.session.execute(select(AuditEntry.action)).scalars())


def test_a_commit_outside_a_command_fails_the_test(app):
    with app.app_context():
        audit.record("stray")
        with pytest.raises(AssertionError, match="outside a command boundary"):
            db.session.commit()
        db.session.rollback()


def test_a_command_stores_its_work_once_it_ends(app):
    with app.app_context(), transaction():
        audit.record("first")
        with transaction():  # a nested boundary joins the outer one
            audit.record("second")
    assert _actions(app) == ["first", "second"]


def _refused_command(action: str, error: Exception) -> None:
    with transaction():
        audit.record(action)
        raise error


def test_a_refused_command_stores_nothing(app):
    with app.app_context(), pytest.raises(Conflict):
        _refused_command("half done", Conflict("Taken.", code="key_taken"))
    assert _actions(app) == []


def test_a_refusal_that_keeps_its_record_is_stored(app):
    with app.app_context(), pytest.raises(Unauthenticated):
        _refused_command("auth.login_failed", Unauthenticated("Wrong.", keep_changes=True))
    assert _actions(app) == ["auth.login_failed"]


def test_the_boundary_names_the_actor_the_services_record(app):
    actor = audit.Actor(user_id=None, email="ops@example.test", ip="10.0.0.1")
    with app.app_context(), audit.acting(actor), transaction():
        audit.record("workspace.settings")
    with app.app_context():
        entry = db.session.execute(select(AuditEntry)).scalar_one()
        assert (entry.actor_email, entry.ip) == ("ops@example.test", "10.0.0.1")


def test_a_command_that_never_used_the_session_makes_none(app):
    with app.app_context():
        with transaction():
            pass
        assert not db.session.registry.has()


def test_a_command_in_a_nested_app_context_commits_on_its_own(app):
    with app.app_context(), transaction():
        audit.record("outer")
        with app.app_context(), transaction():
            audit.record("inner")
        assert _actions(app) == ["inner"]
    assert _actions(app) == ["inner", "outer"]
