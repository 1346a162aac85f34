"""Author text: plain text is kept as written, rich text keeps only the allowlist."""

from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from walkthroughs.sanitize import _rich, clean_html, clean_text

nh3_clean = _rich.clean


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Tom & Jerry", "Tom & Jerry"),
        ("5 < 10 and 10 > 5", "5 < 10 and 10 > 5"),
        ("Press <Enter> to save", "Press <Enter> to save"),
        ("Show the &lt;div&gt; element", "Show the &lt;div&gt; element"),
        ("<script>alert(1)</script>", "<script>alert(1)</script>"),
        ("tab\tand\nnewline\x00\x07", "tab\tand\nnewline"),
    ],
)
def test_plain_text(raw, clean):
    assert clean_text(raw) == clean


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("<p>Hi <strong>there</strong></p>", "<p>Hi <strong>there</strong></p>"),
        (
            '<a href="https://x.test" title="t">x</a>',
            '<a href="https://x.test" title="t" rel="noopener noreferrer">x</a>',
        ),
        ('<a href="javascript:alert(1)">x</a>', '<a rel="noopener noreferrer">x</a>'),
        ('<a href="data:text/html,x">x</a>', '<a rel="noopener noreferrer">x</a>'),
        ('<p onclick="x()">p</p>', "<p>p</p>"),
        ("<img src=x onerror=alert(1)>", ""),
        ("<p>Salt & Pepper</p>", "<p>Salt & Pepper</p>"),
        ("Salt &amp; Pepper", "Salt & Pepper"),
        ("a > b", "a > b"),
        ("a < b", "a &lt; b"),
        ("&amp;lt;b&amp;gt;", "&amp;lt;b&amp;gt;"),
        (
            '<a href="https://x.test/?a=1&b=2">x</a>',
            '<a href="https://x.test/?a=1&amp;b=2" rel="noopener noreferrer">x</a>',
        ),
        ("<svg><script>alert(1)</script></svg>ok", "ok"),
        ('<div style="x">d</div>', "d"),
    ],
)
def test_rich_text(raw, clean):
    assert clean_html(raw) == clean


@given(st.text(alphabet='<>/&;"= abcdefghijklmnopqrstuvwxyz!-', max_size=60))
def test_cleaning_is_idempotent(raw):
    assert clean_text(clean_text(raw)) == clean_text(raw)
    assert clean_html(clean_html(raw)) == clean_html(raw)


def _text_of(markup: str) -> str:
    """What a browser reads as the text of ``markup`` (stdlib parser, not nh3)."""
    parts: list[str] = []
    parser = HTMLParser(convert_charrefs=True)
    parser.handle_data = parts.append
    parser.feed(markup)
    parser.close()
    return "".join(parts)


@settings(deadline=None)
@given(st.text(alphabet='<>/&;#"= abcdefghijklmnopqrstuvwxyz!-', max_size=60))
def test_rich_text_reads_as_the_sanitizer_wrote_it(raw):
    """Unescaping what HTML does not need escaped never changes what a browser reads."""
    assert _text_of(clean_html(raw)) == _text_of(nh3_clean(raw))
