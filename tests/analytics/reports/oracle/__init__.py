"""Every report computed again in plain Python, straight from the definitions.

Deliberately independent of ``analytics.reports``: only the parameter object is
shared (as input). Events are deduplicated by ``event_id`` first, then each
definition is applied literally.
"""

from tests.analytics.reports.oracle.person import (
    person_applications,
    person_checklists,
    person_walkthroughs,
)
from tests.analytics.reports.oracle.usage import (
    app_usage,
    content_gaps,
    feature_adoption,
    feature_first_use,
    help_seeking,
    onboarding_people,
    onboarding_segments,
    retention,
)
from tests.analytics.reports.oracle.versions import extension_versions
from tests.analytics.reports.oracle.walkthroughs import (
    completion,
    content_health,
    funnel,
    funnel_summary,
)

__all__ = [
    "app_usage",
    "completion",
    "content_gaps",
    "content_health",
    "extension_versions",
    "feature_adoption",
    "feature_first_use",
    "funnel",
    "funnel_summary",
    "help_seeking",
    "onboarding_people",
    "onboarding_segments",
    "person_applications",
    "person_checklists",
    "person_walkthroughs",
    "retention",
]
