"""Ten million realistic events, generated inside ClickHouse with INSERT ... SELECT.

Generating in the server is far faster than shipping rows from Python. Every
row derives from ``numbers()`` through hashes, so the shape is reproducible
(only ``event_id``s are random). Two shapes of time:

- ``working`` (the default): 5,000 people over the 65 working days (Monday to
  Friday) of 2024-04-01 .. 2024-06-30, about 30 events each a working day, in
  four half-hour sessions a day between 07:00 and 17:00 UTC, each session on
  one application. That is how people use tools at work (the README's capacity
  model counts 200 events per person a working day; this is lighter);
- ``sparse``: 100,000 people, each event at an independent random second of the
  91 days and on a random application: about one event per person-day, which
  no deployment sees, kept to show what the rollups gain when people barely
  use the tools.

People carry department, role and locale; walkthrough runs (the first
walkthrough has 30 steps, the others 4 to 12) in which people drop off step by
step, then complete, dismiss or abandon; page views on five applications; 40
tagged features; launcher opens and searches (a quarter find nothing); a 6-item
onboarding checklist; smart tips; broken targets. After the load the events and
the usage rollup are merged (OPTIMIZE FINAL, as long-running tables would be)
and then 1% of events arrive again (retries), so reports must still deduplicate.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from analytics.backends.base import Backend, QueryError
from analytics.schema.events import EVENT_COLUMNS
from analytics.schema.rollups import NAME as ROLLUP

TOTAL = 10_000_000
# Shape name -> distinct people.
SHAPES = {"working": 5_000, "sparse": 100_000}
WORKDAYS = 65  # Monday 2024-04-01 to Friday 2024-06-28: 13 weeks of 5
SESSIONS = 4  # half-hours per person and working day
START = 1_711_929_600  # 2024-04-01 00:00:00 UTC
DAYS = 91  # to 2024-06-30
LONG_STEPS = 30
WALKTHROUGHS, FEATURES, APPS = 20, 40, 5
CHECKLIST_ITEMS = ["profile", "avatar", "first-contact", "first-deal", "invite", "import"]
# Fixed counts per family; walkthrough runs make about half, page views the rest.
OTHERS = {"features": 1_200_000, "launcher": 400_000, "checklist": 300_000, "tips": 500_000,
          "broken": 100_000}  # fmt: skip


def step_count(index: int) -> int:
    """Steps of the index-th walkthrough (0 is the long one)."""
    return LONG_STEPS if index == 0 else 4 + index % 9


@dataclass(frozen=True)
class Catalogue:
    """The authoring ids the events refer to (index i of each list is the i-th object)."""

    workspace_id: int
    apps: list[int]
    walkthroughs: list[int]
    features: list[int]  # feature i belongs to app i % APPS
    checklist: int


# Columns every family fills the same way from a person number ``u``, an epoch
# second ``t`` and a millisecond ``ms``.
_PERSON = """
    {workspace} AS workspace_id,
    generateUUIDv4() AS event_id,
    toDateTime(t, 'UTC') AS event_time,
    toUInt16(ms) AS event_ms,
    toDateTime(t, 'UTC') AS client_time,
    toUInt16(ms) AS client_ms,
    toDateTime(t + 2, 'UTC') AS received_at,
    toUInt8(0) AS time_flagged,
    concat('person-', toString(u)) AS user_id,
    CAST([] AS Array(String)) AS prop_keys,
    CAST([] AS Array(String)) AS prop_values,
    ['department', 'locale', 'role'] AS attr_keys,
    [
        ['Sales', 'Support', 'Engineering', 'Finance', 'HR', 'Marketing'][1 + u % 6],
        ['en', 'de', 'fr', 'es'][1 + intDiv(u, 31) % 4],
        ['admin', 'editor', 'viewer', 'manager'][1 + intDiv(u, 7) % 4]
    ] AS attr_values,
    '1.4.0' AS extension_version,
    toUInt16(395) AS retention_days"""

_DEFAULTS = {
    "seq": "toUInt32(1)",
    "app_id": "toUInt64(0)",
    "session_id": "concat('s-', toString(u), '-', toString(intDiv(t, 3600)))",
    "url": "''",
    "walkthrough_id": "toUInt64(0)",
    "walkthrough_version": "toUInt32(0)",
    "step_key": "''",
    "step_index": "toInt32(-1)",
    "tip_id": "toUInt64(0)",
    "feature_id": "toUInt64(0)",
    "checklist_id": "toUInt64(0)",
    "item_key": "''",
    "search_query": "''",
    "result_count": "toInt32(-1)",
    "test_audience": "toUInt8(0)",
    "survey_id": "toUInt64(0)",
    "survey_version": "toUInt32(0)",
    "question_key": "''",
    "answer_value": "toInt32(-1)",
    "answer_options": "CAST([] AS Array(String))",
    "answer_text": "''",
    "dismissal": "''",
}

_TIME = f"toUInt32({START} + cityHash64(number, 11) % ({DAYS} * 86400))"


def _session_start(person: str, number: str) -> str:
    """Epoch second at which the session of ``number`` (working shape) begins: one of the
    person's SESSIONS half-hours of one of the WORKDAYS, between 07:00 and 16:30 UTC."""
    day = f"cityHash64({number}, 13) % {WORKDAYS}"
    session = f"cityHash64({number}, 15) % {SESSIONS}"
    return (
        f"{START} + (intDiv({day}, 5) * 7 + {day} % 5) * 86400 + 7 * 3600"
        f" + cityHash64({person}, {day}, {session}) % (19 * 1800)"
    )


