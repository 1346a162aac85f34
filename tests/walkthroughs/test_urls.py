"""URL patterns: documented semantics, by example and by property."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from walkthroughs.urls import PatternError, UrlPattern, glob_matches, matches, parse_pattern

CASES = [
    # pattern, url, matches
    ("https://app.example.com/*", "https://app.example.com/", True),
    ("https://app.example.com/*", "https://app.example.com/a/b?x=1#frag", True),
    ("https://app.example.com/*", "http://app.example.com/", False),
    ("*://app.example.com/*", "http://app.example.com/x", True),
    ("*://app.example.com/*", "ftp://app.example.com/x", False),
    ("https://*.example.com/*", "https://example.com/", True),
    ("https://*.example.com/*", "https://a.b.example.com/x", True),
    ("https://*.example.com/*", "https://notexample.com/", False),
    ("https://*.example.com/*", "https://example.com.evil.net/", False),
    ("https://*/*", "https://anything.test/", True),
    ("https://app.example.com", "https://app.example.com/deep/path", True),
    ("https://APP.Example.com/x", "https://app.example.COM/x", True),
    ("https://app.example.com/Path", "https://app.example.com/path", False),
    ("http://127.0.0.1/acme/*", "http://127.0.0.1:8080/acme/contacts", True),
    ("http://127.0.0.1:8080/acme/*", "http://127.0.0.1:8081/acme/contacts", False),
    ("http://127.0.0.1:8080/acme/*", "http://127.0.0.1:8080/acme/contacts", True),
    ("https://x.test:443/*", "https://x.test/a", True),
    ("http://x.test:80/*", "http://x.test/a", True),
    ("https://x.test/a/*/edit", "https://x.test/a/1/2/edit", True),
    ("https://x.test/a/*/edit", "https://x.test/a/edit", False),
    ("https://x.test/acme/contacts", "https://x.test/acme/contacts?q=1", True),
    ("https://x.test/acme/contacts", "https://x.test/acme/contacts/", False),
    ("https://x.test/a.b", "https://x.test/aXb", False),
    ("https://x.test/*", "https://user:pw@x.test/", True),
    ("https://x.test/*", "https://x.test@evil.test/", False),
    ("http://[::1]:8080/*", "http://[::1]:8080/a", True),
    ("https://x.test/*", "not a url", False),
    ("https://x.test/*", "javascript:alert(1)", False),
]


@pytest.mark.parametrize(("pattern", "url", "expected"), CASES)
def test_documented_cases(pattern, url, expected):
    assert matches(pattern, url) is expected


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        ("", "empty"),
        ("app.example.com/*", "scheme://host/path"),
        ("ftp://x.test/*", "scheme must be"),
        ("https://x.test/a?b=1", "query strings"),
        ("https://x.test/a#top", "query strings"),
        ("https://foo.*.com/*", "wildcard host"),
        ("https://*example.com/*", "wildcard host"),
        ("https://x.test:0/*", "port"),
        ("https://x.test:99999/*", "port"),
        ("https://x.test:http/*", "port"),
        ("https://user@x.test/*", "user names"),
        ("https://x .test/*", "spaces"),
        ("https:///path", "valid host"),
        ("https://exa$mple.com/*", "valid host"),
        ("https://x.test/" + "a" * 2100, "at most"),
    ],
)
def test_invalid_patterns_say_why(pattern, reason):
    with pytest.raises(PatternError, match=reason):
        parse_pattern(pattern)


def test_a_pattern_without_path_means_every_path():
    assert parse_pattern("https://x.test") == parse_pattern("https://x.test/*")


def _reference_glob(glob: str, text: str) -> bool:
    """An independent matcher (dynamic programming) for '*' globs."""
    table = [[False] * (len(text) + 1) for _ in range(len(glob) + 1)]
    table[0][0] = True
    for i in range(1, len(glob) + 1):
        table[i][0] = table[i - 1][0] and glob[i - 1] == "*"
        for j in range(1, len(text) + 1):
            if glob[i - 1] == "*":
                table[i][j] = table[i - 1][j] or table[i][j - 1]
            else:
                table[i][j] = table[i - 1][j - 1] and glob[i - 1] == text[j - 1]
    return table[len(glob)][len(text)]


small = st.text(alphabet="ab/.*", max_size=12)


@given(small, st.text(alphabet="ab/.", max_size=14))
def test_glob_agrees_with_a_reference_matcher(glob, text):
    assert glob_matches(glob, text) is _reference_glob(glob, text)


labels = st.from_regex(r"[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?", fullmatch=True)
hosts = st.lists(labels, min_size=1, max_size=4).map(".".join)
paths = st.lists(st.from_regex(r"[A-Za-z0-9._~-]{0,8}", fullmatch=True), max_size=4).map(
    lambda parts: "/" + "/".join(parts)
)
schemes = st.sampled_from(["http", "https"])
ports = st.one_of(st.none(), st.integers(min_value=1, max_value=65535))
extras = st.sampled_from(["", "?q=1", "#x", "?a=b&c=d#frag", "?"])


def _url(scheme, host, port, path, extra=""):
    return f"{scheme}://{host}{f':{port}' if port else ''}{path}{extra}"


@given(schemes, hosts, ports, paths, extras)
def test_an_exact_pattern_matches_its_own_url_whatever_the_query(scheme, host, port, path, extra):
    pattern = _url(scheme, host, port, path)
    assert matches(pattern, _url(scheme, host, port, path, extra))


@given(schemes, hosts, ports, paths)
def test_star_scheme_host_and_path_match_every_http_url(scheme, host, port, path):
    assert matches("*://*/*", _url(scheme, host, port, path))


@given(schemes, hosts, paths, st.integers(min_value=1, max_value=65535))
def test_no_port_in_the_pattern_means_any_port(scheme, host, path, port):
    assert matches(_url(scheme, host, None, "/*"), _url(scheme, host, port, path))


@given(schemes, hosts, labels, paths)
def test_subdomain_wildcard_covers_the_apex_and_every_subdomain(scheme, apex, sub, path):
    pattern = f"{scheme}://*.{apex}/*"
    assert matches(pattern, _url(scheme, apex, None, path))
    assert matches(pattern, _url(scheme, f"{sub}.{apex}", None, path))
    assert not matches(pattern, _url(scheme, f"{sub}{apex}x", None, path))


@given(schemes, hosts, paths, paths)
def test_a_literal_path_matches_only_itself(scheme, host, path, other):
    assert matches(_url(scheme, host, None, path), _url(scheme, host, None, other)) is (
        path == other
    )


@given(st.text(max_size=80))
def test_parsing_arbitrary_text_never_crashes(text):
    """Any text is either a pattern or a PatternError, never another exception."""
    try:
        parsed = parse_pattern(text)
    except PatternError as exc:
        parsed = exc
    assert isinstance(parsed, UrlPattern) or str(parsed)


@given(st.text(max_size=80))
def test_matching_arbitrary_urls_never_crashes(url):
    assert matches("*://*/*", url) in (True, False)
