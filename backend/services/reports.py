"""Run any declared report for the API and the console: check the request against the
authoring data, run the report in ClickHouse, and turn every parameter problem into
one refusal naming the field (Invalid; the API answers 422), and a well-formed id that
names nothing in the workspace into NotFound (404), naming its field too.

The reports, their figures and definitions are declared in ``analytics.reports``;
this module only knows what the authoring database knows: which walkthroughs,
versions, features, checklists and applications a workspace has.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from weakref import WeakKeyDictionary

from sqlalchemy import select

from analytics.backends import AnalyticsError, BackendUnavailable
from analytics.backends.base import Backend
from analytics.reports import ReportParameterError, ReportParams
from analytics.reports.attributes import attribute_seen
from analytics.reports.declaration import Report
from backend.extensions import db
from backend.models import Application, ContentItem, ContentVersion, Segment
from backend.services import workspaces
from backend.services.errors import Failed, Invalid, NotFound, Unavailable
from backend.warehouse import get_backend

# API names of the analytics parameters where they differ.
_FIELD_NAMES = {"date_from": "from", "date_to": "to", "subject_id": "app_id"}
# An attribute seen on events stays known this long; unknown names are asked
# again every time. Events are not content: no content_version tracks them, and
# retention or erasure may remove the last event carrying a name.
KNOWN_FOR_SECONDS = 600.0
# A store that is down is asked again at most every few seconds (DeferredBackend, the writer).
RETRY_AFTER = 10


def invalid(field: str, message: str) -> Invalid:
    """A refusal in the API's validation shape, naming one query parameter."""
    return Invalid(message, details={"query": {field: [message]}})


def unknown(field: str, message: str) -> NotFound:
    """A well-formed id that names nothing in the workspace, naming its query parameter."""
    return NotFound(message, details={"query": {field: [message]}})


def _parameter_error(exc: ReportParameterError) -> Invalid:
    return invalid(_FIELD_NAMES.get(exc.field, exc.field), exc.reason)


def _call(query: Callable, *args) -> list[dict]:
    try:
        return query(get_backend(), *args)
    except ReportParameterError as exc:
        raise _parameter_error(exc) from None
    except BackendUnavailable as exc:
        raise Unavailable(
            "The analytics store is unreachable; retry shortly.",
            code="analytics_unavailable",
            details={"analytics": str(exc)},
            retry_after=RETRY_AFTER,
        ) from None
    except AnalyticsError as exc:
        raise Failed(f"The report query failed: {exc}", code="report_failed") from None


def _params(workspace_id: int, args: dict) -> ReportParams:
    try:
        params = ReportParams(
            workspace_id,
            args["date_from"],
            args["date_to"],
            args["tz"],
            args.get("granularity", "day"),
            args["segment"],
            args["breakdown"],
            _audience(workspace_id, args.get("segment_id")),
            bool(args.get("include_test", False)),
        )
    except ReportParameterError as exc:
        raise _parameter_error(exc) from None
    names = [("breakdown", params.breakdown)] if params.breakdown else []
    names += [("segment", name) for name, _ in params.segment]
    for field, name in names:
        _check_attribute(workspace_id, field, name)
    return params


def _audience(workspace_id: int, segment_id: int | None) -> dict | None:
    """The audience of the saved segment a report filters by (None: no such filter)."""
    if segment_id is None:
        return None
    segment = db.session.get(Segment, segment_id)
    if segment is None or segment.workspace_id != workspace_id:
        raise unknown("segment_id", f"There is no segment {segment_id} in this workspace.")
    return segment.audience or {}


# Per events store, since workspace ids repeat across stores (and across apps in one
# process); an entry goes with its store.
_SEEN: WeakKeyDictionary[Backend, dict[tuple[int, str], float]] = WeakKeyDictionary()


