"""An article's own readable page, reached by a link only the article's readers get.

Decision: the page is not public by default and has no sign-in of its own (the
people reading articles are not console members). Instead each published
article has a capability link: its path carries an HMAC of the article's id,
keyed by a secret of the workspace (domain-separated from its other uses). The
link travels only in the content answer, which applies the article's audience
with the client key's context, so only people delivery already trusts with
the article get it; it survives republishing, and unpublishing closes it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

from sqlalchemy import select

from backend.extensions import db
from backend.models import ContentItem, ContentVersion, Workspace
from backend.services.errors import NotFound

KIND = "article"
PREFIX = "/help/articles/"
_PURPOSE = b"trailguide help page v1\x00"


def _token(secret: str, item_id: int) -> str:
    digest = hmac.new(secret.encode(), _PURPOSE + str(item_id).encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:18]).decode()


def path_for(secret: str, item_id: int) -> str:
    """The readable page's path for an article of the workspace whose secret is ``secret``."""
    return f"{PREFIX}{item_id}/{_token(secret, item_id)}"


def published_article(item_id: int, token: str) -> tuple[ContentItem, dict, str]:
    """The article behind a help link (item, published document, workspace default
    locale); NotFound for a wrong token, an unpublished article or any other id."""
    row = db.session.execute(
        select(ContentItem, ContentVersion.document, Workspace.pseudonym_secret,
               Workspace.default_locale)
        .join(Workspace, Workspace.id == ContentItem.workspace_id)
        .join(ContentVersion, (ContentVersion.item_id == ContentItem.id)
              & (ContentVersion.version == ContentItem.published_version))
        .where(ContentItem.id == item_id, ContentItem.type == "article",
               ContentItem.status == "published")
    ).first()  # fmt: skip
    if row is None or not hmac.compare_digest(_token(row[2], item_id), token):
        raise NotFound("Article not found.")
    return row[0], row[1], row[3]
