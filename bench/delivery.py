"""Delivery: content requests/s against /healthz requests/s on the same server, same run.

A workspace with 50 applications, 1,000 published walkthroughs (10 steps each),
10,000 people and 8 saved segments that a fifth of the walkthroughs target; a tenth
of the walkthroughs have a newer version under test (20 named testers, and for half
of them a segment's people too), served the way production does it (gunicorn, 2 workers,
PostgreSQL, a ClickHouse server). 16 keep-alive connections (wrk) ask for
realistic pages and people, half of them revalidating with If-None-Match.
Rounds alternate healthz and content; medians are reported.

Ends with one JSON line: {"ratio": content/healthz throughput, "p99_ms": ...}.
Goal: ratio >= 0.5 and p99 <= 20 ms on the 2-core machine.
"""

from __future__ import annotations

import json
import random
import statistics
import tempfile
import time
from pathlib import Path

import requests

from bench import _wrk
from tests.support.clickhouse import ClickHouseServer
from tests.support.live import LiveServer
from tests.support.postgres import PostgresServer

APPS, WALKTHROUGHS_PER_APP, STEPS, PEOPLE = 50, 20, 10, 10_000
DEPARTMENTS = ["Sales", "Support", "Finance", "Engineering", "Marketing", "HR", "Legal", "Ops"]
ROLES = ["ae", "sdr", "manager", "agent", "analyst", "admin"]
LOCALES = ["en", "de", "fr", "en-GB"]
SECONDS, CONNECTIONS, ROUNDS = 10, 16, 3


TESTERS_PER_RELEASE = 20


def _segment_key(department: str) -> str:
    return f"dept-{department.lower()}"


def _audience(rng: random.Random) -> dict:
    choice = rng.random()
    if choice < 0.3:
        return {"match": "all", "rules": []}
    if choice < 0.5:
        return {
            "match": "all",
            "rules": [{"attribute": "department", "op": "in", "value": rng.sample(DEPARTMENTS, 3)}],
        }
    if choice < 0.7:
        # Saved segments, alone or with a rule of the item's own.
        return {
            "match": "any",
            "rules": [
                {"segment": _segment_key(rng.choice(DEPARTMENTS))},
                {"attribute": "role", "op": "eq", "value": rng.choice(ROLES)},
            ],
        }
    return {
        "match": "any",
        "rules": [
            {"attribute": "role", "op": "eq", "value": rng.choice(ROLES)},
            {"attribute": "locale", "op": "starts_with", "value": "de"},
        ],
    }


def _walkthrough(rng: random.Random, app: int, n: int) -> dict:
    steps = [
        {
            "key": f"step-{s}",
            "kind": "tooltip",
            "title": f"Step {s} of tour {n}",
            "body": f"<p>Do the <strong>thing</strong> number {s}.</p>",
            "target": {
                "alternatives": [
                    {"by": "testid", "value": f"control-{s}"},
                    {"by": "text", "value": f"Control {s}"},
                ]
            },
            "advance": "next_button",
            "url": f"https://app{app}.example.test/area{n % 3}/*",
        }
        for s in range(STEPS)
    ]
    if n % 4 == 0:
        # A quarter of the tours end on another page of the app (multi-page flows).
        steps[-1]["url"] = f"https://app{app}.example.test/area{(n + 1) % 3}/*"
    return {
        "name": f"Tour {n}",
        "description": "A realistic ten-step tour.",
        "steps": steps,
        "url": f"https://app{app}.example.test/area{n % 3}/*",
        "audience": _audience(rng),
        "frequency": rng.choice(["always", "until_completed"]),
        "translations": {"de": {"name": f"Rundgang {n}"}},
    }


def seed(data_dir: Path, database_url: str) -> str:
    """Fill the authoring database; returns the client key."""
    from backend import close_connections, create_app
    from backend.extensions import db
    from backend.models import (
        Application,
        ContentItem,
        ContentVersion,
        Person,
        Segment,
    )
    from backend.services import accounts
    from walkthroughs.schemas import load_document

    rng = random.Random(7)
    app = create_app(
        {
            "TRAILGUIDE_DATA_DIR": str(data_dir),
            "TRAILGUIDE_DATABASE_URL": database_url,
            "WITHOUT_ANALYTICS": True,
            "TRAILGUIDE_LOG_LEVEL": "WARNING",
        }
    )
    with app.app_context():
        made = accounts.create_workspace_with_owner(
            "bench@example.test", "bench password!", "Bench"
        )
        ws = made.workspace.id
        db.session.add_all(
            Segment(
                workspace_id=ws,
                key=_segment_key(department),
                name=department,
                audience={
                    "match": "all",
                    "rules": [{"attribute": "department", "op": "eq", "value": department}],
                },
            )
            for department in DEPARTMENTS
        )
        for a in range(APPS):
            application = Application(
                workspace_id=ws,
                key=f"app-{a}",
                name=f"App {a}",
                url_patterns=[f"https://app{a}.example.test/*"],
            )
            db.session.add(application)
            db.session.flush()
            for w in range(WALKTHROUGHS_PER_APP):
                n = a * WALKTHROUGHS_PER_APP + w
                doc = load_document("walkthrough", _walkthrough(rng, a, n))
                item = ContentItem(
                    workspace_id=ws,
                    application_id=application.id,
                    type="walkthrough",
                    key=f"tour-{n}",
                    draft=doc,
                    status="published",
                    published_version=1,
                    latest_version=1,
                )
                db.session.add(item)
                db.session.flush()
                db.session.add(ContentVersion(item_id=item.id, version=1, document=doc))
                if n % 10 == 0:
                    _under_test(rng, ws, item, doc)
        db.session.add_all(
            Person(
                workspace_id=ws,
                external_id=f"user{p}@example.test",
                attributes={
                    "department": rng.choice(DEPARTMENTS),
                    "role": rng.choice(ROLES),
                    "locale": rng.choice(LOCALES),
                },
            )
            for p in range(PEOPLE)
        )
        db.session.commit()
    close_connections(app)
    return made.client_key


