"""Adoption reports for the API: check the request against the authoring data, run the
report in ClickHouse, and turn every parameter problem into one 422 naming the field (a
well-formed id that names nothing in the workspace: 404, naming it too).

The figures and their definitions live in ``analytics.reports``; this module
only knows what the authoring database knows: which walkthroughs, versions,
features, checklists and applications a workspace has.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from sqlalchemy import select

from analytics import reports
from analytics.backends import AnalyticsError, BackendUnavailable
from analytics.reports.attributes import attribute_seen
from backend.errors import APIError
from backend.extensions import db
from backend.models import Application, ContentItem, ContentVersion
from backend.warehouse import get_backend

# API names of the analytics parameters where they differ.
_FIELD_NAMES = {"date_from": "from", "date_to": "to", "subject_id": "app_id"}
# An attribute seen on events stays known this long (per process); unknown
# names are asked again every time.
KNOWN_FOR_SECONDS = 600.0
_known: dict[tuple[int, str], float] = {}


def invalid(field: str, message: str) -> APIError:
    """422 in the API's validation shape, naming one query parameter."""
    return APIError(422, "validation_error", message, {"query": {field: [message]}})


def unknown(field: str, message: str) -> APIError:
    """404 for a well-formed id that names nothing in the workspace, naming its parameter."""
    return APIError(404, "not_found", message, {"query": {field: [message]}})


def _call(report: Callable, *args, **kwargs) -> list[dict]:
    try:
        return report(get_backend(), *args, **kwargs)
    except reports.ReportParameterError as exc:
        raise invalid(_FIELD_NAMES.get(exc.field, exc.field), exc.reason) from None
    except BackendUnavailable:
        raise APIError(
            503, "analytics_unavailable", "The analytics store is unreachable; retry shortly."
        ) from None
    except AnalyticsError as exc:
        raise APIError(500, "report_failed", f"The report query failed: {exc}") from None


def _params(workspace_id: int, args: dict) -> reports.ReportParams:
    try:
        params = reports.ReportParams(
            workspace_id,
            args["date_from"],
            args["date_to"],
            args["tz"],
            args.get("granularity", "day"),
            args["segment"],
            args["breakdown"],
        )
    except reports.ReportParameterError as exc:
        raise invalid(_FIELD_NAMES.get(exc.field, exc.field), exc.reason) from None
    names = [("breakdown", params.breakdown)] if params.breakdown else []
    names += [("segment", name) for name, _ in params.segment]
    for field, name in names:
        _check_attribute(workspace_id, field, name)
    return params


def _check_attribute(workspace_id: int, field: str, name: str) -> None:
    if time.monotonic() - _known.get((workspace_id, name), -math.inf) < KNOWN_FOR_SECONDS:
        return
    if not _call(lambda backend: attribute_seen(backend, workspace_id, name)):
        raise invalid(field, f"No event of this workspace carries the attribute {name!r}.")
    _known[(workspace_id, name)] = time.monotonic()


def _item(workspace_id: int, item_type: str, item_id: int | None, field: str) -> ContentItem:
    item = db.session.get(ContentItem, item_id) if item_id else None
    if item is None or item.workspace_id != workspace_id or item.type != item_type:
        raise unknown(field, f"There is no {item_type} {item_id} in this workspace.")
    return item


def _document(item: ContentItem, version: int | None, field: str) -> dict | None:
    """The document of ``version`` (404 if it does not exist), else of the newest version."""
    number = version or item.published_version or item.latest_version
    document = db.session.execute(
        select(ContentVersion.document).where(
            ContentVersion.item_id == item.id, ContentVersion.version == number
        )
    ).scalar()
    if document is None and version is not None:
        raise unknown(field, f"Walkthrough {item.id} has no version {version}.")
    return document


def _ids(workspace_id: int, item_type: str, ids: list[int], field: str) -> list[int]:
    for item_id in ids:
        _item(workspace_id, item_type, item_id, field)
    return ids


