"""Chart figures hold exactly the figures of the rows they are built from."""

from datetime import date

import pytest

from backend.console import charts


def _step(index, reached, group=None):
    return {
        "group": group,
        "step_index": index,
        "step_key": f"s{index}",
        "reached": reached,
        "conversion_from_first": reached / 10,
    }


def test_funnel_bars_and_drop_off():
    figure = charts.funnel([_step(0, 10), _step(1, 7), _step(2, 7), _step(3, 2)])
    reached, dropped = figure["data"]
    assert reached["x"] == ["1. s0", "2. s1", "3. s2", "4. s3"]
    assert reached["y"] == [10, 7, 7, 2]
    assert dropped["y"] == [0, 3, 0, 5]
    assert dropped["base"] == reached["y"]  # drop-off sits on top: each bar reaches the previous


def test_funnel_with_a_breakdown_has_a_pair_of_traces_per_group():
    rows = [_step(0, 4, "Sales"), _step(1, 2, "Sales"), _step(0, 3, "Eng"), _step(1, 3, "Eng")]
    figure = charts.funnel(rows)
    assert [trace["name"] for trace in figure["data"]] == [
        "Reached · Sales",
        "Dropped off before · Sales",
        "Reached · Eng",
        "Dropped off before · Eng",
    ]
    assert figure["layout"]["barmode"] == "group"


def test_series_splits_rows_by_key_in_first_seen_order():
    rows = [
        {"period": date(2024, 1, 1), "name": "b", "v": 1},
        {"period": date(2024, 1, 1), "name": "a", "v": 2},
        {"period": date(2024, 1, 2), "name": "b", "v": 3},
    ]
    traces = charts.series(rows, lambda r: r["name"], lambda r: r["v"])
    assert [(t["name"], t["x"], t["y"]) for t in traces] == [
        ("b", ["2024-01-01", "2024-01-02"], [1, 3]),
        ("a", ["2024-01-01"], [2]),
    ]


def test_heatmap_cells_are_the_shares_and_missing_weeks_stay_empty():
    rows = [
        {
            "cohort_week": date(2024, 1, 1),
            "group": None,
            "week": 0,
            "share": 1.0,
            "returning": 4,
            "cohort_size": 4,
        },
        {
            "cohort_week": date(2024, 1, 1),
            "group": None,
            "week": 1,
            "share": 0.5,
            "returning": 2,
            "cohort_size": 4,
        },
        {
            "cohort_week": date(2024, 1, 8),
            "group": None,
            "week": 0,
            "share": 1.0,
            "returning": 3,
            "cohort_size": 3,
        },
    ]
    trace = charts.heatmap(rows)["data"][0]
    assert trace["y"] == ["2024-01-01", "2024-01-08"]
    assert trace["x"] == ["week 0", "week 1"]
    assert trace["z"] == [[100.0, 50.0], [100.0, None]]
    assert trace["customdata"][0] == ["4 of 4", "2 of 4"]
    assert trace["text"][1] == ["100.0%", ""]


def test_onboarding_stacks_finished_on_not_finished():
    rows = [
        {"group": "Sales", "finished": 6, "not_finished": 4, "finish_rate": 0.6, "people": 10},
        {"group": "Eng", "finished": 1, "not_finished": 9, "finish_rate": 0.1, "people": 10},
    ]
    finished, not_finished = charts.onboarding(rows)["data"]
    assert finished["y"] == ["Eng", "Sales"]
    assert finished["x"] == [1, 6] and not_finished["x"] == [9, 4]


def test_completions_name_walkthroughs_and_keep_unknown_ids_visible():
    rows = [
        {
            "walkthrough_id": 1,
            "group": None,
            "completed": 5,
            "attempts": 10,
            "completion_rate": 0.5,
        },
        {
            "walkthrough_id": 9,
            "group": None,
            "completed": 1,
            "attempts": 4,
            "completion_rate": 0.25,
        },
    ]
    trace = charts.completions(rows, {1: "Tour"})["data"][0]
    assert trace["y"] == ["#9", "Tour"]
    assert trace["x"] == [1, 5]


@pytest.mark.parametrize(
    ("figure", "drawable"),
    [
        ({"data": []}, False),
        ({"data": [{"type": "scatter", "x": ["2026-11-02"], "y": [None]}]}, False),
        ({"data": [{"type": "scatter", "x": ["2026-11-02"], "y": [0]}]}, False),
        ({"data": [{"type": "scatter", "x": ["2026-11-02"], "y": [12.5]}]}, True),
        ({"data": [{"type": "bar", "orientation": "h", "y": ["a"], "x": [3]}]}, True),
        ({"data": [{"type": "heatmap", "z": [[None, 0], [None, None]]}]}, False),
        ({"data": [{"type": "heatmap", "z": [[None, 40.0]]}]}, True),
        ({"data": [{"type": "indicator", "value": None}]}, False),
        ({"data": [{"type": "indicator", "value": 0}]}, True),
    ],
)
def test_a_chart_of_nothing_has_no_points(figure, drawable):
    assert charts.has_points(figure) is drawable


def test_monthly_ticks_fall_on_the_first_and_a_cut_month_is_shaded_to_its_end():
    axis = charts.time_axis(
        [date(2026, 10, 1), date(2026, 11, 1)],
        "month",
        lambda start: "partial month: ..." if start == "2026-10-01" else None,
    )
    assert axis["xaxis"]["tickvals"] == ["2026-10-01", "2026-11-01"]
    (shade,) = axis["shapes"]
    assert (shade["x0"], shade["x1"]) == ("2026-10-01", "2026-11-01")


def test_lines_of_separate_series_get_distinct_colours():
    rows = [{"period": date(2026, 11, 2), "opens": 3, "searches": 1}]
    traces = charts.series(rows, lambda row: "Opens", lambda row: row["opens"])
    traces += charts.series(rows, lambda row: "Searches", lambda row: row["searches"])
    figure = charts.lines(traces, "Events")
    colours = [(trace["line"]["color"], trace["marker"]["color"]) for trace in figure["data"]]
    assert colours == [(charts.PALETTE[0],) * 2, (charts.PALETTE[1],) * 2]
