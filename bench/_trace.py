"""Recording a Chrome performance trace over CDP and reading main-thread costs from it."""

from __future__ import annotations

from urllib.parse import urldefrag

CATEGORIES = [
    "toplevel",
    "devtools.timeline",
    "disabled-by-default-devtools.timeline",
    "v8.execute",
    "v8",
    "blink",
    # Who invalidated style/layout/paint, with the JS stack: rendering our DOM
    # changes cause in the page's frames is attributed through these.
    "disabled-by-default-devtools.timeline.invalidationTracking",
]
# Trace events that run a script; their URL says whose script it is.
SCRIPT_EVENTS = {
    "FunctionCall",
    "EvaluateScript",
    "v8.compile",
    "v8.compileModule",
    "v8.produceCache",
    "v8.produceModuleCache",
    "V8.CompileCode",
}
# The page's own rendering pipeline on the main thread.
RENDER_EVENTS = {
    "UpdateLayoutTree",
    "RecalculateStyles",
    "Layout",
    "PrePaint",
    "Paint",
    "Layerize",
    "UpdateLayer",
    "UpdateLayerTree",
    "HitTest",
}
TASK_EVENTS = {"RunTask", "ThreadControllerImpl::RunTask"}
INVALIDATIONS = {
    "StyleRecalcInvalidationTracking",
    "ScheduleStyleInvalidationTracking",
    "StyleInvalidatorInvalidationTracking",
    "LayoutInvalidationTracking",
    "PaintInvalidationTracking",
    "LayerInvalidationTracking",
}
# Per-frame work for Intersection/ResizeObservers (the player's positioning uses
# them); compared with runs without the extension.
OBSERVER_EVENTS = {
    "IntersectionObserverController::computeIntersections",
    "LocalFrameView::UpdateViewportIntersectionsForSubtree",
    "ResizeObserverController::DeliverObservations",
}
EXTENSION = "chrome-extension://"


def record_trace(page, seconds: float) -> list[dict]:
    """Trace the browser for ``seconds`` while ``page`` runs; the trace events."""
    session = page.context.new_cdp_session(page)
    events: list[dict] = []
    complete: list[dict] = []
    session.on("Tracing.dataCollected", lambda e: events.extend(e["value"]))
    session.on("Tracing.tracingComplete", lambda e: complete.append(e))
    session.send(
        "Tracing.start",
        {
            "traceConfig": {
                "includedCategories": CATEGORIES,
                "recordMode": "recordAsMuchAsPossible",
            },
            "transferMode": "ReportEvents",
        },
    )
    page.wait_for_timeout(seconds * 1000)  # the page runs for this long: the measured time
    session.send("Tracing.end")
    while not complete:
        page.wait_for_timeout(50)  # lets Playwright deliver the trace chunks
    session.detach()
    return events


def _url_of(event: dict) -> str:
    args = event.get("args") or {}
    data = args.get("data") or {}
    return data.get("url") or data.get("scriptName") or args.get("fileName") or ""


def _main_thread(events: list[dict], url: str) -> tuple[int, int] | None:
    """(pid, tid) of the renderer main thread that shows ``url``."""
    page_url = urldefrag(url).url
    pids = set()
    for event in events:
        if event.get("name") in ("TracingStartedInBrowser", "FrameCommittedInBrowser"):
            data = (event.get("args") or {}).get("data") or {}
            for frame in data.get("frames", [data]):
                if urldefrag(frame.get("url", "")).url == page_url and frame.get("processId"):
                    pids.add(frame["processId"])
    for event in events:
        if (
            event.get("ph") == "M"
            and event.get("name") == "thread_name"
            and (event.get("args") or {}).get("name") == "CrRendererMain"
            and event.get("pid") in pids
        ):
            return event["pid"], event["tid"]
    return None


def _intervals(events: list[dict], keep) -> list[tuple[float, float]]:
    """[start, end) in µs of the kept events (complete 'X' and begin/end pairs)."""
    found = []
    open_: dict[str, list[float]] = {}
    for event in events:
        if not keep(event):
            continue
        phase = event.get("ph")
        if phase == "X" and "dur" in event:
            found.append((event["ts"], event["ts"] + event["dur"]))
        elif phase == "B":
            open_.setdefault(event["name"], []).append(event["ts"])
        elif phase == "E" and open_.get(event["name"]):
            found.append((open_[event["name"]].pop(), event["ts"]))
    return found


def _union(intervals: list[tuple[float, float]]) -> list[tuple[float, float]]:
    merged: list[list[float]] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(a, b) for a, b in merged]


def _total(intervals: list[tuple[float, float]]) -> float:
    return sum(b - a for a, b in intervals)


def _minus(intervals, holes) -> float:
    """Total length of ``intervals`` outside ``holes`` (both unions)."""
    total = 0.0
    for start, end in intervals:
        covered = sum(
            max(0.0, min(end, b) - max(start, a)) for a, b in holes if a < end and b > start
        )
        total += (end - start) - covered
    return total


def _caused(mine: list[dict], render_events: list[dict], ours) -> float:
    """µs of rendering attributed to extension scripts: each style/layout/paint
    event's time, shared by the invalidations that led to it (by whose JS stack)."""
    marks = sorted(
        (e["ts"], _invalidated_by_extension(e)) for e in mine if e.get("name") in INVALIDATIONS
    )
    total = 0.0
    index = 0
    pending_ours = pending_all = 0
    for event in sorted(render_events, key=lambda e: e["ts"]):
        while index < len(marks) and marks[index][0] <= event["ts"]:
            pending_all += 1
            pending_ours += marks[index][1]
            index += 1
        inside_ours = any(a <= event["ts"] < b for a, b in ours)
        if pending_all and not inside_ours:
            total += event.get("dur", 0) * pending_ours / pending_all
        pending_ours = pending_all = 0
    return total


def _invalidated_by_extension(event: dict) -> bool:
    stack = ((event.get("args") or {}).get("data") or {}).get("stackTrace") or []
    return any(frame.get("url", "").startswith(EXTENSION) for frame in stack)


def summarize(events: list[dict], url: str, seconds: float) -> dict:
    """Per second of page time: the extension's script time, rendering time, busy time."""
    thread = _main_thread(events, url)
    if thread is None:
        raise RuntimeError(f"no renderer main thread for {url} in the trace")
    pid, tid = thread
    mine = [e for e in events if e.get("pid") == pid and e.get("tid") == tid]
    ours = _union(
        _intervals(
            mine, lambda e: e.get("name") in SCRIPT_EVENTS and _url_of(e).startswith(EXTENSION)
        )
    )
    render = _union(_intervals(mine, lambda e: e.get("name") in RENDER_EVENTS))
    busy = _union(_intervals(mine, lambda e: e.get("name") in TASK_EVENTS))
    observers = _union(_intervals(mine, lambda e: e.get("name") in OBSERVER_EVENTS))
    render_events = [e for e in mine if e.get("name") in RENDER_EVENTS and e.get("ph") == "X"]
    per_second = 1000.0 * seconds  # µs of trace -> ms per second of page time
    return {
        "own_ms_per_s": _total(ours) / per_second,
        "caused_ms_per_s": _caused(mine, render_events, ours) / per_second,
        "observers_ms_per_s": _total(observers) / per_second,
        # Rendering forced inside our scripts is already counted as ours.
        "render_ms_per_s": _minus(render, ours) / per_second,
        "busy_ms_per_s": _total(busy) / per_second,
        "extension_calls": sum(
            1 for e in mine if e.get("name") == "FunctionCall" and _url_of(e).startswith(EXTENSION)
        ),
    }