def _under_test(rng: random.Random, ws: int, item, doc: dict) -> None:
    """Version 2 of ``item`` under test: named testers, and for half a segment's people."""
    from backend.extensions import db
    from backend.models import ContentVersion, TestRelease

    tested = {**doc, "name": f"{doc['name']} (reworked)"}
    item.latest_version = 2
    db.session.add(ContentVersion(item_id=item.id, version=2, document=tested))
    testers = [f"user{rng.randrange(PEOPLE)}@example.test" for _ in range(TESTERS_PER_RELEASE)]
    segment = _segment_key(rng.choice(DEPARTMENTS)) if rng.random() < 0.5 else None
    db.session.add(
        TestRelease(workspace_id=ws, item_id=item.id, version=2, testers=testers, segment=segment)
    )


def request_mix(base: str, client_key: str, count: int = 2000) -> list[tuple[str, str, str]]:
    """Realistic (path, user, etag) entries, each fetched once for a current ETag."""
    rng = random.Random(11)
    entries = []
    with requests.Session() as http:
        for _ in range(count):
            app = rng.randrange(APPS)
            url = (
                f"https://app{app}.example.test/area{rng.randrange(3)}/records/{rng.randrange(999)}"
            )
            user = f"user{rng.randrange(PEOPLE + PEOPLE // 10)}@example.test"  # some unknown
            path = "/api/v1/client/content?" + requests.compat.urlencode({"url": url})
            response = http.get(
                base + path,
                headers={"X-Trailguide-Key": client_key, "X-Trailguide-User": user},
                timeout=10,
            )
            response.raise_for_status()
            entries.append((path, user, response.headers["ETag"]))
    return entries


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="tg-bench-delivery-"))
    clickhouse = ClickHouseServer(work / "clickhouse").start()
    postgres = PostgresServer().start()
    server = None
    try:
        database_url = postgres.create_database("bench")
        started = time.perf_counter()
        client_key = seed(work / "data", database_url)
        print(
            f"seeded {APPS} apps, {APPS * WALKTHROUGHS_PER_APP} walkthroughs x {STEPS} steps, "
            f"{PEOPLE} people in {time.perf_counter() - started:.1f} s"
        )
        server = LiveServer(
            {
                "TRAILGUIDE_DATABASE_URL": database_url,
                "TRAILGUIDE_CLICKHOUSE_URL": clickhouse.url("bench"),
                "TRAILGUIDE_LOG_LEVEL": "WARNING",
            },
            data_dir=work / "data",
            workers=2,
        ).start()
        entries = request_mix(server.url, client_key)
        headers = {"X-Trailguide-Key": client_key}
        sizes = [
            len(
                requests.get(
                    server.url + p, headers={**headers, "X-Trailguide-User": u}, timeout=10
                ).content
            )
            for p, u, _e in entries[:50]
        ]
        print(f"answers: median {statistics.median(sizes) / 1024:.1f} KB")
        _wrk.run(server.url, entries, 3, CONNECTIONS, client_key=client_key, revalidate=0.5)
        health, content = [], []
        for _ in range(ROUNDS):
            health.append(_wrk.run(server.url, [("/healthz", "", "")], SECONDS, CONNECTIONS))
            content.append(
                _wrk.run(
                    server.url, entries, SECONDS, CONNECTIONS, client_key=client_key, revalidate=0.5
                )
            )
        for name, runs in (("healthz", health), ("content", content)):
            for r in runs:
                print(
                    f"  {name:8s} {r.rps:8.0f} req/s  p50 {r.p50_ms:6.2f} ms  "
                    f"p99 {r.p99_ms:6.2f} ms  statuses {r.statuses}  errors {r.errors}"
                )
        health_rps = statistics.median(r.rps for r in health)
        content_rps = statistics.median(r.rps for r in content)
        p50 = statistics.median(r.p50_ms for r in content)
        p99 = statistics.median(r.p99_ms for r in content)
        total = sum(sum(r.statuses.values()) for r in content)
        not_modified = sum(r.statuses.get("304", 0) for r in content) / max(total, 1)
        bad = sum(r.errors for r in content) + sum(
            n for r in content for code, n in r.statuses.items() if code not in ("200", "304")
        )
        ratio = content_rps / health_rps
        print(
            f"healthz {health_rps:.0f} req/s; content {content_rps:.0f} req/s "
            f"(p50 {p50:.2f} ms, p99 {p99:.2f} ms, 304 rate {not_modified:.0%}, "
            f"failures {bad}); ratio {ratio:.2f} (goal >= 0.5), p99 goal <= 20 ms"
        )
        print(
            json.dumps(
                {
                    "bench": "delivery",
                    "ratio": round(ratio, 3),
                    "p99_ms": round(p99, 2),
                    "p50_ms": round(p50, 2),
                    "content_rps": round(content_rps),
                    "healthz_rps": round(health_rps),
                    "not_modified_rate": round(not_modified, 3),
                    "failures": bad,
                }
            )
        )
    finally:
        if server is not None:
            server.stop()
        postgres.stop()
        clickhouse.stop()


if __name__ == "__main__":
    main()