def _session_app(person: str, number: str) -> str:
    """0..APPS-1: the application of the session of ``number`` (working shape)."""
    day = f"cityHash64({number}, 13) % {WORKDAYS}"
    session = f"cityHash64({number}, 15) % {SESSIONS}"
    return f"cityHash64({person}, {day}, {session}, 1) % {APPS}"


def _simple(count: int, people: int, shape: str) -> str:
    """``count`` events: a person ``u``, a time ``t``, a millisecond ``ms`` and ``pick``
    (which application, feature or tip) from the row number.

    ``pick % APPS`` is the application and ``pick % FEATURES`` a feature of it: in
    the working shape the session's application, in the sparse shape any.
    """
    if shape == "sparse":
        time, pick = _TIME, "cityHash64(number, 2)"
    else:
        time = f"toUInt32({_session_start('u', 'number')} + cityHash64(number, 14) % 1800)"
        pick = f"{_session_app('u', 'number')} + {APPS} * (cityHash64(number, 2) % 64)"
    return (
        f"SELECT number, cityHash64(number, 1) % {people} AS u, {time} AS t, "
        f"cityHash64(number, 12) % 1000 AS ms, {pick} AS pick FROM numbers({count})"
    )


# One row per run, expanded to: start, steps 0..last, and an outcome
# (completed, dismissed at the last step shown, or nothing: abandoned). Each
# step continues with probability 0.93; a fifth of runs are of the long one. A
# run starts at a random time (sparse) or within one of the person's sessions.
_RUNS = """
SELECT
    run AS number, u, w, last, outcome, start, pos,
    toUInt32(start + pos * (3 + cityHash64(run, pos) % 20)) AS t,
    cityHash64(run, pos, 7) % 1000 AS ms
FROM
(
    SELECT
        number AS run,
        cityHash64(number, 1) % {people} AS u,
        if(cityHash64(number, 2) % 5 = 0, 0, 1 + cityHash64(number, 3) % {others}) AS w,
        if(w = 0, {long}, 4 + w % 9) AS steps,
        toUInt32(least(steps - 1, floor(log(1 - (cityHash64(number, 4) % 1000000) / 1000000.)
            / log(0.93)))) AS last,
        multiIf(last = steps - 1 AND cityHash64(number, 5) % 10 < 9, 'completed',
                cityHash64(number, 5) % 3 = 0, 'dismissed', 'abandoned') AS outcome,
        toUInt32({start_expr}) AS start
    FROM numbers({runs})
)
ARRAY JOIN range(toUInt64(last + 3)) AS pos
WHERE NOT (pos = last + 2 AND outcome = 'abandoned')
"""


