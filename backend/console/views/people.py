"""The people directory: search, page through, import a CSV with every bad row shown."""

from __future__ import annotations

from flask import render_template, request, url_for

from backend.auth import Permission
from backend.console import nav
from backend.console.blueprint import blp
from backend.console.forms import attempt, explain, page_args
from backend.console.session import workspace_page
from backend.errors import APIError
from backend.services import people

nav.add("console.people", "People", "PEOPLE_READ", "workspace")

COLUMNS = ("department", "role", "locale", "manager", "start_date")
MODES = ("all_or_nothing", "per_row")
MAX_CSV_BYTES = 5 * 1024 * 1024


def _page(workspace_id: int, result=None, lines=None, status: int = 200, mode="all_or_nothing"):
    limit, after = page_args()
    q = request.args.get("q", "").strip()[:200] or None
    page = people.list_people(workspace_id, limit, after, q, None)
    next_url = None
    if page.next_cursor:
        next_url = url_for(
            "console.people", workspace_id=workspace_id, q=q, cursor=page.next_cursor
        )
    context = {
        "people": [people.describe(person) for person in page.rows],
        "columns": COLUMNS,
        "q": q or "",
        "next_url": next_url,
        "result": result,
        "problems": lines or [],
        "mode": mode,
    }
    return render_template("console/people.html", **context), status


@blp.route("/w/<int:workspace_id>/people", endpoint="people")
@workspace_page(Permission.PEOPLE_READ)
def people_page(workspace_id: int):
    return _page(workspace_id)


def _csv_text() -> str:
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        raise APIError(400, "no_file", "Choose a CSV file to import.")
    raw = upload.read(MAX_CSV_BYTES + 1)
    if len(raw) > MAX_CSV_BYTES:
        raise APIError(413, "too_large", "The file is larger than 5 MB; split it.")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise APIError(
            422, "invalid_csv", "The file is not UTF-8 text; save it as CSV UTF-8."
        ) from None


@blp.route("/w/<int:workspace_id>/people/import", methods=["POST"])
@workspace_page(Permission.PEOPLE_WRITE)
def import_people(workspace_id: int):
    """Import a CSV (upsert by external_id); every invalid row is listed with its line."""
    mode = request.form.get("mode") if request.form.get("mode") in MODES else MODES[0]

    def run():
        rows = people.rows_from_csv(_csv_text())
        return people.import_people(workspace_id, rows, mode, source="console")

    result, error = attempt(run, quiet=True)
    if error is not None:
        return _page(workspace_id, None, explain(error), error.code, mode)
    return _page(workspace_id, result, mode=mode)
