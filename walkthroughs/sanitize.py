"""Author text, kept as written and made safe to show on someone else's page.

Two kinds of text exist in documents:

- **plain text** (titles, names, descriptions, labels) is text, not HTML: it is
  stored as the author typed it (``Press <Enter> to save`` stays so) and every
  place that shows it escapes it (the player sets ``textContent``, the console's
  templates autoescape). Only control characters are dropped.
- **rich text** (``body``): an allowlist of inline tags (nh3); links keep only
  http, https and mailto URLs and get ``rel="noopener noreferrer"``. The result
  escapes only what HTML needs escaped, so ``Salt & Pepper`` comes back as typed
  and not as ``Salt &amp; Pepper``.
- **article text** (an article's ``body``): rich text plus headings, quotes,
  preformatted code and images; an image keeps only a ``src`` naming an image
  stored in the authoring database (``/api/v1/images/<id>``), never another
  address, so a body can neither load from elsewhere nor track its readers.

Every text field also has a size limit, checked on what the author sent.
"""

from __future__ import annotations

import re

import nh3

TITLE_MAX = 200
NAME_MAX = 200
LABEL_MAX = 200
DESCRIPTION_MAX = 2000
BODY_MAX = 10_000
ARTICLE_BODY_MAX = 100_000

RICH_TAGS = frozenset({"p", "br", "b", "strong", "i", "em", "u", "a", "ul", "ol", "li", "code"})
RICH_ATTRIBUTES = {"a": {"href", "title"}}
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "noopener noreferrer"
ARTICLE_TAGS = RICH_TAGS | {"h2", "h3", "h4", "blockquote", "pre", "img"}
ARTICLE_ATTRIBUTES = {**RICH_ATTRIBUTES, "img": {"src", "alt"}}
# The only image address a body may hold: one of the workspace's stored images.
IMAGE_SRC = re.compile(r"^/api/v1/images/[0-9a-f]{32}$")

# C0 controls other than tab, newline and carriage return have no business in text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

_rich = nh3.Cleaner(
    tags=set(RICH_TAGS),
    attributes={tag: set(names) for tag, names in RICH_ATTRIBUTES.items()},
    url_schemes=set(LINK_SCHEMES),
    link_rel=LINK_REL,
    clean_content_tags={"script", "style"},
    strip_comments=True,
)


def _stored_images_only(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src" and not IMAGE_SRC.match(value):
        return None
    return value


_article = nh3.Cleaner(
    tags=set(ARTICLE_TAGS),
    attributes={tag: set(names) for tag, names in ARTICLE_ATTRIBUTES.items()},
    attribute_filter=_stored_images_only,
    url_schemes=set(LINK_SCHEMES),
    link_rel=LINK_REL,
    clean_content_tags={"script", "style"},
    strip_comments=True,
)
# An image whose address was refused shows nothing: it goes as a whole.
_IMAGE_WITHOUT_SRC = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")

# nh3 escapes every "&" and ">" in text. A ">" never needs it, nor does an "&" that
# cannot start a character reference (not followed by a letter, digit or "#").
_NEEDLESS_AMP = re.compile(r"&amp;(?![A-Za-z0-9#])")


def clean_text(value: str) -> str:
    """Plain text as written, without control characters; idempotent."""
    return _CONTROL.sub("", value)


def clean_html(value: str) -> str:
    """Rich text reduced to the allowlist (inline formatting, lists and safe links)."""
    cleaned = _rich.clean(_CONTROL.sub("", value))
    return _NEEDLESS_AMP.sub("&", cleaned.replace("&gt;", ">"))


def clean_article_html(value: str) -> str:
    """An article's body reduced to the article allowlist (rich text, headings,
    quotes, code blocks and stored images); idempotent."""
    cleaned = _IMAGE_WITHOUT_SRC.sub("", _article.clean(_CONTROL.sub("", value)))
    return _NEEDLESS_AMP.sub("&", cleaned.replace("&gt;", ">"))
