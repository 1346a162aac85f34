"""`trailguide demo` seeding: accounts, directory, Acme CRM guidance, a key, weeks of events."""

import os
import stat
from datetime import UTC, datetime, timedelta

import pytest

from backend.config import Settings
from backend.demo import ACCOUNTS, INFO_FILE, PASSWORD, DemoUrls, banner, read_info, seed_once
from backend.extensions import db
from backend.models import Application, ContentItem, Membership, Person, User
from backend.services import accounts

# Recent: events older than the workspace's retention expire (TTL where the engine has it).
NOW = datetime.now(UTC).replace(minute=30, second=0, microsecond=0) - timedelta(hours=1)


@pytest.fixture
def seeded(app):
    return seed_once(app, NOW)


def _events(app, workspace_id):
    return (
        app.config["ANALYTICS_BACKEND"]
        .query(
            "SELECT count(), uniqExact(event_id), min(event_time), max(event_time), "
            "groupUniqArray(kind) FROM events WHERE workspace_id = %(w)s",
            {"w": workspace_id},
        )
        .rows[0]
    )


def test_accounts_with_the_documented_password_and_roles(app, seeded):
    with app.app_context():
        for role, email, _name in ACCOUNTS:
            user = accounts.authenticate(email, PASSWORD, "127.0.0.1")
            member = db.session.execute(
                db.select(Membership.role).filter_by(
                    user_id=user.id, workspace_id=seeded.workspace_id
                )
            ).scalar()
            assert member == role


def test_the_directory_and_the_example_guidance(app, seeded):
    with app.app_context():
        people = (
            db.session.execute(db.select(Person).filter_by(workspace_id=seeded.workspace_id))
            .scalars()
            .all()
        )
        items = db.session.execute(
            db.select(ContentItem.type, ContentItem.status).filter_by(
                workspace_id=seeded.workspace_id
            )
        ).all()
    assert len(people) == 200
    assert {"department", "role", "locale", "manager", "start_date"} <= set(people[0].attributes)
    assert len({p.attributes["department"] for p in people}) == 6
    assert "jordan@acme.test" in {p.external_id for p in people}
    kinds = sorted(t for t, _status in items)
    assert kinds == sorted(
        ["walkthrough"] * 5
        + ["tip"] * 2
        + ["feature"] * 3
        + ["launcher"] * 3
        + ["checklist", "survey", "article", "process"]
    )
    assert {status for _t, status in items} == {"published"}
    # Billing and Support: each matches its own paths on any port (its origin's port is
    # the demo's choice) and reads the signed-in person as Acme CRM does.
    with app.app_context():
        found = {
            app_.key: app_
            for app_ in db.session.execute(
                db.select(Application).filter_by(workspace_id=seeded.workspace_id)
            ).scalars()
        }
        tours = dict(
            db.session.execute(
                db.select(ContentItem.key, ContentItem.application_id).filter_by(
                    workspace_id=seeded.workspace_id, type="walkthrough", status="published"
                )
            ).all()
        )
    for key, path in (("acme-billing", "billing"), ("acme-support", "support")):
        assert found[key].url_patterns == [
            f"http://127.0.0.1/{path}/*",
            f"http://localhost/{path}/*",
        ]
        assert found[key].user_id_rule == found["acme-crm"].user_id_rule
    assert tours["open-an-invoice"] == found["acme-billing"].id
    assert tours["create-welcome-ticket"] == found["acme-support"].id


def test_a_few_weeks_of_events_up_to_now(app, seeded):
    count, distinct, first, last, kinds = _events(app, seeded.workspace_id)
    assert count == distinct == seeded.events > 10_000
    assert (NOW - first).days >= 35
    assert last <= NOW
    assert set(kinds) >= {
        "page_viewed",
        "walkthrough_started",
        "step_shown",
        "walkthrough_completed",
        "walkthrough_dismissed",
        "target_not_found",
        "feature_used",
        "tip_shown",
        "launcher_searched",
        "checklist_item_completed",
    }


def test_the_client_key_is_kept_private_in_the_data_dir_and_works(app, seeded):
    path = app.config["TRAILGUIDE_SETTINGS"].data_dir / INFO_FILE
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert read_info(path) == seeded
    answer = app.test_client().get(
        "/api/v1/client/applications", headers={"X-Trailguide-Key": seeded.client_key}
    )
    assert answer.status_code == 200
    assert sorted(a["key"] for a in answer.json["applications"]) == [
        "acme-billing",
        "acme-crm",
        "acme-support",
    ]


def test_a_second_start_changes_nothing(app, seeded):
    again = seed_once(app, NOW)
    assert again == seeded
    assert _events(app, seeded.workspace_id)[0] == seeded.events
    with app.app_context():
        assert db.session.execute(db.select(db.func.count()).select_from(User)).scalar() == 3


def test_seeding_again_after_losing_the_file_finishes_without_doubling(app, seeded):
    (app.config["TRAILGUIDE_SETTINGS"].data_dir / INFO_FILE).unlink()
    again = seed_once(app, NOW)
    assert again.workspace_id == seeded.workspace_id
    assert again.client_key != seeded.client_key  # the raw key is gone: a new one is made
    _count, distinct, *_ = _events(app, seeded.workspace_id)
    assert distinct == seeded.events  # same ids: reports count each event once
    with app.app_context():
        people = db.session.execute(
            db.select(db.func.count())
            .select_from(Person)
            .filter_by(workspace_id=seeded.workspace_id)
        ).scalar()
    assert people == 200


def test_the_banner_names_the_console_logins_and_key(seeded, tmp_path):
    settings = Settings.from_env(
        {
            "TRAILGUIDE_DATA_DIR": str(tmp_path),
            "TRAILGUIDE_DEMO_BILLING_PORT": "8081",
            "TRAILGUIDE_DEMO_SUPPORT_PORT": "8082",
        }
    )
    text = banner(DemoUrls.of("127.0.0.1", 8080, settings), seeded, tmp_path)
    assert "Acme CRM (the app being guided):  http://127.0.0.1:8080/acme/" in text
    assert "Acme Billing (its own origin):    http://127.0.0.1:8081/billing/" in text
    assert "Acme Support (its own origin):    http://127.0.0.1:8082/support/" in text
    assert "http://127.0.0.1:8080/console/" in text
    assert f"owner@acme.test      password: {PASSWORD}" in text
    assert seeded.client_key in text
    assert "Load unpacked" in text and "Options page" in text
