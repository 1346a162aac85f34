"""Folding progress from event rows: a pure function, order- and repeat-insensitive."""

from datetime import UTC, datetime

import orjson
from hypothesis import given
from hypothesis import strategies as st

from analytics.events.rows import EventRow
from analytics.progress import (
    ID_MAX,
    ActivityUpdate,
    ChecklistItemUpdate,
    SurveyUpdate,
    WalkthroughUpdate,
    event_moment,
    fold_progress,
)
from analytics.schema.events import EVENT_KINDS

T0 = 1_714_564_800  # 2024-05-01 12:00:00 UTC
BLANK = EventRow(
    workspace_id=1,
    event_id="00000000-0000-4000-8000-000000000000",
    kind="page_viewed",
    event_time=T0,
    event_ms=0,
    seq=0,
    client_time=T0,
    client_ms=0,
    received_at=T0,
    time_flagged=0,
    app_id=0,
    user_id="ada",
    session_id="",
    url="",
    walkthrough_id=0,
    walkthrough_version=0,
    step_key="",
    step_index=-1,
    tip_id=0,
    feature_id=0,
    checklist_id=0,
    item_key="",
    search_query="",
    result_count=-1,
    prop_keys=[],
    prop_values=[],
    attr_keys=[],
    attr_values=[],
    extension_version="",
    retention_days=30,
    test_audience=0,
    survey_id=0,
    survey_version=0,
    question_key="",
    answer_value=-1,
    answer_options=[],
    answer_text="",
    dismissal="",
)


def row(kind, seconds=0, ms=0, **fields) -> EventRow:
    return BLANK._replace(kind=kind, event_time=T0 + seconds, event_ms=ms, **fields)


def at(seconds, ms=0) -> datetime:
    return datetime.fromtimestamp(T0 + seconds + ms / 1000, UTC)


def as_sets(folded):
    return set(folded.walkthroughs), set(folded.checklist_items)


def test_lifecycle_rows_fold_into_one_update_per_walkthrough_and_item():
    folded = fold_progress(
        [
            row("walkthrough_started", 0, walkthrough_id=5),
            row("walkthrough_completed", 180, 250, walkthrough_id=5),
            row("checklist_item_completed", 240, checklist_id=2, item_key="profile"),
            row("page_viewed", 300),
        ]
    )
    assert folded.walkthroughs == (
        WalkthroughUpdate(
            1, "ada", 5, started_at=at(0), completed_at=at(180, 250), last_event_at=at(180, 250)
        ),
    )
    assert folded.checklist_items == (ChecklistItemUpdate(1, "ada", 2, "profile", at(240)),)


def test_earliest_start_and_completion_latest_dismissal_and_activity():
    folded = fold_progress(
        [
            row("walkthrough_dismissed", 50, walkthrough_id=5),
            row("walkthrough_started", 30, walkthrough_id=5),
            row("walkthrough_started", 10, walkthrough_id=5),
            row("walkthrough_dismissed", 20, walkthrough_id=5),
        ]
    )
    (update,) = folded.walkthroughs
    assert (update.started_at, update.dismissed_at, update.completed_at) == (at(10), at(50), None)
    assert update.last_event_at == at(50)


def test_people_workspaces_and_walkthroughs_are_kept_apart():
    folded = fold_progress(
        [
            row("walkthrough_started", walkthrough_id=5),
            row("walkthrough_started", walkthrough_id=6),
            row("walkthrough_started", walkthrough_id=5, user_id="bob"),
            row("walkthrough_started", walkthrough_id=5, workspace_id=2),
        ]
    )
    keys = {(u.workspace_id, u.user_key, u.walkthrough_id) for u in folded.walkthroughs}
    assert keys == {(1, "ada", 5), (1, "ada", 6), (1, "bob", 5), (2, "ada", 5)}


def test_other_kinds_and_ids_that_name_no_content_are_ignored():
    folded = fold_progress(
        [
            *(row(kind, walkthrough_id=5, checklist_id=2, item_key="a") for kind in EVENT_KINDS
              if not kind.startswith("walkthrough_")
              and kind not in ("checklist_item_completed", "process_step_completed")),
            row("survey_answered", survey_id=ID_MAX + 1),
            row("feature_used", feature_id=0),
            row("walkthrough_started", walkthrough_id=0),
            row("walkthrough_completed", walkthrough_id=ID_MAX + 1),
            row("checklist_item_completed", checklist_id=0, item_key="a"),
            row("checklist_item_completed", checklist_id=ID_MAX + 1, item_key="a"),
            row("process_step_completed", checklist_id=0, item_key="a"),
        ]
    )  # fmt: skip
    assert folded.walkthroughs == () and folded.checklist_items == ()
    assert folded.surveys == () and folded.feature_uses == ()