def _apps(workspace_id: int, ids: list[int], field: str = "app_id") -> list[int]:
    for app_id in ids:
        app = db.session.get(Application, app_id)
        if app is None or app.workspace_id != workspace_id:
            raise unknown(field, f"There is no application {app_id} in this workspace.")
    return ids


# --- one function per report -------------------------------------------------------------


def funnel(workspace_id: int, args: dict) -> list[dict]:
    params = _params(workspace_id, args)
    item = _item(workspace_id, "walkthrough", args["walkthrough_id"], "walkthrough_id")
    document = _document(item, args["version"], "version")
    steps = len(document.get("steps") or []) if document else None
    return _call(reports.funnel, params, item.id, args["version"], steps or None)


def funnel_summary(workspace_id: int, args: dict) -> list[dict]:
    params = _params(workspace_id, args)
    item = _item(workspace_id, "walkthrough", args["walkthrough_id"], "walkthrough_id")
    _document(item, args["version"], "version")
    return _call(reports.funnel_summary, params, item.id, args["version"])


def completion(workspace_id: int, args: dict) -> list[dict]:
    params = _params(workspace_id, args)
    if args["walkthrough_id"] is not None:
        _item(workspace_id, "walkthrough", args["walkthrough_id"], "walkthrough_id")
    return _call(reports.completion, params, args["walkthrough_id"])


def content_health(workspace_id: int, args: dict) -> list[dict]:
    params = _params(workspace_id, args)
    if args["walkthrough_id"] is not None:
        _item(workspace_id, "walkthrough", args["walkthrough_id"], "walkthrough_id")
    return _call(reports.content_health, params, args["walkthrough_id"], args["top_pages"])


def feature_adoption(workspace_id: int, args: dict) -> list[dict]:
    params = _params(workspace_id, args)
    features = _ids(workspace_id, "feature", args["feature_id"], "feature_id")
    return _call(reports.feature_adoption, params, features)


def feature_first_use(workspace_id: int, args: dict) -> list[dict]:
    params = _params(workspace_id, args)
    features = _ids(workspace_id, "feature", args["feature_id"], "feature_id")
    return _call(reports.feature_first_use, params, features, args["limit"], args["offset"])


def app_usage(workspace_id: int, args: dict) -> list[dict]:
    params = _params(workspace_id, args)
    return _call(reports.app_usage, params, _apps(workspace_id, args["app_id"]))


def retention(workspace_id: int, args: dict) -> list[dict]:
    params = _params(workspace_id, args)
    if args["app_id"] is not None:
        subject, subject_id = "app", _apps(workspace_id, [args["app_id"]])[0]
    else:
        subject = "feature"
        subject_id = _item(workspace_id, "feature", args["feature_id"], "feature_id").id
    return _call(reports.retention, params, subject, subject_id, args["weeks"])


def _checklist(workspace_id: int, args: dict) -> tuple[int, list[str] | None]:
    item = _item(workspace_id, "checklist", args["checklist_id"], "checklist_id")
    document = _document(item, None, "checklist_id")
    items = [entry["key"] for entry in (document or {}).get("items") or []]
    return item.id, items or None


def onboarding_segments(workspace_id: int, args: dict) -> list[dict]:
    params = _params(workspace_id, args)
    checklist_id, items = _checklist(workspace_id, args)
    return _call(reports.onboarding_segments, params, checklist_id, items)


def onboarding_people(workspace_id: int, args: dict) -> list[dict]:
    params = _params(workspace_id, args)
    checklist_id, items = _checklist(workspace_id, args)
    return _call(
        reports.onboarding_people, params, checklist_id, items, args["limit"], args["offset"]
    )


def help_seeking(workspace_id: int, args: dict) -> list[dict]:
    params = _params(workspace_id, args)
    return _call(reports.help_seeking, params, _apps(workspace_id, args["app_id"]))


def content_gaps(workspace_id: int, args: dict) -> list[dict]:
    params = _params(workspace_id, args)
    apps = _apps(workspace_id, args["app_id"])
    return _call(reports.content_gaps, params, apps, args["limit"])
