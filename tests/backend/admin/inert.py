"""An independent check that text is inert HTML (stdlib parser, not nh3)."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

RICH_TAGS = {"p", "br", "b", "strong", "i", "em", "u", "a", "ul", "ol", "li", "code"}
SAFE_SCHEMES = {"http", "https", "mailto"}


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.other: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_comment(self, data):
        self.other.append("comment")

    def handle_decl(self, decl):
        self.other.append("declaration")

    def unknown_decl(self, data):
        self.other.append("declaration")

    def handle_pi(self, data):
        self.other.append("processing instruction")


def _parse(value: str) -> _Collector:
    parser = _Collector()
    parser.feed(value)
    parser.close()
    return parser


def _scheme(url: str) -> str | None:
    cleaned = re.sub(r"[\x00-\x20]", "", html.unescape(url)).lower()
    match = re.match(r"^([a-z][a-z0-9+.-]*):", cleaned)
    return match.group(1) if match else None


def plain_problems(value: str) -> list[str]:
    """Why ``value`` is not inert plain text (empty: it is)."""
    problems = []
    parsed = _parse(value)
    if parsed.tags or parsed.other:
        problems.append(f"markup in plain text: {parsed.tags or parsed.other}")
    if re.search(r"<[a-zA-Z!/?]", value):
        problems.append("something tag-like in plain text")
    return problems


def rich_problems(value: str) -> list[str]:
    """Why ``value`` is not inert rich text (empty: it is)."""
    problems = []
    parsed = _parse(value)
    if parsed.other:
        problems.append(f"not allowed: {parsed.other}")
    for tag, attrs in parsed.tags:
        if tag not in RICH_TAGS:
            problems.append(f"tag <{tag}>")
        for name, attr_value in attrs:
            if tag != "a" or name not in ("href", "title", "rel"):
                problems.append(f"attribute {name} on <{tag}>")
            if name == "href" and _scheme(attr_value or "") not in (None, *SAFE_SCHEMES):
                problems.append(f"href scheme {_scheme(attr_value or '')}")
    if "javascript:" in re.sub(r"\s", "", html.unescape(value)).lower() and any(
        name == "href" for _tag, attrs in parsed.tags for name, _v in attrs
    ):
        problems.append("javascript: in a link")
    return problems
