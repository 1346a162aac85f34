"""Plotly figures (plain dicts) built from report rows; console.js draws them.

Figures hold only numbers and labels taken from the rows, so a chart never
shows a figure the table beside it does not have. Labels are author text (a
walkthrough's name): Plotly renders it as text, and the page embeds the JSON
in a ``<script type="application/json">``, escaped by Jinja's ``tojson``.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date, timedelta

from backend.console.periods import period_end

PALETTE = ("#3451d1", "#13795b", "#c2410c", "#7c3aed", "#0e7490", "#b4232f", "#8a5a00")
DROP = "#f2b8bd"


def label(base: str, group) -> str:
    return base if group is None else f"{base} · {group or '(none)'}"


def _text(value) -> str:
    return str(value)


def _bars_height(bars: int) -> int:
    """Horizontal bars keep a readable thickness whatever their number."""
    return 140 + 44 * max(bars, 1)


def _iso(value) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def percent(rate) -> float | None:
    return None if rate is None else round(rate * 100, 1)


def series(
    rows: Iterable[dict],
    key: Callable[[dict], str],
    y: Callable[[dict], float | None],
    x: Callable[[dict], object] = lambda row: row["period"],
    kind: str = "scatter",
    partial: Callable[[dict], str | None] | None = None,
) -> list[dict]:
    """One trace per ``key`` of the rows, in first-seen order.

    With ``partial`` (why a row's period is not a full one, or None), points of
    partial periods are drawn hollow and say why on hover.
    """
    traces: dict[str, dict] = {}
    for row in rows:
        name = key(row)
        trace = traces.get(name)
        if trace is None:
            color = PALETTE[len(traces) % len(PALETTE)]
            trace = {"type": kind, "name": name, "x": [], "y": []}
            if kind == "scatter":
                trace.update(mode="lines+markers", line={"color": color, "width": 2})
            else:
                trace["marker"] = {"color": color}
            if partial is not None:
                trace["customdata"] = []
                trace["hovertemplate"] = "%{y}%{customdata}"
                trace.setdefault("marker", {})["symbol"] = []
            traces[name] = trace
        trace["x"].append(_iso(x(row)))
        trace["y"].append(y(row))
        if partial is not None:
            reason = partial(row)
            trace["customdata"].append(f" ({reason})" if reason else "")
            trace["marker"]["symbol"].append("circle-open" if reason else "circle")
            trace["marker"]["size"] = 9
    return list(traces.values())


def time_axis(periods: Iterable, granularity: str, partial: Callable[[object], str | None]):
    """An x axis whose ticks fall on the report's own period starts, partial periods shaded.

    Plotly would put weekly ticks on Sundays while the report cuts weeks on Mondays,
    so weeks and months get their ticks from the periods themselves.
    """
    starts = sorted({_iso(period) for period in periods})
    axis: dict = {"type": "date", "tickformat": "%d %b %Y" if granularity != "month" else "%b %Y"}
    if granularity in ("week", "month"):
        axis["tickvals"] = starts
    shapes, notes = [], []
    for start in starts:
        reason = partial(start)
        if not reason:
            continue
        last = period_end(date.fromisoformat(start), granularity)
        end = (last + timedelta(days=1)).isoformat()
        shapes.append(
            {
                "type": "rect",
                "xref": "x",
                "yref": "paper",
                "x0": start,
                "x1": end,
                "y0": 0,
                "y1": 1,
                "fillcolor": "rgba(95, 104, 130, 0.12)",
                "line": {"width": 0},
                "layer": "below",
            }
        )
        notes.append(
            {
                "x": start,
                "xref": "x",
                "xanchor": "left",
                "y": 1,
                "yref": "paper",
                "yanchor": "bottom",
                "text": "partial" if reason.startswith("partial") else "in progress",
                "hovertext": reason,
                "showarrow": False,
                "font": {"size": 11, "color": "#5f6882"},
            }
        )
    return {"xaxis": axis, "shapes": shapes, "annotations": notes}


def lines(traces: list[dict], y_title: str, percent: bool = False, axis: dict | None = None):
    """Line chart; ``axis`` (from :func:`time_axis`) sets the x axis and partial periods.

    Each line gets its own colour: traces made by separate :func:`series` calls would
    otherwise all start at the palette's first.
    """
    for index, trace in enumerate(traces):
        color = PALETTE[index % len(PALETTE)]
        trace.setdefault("line", {})["color"] = color
        trace.setdefault("marker", {})["color"] = color
    layout = {
        "yaxis": {"title": {"text": y_title}, "rangemode": "tozero"},
        "hovermode": "x unified",
        **(axis or {}),
    }
    if percent:
        layout["yaxis"].update(ticksuffix="%", range=[0, 100])
    return {"data": traces, "layout": layout}


def has_points(figure: dict) -> bool:
    """Whether the figure has anything to draw: some value other than none and zero."""
    for trace in figure.get("data", []):
        if trace.get("type") == "indicator":  # one value, zero included (an NPS of 0)
            if trace.get("value") is not None:
                return True
            continue
        if trace.get("type") == "heatmap":
            values = [v for row in trace.get("z", []) for v in row]
        else:
            values = trace.get("x" if trace.get("orientation") == "h" else "y", [])
        if any(isinstance(v, int | float) and v for v in values):
            return True
    return False


def gauge(value: float | None, title: str, low: float, high: float, zones: tuple = ()) -> dict:
    """One value on a dial from ``low`` to ``high``; ``zones`` are (start, end, colour) bands."""
    steps = [{"range": [start, end], "color": color} for start, end, color in zones]
    return {
        "data": [
            {
                "type": "indicator",
                "mode": "gauge+number",
                "value": value,
                "title": {"text": title},
                "gauge": {
                    "axis": {"range": [low, high]},
                    "bar": {"color": PALETTE[0]},
                    "steps": steps,
                },
            }
        ],
        "layout": {"height": 240, "margin": {"t": 48, "b": 16, "l": 32, "r": 32}},
    }


def funnel(rows: list[dict]) -> dict:
    """Bars of people who reached each step, topped by those lost since the previous step."""
    groups: dict = defaultdict(list)
    for row in rows:
        groups[row["group"]].append(row)
    data = []
    for n, (group, steps) in enumerate(groups.items()):
        labels = [f"{s['step_index'] + 1}. {s['step_key']}" for s in steps]
        reached = [s["reached"] for s in steps]
        dropped = [0] + [max(prev - cur, 0) for prev, cur in itertools.pairwise(reached)]
        offset = f"g{n}" if len(groups) > 1 else None
        data.append(
            {
                "type": "bar",
                "name": label("Reached", group),
                "x": labels,
                "y": reached,
                "text": [f"{percent(s['conversion_from_first']) or 0}%" for s in steps],
                "textposition": "inside",
                "marker": {"color": PALETTE[n % len(PALETTE)]},
                "offsetgroup": offset,
            }
        )
        data.append(
            {
                "type": "bar",
                "name": label("Dropped off before", group),
                "x": labels,
                "y": dropped,
                "base": reached,
                "marker": {"color": DROP},
                "offsetgroup": offset,
            }
        )
    layout = {
        "barmode": "group" if len(groups) > 1 else "overlay",
        "yaxis": {"title": {"text": "People"}},
    }
    return {"data": data, "layout": layout}


def completions(rows: list[dict], names: dict[int, str]) -> dict:
    """Horizontal bars: completed attempts per walkthrough (rows of one period)."""
    ordered = sorted(rows, key=lambda row: row["completed"])

    def name(row):
        return label(names.get(row["walkthrough_id"], f"#{row['walkthrough_id']}"), row["group"])

    return {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "name": "Completed",
                "y": [name(row) for row in ordered],
                "x": [row["completed"] for row in ordered],
                "text": [
                    f"{percent(row['completion_rate']) or 0}% of {row['attempts']}"
                    for row in ordered
                ],
                "textposition": "auto",
                "marker": {"color": PALETTE[1]},
            }
        ],
        "layout": {
            "xaxis": {"title": {"text": "Completed attempts"}},
            "margin": {"l": 200},
            "height": _bars_height(len(ordered)),
        },
    }


def heatmap(rows: list[dict]) -> dict:
    """Cohorts (rows) by weeks since first use (columns), coloured by the share returning."""
    cohorts = sorted({(_iso(row["cohort_week"]), row["group"]) for row in rows})
    weeks = sorted({row["week"] for row in rows})
    cell = {((_iso(row["cohort_week"]), row["group"]), row["week"]): row for row in rows}
    z, text, counts = [], [], []
    for cohort in cohorts:
        cells = [cell.get((cohort, w)) for w in weeks]
        z.append([percent(c["share"]) if c else None for c in cells])
        text.append([f"{percent(c['share'])}%" if c else "" for c in cells])
        counts.append([f"{c['returning']} of {c['cohort_size']}" if c else "" for c in cells])
    return {
        "data": [
            {
                "type": "heatmap",
                "x": [f"week {w}" for w in weeks],
                "y": [label(c, g) for c, g in cohorts],
                "z": z,
                "text": text,
                "customdata": counts,
                "texttemplate": "%{text}",
                "hovertemplate": "cohort %{y}, %{x}: %{text} (%{customdata})<extra></extra>",
                "colorscale": [[0, "#eef1fb"], [1, "#23398f"]],
                "zmin": 0,
                "zmax": 100,
                "colorbar": {"ticksuffix": "%"},
            }
        ],
        "layout": {
            "yaxis": {"autorange": "reversed", "type": "category"},
            "xaxis": {"side": "top"},
            "margin": {"l": 100},
            "height": 120 + 34 * max(len(cohorts), 1),
        },
    }


def onboarding(rows: list[dict]) -> dict:
    """Stacked horizontal bars per segment: finished and not finished."""
    ordered = sorted(rows, key=lambda row: (row["finish_rate"] or 0, row["people"]))
    labels = [_text(row["group"]) if row["group"] is not None else "Everyone" for row in ordered]
    return {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "name": "Finished",
                "y": labels,
                "x": [row["finished"] for row in ordered],
                "text": [f"{percent(row['finish_rate']) or 0}%" for row in ordered],
                "textposition": "inside",
                "marker": {"color": PALETTE[1]},
            },
            {
                "type": "bar",
                "orientation": "h",
                "name": "Not finished",
                "y": labels,
                "x": [row["not_finished"] for row in ordered],
                "marker": {"color": "#d7dcea"},
            },
        ],
        "layout": {
            "barmode": "stack",
            "xaxis": {"title": {"text": "People"}},
            "margin": {"l": 160},
            "height": _bars_height(len(ordered)),
        },
    }
