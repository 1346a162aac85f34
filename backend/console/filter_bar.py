"""The one filter bar of every dashboard: what it offers, and the query it carries along.

Every dashboard reads the same filters from its URL (``from``, ``to``, ``tz``,
``segment``, ``breakdown``, ``granularity``: the report API's names), so a view can
be shared and survives a reload; the console's links to the other dashboards carry
them too, so moving between dashboards keeps the range, zone and segments.
"""

from __future__ import annotations

from functools import cache
from urllib.parse import urlencode
from zoneinfo import available_timezones

from flask import g, request

from backend.console import nav
from backend.console.blueprint import blp
from backend.services import segments

# The filters every dashboard shares; a page's own choices (a walkthrough) stay on it.
SHARED = ("from", "to", "tz", "segment", "segment_id", "include_test", "breakdown", "granularity")


@cache
def zones() -> tuple[str, ...]:
    """The IANA zones people pick from (not the legacy aliases under posix/ and right/)."""
    names = available_timezones() - {"localtime", "Factory"}
    return tuple(sorted(n for n in names if not n.startswith(("posix/", "right/", "SystemV/"))))


@blp.app_template_global()
def filter_choices() -> dict:
    """What the filter bar offers: the zones and the directory's attributes and values."""
    principal = g.get("principal")
    suggested = segments.suggestions(principal.workspace_id) if principal else {}
    return {"zones": zones(), "attributes": suggested}


@blp.app_template_global()
def filter_query() -> str:
    """The shared filters of the current page as a query string ('' without any)."""
    pairs = [(key, value) for key in SHARED for value in request.args.getlist(key) if value]
    return urlencode(pairs)


@blp.app_template_global()
def carries_filters(endpoint: str) -> bool:
    """Whether a link to ``endpoint`` is a dashboard, which takes the shared filters."""
    return endpoint == "console.overview" or any(
        entry[0] == endpoint and entry[3] == "reports" for entry in nav.NAV
    )
