"""Adoption reports over 1,000,000 then 10,000,000 events: the report API against the same
SQL sent straight through clickhouse-driver, and rollup-served reports against the same
report from raw events, in the same run.

    python -m bench.reports [--events 1000000,10000000] [--runs 9] [--shape working|sparse]
                            [--no-api]

Starts a throwaway clickhouse-server, creates the workspace's walkthroughs,
features, checklist and applications in a throwaway authoring database, and per
size loads the events afresh (bench/_report_data.py; the materialized views fill
the rollups as the rows arrive) and serves Trailguide the way production does
(`trailguide serve --workers 2`, gunicorn). Then, per report, alternately: the
HTTP request (bearer token, JSON), the report's SQL statements (captured from
the very call the API makes) on one clickhouse-driver connection and, for a
report the rollups serve, the statements of the same call made to read raw
events (whose rows must be equal). Each figure is the median of the runs (more
for fast reports) after two warm-ups. A report whose API time is within 10 ms
of its direct time counts 1.0 toward "ratio" (the worst API ÷ direct);
"speedup" is raw ÷ rollup direct time; "growth" is a report's time at the
largest size ÷ at the smallest; "max_report_s" is the slowest report through
the API at the largest size. "cpu_ms" is the server's CPU time (user + system,
all threads, from system.query_log) for a report's direct statements, median of
the runs: unlike wall time it barely moves with the load of a shared machine,
whose load average is recorded at the start and end of each size. An API answer
with other rows than the direct SQL's is printed, listed in "api_mismatches"
and asked again (three in a row stop the bench). Ends with one JSON line.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import requests
from clickhouse_driver import Client

from analytics import migrate, reports
from analytics.backends.server import ServerBackend
from analytics.binder import bind
from analytics.reports.registry import REPORTS
from analytics.reports.sources import raw_reads
from analytics.schema.rollups import NAME as ROLLUP
from bench import _report_data as data
from tests.support.clickhouse import ClickHouseServer

DATABASE = "bench_reports"
RANGE = {"from": "2024-04-01", "to": "2024-06-30", "tz": "Europe/Berlin"}
SLACK_S = 0.010  # an API within 10 ms of direct SQL counts as ratio 1.0


@dataclass
class Report:
    name: str
    path: str
    query: dict
    direct: object  # (backend) -> rows: the analytics call the API makes

    @property
    def reads_rollup(self) -> bool:
        """Whether its declaration says it reads the hourly usage rollup where that serves."""
        return REPORTS[self.path.replace("/", "-")].reads_rollup


def report_list(c: data.Catalogue) -> list[Report]:
    """What is timed: every report, with the arguments a product-ops analyst would use."""
    wt, feature, app = c.walkthroughs[0], c.features[0], c.apps[0]
    items = data.CHECKLIST_ITEMS

    def params(granularity="day", breakdown=None):
        return reports.ReportParams(
            c.workspace_id,
            date.fromisoformat(RANGE["from"]),
            date.fromisoformat(RANGE["to"]),
            RANGE["tz"],
            granularity,
            breakdown=breakdown,
        )

    dept = {"breakdown": "department"}
    return [
        Report("funnel_30_steps", "funnel", {"walkthrough_id": wt},
               lambda b: reports.funnel(b, params(), wt, None, data.LONG_STEPS)),
        Report("funnel_30_steps_by_department", "funnel", {"walkthrough_id": wt, **dept},
               lambda b: reports.funnel(b, params(breakdown="department"), wt, None, 30)),
        Report("funnel_summary", "funnel/summary", {"walkthrough_id": wt},
               lambda b: reports.funnel_summary(b, params(), wt, None)),
        Report("completion_daily", "completion", {"granularity": "day"},
               lambda b: reports.completion(b, params())),
        Report("content_health", "content-health", {},
               lambda b: reports.content_health(b, params())),
        Report("feature_adoption_weekly", "feature-adoption", {"granularity": "week"},
               lambda b: reports.feature_adoption(b, params("week"))),
        Report("feature_adoption_weekly_by_department", "feature-adoption",
               {"granularity": "week", **dept},
               lambda b: reports.feature_adoption(b, params("week", "department"))),
        Report("feature_first_use", "feature-adoption/first-use", {"feature_id": feature},
               lambda b: reports.feature_first_use(b, params(), [feature])),
        Report("app_usage_daily", "app-usage", {"granularity": "day"},
               lambda b: reports.app_usage(b, params())),
        Report("app_usage_monthly", "app-usage", {"granularity": "month"},
               lambda b: reports.app_usage(b, params("month"))),
        Report("retention_app", "retention", {"app_id": app, "weeks": 8},
               lambda b: reports.retention(b, params(), "app", app, 8)),
        Report("onboarding_by_department", "onboarding", {"checklist_id": c.checklist, **dept},
               lambda b: reports.onboarding_segments(b, params(breakdown="department"),
                                                     c.checklist, items)),
        Report("onboarding_people", "onboarding/people", {"checklist_id": c.checklist},
               lambda b: reports.onboarding_people(b, params(), c.checklist, items)),
        Report("help_seeking_daily", "help-seeking", {"granularity": "day"},
               lambda b: reports.help_seeking(b, params())),
        Report("content_gaps", "content-gaps", {},
               lambda b: reports.content_gaps(b, params())),
    ]  # fmt: skip


class Recorder:
    """A backend that remembers the bound SQL of every query it passes on."""

    def __init__(self, backend: ServerBackend):
        self.backend, self.statements = backend, []

    def query(self, sql, params=None, settings=None):
        self.statements.append(bind(sql, params))
        return self.backend.query(sql, params, settings)


def authoring(data_dir: Path) -> tuple[data.Catalogue, str]:
    """The workspace and its content in a fresh authoring database; (catalogue, token)."""
    from backend import close_connections, create_app
    from tests.support import content
    from tests.support.factories import add_member, create_workspace

    app = create_app(
        {"TRAILGUIDE_DATA_DIR": str(data_dir), "TRAILGUIDE_LOG_LEVEL": "WARNING",
         "WITHOUT_ANALYTICS": True}
    )  # fmt: skip
    ws = create_workspace(app, "Bench")
    apps = [
        content.application(app, ws.id, f"app{i}", (f"https://app{i}.example/*",))
        for i in range(data.APPS)
    ]
    walkthroughs = []
    for i in range(data.WALKTHROUGHS):
        document = content.walkthrough_doc(f"Tour {i}", steps=data.step_count(i))
        for _version in (1, 2):
            item = content.publish(app, ws.id, apps[0], "walkthrough", f"w{i}", document)
        walkthroughs.append(item)
    features = [
        content.publish(app, ws.id, apps[i % data.APPS], "feature", f"f{i}",
                        {"name": f"Feature {i}", "target": content.TARGET})
        for i in range(data.FEATURES)
    ]  # fmt: skip
    items = [{"key": key, "walkthrough": "w0"} for key in data.CHECKLIST_ITEMS]
    checklist = content.publish(
        app, ws.id, apps[0], "checklist", "onboarding", {"name": "Onboarding", "items": items}
    )
    token = add_member(app, ws.id, "analyst")
    close_connections(app)
    return data.Catalogue(ws.id, apps, walkthroughs, features, checklist), token


def _median(samples: list[float]) -> float:
    return statistics.median(samples)


def _runs(args, warm_direct_s: float) -> int:
    """At least ``--runs``; more for fast reports (about 1.5 s of SQL), whose medians the
    noise of a shared machine moves most."""
    return max(args.runs, min(5 * args.runs, math.ceil(1.5 / max(warm_direct_s, 0.001))))


def measure(args, server, catalogue, api_url: str | None, token: str | None, database: str):
    backend = ServerBackend(host="127.0.0.1", port=server.tcp_port, database=database)
    client = Client(
        host="127.0.0.1", port=server.tcp_port, database=database, settings={"log_queries": 1}
    )
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {token}"
    results = {}
    mismatches = []

    def run_direct(statements, query_ids=None) -> float:
        """Wall seconds of ``statements``; their query ids are appended to ``query_ids``."""
        ids = [uuid.uuid4().hex for _ in statements]
        began = time.perf_counter()
        for sql, query_id in zip(statements, ids, strict=True):
            client.execute(sql, query_id=query_id)
        spent = time.perf_counter() - began
        if query_ids is not None:
            query_ids.append(ids)
        return spent

    def run_api(url, query, expected) -> float:
        for _attempt in range(3):
            began = time.perf_counter()
            response = session.get(url, params=query, timeout=120)
            spent = time.perf_counter() - began
            response.raise_for_status()
            rows = response.json()["rows"]
            if len(rows) == len(expected):
                return spent
            # Say what differs, so that a mismatch is explained rather than only seen; it is
            # counted in the JSON line, and the request asked again.
            mismatches.append(f"{url.rsplit('/reports/', 1)[1]} {query}: {len(rows)} rows")
            print(
                f"MISMATCH {url} {query}: the API gave {len(rows)} rows, direct SQL "
                f"{len(expected)}; first API rows {rows[:3]}, first direct rows {expected[:3]}",
                flush=True,
            )
        raise SystemExit("the API and direct SQL differ three times in a row")

    try:
        for report in report_list(catalogue):
            recorder = Recorder(backend)
            expected = report.direct(recorder)
            url = f"{api_url}/api/v1/workspaces/{catalogue.workspace_id}/reports/{report.path}"
            query = {**RANGE, **report.query}
            raw_statements = []
            # Timed against raw events where the rollup served it (not with a breakdown).
            if report.reads_rollup and any(ROLLUP in sql for sql in recorder.statements):
                raw_recorder = Recorder(backend)
                with raw_reads():
                    if report.direct(raw_recorder) != expected:
                        raise SystemExit(f"{report.name}: the rollups and raw events differ")
                raw_statements = raw_recorder.statements
            for _warm_up in range(2):  # caches, connections, the API's attribute checks
                warm = run_direct(recorder.statements)
                if api_url:
                    run_api(url, query, expected)
                if raw_statements:
                    run_direct(raw_statements)
            direct, api, raw = [], [], []
            direct_ids, raw_ids = [], []
            for _ in range(_runs(args, warm)):  # alternate, so all see the same noise
                direct.append(run_direct(recorder.statements, direct_ids))
                if api_url:
                    api.append(run_api(url, query, expected))
                if raw_statements:
                    raw.append(run_direct(raw_statements, raw_ids))
            figures = _figures(report, direct, api, raw, len(expected))
            figures["cpu_ms"] = _cpu_ms(client, direct_ids)
            if raw_ids:
                figures["raw_cpu_ms"] = _cpu_ms(client, raw_ids)
            print(f"{'':40s} server cpu {figures['cpu_ms']:8.1f} ms", flush=True)
            results[report.name] = figures
    finally:
        session.close()
        client.disconnect()
        backend.close()
    return results, mismatches


def _cpu_ms(client: Client, runs: list[list[str]]) -> float:
    """The median over ``runs`` (each a list of query ids) of the server CPU they took."""
    client.execute("SYSTEM FLUSH LOGS")
    spent = dict(
        client.execute(
            "SELECT query_id, ProfileEvents.Values[indexOf(ProfileEvents.Names, "
            "'UserTimeMicroseconds')] + ProfileEvents.Values[indexOf(ProfileEvents.Names, "
            "'SystemTimeMicroseconds')] FROM system.query_log "
            "WHERE type = 2 AND has(%(ids)s, query_id)",
            {"ids": [query_id for ids in runs for query_id in ids]},
        )
    )
    return round(_median([sum(spent.get(i, 0) for i in ids) / 1000 for ids in runs]), 1)


def _figures(report: Report, direct: list, api: list, raw: list, rows: int) -> dict:
    d = _median(direct)
    figures = {"direct_ms": round(d * 1000, 1), "rows": rows}
    line = f"{report.name:40s} direct {d * 1000:8.1f} ms"
    if api:
        a = _median(api)
        ratio = 1.0 if a - d <= SLACK_S else a / d
        figures |= {"api_ms": round(a * 1000, 1), "ratio": round(ratio, 3)}
        line += f"   api {a * 1000:8.1f} ms   ratio {ratio:5.2f}"
    if raw:
        r = _median(raw)
        figures |= {"raw_ms": round(r * 1000, 1), "speedup": round(r / d, 2)}
        line += f"   raw {r * 1000:8.1f} ms   speedup {r / d:5.1f}x"
    print(f"{line}   ({rows} rows)", flush=True)
    return figures


def _seconds(figures: dict) -> float:
    """The report's time as the analyst sees it: through the API, else direct."""
    return figures.get("api_ms", figures["direct_ms"]) / 1000


