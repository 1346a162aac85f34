"""marshmallow fields shared by every document: sanitized texts, keys, patterns, locales."""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import urlsplit

import marshmallow as ma

from walkthroughs.locales import LOCALE_TAG, normalize_locale
from walkthroughs.sanitize import clean_html, clean_text
from walkthroughs.schedule import format_instant, parse_instant
from walkthroughs.urls import PatternError, parse_pattern

KEY = re.compile(r"^[a-z0-9](?:[a-z0-9_-]{0,62}[a-z0-9])?$")
KEY_MAX = 64
MACHINE_STRING_MAX = 500
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class PlainText(ma.fields.String):
    """Plain text: at most ``max_length`` characters, kept as sent (control characters
    dropped, ends trimmed); it is text, escaped wherever it is shown.

    ``min_length=1`` refuses text that is empty once cleaned (names, required titles).
    """

    def __init__(self, max_length: int, min_length: int | None = None, **kwargs):
        kwargs.setdefault("metadata", {})
        kwargs["metadata"] = {
            "description": "plain text, kept as written (never read as HTML)",
            **kwargs["metadata"],
        }
        super().__init__(validate=ma.validate.Length(min=min_length, max=max_length), **kwargs)
        self.max_length = max_length

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        if len(text) > self.max_length:
            raise ma.ValidationError(f"At most {self.max_length} characters.")
        return self.clean(text)

    def clean(self, text: str) -> str:
        return clean_text(text).strip()


class RichText(PlainText):
    """Limited rich text (p, br, b, strong, i, em, u, a, ul, ol, li, code), sanitized."""

    def __init__(self, max_length: int, **kwargs):
        kwargs["metadata"] = {
            "description": (
                "limited HTML: p, br, b, strong, i, em, u, ul, ol, li, code and a[href, title] "
                "(http, https and mailto links; rel=noopener noreferrer is added); anything "
                "else is removed"
            ),
            **kwargs.get("metadata", {}),
        }
        super().__init__(max_length, **kwargs)

    def clean(self, text: str) -> str:
        return clean_html(text).strip()


class StrictBoolean(ma.fields.Boolean):
    """A JSON ``true``/``false`` and nothing else (``0``, ``"yes"`` are refused)."""

    truthy = {True}
    falsy = {False}

    def _deserialize(self, value, attr, data, **kwargs):
        if type(value) is not bool:
            raise self.make_error("invalid", input=value)
        return value


class WholeNumber(ma.fields.Integer):
    """An integer. A number with a fraction is refused, never cut (``2.5`` is not ``2``);
    a string of digits still loads, as the console's form fields send them."""

    def _validated(self, value):
        if isinstance(value, float) and not value.is_integer():
            raise self.make_error("invalid", input=value)
        return super()._validated(value)


class MachineString(ma.fields.String):
    """A selector, id or other string a program reads (never shown): no control characters."""

    def __init__(self, max_length: int = MACHINE_STRING_MAX, **kwargs):
        super().__init__(validate=ma.validate.Length(min=1, max=max_length), **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        if _CONTROL.search(text):
            raise ma.ValidationError("Control characters are not allowed.")
        return text


class Key(ma.fields.String):
    """A stable slug: lower-case letters, digits, '-' and '_', at most 64 characters."""

    def __init__(self, **kwargs):
        kwargs.setdefault("metadata", {})
        kwargs["metadata"] = {"example": "create-contact", **kwargs["metadata"]}
        super().__init__(
            validate=ma.validate.Regexp(
                KEY,
                error=(
                    "Use 1 to 64 lower-case letters, digits, '-' or '_', starting and ending "
                    "with a letter or digit."
                ),
            ),
            **kwargs,
        )


class UrlPattern(ma.fields.String):
    """A URL match pattern (see walkthroughs.urls for the semantics)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("metadata", {})
        kwargs["metadata"] = {
            "description": (
                "URL pattern scheme://host[:port]/path: scheme http, https or *; host exact, "
                "*.example.com or *; no port = any port; * in the path matches anything"
            ),
            "example": "https://*.example.com/app/*",
            **kwargs["metadata"],
        }
        super().__init__(**kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        try:
            parse_pattern(text)
        except PatternError as exc:
            raise ma.ValidationError(str(exc)) from None
        return text


class LocaleTag(ma.fields.String):
    """A BCP 47 locale tag such as ``en``, ``de-AT`` or ``pt-BR`` (stored normalized)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("metadata", {})
        # The document states the rule, so a client can tell a tag from any string.
        kwargs["metadata"] = {
            "example": "de-AT",
            "pattern": LOCALE_TAG.pattern,
            **kwargs["metadata"],
        }
        super().__init__(**kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        if not LOCALE_TAG.match(text):
            raise ma.ValidationError(f"{text[:40]!r} is not a locale tag such as en or de-AT.")
        return normalize_locale(text)


class HttpUrl(ma.fields.String):
    """An absolute http or https URL (links people follow)."""

    def __init__(self, **kwargs):
        super().__init__(validate=ma.validate.Length(max=2048), **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        try:
            parts = urlsplit(text)
        except ValueError:
            parts = None
        if (
            parts is None
            or parts.scheme not in ("http", "https")
            or not parts.netloc
            or any(c.isspace() for c in text)
            or _CONTROL.search(text)
        ):
            raise ma.ValidationError("Links must be absolute http:// or https:// URLs.")
        return text


class Instant(ma.fields.String):
    """A point in time, ISO 8601 with a UTC offset; stored as UTC (``...Z``)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("metadata", {})
        kwargs["metadata"] = {"example": "2026-03-01T09:00:00Z", **kwargs["metadata"]}
        super().__init__(**kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        # YAML turns unquoted timestamps into datetimes; accept both.
        if isinstance(value, datetime):
            raw = value
        else:
            raw = super()._deserialize(value, attr, data, **kwargs)
        try:
            return format_instant(parse_instant(raw))
        except ValueError as exc:
            raise ma.ValidationError(str(exc)) from None
