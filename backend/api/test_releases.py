"""Test before everyone: each item kind's routes for a test audience, and the reach of a
publish (who would see it), added to the kind's blueprint."""

from __future__ import annotations

from backend.api.blueprint import Blueprint
from backend.api.etags import IF_MATCH_OPTIONAL_DOC, etag_headers, if_match
from backend.auth import Permission, workspace_access
from backend.schemas.test_audiences import Reach, TestPublishRequest, TestReleaseResponse
from backend.services import content, publishing, test_audiences


def add_routes(blp: Blueprint, item_type: str, item_schema, one: str) -> None:
    """The test-release routes of one kind, under the kind's item URL ``one``."""

    @blp.route(f"{one}/test-release", methods=["PUT"])
    @workspace_access(Permission.CONTENT_PUBLISH)
    @blp.arguments(TestPublishRequest)
    @blp.doc(**IF_MATCH_OPTIONAL_DOC)
    @blp.response(200, TestReleaseResponse)
    def publish_to_testers(body, workspace_id: int, item_id: int):
        """Publish the draft as a new version only the test audience receives; everyone
        else keeps the published version (or nothing)."""
        item, release = publishing.publish_to_testers(
            workspace_id,
            item_type,
            item_id,
            body["testers"],
            body["segment_id"],
            body["note"],
            if_match(required=False),
        )
        return test_audiences.describe(item, release)

    @blp.route(f"{one}/test-release")
    @workspace_access(Permission.CONTENT_READ)
    @blp.response(200, TestReleaseResponse)
    @blp.alt_response(404, description="the item is not being tested")
    def test_release(workspace_id: int, item_id: int):
        """The version under test and who receives it."""
        item = content.get_item(workspace_id, item_type, item_id)
        return test_audiences.describe(item, test_audiences.require(item))

    @blp.route(f"{one}/test-release/promote", methods=["POST"])
    @workspace_access(Permission.CONTENT_PUBLISH)
    @blp.response(200, item_schema)
    @blp.alt_response(404, description="the item is not being tested")
    def promote(workspace_id: int, item_id: int):
        """Deliver the version under test to everyone in the item's audience (the same
        version number)."""
        item = publishing.promote(workspace_id, item_type, item_id)
        return content.describe(item), etag_headers(item.revision)

    @blp.route(f"{one}/test-release", methods=["DELETE"])
    @workspace_access(Permission.CONTENT_PUBLISH)
    @blp.response(204)
    @blp.alt_response(404, description="the item is not being tested")
    def end_test(workspace_id: int, item_id: int):
        """Stop testing: testers get what everyone gets again."""
        publishing.end_test(workspace_id, item_type, item_id)

    @blp.route(f"{one}/reach")
    @workspace_access(Permission.PEOPLE_READ)
    @blp.response(200, Reach)
    def reach(workspace_id: int, item_id: int):
        """Who publishing the draft would reach: people of the directory its audience
        matches, a few names and the audience in words."""
        item = content.get_item(workspace_id, item_type, item_id)
        return test_audiences.reach(workspace_id, item.draft.get("audience"))