def run_size(args, server, base: Path, catalogue, token, events: int) -> dict:
    """Load ``events`` into a database of its own, serve it, and time every report."""
    # A new name per size: never a database dropped and recreated under a running view.
    database = f"{DATABASE}_{events}"
    backend = ServerBackend(host="127.0.0.1", port=server.tcp_port, database=database)
    backend.create_database()
    migrate.upgrade(backend)
    load_average = [round(os.getloadavg()[0], 1)]
    print(f"loading {events:,} events into ClickHouse {server.version}", flush=True)
    began = time.perf_counter()
    stored = data.load(backend, catalogue, events, shape=args.shape, people=args.people)
    load_s = time.perf_counter() - began
    print(f"loaded {stored:,} rows in {load_s:.0f}s", flush=True)
    backend.close()
    live = None
    try:
        api_url = None
        if not args.no_api:
            from tests.support.live import LiveServer

            # No retention run inside the server: the events are dated 2024, past the
            # workspace's 395 days, and its deletes would rewrite every part (and empty
            # the reports) while the bench measures.
            live = LiveServer(
                {
                    "TRAILGUIDE_CLICKHOUSE_URL": server.url(database),
                    "TRAILGUIDE_DEMO": "0",
                    "TRAILGUIDE_RETENTION_INTERVAL": "0",
                },
                data_dir=base / "app",
                workers=2,
            ).start()
            api_url = live.url
        load_average.append(round(os.getloadavg()[0], 1))
        results, mismatches = measure(args, server, catalogue, api_url, token, database)
        load_average.append(round(os.getloadavg()[0], 1))
    finally:
        if live is not None:
            live.stop()
    backend = ServerBackend(host="127.0.0.1", port=server.tcp_port, database=database)
    backend.drop_database()  # 10M events take about 1.5 GB
    backend.close()
    print(f"load average (1 min) before the load, before and after timing: {load_average}")
    return {"events": events, "rows_stored": stored, "load_s": round(load_s, 1),
            "load_average": load_average, "reports": results,
            "api_mismatches": mismatches}  # fmt: skip


