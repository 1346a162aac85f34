"""Creating a workspace and changing its settings."""

import marshmallow as ma

from analytics.reports.params import ReportParameterError, check_time_zone
from backend.schemas.storable import StrictBoolean
from walkthroughs.schemas.fields import LocaleTag, PlainText, WholeNumber

HEX_COLOR = ma.validate.Regexp(r"^#[0-9a-fA-F]{6}$", error="A color like #3451d1.")

# The typefaces guidance may use, by the name the console shows: each value is a CSS
# font stack the extension applies as it is, so only these stacks are accepted.
FONTS = {
    "System": 'system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", sans-serif',
    "Humanist": '"Segoe UI", "Noto Sans", "DejaVu Sans", "Liberation Sans", sans-serif',
    "Serif": 'Georgia, "Times New Roman", "Liberation Serif", serif',
    "Monospace": 'ui-monospace, Menlo, Consolas, "Liberation Mono", monospace',
}
RADIUS_MAX = 24


def _time_zone(name: str) -> None:
    try:
        check_time_zone(name)
    except ReportParameterError:
        raise ma.ValidationError(
            "An IANA time zone such as Europe/Berlin or America/New_York."
        ) from None


class ThemeSchema(ma.Schema):
    """How the guidance the extension draws looks (only values that are safe in CSS)."""

    accent = ma.fields.String(validate=HEX_COLOR, metadata={"example": "#3451d1"})
    background = ma.fields.String(validate=HEX_COLOR)
    text = ma.fields.String(validate=HEX_COLOR)
    font = ma.fields.String(
        validate=ma.validate.OneOf(list(FONTS.values()), error="One of the offered fonts."),
        metadata={"description": "a CSS font stack, one of the console's choices"},
    )
    radius = WholeNumber(
        validate=ma.validate.Range(min=0, max=RADIUS_MAX),
        metadata={"description": "corner radius of cards and panels, in pixels"},
    )


class WorkspaceCreate(ma.Schema):
    name = PlainText(120, min_length=1, required=True)


class WorkspaceUpdate(ma.Schema):
    """Only the fields given change (``{}`` changes nothing)."""

    name = PlainText(120, min_length=1)
    retention_days = WholeNumber(
        validate=ma.validate.Range(min=1, max=3650),
        metadata={"description": "events older than this many days are deleted"},
    )
    keep_query_string = StrictBoolean()
    pseudonymize_user_ids = StrictBoolean()
    default_locale = LocaleTag()
    theme = ma.fields.Nested(ThemeSchema)
    report_time_zone = ma.fields.String(
        validate=_time_zone,
        metadata={
            "description": "IANA time zone that reports cut days, weeks and months in when "
            "a request names none (the console preselects it in every filter bar)",
            "example": "Europe/Berlin",
        },
    )
    allow_profile_email = StrictBoolean()
    allow_page_identity = StrictBoolean()
    repair_threshold = WholeNumber(
        validate=ma.validate.Range(min=1, max=10_000),
        metadata={
            "description": "distinct people who must see the same repair of a step "
            "before it is proposed for review"
        },
    )
    auto_apply_repairs = StrictBoolean(
        metadata={"description": "publish proposed repairs at once; each can be undone"}
    )
    scim_removes_members = StrictBoolean(
        metadata={
            "description": "a person the identity provider deactivates or deletes also "
            "stops being a member (otherwise only their sign-ins and tokens end)"
        }
    )
