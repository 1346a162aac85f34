"""The event families a webhook endpoint may subscribe to, declared once.

Console forms, validation and the delivery payload all iterate over this table;
a new family (``survey.answered`` once surveys exist) is one more entry.
"""

from __future__ import annotations

FAMILIES: dict[str, str] = {
    "walkthrough.completed": "A person finished a walkthrough.",
    "alert.fired": "A content-health alert started firing.",
    "alert.resolved": "A firing alert recovered.",
    "content.published": "A guidance item was published.",
}
