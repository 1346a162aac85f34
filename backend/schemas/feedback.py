"""Feedback items: what the extension reports, how members filter and triage them."""

from __future__ import annotations

import marshmallow as ma

from backend.models import FEEDBACK_STATUSES
from backend.schemas.pagination import PageArgs, page_of
from backend.schemas.storable import Id
from walkthroughs.schemas.fields import PlainText

MAX_COMMENT = 2000
# As the content request takes a page's URL: a scheme and a host, the rest as it comes.
PAGE_URL = r"^[Hh][Tt][Tt][Pp][Ss]?://[^/?#\s]+"
_STATUS = ma.validate.OneOf(FEEDBACK_STATUSES)


class FeedbackCreate(ma.Schema):
    """A problem reported through the launcher, with where the person was."""

    user_id = ma.fields.String(
        required=True,
        validate=ma.validate.Length(min=1, max=256),
        metadata={"description": "the person's id as events carry it"},
    )
    app_id = Id(required=True, metadata={"description": "the application the page belongs to"})
    url = ma.fields.String(
        required=True,
        validate=[
            ma.validate.Length(min=1, max=4096),
            ma.validate.Regexp(PAGE_URL, error="An http or https URL."),
        ],
        metadata={
            "description": "the page (http or https); stored without query string and "
            "fragment unless the workspace keeps them"
        },
    )
    walkthrough_id = Id(allow_none=True, load_default=None)
    step_index = ma.fields.Integer(
        strict=True,
        allow_none=True,
        load_default=None,
        validate=ma.validate.Range(min=0, max=10_000),
        metadata={"description": "0-based index of the step shown; ignored without walkthrough_id"},
    )
    comment = PlainText(MAX_COMMENT, load_default="")


class FeedbackReceipt(ma.Schema):
    id = ma.fields.Integer()
    created_at = ma.fields.DateTime()


class FeedbackArgs(PageArgs):
    status = ma.fields.String(validate=_STATUS)
    application_id = Id(strict=False)
    assignee_id = Id(strict=False)


class FeedbackUpdate(ma.Schema):
    """Only the fields given change (none: nothing does); ``assignee_id: null`` unassigns."""

    status = ma.fields.String(validate=_STATUS)
    assignee_id = Id(allow_none=True, metadata={"description": "a member of the workspace"})


class FeedbackResponse(ma.Schema):
    id = ma.fields.Integer()
    status = ma.fields.String(metadata={"enum": list(FEEDBACK_STATUSES)})
    application_id = ma.fields.Integer()
    page_url = ma.fields.String()
    walkthrough_id = ma.fields.Integer(allow_none=True)
    step_index = ma.fields.Integer(allow_none=True)
    comment = ma.fields.String(metadata={"description": "plain text, never HTML"})
    user_key = ma.fields.String(metadata={"description": "the person as events store them"})
    person_id = ma.fields.Integer(
        allow_none=True, metadata={"description": "their entry in the people directory"}
    )
    assignee_id = ma.fields.Integer(allow_none=True)
    created_at = ma.fields.DateTime()
    updated_at = ma.fields.DateTime()
    updated_by = ma.fields.Integer(allow_none=True)


FeedbackPage = page_of(FeedbackResponse, "FeedbackPage")