def summarize(args, sizes: list[dict]) -> dict:
    """The JSON line: the largest size in full, and each report's growth from the smallest."""
    small, large = sizes[0]["reports"], sizes[-1]["reports"]
    results = large
    growth = {
        name: round(_seconds(figures) / _seconds(small[name]), 2)
        for name, figures in results.items()
    }
    speedups = [f["speedup"] for f in results.values() if "speedup" in f]
    summary = {
        "bench": "reports",
        "events": sizes[-1]["events"],
        "rows_stored": sizes[-1]["rows_stored"],
        "load_s": sizes[-1]["load_s"],
        "load_average": sizes[-1]["load_average"],
        "max_report_cpu_s": round(max(f["cpu_ms"] for f in results.values()) / 1000, 3),
        "runs": args.runs,
        "shape": args.shape,
        "people": args.people or data.SHAPES[args.shape],
        "max_report_s": round(max(_seconds(f) for f in results.values()), 3),
        "min_rollup_speedup": min(speedups) if speedups else None,
        "funnel_30_steps_s": round(_seconds(results["funnel_30_steps"]), 3),
        "funnel_30_steps_direct_s": round(results["funnel_30_steps"]["direct_ms"] / 1000, 3),
        "api_mismatches": [m for size in sizes for m in size["api_mismatches"]],
        "growth_from_events": sizes[0]["events"],
        "growth": growth,
        "reports": results,
        "smaller": {str(size["events"]): size["reports"] for size in sizes[:-1]},
    }
    if not args.no_api:
        summary["ratio"] = max(r["ratio"] for r in results.values())
    return summary


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--events",
        default=f"{data.TOTAL // 10},{data.TOTAL}",
        help="comma-separated event counts, smallest first (growth is largest ÷ smallest)",
    )
    parser.add_argument("--runs", type=int, default=9, help="timed runs per report (median)")
    parser.add_argument(
        "--shape",
        choices=sorted(data.SHAPES),
        default="working",
        help="working: 5,000 people, ~30 events a working day in sessions; "
        "sparse: 100,000 people, events at independent random times",
    )
    parser.add_argument("--people", type=int, default=0, help="distinct people (0: the shape's)")
    parser.add_argument("--no-api", action="store_true", help="time the direct SQL only")
    args = parser.parse_args(argv)
    counts = sorted(int(n) for n in args.events.split(","))
    base = Path(tempfile.mkdtemp(prefix="tg-bench-reports-"))
    server = ClickHouseServer(base / "clickhouse").start()
    sizes = []
    try:
        if args.no_api:
            catalogue, token = data.Catalogue(1, [1, 2, 3, 4, 5], list(range(1, 21)),
                                              list(range(101, 141)), 500), None  # fmt: skip
        else:
            catalogue, token = authoring(base / "app")
        for events in counts:
            sizes.append(run_size(args, server, base, catalogue, token, events))
    finally:
        server.stop()
        shutil.rmtree(base, ignore_errors=True)  # 10M events take about 1.5 GB
    summary = summarize(args, sizes)
    print(f"growth from {counts[0]:,} to {counts[-1]:,} events: "
          + ", ".join(f"{name} {g}x" for name, g in summary["growth"].items()))  # fmt: skip
    print(f"max_report_s {summary['max_report_s']}")
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
