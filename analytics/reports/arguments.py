"""The arguments reports take, as the API's query and the console's filters name them.

Types and API names here; bounds and meaning are checked by :class:`ReportParams`
and each report's query, so the API, the console and the CLI all validate alike.
"""

from __future__ import annotations

import marshmallow as ma

from analytics.ids import Id
from analytics.reports.params import ATTRIBUTE_NAME, GRANULARITIES, MAX_RANGE_DAYS

# The attribute-name rule reports enforce, as the document states it.
ATTRIBUTE_PATTERN = ATTRIBUTE_NAME.pattern.removeprefix("^").removesuffix("$")

SEGMENT_HELP = (
    "Segment filter `attribute:value`, repeatable. Values of one attribute are alternatives "
    "(OR), different attributes must all match (AND). An event matches when the person's "
    "attributes recorded on that event match; a missing attribute reads as the empty value."
)


class ReportArgs(ma.Schema):
    """What every report takes."""

    date_from = ma.fields.Date(
        required=True,
        data_key="from",
        metadata={"description": "First local day of the range (YYYY-MM-DD), inclusive."},
    )
    date_to = ma.fields.Date(
        required=True,
        data_key="to",
        metadata={
            "description": f"Last local day of the range, inclusive; at most {MAX_RANGE_DAYS} "
            "days after `from`."
        },
    )
    tz = ma.fields.String(
        # None: the caller's default (the API and the console use the workspace's).
        load_default=None,
        metadata={
            "description": "IANA time zone that days, weeks and months are cut in. Without "
            "it, the workspace's default time zone for reports (`report_time_zone` in the "
            "workspace settings, UTC unless set)."
        },
    )
    segment = ma.fields.List(
        # An empty term (``?segment=``) filters nothing, like an absent one.
        ma.fields.String(metadata={"pattern": f"^({ATTRIBUTE_PATTERN}:[\\s\\S]*)?$"}),
        load_default=list,
        metadata={"description": SEGMENT_HELP},
    )
    breakdown = ma.fields.String(
        load_default=None,
        # An empty ``?breakdown=`` splits nothing, like an absent one.
        metadata={
            "pattern": f"^({ATTRIBUTE_PATTERN})?$",
            "description": "Attribute to split every figure by (e.g. department, role, "
            "locale): one row (set) per value carried on the events.",
        },
    )

    segment_id = Id(
        strict=False,
        load_default=None,
        metadata={
            "description": "A saved segment: an event counts when the attributes the person "
            "carried on that event (at the time, not the directory today) match the segment's "
            "audience. Combines with `segment` (both must match)."
        },
    )
    include_test = ma.fields.Boolean(
        load_default=False,
        metadata={
            "description": "Count events from views of versions under test too (left out by "
            "default: only testers saw those)."
        },
    )

    @ma.post_load
    def _segment_map(self, data, **kwargs):
        data["breakdown"] = data.get("breakdown") or None
        segment: dict[str, list[str]] = {}
        for term in data.get("segment") or []:
            if not term:
                continue
            name, colon, value = term.partition(":")
            if not colon or not name:
                raise ma.ValidationError(
                    f"{term!r} is not attribute:value (e.g. department:Sales).", "segment"
                )
            segment.setdefault(name, []).append(value)
        data["segment"] = segment
        return data


class SeriesArgs(ReportArgs):
    granularity = ma.fields.String(
        load_default="day",
        validate=ma.validate.OneOf(GRANULARITIES),
        metadata={
            "description": "Period of each row: day, week (Monday to Sunday), month, or total "
            "(the whole range as one period, labelled by `from`)."
        },
    )


def _id(description: str, required: bool = False) -> ma.fields.Integer:
    extra = {} if required else {"load_default": None}
    return Id(strict=False, required=required, metadata={"description": description}, **extra)


def _ids(description: str) -> ma.fields.List:
    return ma.fields.List(
        Id(strict=False), load_default=list, metadata={"description": description}
    )


def _limit() -> ma.fields.Integer:
    return ma.fields.Integer(
        load_default=100,
        validate=ma.validate.Range(min=1, max=100_000),
        metadata={"description": "Rows per page, 1 to 100000."},
    )


# The reports' own bound on rows skipped (analytics.reports checks it too).
MAX_OFFSET = 10**9


def _offset() -> ma.fields.Integer:
    return ma.fields.Integer(
        load_default=0,
        validate=ma.validate.Range(min=0, max=MAX_OFFSET),
        metadata={"description": "Rows to skip."},
    )


class FunnelArgs(ReportArgs):
    walkthrough_id = _id("The walkthrough.", required=True)
    version = _id("One published version only (default: every version, steps by index).")


class CompletionArgs(SeriesArgs):
    walkthrough_id = _id("One walkthrough only (default: every walkthrough).")


class ContentHealthArgs(ReportArgs):
    walkthrough_id = _id("One walkthrough only (default: every walkthrough).")
    top_pages = ma.fields.Integer(
        load_default=5,
        validate=ma.validate.Range(min=1, max=100),
        metadata={"description": "Pages listed per step, 1 to 100."},
    )


class FeatureAdoptionArgs(SeriesArgs):
    feature_id = _ids("Feature tags to report, repeatable (default: every feature).")


class FirstUseArgs(ReportArgs):
    feature_id = _ids("Feature tags to report, repeatable (default: every feature).")
    limit = _limit()
    offset = _offset()


class AppArgs(SeriesArgs):
    app_id = _ids("Applications to report, repeatable (default: every application).")


class RetentionArgs(ReportArgs):
    app_id = _id("Cohorts by first use of this application (give this or feature_id).")
    feature_id = _id("Cohorts by first use of this feature (give this or app_id).")
    weeks = ma.fields.Integer(
        load_default=8,
        validate=ma.validate.Range(min=1, max=52),
        metadata={"description": "Weeks after the cohort week, 1 to 52."},
    )

    @ma.validates_schema
    def _one_subject(self, data, **kwargs):
        if (data.get("app_id") is None) == (data.get("feature_id") is None):
            raise ma.ValidationError("Give either app_id or feature_id.", "app_id")


class OnboardingArgs(ReportArgs):
    checklist_id = _id("The onboarding checklist.", required=True)


class OnboardingPeopleArgs(OnboardingArgs):
    limit = _limit()
    offset = _offset()


class HelpSeekingArgs(SeriesArgs):
    app_id = _ids("Applications to report, repeatable (default: every application).")


class ContentGapsArgs(ReportArgs):
    app_id = _ids("Applications to report, repeatable (default: every application).")
    limit = ma.fields.Integer(
        load_default=50,
        validate=ma.validate.Range(min=1, max=1000),
        metadata={"description": "Most searched queries listed, 1 to 1000."},
    )


class ExtensionVersionsArgs(ReportArgs):
    limit = ma.fields.Integer(
        load_default=100,
        validate=ma.validate.Range(min=1, max=1000),
        metadata={"description": "Versions listed, newest first, 1 to 1000."},
    )