class Statements:
    """The INSERT ... SELECT of each family of events, for one :class:`Catalogue`."""

    def __init__(
        self, catalogue: Catalogue, scale: float = 1.0, shape: str = "working", people: int = 0
    ):
        self.c = catalogue
        self.shape, self.people = shape, people or SHAPES[shape]
        self.person = _PERSON.format(workspace=catalogue.workspace_id)
        self.counts = {family: int(n * scale) for family, n in OTHERS.items()}

    def _insert(self, source: str, kind: str, **columns: str) -> str:
        values = {**_DEFAULTS, **columns, "kind": kind}
        chosen = ",\n    ".join(f"{expr} AS {name}" for name, expr in values.items())
        names = ", ".join(EVENT_COLUMNS)
        return (
            f"INSERT INTO events ({names})\nSELECT {names} FROM (\nSELECT {self.person},\n"
            f"    {chosen}\nFROM ({source}))"
        )

    def _events(self, count: int) -> str:
        return _simple(count, self.people, self.shape)

    def _app(self, index: str) -> str:
        return f"toUInt64({self.c.apps}[1 + ({index}) % {APPS}])"

    def runs(self, runs: int) -> str:
        if self.shape == "sparse":
            start = f"{START} + cityHash64(number, 6) % ({DAYS} * 86400 - 3600)"
        else:
            start = f"{_session_start('u', 'number')} + cityHash64(number, 6) % 1200"
        source = _RUNS.format(
            people=self.people, others=WALKTHROUGHS - 1, long=LONG_STEPS, start_expr=start,
            runs=runs,
        )  # fmt: skip
        step = "if(pos = 0, -1, toInt32(least(pos - 1, last)))"
        return self._insert(
            source,
            "multiIf(pos = 0, 'walkthrough_started', pos <= last + 1, 'step_shown', "
            "outcome = 'completed', 'walkthrough_completed', 'walkthrough_dismissed')",
            seq="toUInt32(pos + 1)",
            session_id="concat('run-', toString(number))",
            app_id=self._app("w"),
            url=f"concat('https://app', toString({self._app('w')}), '.example/page')",
            walkthrough_id=f"toUInt64({self.c.walkthroughs}[1 + w])",
            walkthrough_version=f"toUInt32(if(start < {START + DAYS * 86400 // 2}, 1, 2))",
            step_key=f"if({step} < 0, '', concat('step-', toString({step})))",
            step_index=step,
        )

    def page_views(self, count: int) -> str:
        app = self._app("pick")
        return self._insert(
            self._events(count),
            "'page_viewed'",
            app_id=app,
            url=f"concat('https://app', toString({app}), '.example/p', "
            "toString(cityHash64(number, 3) % 40))",
        )

    def others(self) -> list[tuple[str, str]]:
        feature = f"pick % {FEATURES}"
        return [
            ("feature uses", self._insert(
                self._events(self.counts["features"]), "'feature_used'",
                feature_id=f"toUInt64({self.c.features}[1 + {feature}])",
                app_id=self._app(feature),
            )),
            ("launcher", self._insert(
                self._events(self.counts["launcher"]),
                "if(number % 2 = 0, 'launcher_opened', 'launcher_searched')",
                app_id=self._app("pick"),
                search_query="if(number % 2 = 0, '', "
                "concat('how to ', toString(cityHash64(number, 3) % 300)))",
                result_count="toInt32(if(number % 2 = 0, -1, "  # a quarter find nothing
                "if(cityHash64(number, 4) % 4 = 0, 0, 1 + cityHash64(number, 4) % 9)))",
            )),
            ("checklist items", self._insert(
                self._events(self.counts["checklist"]), "'checklist_item_completed'",
                app_id=f"toUInt64({self.c.apps[0]})",
                checklist_id=f"toUInt64({self.c.checklist})",
                item_key=f"{CHECKLIST_ITEMS}[1 + cityHash64(number, 2) % {len(CHECKLIST_ITEMS)}]",
            )),
            ("tips", self._insert(
                self._events(self.counts["tips"]), "if(number % 4 = 0, 'tip_opened', 'tip_shown')",
                app_id=self._app("pick"),
                tip_id="toUInt64(1 + cityHash64(number, 3) % 60)",
            )),
            ("broken targets", self._insert(
                self._events(self.counts["broken"]), "'target_not_found'",
                app_id=self._app("cityHash64(number, 4)"),
                url="concat('https://app', toString(1 + cityHash64(number, 2) % 5), "
                "'.example/p', toString(cityHash64(number, 3) % 40))",
                walkthrough_id=f"toUInt64({self.c.walkthroughs}"
                f"[1 + cityHash64(number, 4) % {WALKTHROUGHS}])",
                walkthrough_version="toUInt32(2)",
                step_index="toInt32(cityHash64(number, 5) % 4)",
                step_key="concat('step-', toString(cityHash64(number, 5) % 4))",
            )),
        ]  # fmt: skip


