"""Console pages, one module per area; importing them adds their routes to the blueprint.

The import order is the order of the navigation within each section.
"""

# isort: off
from backend.console.views import auth, overview, dashboards, report_tables  # noqa: F401
from backend.console.views import feedback  # noqa: F401
from backend.console.views import applications, guidance, content_lists  # noqa: F401
from backend.console.views import publishing  # noqa: F401
from backend.console.views import translations, yaml_editor  # noqa: F401
from backend.console.views import people, members, keys, scim, settings, audit  # noqa: F401
from backend.console.views import alerts, webhooks  # noqa: F401
from backend.console.views import invitations, errors  # noqa: F401
from backend.console.views import repairs, segments  # noqa: F401
from backend.console.views import person, item_figures, help_reports, survey_results  # noqa: F401
from backend.console.views import process_pages  # noqa: F401
from backend.console.views import sso_signin, sso_settings  # noqa: F401
# isort: on

# The visual editors add no navigation; they need guidance's kind converter (imported above).
from backend.console.views import editors  # noqa: F401
