"""Author text: plain text loses every tag, rich text keeps only the allowlist."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from walkthroughs.sanitize import clean_html, clean_text


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Tom & Jerry", "Tom & Jerry"),
        ("5 < 10 and 10 > 5", "5 < 10 and 10 > 5"),
        ("<b>bold</b> move", "bold move"),
        ("<script>alert(1)</script>safe", "safe"),
        ("&lt;script&gt;alert(1)&lt;/script&gt;safe", "safe"),
        ("&amp;lt;img src=x onerror=alert(1)&amp;gt;ok", "ok"),
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


@given(st.text(alphabet='<>/&;"= abcdefghijklmnopqrstuvwxyz!-', max_size=60))
def test_plain_text_never_keeps_a_tag(raw):
    text = clean_text(raw)
    assert not any(text[i] == "<" and text[i + 1 : i + 2].isalpha() for i in range(len(text)))
