"""URL match patterns: which pages an application, walkthrough or step lives on.

A pattern is ``scheme://host[:port]/path``:

- ``scheme``: ``http``, ``https`` or ``*`` (either of the two).
- ``host``: an exact host name (``crm.example.com``, ``127.0.0.1``, ``[::1]``);
  ``*.example.com`` (any subdomain at any depth AND ``example.com`` itself); or ``*``
  (any host). Host names compare case-insensitively.
- ``port``: absent means any port; ``:8080`` means that port only (a URL without a
  port has its scheme's default, 80 or 443).
- ``path``: a glob where ``*`` matches any run of characters, ``/`` included; every
  other character is literal and case-sensitive. No path means ``/*``.

Matching ignores the URL's query string and fragment, so a pattern may not contain
``?`` or ``#``. URLs that are not http(s) never match. The extension ports this
module to JavaScript and runs the same cases.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

MAX_PATTERN_LENGTH = 2048
DEFAULT_PORTS = {"http": 80, "https": 443}

_SHAPE = re.compile(
    r"^(?P<scheme>[^:/?#]*)://(?P<authority>[^/?#]*)(?P<path>[^?#]*)(?P<rest>.*)$", re.DOTALL
)
_LABEL = r"[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?"
_HOSTNAME = re.compile(rf"^{_LABEL}(?:\.{_LABEL})*\.?$")
_IPV6 = re.compile(r"^\[[0-9a-f:.]+\]$")
_PORT = re.compile(r"^[0-9]{1,5}$")


class PatternError(ValueError):
    """A URL pattern is not valid; the message says why."""


@dataclass(frozen=True)
class UrlPattern:
    """A parsed pattern; ``host`` is lower-case without IPv6 brackets."""

    scheme: str
    host: str
    port: int | None
    path: str

    def matches(self, url: str) -> bool:
        """Whether ``url`` (query string and fragment ignored) is covered by this pattern."""
        return self.matches_parts(url_parts(url))

    def matches_parts(self, parts: tuple[str, str, int, str] | None) -> bool:
        """:meth:`matches` for a URL split once by :func:`url_parts` (parse once, match many)."""
        if parts is None:
            return False
        scheme, host, port, path = parts
        if self.scheme != "*" and self.scheme != scheme:
            return False
        if not _host_matches(self.host, host):
            return False
        if self.port is not None and self.port != port:
            return False
        return glob_matches(self.path, path)


def parse_pattern(text: str) -> UrlPattern:
    """Parse and validate a pattern, or raise :class:`PatternError` with the reason."""
    if not isinstance(text, str):
        raise PatternError("A URL pattern must be a string.")
    if len(text) > MAX_PATTERN_LENGTH:
        raise PatternError(f"A URL pattern may be at most {MAX_PATTERN_LENGTH} characters.")
    if not text or text != text.strip() or any(c.isspace() for c in text):
        raise PatternError("A URL pattern may not be empty or contain spaces.")
    shape = _SHAPE.match(text)
    if shape is None:
        raise PatternError("Expected scheme://host/path, e.g. https://*.example.com/app/*.")
    if shape["rest"]:
        raise PatternError("Patterns ignore query strings and fragments: remove '?' and '#'.")
    scheme = shape["scheme"].lower()
    if scheme not in ("http", "https", "*"):
        raise PatternError("The scheme must be http, https or *.")
    host, port = _split_authority(shape["authority"].lower())
    return UrlPattern(scheme, host, port, shape["path"] or "/*")


def is_valid_pattern(text: str) -> bool:
    try:
        parse_pattern(text)
    except PatternError:
        return False
    return True


def matches(pattern: str | UrlPattern, url: str) -> bool:
    """Whether ``url`` matches ``pattern`` (a string is parsed; an invalid one never matches)."""
    if isinstance(pattern, str):
        try:
            pattern = _parse_cached(pattern)
        except PatternError:
            return False
    return pattern.matches(url)


@lru_cache(maxsize=4096)
def _parse_cached(text: str) -> UrlPattern:
    return parse_pattern(text)


def _split_authority(authority: str) -> tuple[str, int | None]:
    if "@" in authority:
        raise PatternError("A pattern may not contain user names or passwords ('@').")
    host, port = authority, None
    if authority.startswith("["):
        end = authority.find("]")
        host, tail = authority[: end + 1], authority[end + 1 :]
        if end < 0 or (tail and not tail.startswith(":")):
            raise PatternError("An IPv6 host is written in brackets, e.g. http://[::1]:8080/.")
        port = _port(tail[1:]) if tail else None
        if not _IPV6.match(host):
            raise PatternError(f"{host!r} is not an IPv6 address.")
        return host[1:-1], port
    if ":" in authority:
        host, raw_port = authority.rsplit(":", 1)
        port = _port(raw_port)
    return _host(host), port


def _port(raw: str) -> int:
    if not _PORT.match(raw) or not 1 <= int(raw) <= 65535:
        raise PatternError("The port must be a number from 1 to 65535 (omit it for any port).")
    return int(raw)


def _host(host: str) -> str:
    if host == "*":
        return host
    bare = host[2:] if host.startswith("*.") else host
    if "*" in bare:
        raise PatternError("A wildcard host is '*' or starts with '*.', e.g. *.example.com.")
    if not bare or not _HOSTNAME.match(bare) or len(bare) > 253:
        raise PatternError(f"{host!r} is not a valid host name.")
    return host.rstrip(".")


def _host_matches(pattern_host: str, host: str) -> bool:
    if pattern_host == "*":
        return True
    if pattern_host.startswith("*."):
        apex = pattern_host[2:]
        return host == apex or host.endswith("." + apex)
    return host == pattern_host


def url_parts(url: str) -> tuple[str, str, int, str] | None:
    """(scheme, host, port, path) of an http(s) URL, or None when it is not one."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except (ValueError, AttributeError):
        return None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    if scheme not in DEFAULT_PORTS or not host:
        return None
    return scheme, host, port if port is not None else DEFAULT_PORTS[scheme], parts.path or "/"


def glob_matches(glob: str, text: str) -> bool:
    """Whether ``text`` matches ``glob``, where ``*`` is any run of characters.

    Leftmost matching of each literal piece is enough when ``*`` is the only
    wildcard; it runs in linear passes, never backtracking (no ReDoS).
    """
    pieces = glob.split("*")
    if len(pieces) == 1:
        return glob == text
    first, *middle, last = pieces
    if len(text) < len(first) + len(last) or not text.startswith(first):
        return False
    if not text.endswith(last):
        return False
    position, end = len(first), len(text) - len(last)
    for piece in middle:
        found = text.find(piece, position, end)
        if found < 0:
            return False
        position = found + len(piece)
    return True
