"""The launcher's ranking (extension/content/search/rank.js over MiniSearch): prefix and
one-edit matching, titles over keywords over descriptions, this page and this
application before others."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

HERE = Path(__file__).parent
CRM, BILLING = 1, 2
PAGE = "http://127.0.0.1:5000/acme/contacts"


def entry(kind, id_, title, *, app=CRM, keywords="", description="", url=None, apps=None):
    spans = {} if apps is None else {"applications": apps}
    return {
        **spans,
        "kind": kind,
        "id": id_,
        "application": app,
        "application_name": "x",
        "title": title,
        "keywords": keywords,
        "description": description,
        "url": url,
        "walkthrough_id": id_ if kind == "walkthrough" else None,
    }


ENTRIES = [
    entry("walkthrough", 1, "Create your first contact", url="*://*/acme/contacts"),
    entry("walkthrough", 2, "Work your deals pipeline", url="*://*/acme/deals"),
    entry("walkthrough", 3, "Send an invoice", app=BILLING, url="*://*/billing/invoices"),
    entry("walkthrough", 4, "Export reports", keywords="invoice totals", url="*://*/acme/x"),
    entry("walkthrough", 5, "Settings tour", description="invoice numbering", url=None),
    # Same title on this page, elsewhere in this app and in another app.
    entry("walkthrough", 6, "Import data", app=BILLING, url="*://*/billing/import"),
    entry("walkthrough", 7, "Import data", url="*://*/acme/import"),
    entry("walkthrough", 8, "Import data", url="*://*/acme/contacts"),
    entry("link", "9:0", "Help center", url="https://example.com/help"),
    # Articles of another application: one spans this application too.
    entry("article", 10, "Refund policy", app=BILLING, apps=[BILLING]),
    entry("article", 11, "Refund policy", app=BILLING, apps=[BILLING, CRM]),
]
CASES = {
    "dea": ["walkthrough:2"],  # a prefix
    "contct": ["walkthrough:1"],  # one edit
    "pipelien": [],  # a transposition is two edits: no match
    "invoice": ["walkthrough:3", "walkthrough:4", "walkthrough:5"],  # title > keywords > desc
    "import": ["walkthrough:8", "walkthrough:7", "walkthrough:6"],  # page > app > elsewhere
    "help": ["link:9:0"],
    "refund": ["article:11", "article:10"],  # an article spanning this application first
    "create contact": ["walkthrough:1"],  # every word must match
    "create deals": [],
    "   ": [],
}


@pytest.fixture(scope="module")
def ranked():
    node = shutil.which("node")
    assert node, "node is installed by `make test` (BUILD_PACKAGES)"
    payload = {"entries": ENTRIES, "here": {"url": PAGE, "application": CRM}, "queries": [*CASES]}
    done = subprocess.run(
        [node, str(HERE / "js" / "search_rank.mjs")],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize(("query", "expected"), list(CASES.items()))
def test_ranking(ranked, query, expected):
    assert ranked[query] == expected
