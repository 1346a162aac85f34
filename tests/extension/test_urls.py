"""The extension's URL pattern matcher and the Python one agree on the shared vectors."""

import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest

HERE = Path(__file__).parent
VECTORS = json.loads((HERE / "url_pattern_vectors.json").read_text())


@pytest.fixture(scope="module")
def js_verdicts():
    node = shutil.which("node")
    assert node, "node is installed by `make test` (BUILD_PACKAGES)"
    done = subprocess.run(
        [node, str(HERE / "js" / "url_vectors.mjs")], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize(("index", "vector"), list(enumerate(VECTORS["matches"])), ids=str)
def test_js_matches_like_the_vectors(js_verdicts, index, vector):
    pattern, url, expected = vector
    assert js_verdicts["matches"][index] is expected, f"{pattern} ~ {url}"


@pytest.mark.parametrize(("index", "pattern"), list(enumerate(VECTORS["invalid"])), ids=str)
def test_js_rejects_invalid_patterns_with_a_reason(js_verdicts, index, pattern):
    assert js_verdicts["invalid"][index], f"{pattern!r} should be invalid"


@pytest.mark.parametrize(("index", "vector"), list(enumerate(VECTORS["matches"])), ids=str)
def test_chrome_match_pattern_covers_every_matching_url(js_verdicts, index, vector):
    """Content scripts are registered on a broader Chrome pattern; it must never miss a match."""
    _pattern, url, expected = vector
    if not expected:
        return
    scheme, host = re.fullmatch(r"(\*|https?)://([^/]+)/\*", js_verdicts["chrome"][index]).groups()
    parts = urlsplit(url)
    url_host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    url_host = url_host.rstrip(".")
    assert scheme in ("*", parts.scheme.lower())
    assert (
        host == "*"
        or url_host == host.removeprefix("*.")
        or (host.startswith("*.") and url_host.endswith(host[1:]))
    )


@pytest.mark.parametrize("vector", VECTORS["matches"], ids=str)
def test_python_matches_like_the_vectors(vector):
    from walkthroughs.urls import matches

    pattern, url, expected = vector
    assert matches(pattern, url) is expected


@pytest.mark.parametrize("pattern", VECTORS["invalid"], ids=str)
def test_python_rejects_the_same_invalid_patterns(pattern):
    from walkthroughs.urls import is_valid_pattern

    assert not is_valid_pattern(pattern)
