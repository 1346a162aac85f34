"""Changing guidance from its detail page: draft edits, publish (to everyone or to a test
audience first, then promote), unpublish, rollback, duplicate, delete. Every action goes
through the services, which audit it."""

from __future__ import annotations

from flask import flash, render_template, request

from backend.auth import Permission
from backend.console import documents, publish_dialog
from backend.console.blueprint import blp
from backend.console.forms import attempt, back, explain, number, text
from backend.console.session import workspace_page
from backend.console.views.guidance import PLURAL, detail_page
from backend.services import content, publishing
from backend.services.revisions import Precondition
from walkthroughs import kinds

ONE = f"/w/<int:workspace_id>/{PLURAL}/<int:item_id>"


def _at_revision() -> Precondition:
    """The draft revision the form was made from: a change since then is a 412, not lost work."""
    return Precondition(False, frozenset({number("revision")}))


@blp.route(f"{ONE}/draft", methods=["POST"])
@workspace_page(Permission.CONTENT_WRITE)
def save_draft(workspace_id: int, plural: str, item_id: int):
    item_type, yaml_text = kinds.by_plural(plural).name, request.form.get("yaml", "")
    precondition = _at_revision()
    app_id = number("application_id")

    def save():
        draft = documents.parse_document(item_type, yaml_text)
        content.update_item(workspace_id, item_type, item_id, draft, app_id, precondition)

    _done, error = attempt(save, quiet=True)
    if error is not None:
        return detail_page(workspace_id, plural, item_id, yaml_text, explain(error), error.code)
    flash("Draft saved. Publish it to deliver it.", "success")
    return back("console.item", plural=plural, item_id=item_id)


@blp.route(f"{ONE}/publish", methods=["POST"])
@workspace_page(Permission.CONTENT_PUBLISH)
def publish(workspace_id: int, plural: str, item_id: int):
    item_type = kinds.by_plural(plural).name
    to_testers = request.form.get("audience") == "testers"
    testers, segment_id = publish_dialog.testers_from_form()
    if request.form.get("action") == "count":
        # The dialog's live "who will see it" while the author chooses.
        stored = content.get_item(workspace_id, item_type, item_id)
        reach = publish_dialog.reach_of(workspace_id, stored, to_testers, testers, segment_id)
        return render_template("console/_reach.html", reach=reach)
    if to_testers:
        return _publish_to_testers(workspace_id, plural, item_type, item_id, testers, segment_id)
    before = content.get_item(workspace_id, item_type, item_id).latest_version
    item, _error = attempt(
        lambda: publishing.publish(workspace_id, item_type, item_id, text("note")[:500], None)
    )
    if item is not None:
        if item.latest_version > before:
            flash(f"Published version {item.latest_version}.", "success")
        else:
            flash("Nothing new to publish: the draft is what is published.", "success")
    return back("console.item", plural=plural, item_id=item_id)


def _publish_to_testers(workspace_id, plural, item_type, item_id, testers, segment_id):
    done, _error = attempt(
        lambda: publishing.publish_to_testers(
            workspace_id, item_type, item_id, testers, segment_id, text("note")[:500], None
        )
    )
    if done is not None:
        _item, release = done
        flash(f"Version {release.version} is published to the test audience only.", "success")
    return back("console.item", plural=plural, item_id=item_id)


@blp.route(f"{ONE}/promote", methods=["POST"])
@workspace_page(Permission.CONTENT_PUBLISH)
def promote(workspace_id: int, plural: str, item_id: int):
    item, _error = attempt(
        lambda: publishing.promote(workspace_id, kinds.by_plural(plural).name, item_id)
    )
    if item is not None:
        flash(f"Version {item.published_version} is published to everyone.", "success")
    return back("console.item", plural=plural, item_id=item_id)


@blp.route(f"{ONE}/end-test", methods=["POST"])
@workspace_page(Permission.CONTENT_PUBLISH)
def end_test(workspace_id: int, plural: str, item_id: int):
    attempt(
        lambda: publishing.end_test(workspace_id, kinds.by_plural(plural).name, item_id),
        "Test ended: testers get what everyone gets.",
    )
    return back("console.item", plural=plural, item_id=item_id)


@blp.route(f"{ONE}/unpublish", methods=["POST"])
@workspace_page(Permission.CONTENT_PUBLISH)
def unpublish(workspace_id: int, plural: str, item_id: int):
    attempt(
        lambda: publishing.unpublish(workspace_id, kinds.by_plural(plural).name, item_id),
        "Unpublished: the extension stops showing it. Its versions are kept.",
    )
    return back("console.item", plural=plural, item_id=item_id)


@blp.route(f"{ONE}/rollback", methods=["POST"])
@workspace_page(Permission.CONTENT_PUBLISH)
def rollback(workspace_id: int, plural: str, item_id: int):
    version = number("version")
    item, _error = attempt(
        lambda: publishing.rollback(
            workspace_id, kinds.by_plural(plural).name, item_id, version, text("note")
        )
    )
    if item is not None:
        flash(
            f"Rolled back: version {version} is published again as version {item.latest_version}.",
            "success",
        )
    return back("console.item", plural=plural, item_id=item_id)


@blp.route(f"{ONE}/duplicate", methods=["POST"])
@workspace_page(Permission.CONTENT_WRITE)
def duplicate(workspace_id: int, plural: str, item_id: int):
    copy, _error = attempt(
        lambda: content.duplicate(
            workspace_id, kinds.by_plural(plural).name, item_id, text("key") or None
        )
    )
    if copy is None:
        return back("console.item", plural=plural, item_id=item_id)
    flash(f"Copied as the draft {copy.key!r}.", "success")
    return back("console.item", plural=plural, item_id=copy.id)


@blp.route(f"{ONE}/delete", methods=["POST"])
@workspace_page(Permission.CONTENT_WRITE)
def delete(workspace_id: int, plural: str, item_id: int):
    precondition = _at_revision()
    _done, error = attempt(
        lambda: content.delete_item(
            workspace_id, kinds.by_plural(plural).name, item_id, precondition
        ),
        f"Deleted the {kinds.by_plural(plural).singular} and its versions.",
    )
    if error is not None:
        return back("console.item", plural=plural, item_id=item_id)
    return back(f"console.{plural}")
