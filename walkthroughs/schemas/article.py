"""Articles: the workspace's knowledge base, readable in the launcher and on a page of their own.

An article belongs to the application it was written in and may span others
(``applications``, by key): it is offered in each of them and ranked as theirs
in search. Its body is article text (:func:`walkthroughs.sanitize.clean_article_html`):
rich text with headings, quotes, code blocks and images stored in the
authoring database.
"""

from __future__ import annotations

import marshmallow as ma

from walkthroughs.sanitize import ARTICLE_BODY_MAX, TITLE_MAX, clean_article_html
from walkthroughs.schemas.fields import Key, LocaleTag, PlainText, RichText
from walkthroughs.schemas.targeting import AudienceSchema, ScheduleSchema, always, everyone
from walkthroughs.schemas.walkthrough import MAX_LOCALES

MAX_TAGS = 20
TAG_MAX = 40
MAX_APPLICATIONS = 20


class ArticleText(RichText):
    """Article text: rich text plus h2-h4, blockquote, pre and stored images, sanitized."""

    def __init__(self, max_length: int, **kwargs):
        kwargs["metadata"] = {
            "description": (
                "limited HTML: the rich-text tags plus h2, h3, h4, blockquote, pre and "
                "img[src, alt] whose src is a stored image (/api/v1/images/<id>); anything "
                "else is removed"
            ),
            **kwargs.get("metadata", {}),
        }
        super().__init__(max_length, **kwargs)

    def clean(self, text: str) -> str:
        return clean_article_html(text).strip()


class ArticleTranslationSchema(ma.Schema):
    title = PlainText(TITLE_MAX)
    body = ArticleText(ARTICLE_BODY_MAX)


def _distinct(values: list) -> None:
    if len(set(values)) != len(values):
        raise ma.ValidationError("Each value once.")


class ArticleSchema(ma.Schema):
    """A help article: a title, a body, tags people search by, and where it applies."""

    title = PlainText(TITLE_MAX, min_length=1, required=True)
    body = ArticleText(ARTICLE_BODY_MAX, load_default="")
    tags = ma.fields.List(
        PlainText(TAG_MAX, min_length=1),
        validate=[ma.validate.Length(max=MAX_TAGS), _distinct],
        load_default=list,
        metadata={"description": "words people search by, beside the title and body"},
    )
    applications = ma.fields.List(
        Key(),
        validate=[ma.validate.Length(max=MAX_APPLICATIONS), _distinct],
        load_default=list,
        metadata={
            "description": "keys of further applications the article applies to, "
            "beside the one it belongs to"
        },
    )
    locale = LocaleTag(load_default="en")
    translations = ma.fields.Dict(
        keys=LocaleTag(),
        values=ma.fields.Nested(ArticleTranslationSchema),
        validate=ma.validate.Length(max=MAX_LOCALES),
        load_default=dict,
    )
    audience = ma.fields.Nested(AudienceSchema, load_default=everyone)
    schedule = ma.fields.Nested(ScheduleSchema, load_default=always)
