"""The article kind: the knowledge base, delivered to the applications it applies to.

An application's answer carries the articles that belong to it or name it among
their ``applications`` (the snapshot files an article under each), for the
people in their audience while their schedule runs; the launcher lists them
and shows them readable. The search index carries every article of the
workspace the person may see (:mod:`walkthroughs.kinds.searching`). The kind
arrived in content contract 3: an extension that declares less never receives
an article, in either place (walkthroughs/contract.py).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import unescape

import marshmallow as ma

from walkthroughs.kinds.rendering import dumps
from walkthroughs.kinds.selecting import Selecting

CONTRACT_VERSION = 3
SECTION = "articles"
_TAG = re.compile(r"<[^>]*>")


class DeliveredArticleSchema(ma.Schema):
    id = ma.fields.Integer()
    key = ma.fields.String()
    version = ma.fields.Integer()
    title = ma.fields.String(metadata={"description": "plain text, never HTML"})
    body = ma.fields.String(
        metadata={
            "description": "sanitized article HTML; images name stored images by a path "
            "(/api/v1/images/<id>) of the server's"
        }
    )
    tags = ma.fields.List(ma.fields.String())
    applications = ma.fields.List(
        ma.fields.Integer(),
        metadata={"description": "the ids of the applications it applies to, its own first"},
    )
    help_path = ma.fields.String(
        allow_none=True,
        metadata={
            "description": "the path (on the server) of its readable page; the link is "
            "only given to people the article is delivered to"
        },
    )


def plain_text(html: str) -> str:
    """What a reader reads of article HTML: its text, without tags."""
    return " ".join(unescape(_TAG.sub(" ", html)).split())


def select_articles(s: Selecting, items: Sequence) -> tuple:
    return tuple(item.id for item in items if item.active(s.now) and s.in_audience(item))


def article_fragment(item, doc: dict) -> str:
    return dumps(
        {
            "id": item.id,
            "key": item.key,
            "version": item.version,
            "title": doc["title"],
            "body": doc["body"],
            "tags": doc["tags"],
            "applications": list(getattr(item, "applications", ())),
            "help_path": getattr(item, "help_path", None),
        }
    )


def render_articles(r, selected: tuple) -> str:
    articles = (r.by_id[i] for i in selected)
    return "[" + ",".join(a.fragment(a.locale_for(r.preferred)) for a in articles) + "]"


def spanned_applications(document: dict) -> list[str]:
    """The keys of the further applications a document of a kind of several applications names."""
    return list(document.get("applications") or [])
