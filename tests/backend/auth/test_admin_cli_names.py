"""`trailguide admin create` validates names by the API's own rules."""

import pytest
from click.testing import CliRunner

from backend.cli import command_app, main
from backend.extensions import db
from backend.models import User, Workspace


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("TRAILGUIDE_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


def create(workspace="Ops Team", name="Ops Person"):
    return CliRunner().invoke(
        main,
        [
            *("admin", "create", "--email", "ops@example.test"),
            *("--password", "a long enough password", "--workspace", workspace, "--name", name),
        ],
    )


def stored() -> tuple[list[str], list[str]]:
    with command_app({"WITHOUT_ANALYTICS": True}):
        people = db.session.execute(db.select(User.display_name)).scalars().all()
        workspaces = db.session.execute(db.select(Workspace.name)).scalars().all()
    return people, workspaces


@pytest.mark.parametrize(
    ("option", "kwargs", "message"),
    [
        ("--name", {"name": "N" * 121}, "At most 120 characters."),
        ("--workspace", {"workspace": "Ops\x00Team"}, "NUL characters cannot be stored."),
        ("--name", {"name": "Ops\x00Person"}, "NUL characters cannot be stored."),
        ("--workspace", {"workspace": "   "}, "Length must be between 1 and 120."),
    ],
)
def test_bad_names_are_refused_and_nothing_is_stored(data_dir, option, kwargs, message):
    result = create(**kwargs)
    assert result.exit_code == 1
    assert f"{option}: {message}" in result.output
    assert stored() == ([], [])


def test_good_names_are_stored(data_dir):
    result = create()
    assert result.exit_code == 0, result.output
    assert stored() == (["Ops Person"], ["Ops Team"])
