"""The people directory: CRUD and bulk import (JSON or CSV)."""

from __future__ import annotations

from flask import request

from backend.api.blueprint import JSON, Blueprint, load_json_body, require_media_type
from backend.auth import Permission, workspace_access
from backend.schemas.people import (
    IMPORT_BODY_DOC,
    PeopleImportArgs,
    PeopleImportResult,
    PeopleListArgs,
    PeoplePage,
    PersonCreate,
    PersonResponse,
    PersonUpdate,
)
from backend.services import people

blp = Blueprint(
    "people", __name__, url_prefix="/api/v1/workspaces", description="The people directory"
)


@blp.route("/<int:workspace_id>/people")
@workspace_access(Permission.PEOPLE_READ)
@blp.arguments(PeopleListArgs, location="query")
@blp.response(200, PeoplePage)
def list_people(args, workspace_id: int):
    """People, oldest first; filter by external_id or search with q."""
    page = people.list_people(
        workspace_id, args["limit"], args["cursor"], args.get("q"), args.get("external_id")
    )
    return {"items": [people.describe(p) for p in page.rows], "next_cursor": page.next_cursor}


@blp.route("/<int:workspace_id>/people", methods=["POST"])
@workspace_access(Permission.PEOPLE_WRITE)
@blp.arguments(PersonCreate)
@blp.response(201, PersonResponse)
def create_person(body, workspace_id: int):
    """Add a person (409 when the external_id is known)."""
    return people.describe(people.create(workspace_id, body))


@blp.route("/<int:workspace_id>/people/<int:person_id>")
@workspace_access(Permission.PEOPLE_READ)
@blp.response(200, PersonResponse)
def get_person(workspace_id: int, person_id: int):
    """One person."""
    return people.describe(people.get(workspace_id, person_id))


@blp.route("/<int:workspace_id>/people/<int:person_id>", methods=["PATCH"])
@workspace_access(Permission.PEOPLE_WRITE)
@blp.arguments(PersonUpdate)
@blp.response(200, PersonResponse)
def update_person(body, workspace_id: int, person_id: int):
    """Change the given fields; attributes are merged (null removes one)."""
    return people.describe(people.update(workspace_id, person_id, body))


@blp.route("/<int:workspace_id>/people/<int:person_id>", methods=["DELETE"])
@workspace_access(Permission.PEOPLE_WRITE)
@blp.response(204)
def delete_person(workspace_id: int, person_id: int):
    """Remove a person from the directory (erasing their events is DELETE .../data)."""
    people.delete(workspace_id, person_id)


@blp.route("/<int:workspace_id>/people/import", methods=["POST"])
@workspace_access(Permission.PEOPLE_WRITE)
@blp.arguments(PeopleImportArgs, location="query")
@blp.doc(**IMPORT_BODY_DOC)
@blp.response(200, PeopleImportResult)
@blp.alt_response(422, description="all_or_nothing and some rows invalid: details.errors")
def import_people(args, workspace_id: int):
    """Create or update people by external_id from JSON or CSV, validating every row."""
    require_media_type(request, JSON, "text/csv")
    if request.mimetype == "text/csv":
        rows = people.rows_from_csv(people.decode_csv(request.get_data()))
    else:
        rows = people.rows_from_json(load_json_body(request))
    return people.import_people(workspace_id, rows, args["mode"])
