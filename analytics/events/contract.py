"""The event format, declared once as data.

This table is the single declaration of what the extension may send. Two
things are generated from it: the fast per-event checker the ingest path runs
(:mod:`analytics.events.validate`) and the marshmallow schemas that document
the format in the OpenAPI document (``backend/schemas/events.py``). A test
feeds both the same generated events and requires the same verdicts.

There is no field for typed input: what a person types into a page is never
an event attribute, and ``properties`` only holds ids, numbers, booleans and
short strings.
"""

from __future__ import annotations

from dataclasses import dataclass

from analytics.schema.events import EVENT_KINDS

MAX_EVENTS_PER_BATCH = 500
MAX_BATCH_BYTES = 512 * 1024
MAX_EVENT_BYTES = 32 * 1024
MAX_PROPERTIES = 20
MAX_PROPERTY_KEY = 64
MAX_PROPERTY_VALUE = 200
MAX_EXTENSION_VERSION = 32

UINT32_MAX = 2**32 - 1
INT32_MAX = 2**31 - 1
# UInt64 columns, but ids travel through JavaScript: keep them exact there too.
ID_MAX = 2**53 - 1

# Client clocks drift and queues wait offline; beyond these bounds the client
# time is kept (client_time) but flagged, and reports use the receive time.
MAX_CLIENT_AHEAD_SECONDS = 5 * 60
MAX_CLIENT_BEHIND_SECONDS = 7 * 24 * 3600

WALKTHROUGH_KINDS = ("walkthrough_started", "walkthrough_completed", "walkthrough_dismissed")
STEP_KINDS = ("step_shown", "step_completed")
TIP_KINDS = ("tip_shown", "tip_opened")
# A step's target was found, but not by every one of its ways: the finder fell back
# to a later way or healed by fingerprint. Its properties say how (REPAIR_PROPERTIES).
REPAIR_KINDS = ("target_repaired",)
REPAIR_PROPERTIES = {
    "repair_by": "alternative (a later way found it) or fingerprint (healing found it)",
    "failed": "indexes of the target's ways that missed, comma-separated, e.g. 0,2",
    "tag": "the found element's tag name",
    "role": "its ARIA role, when it has one",
    "name": "its accessible name (at most 80 characters; never typed input)",
    "id": "its id attribute, when it has one",
    "testid": "its test id (data-testid and the like), when it has one",
}
SURVEY_KINDS = ("survey_shown", "survey_answered", "survey_dismissed")
# A checklist item done, or a process's step done by hand: one (item id, key) each.
CHECKED_KINDS = ("checklist_item_completed", "process_step_completed")
MAX_ANSWER_TEXT = 2000
MAX_ANSWER_OPTIONS = 20
# Option keys are spelled like property keys: ids an author chose, never typed input.
MAX_OPTION_KEY = 64
DISMISSALS = ("later", "never")


@dataclass(frozen=True)
class Field:
    """One event field: its JSON type, limits, and the kinds it belongs to.

    ``type`` is one of ``uuid``, ``string``, ``integer``, ``datetime``,
    ``kind``, ``properties``, ``keys`` (a list of at most ``max_length`` keys
    spelled like property keys). A string with ``choices`` takes only those.
    ``kinds=None`` means every kind; ``required`` lists the kinds that must
    send it (``ALL`` for every kind).
    """

    name: str
    type: str
    description: str
    max_length: int | None = None
    minimum: int | None = None
    maximum: int | None = None
    kinds: tuple[str, ...] | None = None
    required: tuple[str, ...] = ()
    choices: tuple[str, ...] | None = None

    def applies_to(self, kind: str) -> bool:
        return self.kinds is None or kind in self.kinds

    def required_for(self, kind: str) -> bool:
        return kind in self.required


ALL = EVENT_KINDS

