"""What ingest reads of the people directory: the same attributes one person or many at a time."""

import pytest
from sqlalchemy import select

from analytics.events import attribute_arrays
from backend.commands import transaction
from backend.extensions import db
from backend.models import Person
from backend.services import ingest_lookups, people
from backend.services.ingest_lookups import IngestLookups
from tests.support.factories import create_workspace

ATTRIBUTES = {"role": "ae", "department": "Sales — EMEA", "level": "3"}


@pytest.fixture(params=["sqlite", "postgres"])
def authoring_database(request):
    return request.param


@pytest.fixture
def ws(app):
    ws = create_workspace(app)
    with app.app_context(), transaction():
        people.create(ws.id, {"external_id": "ada@corp.test", "attributes": ATTRIBUTES})
        people.create(ws.id, {"external_id": "bo@corp.test", "attributes": {}})
    return ws


@pytest.mark.parametrize("external_id", ["ada@corp.test", "bo@corp.test", "nobody@corp.test"])
def test_one_person_reads_as_in_a_batch_of_many(app, ws, external_id):
    with app.app_context():
        many = IngestLookups().attributes_for(
            ws.id, 1, {external_id, "ada@corp.test", "bo@corp.test", "nobody@corp.test"}
        )
        one = IngestLookups().attributes_for(ws.id, 1, {external_id})
    assert one == {external_id: many[external_id]}


def test_the_attributes_are_the_directorys(app, ws):
    with app.app_context():
        found = IngestLookups().attributes_for(ws.id, 1, {"ada@corp.test"})
    assert found == {"ada@corp.test": attribute_arrays(ATTRIBUTES)}


def test_one_person_is_read_outside_the_requests_session(app, ws):
    """Nothing to commit when the command ends: the ORM session never began."""
    with app.app_context():
        IngestLookups().attributes_for(ws.id, 1, {"ada@corp.test"})
        assert not db.session().in_transaction()


def test_another_person_of_another_workspace_is_not_found(app, ws):
    other = create_workspace(app)
    with app.app_context():
        found = IngestLookups().attributes_for(other.id, 1, {"ada@corp.test"})
    assert found == {"ada@corp.test": ([], [])}


def _counting_reads(monkeypatch) -> list:
    reads = []
    real = ingest_lookups._read_people

    def read(workspace_id, external_ids):
        reads.append(sorted(external_ids))
        return real(workspace_id, external_ids)

    monkeypatch.setattr(ingest_lookups, "_read_people", read)
    return reads


def test_people_seen_under_the_same_version_are_not_read_again(app, ws, monkeypatch):
    reads = _counting_reads(monkeypatch)
    lookups = IngestLookups()
    with app.app_context():
        first = lookups.attributes_for(ws.id, 1, {"ada@corp.test", "nobody@corp.test"})
        again = lookups.attributes_for(ws.id, 1, {"ada@corp.test", "nobody@corp.test"})
        some = lookups.attributes_for(ws.id, 1, {"ada@corp.test", "bo@corp.test"})
    assert again == first
    assert some == {"ada@corp.test": first["ada@corp.test"], "bo@corp.test": ([], [])}
    assert reads == [["ada@corp.test", "nobody@corp.test"], ["bo@corp.test"]]


def test_a_new_content_version_reads_the_directory_again(app, ws):
    lookups = IngestLookups()
    with app.app_context():
        lookups.attributes_for(ws.id, 1, {"ada@corp.test"})
        with transaction():
            ada = db.session.scalars(
                select(Person).where(Person.external_id == "ada@corp.test")
            ).one()
            people.update(ws.id, ada.id, {"attributes": {"role": "se"}})
        stale = lookups.attributes_for(ws.id, 1, {"ada@corp.test"})
        fresh = lookups.attributes_for(ws.id, 2, {"ada@corp.test"})
    assert stale == {"ada@corp.test": attribute_arrays(ATTRIBUTES)}
    assert fresh == {"ada@corp.test": attribute_arrays({**ATTRIBUTES, "role": "se"})}


def test_the_cache_forgets_everyone_past_max_people(app, ws, monkeypatch):
    monkeypatch.setattr(ingest_lookups, "MAX_PEOPLE", 2)
    reads = _counting_reads(monkeypatch)
    lookups = IngestLookups()
    with app.app_context():
        lookups.attributes_for(ws.id, 1, {"ada@corp.test", "bo@corp.test"})
        lookups.attributes_for(ws.id, 1, {"nobody@corp.test"})
        lookups.attributes_for(ws.id, 1, {"ada@corp.test"})
    assert reads == [["ada@corp.test", "bo@corp.test"], ["nobody@corp.test"], ["ada@corp.test"]]
