"""Author text made safe to show on someone else's page.

Two kinds of text exist in documents:

- **plain text** (titles, names, descriptions, labels): no markup at all. Anything
  that parses as an HTML tag is removed (its text content kept; ``script`` and
  ``style`` lose their content too) and entities are decoded, repeatedly until
  nothing changes, so the stored value contains no tag even when rendered with
  ``innerHTML`` by mistake and sanitizing it again changes nothing.
- **rich text** (``body``): an allowlist of inline tags (nh3); links keep only
  http, https and mailto URLs and get ``rel="noopener noreferrer"``.

Every text field also has a size limit, checked on what the author sent.
"""

from __future__ import annotations

import html
import re

import nh3

TITLE_MAX = 200
NAME_MAX = 200
LABEL_MAX = 200
DESCRIPTION_MAX = 2000
BODY_MAX = 10_000

RICH_TAGS = frozenset({"p", "br", "b", "strong", "i", "em", "u", "a", "ul", "ol", "li", "code"})
RICH_ATTRIBUTES = {"a": {"href", "title"}}
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "noopener noreferrer"

# C0 controls other than tab, newline and carriage return have no business in text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

_plain = nh3.Cleaner(tags=set(), clean_content_tags={"script", "style"}, strip_comments=True)
_rich = nh3.Cleaner(
    tags=set(RICH_TAGS),
    attributes={tag: set(names) for tag, names in RICH_ATTRIBUTES.items()},
    url_schemes=set(LINK_SCHEMES),
    link_rel=LINK_REL,
    clean_content_tags={"script", "style"},
    strip_comments=True,
)

# Decoding entities may reveal a new tag ("&lt;b&gt;" -> "<b>"); each pass removes one
# layer of encoding, so a few passes reach the fixed point for any sane input.
_MAX_PASSES = 8


def clean_text(value: str) -> str:
    """Plain text with every tag removed and entities decoded; idempotent."""
    text = _CONTROL.sub("", value)
    for _ in range(_MAX_PASSES):
        cleaned = html.unescape(_plain.clean(text))
        if cleaned == text:
            return cleaned
        text = cleaned
    # Still changing after many layers of encoding: keep no angle brackets at all.
    return text.replace("<", "").replace(">", "")


def clean_html(value: str) -> str:
    """Rich text reduced to the allowlist (inline formatting, lists and safe links)."""
    return _rich.clean(_CONTROL.sub("", value))