def test_rows_read_back_from_the_spool_fold_like_fresh_rows():
    rows = [
        row("walkthrough_started", 1, 5, walkthrough_id=5),
        row("checklist_item_completed", 2, checklist_id=2, item_key="profile"),
    ]
    spooled = orjson.loads(orjson.dumps([list(r) for r in rows]))
    assert fold_progress(spooled) == fold_progress(rows)


LIFECYCLE = ["walkthrough_started", "walkthrough_completed", "walkthrough_dismissed"]
lifecycle_rows = st.builds(
    lambda kind, seconds, ms, user, walkthrough, checklist, item: row(
        kind, seconds, ms, user_id=user, walkthrough_id=walkthrough, checklist_id=checklist,
        item_key=item,
    ),
    st.sampled_from([*LIFECYCLE, "checklist_item_completed", "step_shown", "page_viewed"]),
    st.integers(0, 10_000),
    st.integers(0, 999),
    st.sampled_from(["ada", "bob"]),
    st.sampled_from([0, 1, 2, ID_MAX, ID_MAX + 1]),
    st.sampled_from([0, 1, ID_MAX + 1]),
    st.sampled_from(["", "a", "b"]),
)  # fmt: skip


@given(st.lists(lifecycle_rows, max_size=30), st.randoms(use_true_random=False))
def test_order_and_repeats_do_not_change_the_fold(rows, random):
    shuffled = rows * 2
    random.shuffle(shuffled)
    assert as_sets(fold_progress(shuffled)) == as_sets(fold_progress(rows))


@given(st.lists(lifecycle_rows, max_size=30))
def test_the_fold_matches_a_per_key_oracle(rows):
    folded = fold_progress(rows)
    got = {(u.user_key, u.walkthrough_id): u for u in folded.walkthroughs}
    expected = {}
    for r in rows:
        if r.kind in LIFECYCLE and 0 < r.walkthrough_id <= ID_MAX:
            expected.setdefault((r.user_id, r.walkthrough_id), []).append(r)
    assert got.keys() == expected.keys()
    for key, mine in expected.items():

        def times(kind, mine=mine):
            return [event_moment(r) for r in mine if r.kind == kind]

        update = got[key]
        assert update.started_at == min(times("walkthrough_started"), default=None)
        assert update.completed_at == min(times("walkthrough_completed"), default=None)
        assert update.dismissed_at == max(times("walkthrough_dismissed"), default=None)
        assert update.last_event_at == max(event_moment(r) for r in mine)
    items = {
        (u.user_key, u.checklist_id, u.item_key): u.completed_at for u in folded.checklist_items
    }
    expected_items = {}
    for r in rows:
        if r.kind == "checklist_item_completed" and 0 < r.checklist_id <= ID_MAX:
            key = (r.user_id, r.checklist_id, r.item_key)
            expected_items[key] = min(expected_items.get(key, event_moment(r)), event_moment(r))
    assert items == expected_items


def test_a_survey_keeps_its_first_answer_and_its_latest_dismissal():
    folded = fold_progress(
        [
            row("survey_answered", 30, survey_id=4),
            row("survey_answered", 10, survey_id=4),
            row("survey_dismissed", 5, survey_id=4, dismissal="never"),
            row("survey_dismissed", 20, survey_id=4, dismissal="later"),
            row("survey_shown", 40, survey_id=4),
        ]
    )
    assert folded.surveys == (SurveyUpdate(1, "ada", 4, at(10), at(20), "later"),)


def test_dismissals_at_the_same_moment_fold_to_never_in_any_order():
    later = row("survey_dismissed", 5, survey_id=4, dismissal="later")
    never = row("survey_dismissed", 5, survey_id=4, dismissal="never")
    assert fold_progress([later, never]) == fold_progress([never, later])
    assert fold_progress([later, never]).surveys[0].dismissal == "never"


def test_each_feature_use_counts_once_by_event_id():
    first = row("feature_used", 1, feature_id=11, event_id="00000000-0000-4000-8000-000000000001")
    second = row("feature_used", 2, feature_id=11, event_id="00000000-0000-4000-8000-000000000002")
    folded = fold_progress([first, second, first])
    assert sorted(use.event_id for use in folded.feature_uses) == [first.event_id, second.event_id]


def test_the_first_day_of_activity_is_the_earliest_event_progress_records():
    folded = fold_progress(
        [
            row("feature_used", 3 * 86_400, feature_id=11),
            row("walkthrough_started", 0, walkthrough_id=5),
            row("page_viewed", -86_400),
        ]
    )
    assert folded.activity == (ActivityUpdate(1, "ada", T0 // 86_400),)


def test_a_process_step_marked_done_is_kept_like_a_checklist_item():
    """Keyed by (process id, step key): delivery reads both from one place."""
    folded = fold_progress(
        [row("process_step_completed", 9, checklist_id=7, item_key="welcome"),
         row("process_step_completed", 4, checklist_id=7, item_key="welcome")]
    )  # fmt: skip
    (update,) = folded.checklist_items
    assert (update.checklist_id, update.item_key, update.completed_at) == (7, "welcome", at(4))
