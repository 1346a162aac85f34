"""Which people-directory attributes the events of a workspace carry."""

from __future__ import annotations

from analytics.backends.base import Backend
from analytics.reports.params import check_attribute

# LIMIT 1: a common attribute is found in the first rows read; only a name no
# event carries costs a scan of the workspace's attribute keys. A column, not a
# constant, is selected: 18.16 loses the WHERE column of a constant SELECT read
# through a Distributed table.
ATTRIBUTE_SEEN = """
SELECT workspace_id
FROM events
WHERE workspace_id = %(workspace_id)s
  AND has(attr_keys, %(name)s)
LIMIT 1
"""


def attribute_seen(backend: Backend, workspace_id: int, name: str) -> bool:
    """Whether any event of the workspace carries the attribute ``name``."""
    check_attribute("attribute", name)
    return bool(backend.query(ATTRIBUTE_SEEN, {"workspace_id": workspace_id, "name": name}).rows)