FIELDS: tuple[Field, ...] = (
    Field("event_id", "uuid", "Made by the client; a resend with the same id counts once.",
          required=ALL),
    Field("kind", "kind", "What happened.", required=ALL),
    Field("client_time", "datetime",
          "ISO 8601 with milliseconds and a zone, e.g. 2024-05-01T12:34:56.789Z.", max_length=40,
          required=ALL),
    Field("seq", "integer", "Per-session counter; orders events within a millisecond.",
          minimum=0, maximum=UINT32_MAX),
    Field("session_id", "string", "The extension's session.", max_length=64),
    Field("user_id", "string",
          "The person's id or email as the extension knows it (pseudonymized server-side "
          "when the workspace says so).", max_length=256, required=ALL),
    Field("app_id", "integer", "The application the event happened in.", minimum=0,
          maximum=ID_MAX),
    Field("url", "string", "The page; query string and fragment are dropped unless the "
          "workspace keeps them.", max_length=2048, required=("page_viewed",)),
    Field("walkthrough_id", "integer", "The walkthrough (of a launcher result: the one it "
          "starts).", minimum=0, maximum=ID_MAX,
          kinds=(*WALKTHROUGH_KINDS, *STEP_KINDS, "target_not_found", *REPAIR_KINDS,
                 "launcher_result_chosen"),
          required=(*WALKTHROUGH_KINDS, *STEP_KINDS, *REPAIR_KINDS)),
    Field("walkthrough_version", "integer", "The published version of the walkthrough.",
          minimum=0, maximum=UINT32_MAX,
          kinds=(*WALKTHROUGH_KINDS, *STEP_KINDS, "target_not_found", *REPAIR_KINDS),
          required=(*WALKTHROUGH_KINDS, *STEP_KINDS, *REPAIR_KINDS)),
    Field("step_key", "string", "The step's stable key within its walkthrough.", max_length=128,
          kinds=(*WALKTHROUGH_KINDS, *STEP_KINDS, "target_not_found", *REPAIR_KINDS),
          required=(*STEP_KINDS, *REPAIR_KINDS)),
    Field("step_index", "integer", "0-based position of the step in its version.", minimum=0,
          maximum=INT32_MAX,
          kinds=(*WALKTHROUGH_KINDS, *STEP_KINDS, "target_not_found", *REPAIR_KINDS),
          required=(*STEP_KINDS, *REPAIR_KINDS)),
    Field("tip_id", "integer", "The smart tip.", minimum=0, maximum=ID_MAX,
          kinds=(*TIP_KINDS, "target_not_found"), required=TIP_KINDS),
    Field("feature_id", "integer", "The tagged feature.", minimum=0, maximum=ID_MAX,
          kinds=("feature_used",), required=("feature_used",)),
    Field("checklist_id", "integer", "The checklist (of a process_step_completed event: the "
          "process).", minimum=0, maximum=ID_MAX,
          kinds=CHECKED_KINDS, required=CHECKED_KINDS),
    Field("item_key", "string", "The checklist item's key (of a process_step_completed event: "
          "the step's key, for a step linking an article that the person marked done).",
          max_length=64, kinds=CHECKED_KINDS, required=CHECKED_KINDS),
    Field("search_query", "string", "What was searched in the launcher (for a chosen "
          "result: the search it came from).", max_length=200,
          kinds=("launcher_searched", "launcher_result_chosen"),
          required=("launcher_searched", "launcher_result_chosen")),
    Field("result_count", "integer", "How many results the search showed.", minimum=0,
          maximum=INT32_MAX, kinds=("launcher_searched",), required=("launcher_searched",)),
    Field("test_audience", "integer",
          "1 when the event comes from a view of a version under test (the content said "
          "test_audience); reports leave such events out unless asked. Absent: 0.",
          minimum=0, maximum=1,
          kinds=(*WALKTHROUGH_KINDS, *STEP_KINDS, "target_not_found", *REPAIR_KINDS, *TIP_KINDS,
                 *CHECKED_KINDS, *SURVEY_KINDS)),
    Field("survey_id", "integer", "The survey.", minimum=0, maximum=ID_MAX,
          kinds=SURVEY_KINDS, required=SURVEY_KINDS),
    Field("survey_version", "integer", "The published version of the survey.", minimum=0,
          maximum=UINT32_MAX, kinds=SURVEY_KINDS),
    Field("question_key", "string", "The answered question's key within its survey.",
          max_length=64, kinds=("survey_answered",), required=("survey_answered",)),
    Field("answer_value", "integer",
          "The number chosen: 0-10 for NPS, 1-5 for CSAT, 1-N for a rating. Absent: -1.",
          minimum=0, maximum=100, kinds=("survey_answered",)),
    Field("answer_options", "keys", "The keys of the options chosen (single or multiple choice).",
          max_length=MAX_ANSWER_OPTIONS, kinds=("survey_answered",)),
    Field("answer_text", "string",
          "Free text the person wrote as an answer: stored as text, never rendered as HTML, "
          "kept as long as the workspace's retention and erased with the person.",
          max_length=MAX_ANSWER_TEXT, kinds=("survey_answered",)),
    Field("dismissal", "string", "later (ask me later) or never (do not ask again).",
          max_length=5, kinds=("survey_dismissed",), required=("survey_dismissed",),
          choices=DISMISSALS),
    Field("properties", "properties",
          f"Flat object, at most {MAX_PROPERTIES} keys of at most {MAX_PROPERTY_KEY} "
          "characters; values are ids, numbers, booleans or strings of at most "
          f"{MAX_PROPERTY_VALUE} characters. No nesting. A target_repaired event says "
          "how its target was repaired here (repair_by, failed, tag, role, name, id, testid); "
          "a launcher_result_chosen event what was chosen (result_kind, result_position).",
          required=REPAIR_KINDS),
)  # fmt: skip


def fields_for(kind: str) -> tuple[Field, ...]:
    """The fields an event of ``kind`` may carry, in declaration order."""
    return tuple(f for f in FIELDS if f.applies_to(kind))


def schema_name(kind: str) -> str:
    """'page_viewed' -> 'PageViewedEvent' (the OpenAPI component of that kind)."""
    return "".join(part.capitalize() for part in kind.split("_")) + "Event"
