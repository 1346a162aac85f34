"""A large workspace for the launcher's search index: searchable items over five
applications, with plausible titles, descriptions and step titles (a seeded random).

By default 440 walkthroughs (8 steps each), 50 checklists and 2 launchers of 5 links
each, as one flow bundle for ``POST /api/v1/workspaces/<id>/flows/import``.
"""

from __future__ import annotations

import random

WORDS = [
    *[
        "account",
        "invoice",
        "contact",
        "deal",
        "pipeline",
        "report",
        "export",
        "import",
        "filter",
        "dashboard",
        "ticket",
    ],
    *[
        "customer",
        "order",
        "refund",
        "payment",
        "approval",
        "expense",
        "budget",
        "forecast",
        "quarter",
        "region",
    ],
    *[
        "permission",
        "role",
        "profile",
        "settings",
        "notification",
        "calendar",
        "meeting",
        "task",
        "project",
    ],
    *[
        "template",
        "document",
        "upload",
        "signature",
        "contract",
        "renewal",
        "discount",
        "quote",
        "product",
    ],
]
APPS, WALKTHROUGHS, CHECKLISTS, STEPS = 5, 440, 50, 8


def _phrase(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize()


def bundle(
    rng: random.Random, walkthroughs: int = WALKTHROUGHS, checklists: int = CHECKLISTS
) -> dict:
    """The bundle (500 items by default: ``walkthroughs + checklists + 10`` links), its
    texts drawn from ``rng``."""
    count, lists = walkthroughs, checklists
    apps = [
        {"key": f"app-{a}", "name": f"App {a}", "url_patterns": [f"https://app{a}.example.test/*"]}
        for a in range(APPS)
    ]
    walkthroughs = [
        {
            "key": f"w-{n}",
            "application": f"app-{n % APPS}",
            "name": _phrase(rng, 4),
            "description": _phrase(rng, 14),
            "trigger": {"type": "manual"},
            "url": f"*://*/{rng.choice(WORDS)}/{n}",
            "steps": [
                {
                    "key": f"s{s}",
                    "kind": "modal",
                    "title": _phrase(rng, 3),
                    "body": f"<p>{_phrase(rng, 12)}</p>",
                    "advance": "next_button",
                }
                for s in range(STEPS)
            ],
        }
        for n in range(count)
    ]
    checklists = [
        {
            "key": f"c-{n}",
            "application": f"app-{n % APPS}",
            "name": _phrase(rng, 3),
            "description": _phrase(rng, 10),
            "items": [
                {"key": f"i{i}", "walkthrough": f"w-{(n * 5 + i * APPS + n % APPS) % count}"}
                for i in range(5)
            ],
        }
        for n in range(lists)
    ]
    launchers = [
        {
            "key": f"launcher-{a}",
            "application": f"app-{a}",
            "title": "Help",
            "items": [
                {"type": "link", "label": _phrase(rng, 3), "url": f"https://help.test/{a}/{i}"}
                for i in range(5)
            ],
        }
        for a in range(2)
    ]
    return {
        "version": 1,
        "applications": apps,
        "walkthroughs": walkthroughs,
        "checklists": checklists,
        "launchers": launchers,
    }
