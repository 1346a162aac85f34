"""Lists of guidance that stay workable at hundreds of items.

The filters are a GET form whose state is the URL (a filtered list can be
bookmarked or shared); the bulk bar is a POST form around the table's checkboxes
and comes back to the same URL with one line per item it could not change. The
list of one kind (``/w/<id>/walkthroughs``...) and the list of every kind
(``/w/<id>/content``) are the same page; only the kind filter differs.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import marshmallow as ma
from flask import flash, g, redirect, request, url_for

from backend.auth import Permission
from backend.console import nav
from backend.console.blueprint import blp
from backend.console.forms import attempt, messages
from backend.console.session import workspace_page
from backend.schemas.content_list import SORT_CHOICES, BulkRequest, list_args
from backend.services import content_bulk, content_list, content_tags, members, segments
from walkthroughs import kinds

nav.add("console.content_list", "All guidance", "CONTENT_READ", "guidance")

# Query arguments the filter form sends; the page keeps them across pages and actions.
FILTERS = ("q", "kind", "application_id", "status", "tag", "owner_id", "editor_id", "segment")
SORT_LABELS = {
    "-updated": "Last changed first",
    "updated": "Last changed last",
    "title": "Name, A to Z",
    "-title": "Name, Z to A",
    "status": "Status",
    "-status": "Status, reversed",
    "kind": "Kind",
    "-kind": "Kind, reversed",
}
ACTION_PAST = {
    "publish": "Published",
    "unpublish": "Unpublished",
    "archive": "Archived",
    "restore": "Restored",
    "tag": "Tagged",
    "untag": "Untagged",
}


def _raw_args() -> dict:
    """The request's list arguments, empty fields left out (an empty select is no filter)."""
    raw: dict = {}
    for name in (*FILTERS, "sort", "limit", "cursor"):
        values = [v for v in request.args.getlist(name) if v.strip()]
        if values:
            raw[name] = values if name == "tag" else values[0]
    return raw


def read_filters(kind: str | None) -> tuple[dict, dict, list[str]]:
    """``(parsed arguments, the URL's arguments, problems)``; bad ones list the default page."""
    raw = _raw_args()
    if kind is not None:
        raw.pop("kind", None)  # the page's own kind, from its path
    fixed = {"kind": kind} if kind else {}
    try:
        return list_args()().load({**raw, **fixed}), raw, []
    except ma.ValidationError as exc:
        return list_args()().load(fixed), {}, messages(exc)


def page_context(workspace_id: int, kind: str | None) -> dict:
    """What the list template needs besides the page's own texts."""
    args, raw, problems = read_filters(kind)
    items, cursor = content_list.list_page(
        workspace_id, args["query"], args["limit"], args["cursor"]
    )
    kept = {k: v for k, v in raw.items() if k != "cursor"}
    view_args = request.view_args or {}
    next_url = url_for(request.endpoint, **view_args, **kept, cursor=cursor) if cursor else None
    people, _more = members.list_members(workspace_id, 200, None)
    tags = {s["tag"] for s in content_tags.suggestions(workspace_id)} | set(raw.get("tag", []))
    return {
        "items": items,
        "next_url": next_url,
        "filters": raw,
        "filter_problems": problems,
        "here": request.full_path.rstrip("?"),
        "clear_url": url_for(request.endpoint, **view_args),
        "people": people,
        "segment_choices": segments.list_segments(workspace_id),
        "tag_choices": sorted(tags),
        "sort": args["query"].sort,
        "sort_choices": [(value, SORT_LABELS[value]) for value in SORT_CHOICES],
        "kind_choices": [(k.name, k.title) for k in kinds.all_kinds()],
        "filtered": any(k in raw for k in FILTERS),
    }


def content_page(workspace_id: int):
    from backend.console.views.guidance import list_page

    return list_page(workspace_id, None)


blp.add_url_rule(
    "/w/<int:workspace_id>/content",
    endpoint="content_list",
    view_func=workspace_page(Permission.CONTENT_READ)(content_page),
)


@blp.route("/w/<int:workspace_id>/content/bulk", methods=["POST"])
@workspace_page(Permission.CONTENT_WRITE)
def bulk(workspace_id: int):
    back_to = _same_workspace(workspace_id, request.form.get("next", ""))
    form = {
        "action": request.form.get("action", ""),
        # Form fields are text; the API's schema takes ids as numbers.
        "ids": [int(v) if v.isascii() and v.isdigit() else v for v in request.form.getlist("ids")],
        **({"tag": request.form["tag"]} if request.form.get("tag", "").strip() else {}),
    }
    try:
        body = BulkRequest().load(form)
    except ma.ValidationError as exc:
        if "ids" in exc.messages and not form["ids"]:
            flash("Select the items first.", "error")
        else:
            for line in messages(exc):
                flash(line, "error")
        return redirect(back_to, 303)
    results, _error = attempt(
        lambda: content_bulk.run(
            workspace_id, body["action"], body["ids"], g.principal.can, {"tag": body.get("tag")}
        )
    )
    _report(body["action"], results or [])
    return redirect(back_to, 303)


def _report(action: str, results: list[dict]) -> None:
    done = [r for r in results if r["ok"]]
    if done:
        flash(f"{ACTION_PAST[action]} {len(done)} item{'s' if len(done) != 1 else ''}.", "success")
    for failed in (r for r in results if not r["ok"]):
        name = failed.get("key") or f"#{failed['id']}"
        flash(f"{name}: {failed['error']['message']}", "error")


def _same_workspace(workspace_id: int, target: str) -> str:
    """Where to go back to: a page of this workspace's console, never another site."""
    parts = urlsplit(target)
    prefix = url_for("console.content_list", workspace_id=workspace_id).rsplit("/", 1)[0] + "/"
    if parts.scheme or parts.netloc or not parts.path.startswith(prefix):
        return url_for("console.content_list", workspace_id=workspace_id)
    return target
