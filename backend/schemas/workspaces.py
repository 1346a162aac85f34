"""Workspaces and their settings."""

import marshmallow as ma


class WorkspaceResponse(ma.Schema):
    id = ma.fields.Integer()
    name = ma.fields.String()
    slug = ma.fields.String()
    role = ma.fields.String(metadata={"description": "the caller's role here"})
    retention_days = ma.fields.Integer(
        metadata={"description": "events older than this are deleted"}
    )
    keep_query_string = ma.fields.Boolean(
        metadata={"description": "store page URLs with their query string (off: stripped)"}
    )
    pseudonymize_user_ids = ma.fields.Boolean(
        metadata={"description": "store a keyed hash of each user id instead of the id"}
    )
    default_locale = ma.fields.String()
    theme = ma.fields.Dict()
    report_time_zone = ma.fields.String(
        metadata={
            "description": "default time zone of reports: a report request without `tz` "
            "cuts its periods in it"
        }
    )
    allow_profile_email = ma.fields.Boolean(
        metadata={"description": "the extension may identify people by their browser profile"}
    )
    allow_page_identity = ma.fields.Boolean(
        metadata={"description": "the extension may read the user id from the page"}
    )
    repair_threshold = ma.fields.Integer(
        metadata={"description": "distinct people who must see a repair before it is proposed"}
    )
    auto_apply_repairs = ma.fields.Boolean(
        metadata={"description": "publish proposed repairs at once (each can be undone)"}
    )
    scim_removes_members = ma.fields.Boolean(
        metadata={"description": "SCIM deactivations and deletions also remove the membership"}
    )
    content_version = ma.fields.Integer(
        metadata={"description": "changes whenever anything in the workspace is published"}
    )
    created_at = ma.fields.DateTime()
