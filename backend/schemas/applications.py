"""Applications over the API."""

import marshmallow as ma

from backend.schemas.pagination import page_of
from walkthroughs.sanitize import DESCRIPTION_MAX
from walkthroughs.schemas import ApplicationSchema, UserIdRuleSchema
from walkthroughs.schemas.application import APPLICATION_NAME_MAX, MAX_PATTERNS
from walkthroughs.schemas.fields import PlainText, UrlPattern


class ApplicationCreate(ApplicationSchema):
    """A new application; its key is fixed afterwards."""


class ApplicationUpdate(ma.Schema):
    """Only the fields given change."""

    name = PlainText(APPLICATION_NAME_MAX, min_length=1)
    description = PlainText(DESCRIPTION_MAX)
    url_patterns = ma.fields.List(
        UrlPattern(), validate=ma.validate.Length(min=1, max=MAX_PATTERNS)
    )
    user_id_rule = ma.fields.Nested(UserIdRuleSchema)


class ApplicationResponse(ma.Schema):
    id = ma.fields.Integer()
    key = ma.fields.String()
    name = ma.fields.String()
    description = ma.fields.String()
    url_patterns = ma.fields.List(ma.fields.String())
    user_id_rule = ma.fields.Nested(UserIdRuleSchema)
    revision = ma.fields.Integer(metadata={"description": "also the ETag"})
    created_at = ma.fields.DateTime()
    updated_at = ma.fields.DateTime()


ApplicationsPage = page_of(ApplicationResponse, "ApplicationsPage")
