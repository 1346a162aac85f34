"""The applications' URL tester: the application the extension would use, and every match."""

import pytest

from backend.console.editors.url_tester import match_url
from tests.support import content


class App:
    def __init__(self, id_, name, patterns):
        self.id, self.name, self.url_patterns = id_, name, patterns


APPS = [
    App(1, "Suite", ["https://*.example.com/*"]),
    App(2, "CRM", ["https://crm.example.com/*", "https://crm.example.com/admin/*"]),
]


def test_the_most_specific_pattern_owns_the_page_and_overlaps_are_listed():
    tested = match_url(APPS, "https://crm.example.com/admin/users?x=1")
    assert tested.chosen == "CRM"
    assert [(h.application, h.pattern, h.chosen) for h in tested.hits] == [
        ("Suite", "https://*.example.com/*", False),
        ("CRM", "https://crm.example.com/*", True),
        ("CRM", "https://crm.example.com/admin/*", True),
    ]


@pytest.mark.parametrize(
    ("url", "chosen", "problem"),
    [
        ("https://other.test/", None, ""),
        ("ftp://crm.example.com/", None, "Paste a full http:// or https:// address."),
        ("not a url", None, "Paste a full http:// or https:// address."),
    ],
)
def test_a_page_of_no_application_or_no_url_says_so(url, chosen, problem):
    tested = match_url(APPS, url)
    assert (tested.chosen, tested.problem, tested.hits) == (chosen, problem, ())


def test_the_tester_page_names_the_application(app, as_role, workspace):
    content.application(app, workspace.id, "crm", ("https://crm.example.test/*",))
    page = as_role("analyst").get(
        f"/console/w/{workspace.id}/applications/match?url=https://crm.example.test/deals"
    )
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert 'data-testid="matched-application">CRM<' in html
    assert "https://crm.example.test/*" in html