def _check_attribute(workspace_id: int, field: str, name: str) -> None:
    known = _SEEN.setdefault(get_backend(), {})
    if time.monotonic() - known.get((workspace_id, name), -math.inf) < KNOWN_FOR_SECONDS:
        return
    if not _call(lambda backend: attribute_seen(backend, workspace_id, name)):
        raise invalid(field, f"No event of this workspace carries the attribute {name!r}.")
    known[(workspace_id, name)] = time.monotonic()


def _check_reference(workspace_id: int, kind: str, item_id: int, field: str) -> None:
    if kind == "application":
        app = db.session.get(Application, item_id)
        if app is None or app.workspace_id != workspace_id:
            raise unknown(field, f"There is no application {item_id} in this workspace.")
        return
    item = db.session.get(ContentItem, item_id)
    if item is None or item.workspace_id != workspace_id or item.type != kind:
        raise unknown(field, f"There is no {kind} {item_id} in this workspace.")


class _Authoring:
    """The authoring data of one workspace a report may read (``analytics.reports.declaration``)."""

    def __init__(self, workspace_id: int):
        self.workspace_id = workspace_id

    def document(self, item_id: int, version: int | None, field: str) -> dict | None:
        item = db.session.get(ContentItem, item_id)
        if item is None or item.workspace_id != self.workspace_id:
            raise unknown(field, f"There is no item {item_id} in this workspace.")
        number = version or item.published_version or item.latest_version
        document = db.session.execute(
            select(ContentVersion.document).where(
                ContentVersion.item_id == item.id, ContentVersion.version == number
            )
        ).scalar()
        if document is None and version is not None:
            kind = item.type.capitalize()
            raise unknown(field, f"{kind} {item.id} has no version {version}.")
        return document

    def item_ids(self, item_type: str, keys: list[str]) -> dict[str, int]:
        return dict(
            db.session.execute(
                select(ContentItem.key, ContentItem.id).where(
                    ContentItem.workspace_id == self.workspace_id,
                    ContentItem.type == item_type,
                    ContentItem.key.in_(keys),
                )
            ).all()
        )


def with_default_zone(workspace_id: int, args: dict) -> dict:
    """``args`` with their time zone: the one asked for, else the workspace's default for
    reports, so the rows, the parameters echoed and a CSV's file name all name one zone."""
    if args.get("tz"):
        return args
    return {**args, "tz": workspaces.get(workspace_id).report_time_zone}


def run(workspace_id: int, report: Report, args: dict) -> list[dict]:
    """The rows of ``report`` for validated ``args`` (without ``tz``: in the workspace's
    default zone); Invalid names the field, Unavailable and Failed say the analytics store
    could not answer."""
    args = with_default_zone(workspace_id, args)
    params = _params(workspace_id, args)
    for field, kind in report.references.items():
        value = args.get(field)
        for item_id in value if isinstance(value, list) else [value]:
            if item_id is not None:
                _check_reference(workspace_id, kind, item_id, field)
    return _call(report.run, params, args, _Authoring(workspace_id))


def display_names(workspace_id: int) -> dict[str, dict[int, str]]:
    """What people call the workspace's items and applications, by the id kinds of report rows.

    Keys are the rows' id columns (``walkthrough_id``, ``feature_id``, ``app_id``...);
    an item's name is its draft's name, else its title, else its key.
    """
    found: dict[str, dict[int, str]] = {"app_id": {}}
    for app_id, name in db.session.execute(
        select(Application.id, Application.name).where(Application.workspace_id == workspace_id)
    ):
        found["app_id"][app_id] = name
    for item_id, item_type, key, draft in db.session.execute(
        select(ContentItem.id, ContentItem.type, ContentItem.key, ContentItem.draft).where(
            ContentItem.workspace_id == workspace_id
        )
    ):
        draft = draft or {}
        name = draft.get("name") or draft.get("title") or key
        found.setdefault(f"{item_type}_id", {})[item_id] = name
    return found
