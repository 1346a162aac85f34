"""Versioning rules: publish, unpublish, rollback, publish to testers and promote."""

import pytest

from walkthroughs.versioning import (
    ItemState,
    VersioningError,
    archive,
    edit,
    promote,
    publish,
    publish_to_testers,
    restore,
    rollback,
    unpublish,
)


def test_first_publish_is_version_one():
    step = publish(ItemState(), {"a": 1}, None)
    assert step.new_version == 1
    assert step.state.status == "published" and step.state.published_version == 1
    assert step.delivery_changed


def test_publishing_what_is_published_changes_nothing():
    state = ItemState("published", 3, 3, 5)
    step = publish(state, {"a": 1}, {"a": 1})
    assert step.new_version is None and step.state == state and not step.delivery_changed


def test_republishing_after_unpublish_takes_a_new_number():
    state = unpublish(ItemState("published", 2, 2, 4)).state
    assert state.status == "unpublished" and state.published_version is None
    assert publish(state, {"a": 1}, None).new_version == 3


def test_only_published_items_unpublish():
    with pytest.raises(VersioningError) as caught:
        unpublish(ItemState())
    assert caught.value.code == "not_published"


def test_rollback_adds_a_version_and_moves_the_draft():
    step = rollback(ItemState("published", 4, 4, 9), 2)
    assert step.new_version == 5
    assert step.state == ItemState("published", 5, 5, 10)


@pytest.mark.parametrize("version", [0, 5])
def test_rollback_to_an_unknown_version(version):
    with pytest.raises(VersioningError):
        rollback(ItemState("published", 4, 4, 1), version)


def test_edit_moves_the_revision_only():
    assert edit(ItemState("published", 1, 1, 1)) == ItemState("published", 1, 1, 2)


def test_archiving_a_published_item_stops_delivery():
    step = archive(ItemState("published", 2, 2, 5))
    assert step.state == ItemState("archived", None, 2, 5)
    assert step.delivery_changed and step.new_version is None


def test_archiving_a_draft_changes_no_delivery():
    assert not archive(ItemState("draft", None, 0, 1)).delivery_changed


@pytest.mark.parametrize(("latest", "status"), [(0, "draft"), (3, "unpublished")])
def test_restore_brings_back_an_unpublished_item(latest, status):
    step = restore(ItemState("archived", None, latest, 4))
    assert step.state == ItemState(status, None, latest, 4) and not step.delivery_changed


@pytest.mark.parametrize(
    "rule",
    [
        lambda s: publish(s, {"a": 1}, None),
        lambda s: rollback(s, 1),
        publish_to_testers,
        lambda s: promote(s, 1),
        archive,
    ],
)
def test_nothing_is_published_or_archived_from_the_archive(rule):
    with pytest.raises(VersioningError) as caught:
        rule(ItemState("archived", None, 1, 2))
    assert caught.value.code == "archived"


def test_only_archived_items_restore():
    with pytest.raises(VersioningError) as caught:
        restore(ItemState("published", 1, 1, 1))
    assert caught.value.code == "not_archived"


def test_publishing_to_testers_freezes_a_version_everyone_else_does_not_get():
    live = ItemState("published", published_version=2, latest_version=2, revision=5)
    step = publish_to_testers(live)
    assert step.new_version == 3 and step.delivery_changed
    assert step.state == ItemState("published", published_version=2, latest_version=3, revision=5)


def test_promoting_publishes_the_tested_version_without_a_new_number():
    tested = ItemState("draft", published_version=None, latest_version=1)
    step = promote(tested, 1)
    assert step.new_version is None and step.delivery_changed
    assert (step.state.status, step.state.published_version) == ("published", 1)


def test_promoting_a_version_that_does_not_exist_is_refused():
    with pytest.raises(VersioningError) as info:
        promote(ItemState(latest_version=1), 2)
    assert info.value.code == "unknown_version"
