"""The article document: article text keeps headings and stored images and nothing unsafe."""

import marshmallow as ma
import pytest

from walkthroughs.schemas.article import ArticleSchema

STORED = "/api/v1/images/" + "0123456789abcdef" * 2


def body_of(html: str) -> str:
    return ArticleSchema().load({"title": "T", "body": html})["body"]


def test_a_minimal_article_is_completed_with_defaults():
    doc = ArticleSchema().load({"title": "Logging calls"})
    assert doc["body"] == "" and doc["tags"] == [] and doc["applications"] == []
    assert doc["audience"] == {"match": "all", "rules": []}
    assert doc["locale"] == "en"


def test_headings_quotes_code_and_a_stored_image_are_kept():
    html = (
        f"<h2>Why</h2><h3>How</h3><blockquote>Said</blockquote><pre>x = 1</pre>"
        f'<p><img src="{STORED}" alt="The form"></p>'
    )
    assert body_of(html) == html


@pytest.mark.parametrize(
    ("html", "kept"),
    [
        ('<img src="https://tracker.example/p.gif" alt="x">', ""),
        ('<img src="/api/v1/images/../../x" alt="x">', ""),
        ('<img src="data:image/png;base64,AAAA">', ""),
        (f'<img src="{STORED}" onerror="alert(1)" style="x">', f'<img src="{STORED}">'),
        ("<h1>Big</h1><script>alert(1)</script>", "Big"),
        ('<svg><image href="x"/></svg><iframe src="https://x"></iframe>', ""),
        ('<a href="javascript:alert(1)">go</a>', '<a rel="noopener noreferrer">go</a>'),
    ],
)
def test_anything_else_is_removed(html, kept):
    assert body_of(html) == kept


def test_sanitizing_twice_changes_nothing():
    once = body_of(f'<h2>A & B</h2><img src="{STORED}" alt="<x>">')
    assert body_of(once) == once


@pytest.mark.parametrize(
    ("field", "value"),
    [("tags", ["calls", "calls"]), ("applications", ["billing", "billing"]),
     ("applications", ["Not A Key"]), ("tags", ["x"] * 21)],
)  # fmt: skip
def test_tags_and_applications_are_checked(field, value):
    with pytest.raises(ma.ValidationError) as error:
        ArticleSchema().load({"title": "T", field: value})
    assert field in error.value.messages


def test_a_title_is_required():
    with pytest.raises(ma.ValidationError) as error:
        ArticleSchema().load({"body": "<p>x</p>"})
    assert "title" in error.value.messages