def load(
    backend: Backend,
    catalogue: Catalogue,
    total: int = TOTAL,
    say=print,
    shape: str = "working",
    people: int = 0,
) -> int:
    """Fill ``backend``'s empty events table with ``total`` events of the ``shape``, plus 1%
    retried copies; ``people`` (0: the shape's number) distinct people."""
    sql = Statements(catalogue, total / TOTAL, shape, people)
    settings = {"max_memory_usage": 6_000_000_000}
    others = sum(sql.counts.values())
    runs = (total - others) // 2 // 10  # a run yields about 10 events
    _timed(say, "walkthrough runs", lambda: backend.execute(sql.runs(runs), settings=settings))
    page_views = total - others - backend.query("SELECT count() FROM events").scalar()
    _timed(
        say, "page views", lambda: backend.execute(sql.page_views(page_views), settings=settings)
    )
    for label, statement in sql.others():
        _timed(say, label, lambda s=statement: backend.execute(s, settings=settings))
    # The rollup too: its view wrote a part per inserted block, each spanning the whole
    # quarter, where live events arrive in time order and merges fold each hour's parts.
    for table in ("events", ROLLUP):
        partitions = backend.query(
            "SELECT DISTINCT partition FROM system.parts WHERE database = currentDatabase()"
            " AND table = %(t)s AND active ORDER BY partition",
            {"t": table},
        )
        for (partition,) in partitions.rows:
            _timed(
                say,
                f"merge of {table} partition {partition}",
                lambda t=table, p=partition: _merge(backend, t, p),
            )
    _timed(
        say,
        "1% retried copies",
        lambda: backend.execute(
            "INSERT INTO events SELECT * FROM events WHERE cityHash64(toString(event_id)) % 100 = 0"
        ),
    )
    return backend.query("SELECT count() FROM events").scalar()


def _merge(backend: Backend, table: str, partition: str) -> None:
    """OPTIMIZE ... FINAL, retried while background merges hold the parts (18.16 then no-ops)."""
    for _ in range(600):
        try:
            backend.execute(
                f"OPTIMIZE TABLE {table} PARTITION %(p)s FINAL",
                {"p": int(partition)},
                settings={"optimize_throw_if_noop": 1},
            )
            return
        except QueryError:
            time.sleep(0.5)
    raise RuntimeError(f"could not merge {table} partition {partition}")


def _timed(say, label, action) -> None:
    began = time.perf_counter()
    action()
    say(f"  {label}: {time.perf_counter() - began:.1f}s")
