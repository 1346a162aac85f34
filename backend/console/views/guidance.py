"""Guidance pages: one list page per registered kind (walkthroughs.kinds).

One list page per kind (with a form to start a draft from YAML) and one detail
page per item: its draft (YAML editor), a preview of each walkthrough step,
the flow-file YAML, version history and a diff between any two versions.
Actions that change an item live in ``views.publishing``.
"""

from __future__ import annotations

from datetime import timedelta

import marshmallow as ma
from flask import flash, g, render_template, request, url_for
from werkzeug.routing import BaseConverter, ValidationError

from backend.auth import Permission
from backend.console import documents, lookups, nav, publish_dialog, reporting
from backend.console.blueprint import blp
from backend.console.forms import attempt, back, explain, messages, page_args
from backend.console.session import workspace_page
from backend.console.views import content_lists
from backend.errors import APIError
from backend.models.types import utcnow
from backend.services import applications, content, publishing
from walkthroughs import kinds
from walkthroughs.schemas.fields import Key

PLURAL = "<kind:plural>"
COMPLETION_DAYS = 28


class KindPlural(BaseConverter):
    """A registered kind's plural (``walkthroughs``, ``tips``...); any other word is a 404."""

    def to_python(self, value: str) -> str:
        try:
            kinds.by_plural(value)
        except KeyError:
            raise ValidationError() from None
        return value


@blp.record_once
def _kind_converter(state) -> None:
    # Before any rule that uses it: the views of this module and views.publishing.
    state.app.url_map.converters["kind"] = KindPlural


# The console's navigation lists the kinds built in (those registered at import).
for _kind in kinds.all_kinds():
    nav.add(f"console.{_kind.plural}", _kind.title, "CONTENT_READ", "guidance")


class _NewItem(ma.Schema):
    key = Key(required=True)
    application_id = ma.fields.Integer(required=True)


def _completion_rates(workspace_id: int) -> dict[int, float | None]:
    """Each walkthrough's completion rate over the last weeks (empty if the store is down)."""
    today = utcnow().date()
    query = {
        "from": str(today - timedelta(days=COMPLETION_DAYS - 1)),
        "to": str(today),
        "granularity": "total",
    }
    try:
        rows = reporting.run(workspace_id, reporting.REPORTS["completion"], query)
    except APIError:
        return {}
    return {row["walkthrough_id"]: row["completion_rate"] for row in rows}


def list_page(
    workspace_id: int, plural: str | None, form: dict | None = None, lines=None, status=200
):
    """The list of one kind's items, or of every kind's when ``plural`` is None."""
    kind = kinds.by_plural(plural) if plural else None
    item_type = kind.name if kind else None
    apps = applications.all_of(workspace_id)
    context = {
        **content_lists.page_context(workspace_id, item_type),
        "plural": plural,
        "item_type": item_type,
        "title": kind.title if kind else "All guidance",
        "singular": kind.singular if kind else "item",
        "plural_of": {k.name: k.plural for k in kinds.all_kinds()},
        "apps": {app.id: app for app in apps},
        "rates": _completion_rates(workspace_id) if item_type == "walkthrough" else {},
        "completion_days": COMPLETION_DAYS,
        "form": form or {"key": "", "application_id": "", "yaml": kind.starter if kind else ""},
        "problems": lines or [],
    }
    return render_template("console/items.html", **context), status


def list_items(workspace_id: int, plural: str):
    return list_page(workspace_id, plural)


blp.add_url_rule(
    f"/w/<int:workspace_id>/{PLURAL}",
    endpoint="items",
    view_func=workspace_page(Permission.CONTENT_READ)(list_items),
)


@blp.record
def _list_endpoints(state) -> None:
    """``console.<plural>`` for every kind registered when the app is created (nav, links)."""
    view = state.app.view_functions[f"{state.name}.items"]
    for kind in kinds.all_kinds():
        state.add_url_rule(
            f"/w/<int:workspace_id>/{kind.plural}",
            endpoint=kind.plural,
            view_func=view,
            defaults={"plural": kind.plural},
        )


