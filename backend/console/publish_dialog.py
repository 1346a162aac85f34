"""What the publish dialog of an item page shows: who a publish reaches, to everyone or to
a test audience, and the version under test with who receives it."""

from __future__ import annotations

import re

from flask import request

from backend.models import ContentItem
from backend.services import segments, test_audiences

# Testers typed into one field: separated by commas, semicolons or line breaks.
_SEPARATORS = re.compile(r"[,;\n]+")


def testers_from_form() -> tuple[list[str], int | None]:
    """The testers and the segment id the dialog's form names."""
    testers = [t.strip() for t in _SEPARATORS.split(request.form.get("testers", "")) if t.strip()]
    raw = (request.form.get("segment_id") or "").strip()
    return testers, int(raw) if raw.isdigit() else None


def reach_of(workspace_id: int, item: ContentItem, to_testers, testers, segment_id) -> dict:
    """Who the publish the form describes reaches; an unknown segment reaches nobody."""
    if not to_testers:
        return test_audiences.reach(workspace_id, item.draft.get("audience"))
    key = None
    if segment_id is not None:
        known = {s.id: s.key for s in segments.list_segments(workspace_id)}
        key = known.get(segment_id)
    if not testers and key is None:
        return {"count": 0, "sample": [], "summary": "Test audience: nobody chosen yet"}
    return test_audiences.test_reach(workspace_id, testers, key)


def context(workspace_id: int, item: ContentItem) -> dict:
    """The item page's publish dialog and test status."""
    release = test_audiences.get(item)
    return {
        "reach": test_audiences.reach(workspace_id, item.draft.get("audience")),
        "test_release": None if release is None else test_audiences.describe(item, release),
        "saved_segments": segments.list_segments(workspace_id),
        "tester_suggestions": test_audiences.tester_suggestions(workspace_id),
    }