@blp.route(f"/w/<int:workspace_id>/{PLURAL}/new", methods=["POST"])
@workspace_page(Permission.CONTENT_WRITE)
def new_item(workspace_id: int, plural: str):
    form = {k: request.form.get(k, "") for k in ("key", "application_id", "yaml")}
    item_type, one = kinds.by_plural(plural).name, kinds.by_plural(plural).singular
    try:
        fields = _NewItem().load(
            {"key": form["key"].strip(), "application_id": form["application_id"]}
        )
    except ma.ValidationError as exc:
        return list_page(workspace_id, plural, form, messages(exc), 422)

    def create():
        draft = documents.parse_document(item_type, form["yaml"])
        return content.create_item(
            workspace_id, item_type, fields["key"], fields["application_id"], draft
        )

    item, error = attempt(create, quiet=True)
    if error is not None:
        return list_page(workspace_id, plural, form, explain(error), error.code)
    flash(f"Created the {one} {fields['key']!r} as a draft.", "success")
    return back("console.item", plural=plural, item_id=item.id)


def detail_page(
    workspace_id: int, plural: str, item_id: int, draft_text=None, lines=None, status=200
):
    kind = kinds.by_plural(plural)
    item_type = kind.name
    stored = content.get_item(workspace_id, item_type, item_id)
    item = content.describe(stored)
    app = applications.get(workspace_id, item["application_id"])
    limit, after = page_args()
    versions, cursor = publishing.list_versions(workspace_id, item_type, item_id, limit, after)
    next_url = (
        url_for(
            "console.item", workspace_id=workspace_id, plural=plural, item_id=item_id, cursor=cursor
        )
        if cursor
        else None
    )
    context = {
        "plural": plural,
        "item_type": item_type,
        "title": kind.title,
        "singular": kind.singular,
        "record": item,  # not "item": base.html has a macro of that name
        "name": lookups.display_name(item),
        "app": app,
        "apps": applications.all_of(workspace_id),
        "versions": versions,
        "next_url": next_url,
        "flow_yaml": documents.item_yaml(
            item_type, item["key"], applications.definition(app), item["draft"]
        ),
        "draft_text": draft_text
        if draft_text is not None
        else documents.document_yaml(item_type, item["draft"]),
        "problems": lines or [],
        "code": lookups.managed_as_code(stored),
        "steps": documents.step_previews(item["draft"]) if item_type == "walkthrough" else [],
        "body": documents.body_html(item["draft"].get("body", "")),
        "target": documents.describe_target(item["draft"].get("target")),
        **publish_dialog.context(workspace_id, stored),
    }
    return render_template("console/item.html", **context), status


@blp.route(f"/w/<int:workspace_id>/{PLURAL}/<int:item_id>")
@workspace_page(Permission.CONTENT_READ)
def item(workspace_id: int, plural: str, item_id: int):
    return detail_page(workspace_id, plural, item_id)


def _document_of(workspace_id: int, item_type: str, item_id: int, which: str) -> tuple[str, dict]:
    """``("draft", draft)`` or ``("version N", document)``; 404 for a version that is not there."""
    if which == "draft":
        return "draft", content.get_item(workspace_id, item_type, item_id).draft
    try:
        number = int(which)
    except ValueError:
        raise APIError(400, "bad_version", "Compare the draft or a version number.") from None
    return f"version {number}", publishing.get_version(workspace_id, item_type, item_id, number)[
        "document"
    ]


@blp.route(f"/w/<int:workspace_id>/{PLURAL}/<int:item_id>/diff")
@workspace_page(Permission.CONTENT_READ)
def diff(workspace_id: int, plural: str, item_id: int):
    kind = kinds.by_plural(plural)
    item_type = kind.name
    item = content.describe(content.get_item(workspace_id, item_type, item_id))
    latest = item["latest_version"]
    a = request.args.get("a") or (str(latest - 1) if latest > 1 else "draft")
    b = request.args.get("b") or (str(latest) if latest else "draft")
    old_name, old = _document_of(workspace_id, item_type, item_id, a)
    new_name, new = _document_of(workspace_id, item_type, item_id, b)
    old_text = documents.document_yaml(item_type, old)
    new_text = documents.document_yaml(item_type, new)
    lines = documents.diff(old_text, new_text, old_name, new_name)
    return render_template(
        "console/diff.html",
        plural=plural,
        singular=kind.singular,
        title=kind.title,
        record=item,
        name=lookups.display_name(item),
        a=a,
        b=b,
        old_name=old_name,
        new_name=new_name,
        lines=lines,
        old_text=old_text,
        new_text=new_text,
        choices=["draft", *[str(n) for n in range(latest, 0, -1)]],
        principal=g.principal,
    )
