"""Schedules run inside the server: alert checks, the weekly digest, mail and webhook delivery,
pending erasures.

Every process of every host may run a :class:`Scheduler`; a lease row per schedule in
the authoring database (``backend.services.notify.leases``) lets exactly one of them
run each due schedule. The clock and the sleep are injectable, so tests drive a
week in one call and retries without waiting.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from flask import Flask, current_app

from analytics.backends import AnalyticsError
from backend.commands import transaction
from backend.config import Settings
from backend.models.types import utcnow
from backend.notify_config import NotifyConfig
from backend.services import erasure
from backend.services.notify import alerts, digest, housekeeping, leases, mail, webhooks

log = logging.getLogger(__name__)

EXTENSION_KEY = "trailguide.scheduler"
# A run longer than this is taken for dead and its schedule may be claimed again.
LEASE = timedelta(minutes=10)
DIGEST_HOUR = 6  # Monday, UTC


@dataclass(frozen=True)
class Schedule:
    name: str
    run: Callable[[Scheduler, datetime], None]
    next_due: Callable[[NotifyConfig, datetime], datetime]


def _next_monday(_config: NotifyConfig, now: datetime) -> datetime:
    monday = (now - timedelta(days=now.weekday())).date()
    due = datetime(monday.year, monday.month, monday.day, DIGEST_HOUR, tzinfo=UTC)
    return due if due > now else due + timedelta(days=7)


def _check_alerts(scheduler: Scheduler, now: datetime) -> None:
    with transaction():
        rule_ids = alerts.enabled_rules()
    for rule_id in rule_ids:
        try:
            with transaction():
                alerts.evaluate(rule_id, now, scheduler.settings.public_url)
        except Exception:  # one rule's failure (a report outage) must not stop the others
            log.exception("alert rule check failed", extra={"rule_id": rule_id})


def _send_digests(scheduler: Scheduler, now: datetime) -> None:
    with transaction():
        digest.send_due(now, scheduler.settings.public_url, scheduler.settings.secret_key)


def _deliver(scheduler: Scheduler, now: datetime) -> None:
    with transaction():
        waiting = mail.pending()
    for mail_id in waiting:
        with transaction():
            mail.send(scheduler.config.smtp, mail_id, scheduler.clock())
    with transaction():
        endpoints = webhooks.pending_endpoints()
    for endpoint_id in endpoints:
        with transaction():
            webhooks.deliver(endpoint_id, scheduler.delivery())
    with transaction():
        housekeeping.prune(now)


def _finish_erasures(_scheduler: Scheduler, now: datetime) -> None:
    try:
        with transaction():
            erasure.finish_pending(now)
    except AnalyticsError as exc:  # ClickHouse away: the next run tries again
        log.warning("pending erasures wait for ClickHouse", extra={"reason": str(exc)[:300]})


# In order: a tick that finds alerts delivers them in the same tick.
SCHEDULES: tuple[Schedule, ...] = (
    Schedule("alerts", _check_alerts, lambda c, now: now + timedelta(seconds=c.alerts_interval)),
    Schedule("digest", _send_digests, _next_monday),
    Schedule("deliver", _deliver, lambda c, now: now + timedelta(seconds=c.delivery_interval)),
    Schedule(
        "erasures", _finish_erasures, lambda c, now: now + timedelta(seconds=c.delivery_interval)
    ),
)


class Scheduler:
    """Runs the due schedules this process wins, every ``config.scheduler_tick`` seconds."""

    def __init__(
        self,
        app: Flask,
        config: NotifyConfig,
        clock: Callable[[], datetime] = utcnow,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.app = app
        self.config = config
        self.settings: Settings = app.config["TRAILGUIDE_SETTINGS"]
        self.clock = clock
        self.sleep = sleep
        self.holder = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def delivery(self) -> webhooks.Delivery:
        return webhooks.Delivery(
            secret_key=self.settings.secret_key,
            allow_private=self.config.allow_private_webhooks,
            attempts=self.config.webhook_attempts,
            backoff=self.config.webhook_backoff,
            clock=self.clock,
            sleep=self.sleep,
        )

    def tick(self) -> list[str]:
        """Run every schedule that is due and that this process wins; their names."""
        ran = []
        with self.app.app_context():
            for schedule in SCHEDULES:
                now = self.clock()
                with transaction():
                    won = leases.claim(schedule.name, self.holder, now, LEASE)
                if not won:
                    continue
                try:
                    schedule.run(self, now)
                except Exception:
                    log.exception("schedule failed", extra={"schedule": schedule.name})
                    with transaction():
                        leases.release(schedule.name, self.holder)
                    continue
                with transaction():
                    leases.finish(
                        schedule.name,
                        self.holder,
                        self.clock(),
                        schedule.next_due(self.config, now),
                    )
                ran.append(schedule.name)
        return ran

    def start(self) -> Scheduler:
        self._thread = threading.Thread(target=self._loop, name="trailguide-scheduler", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=30)

    def _loop(self) -> None:
        while not self._stop.wait(self.config.scheduler_tick):
            try:
                self.tick()
            except Exception:  # the server outlives a broken tick (a database blip)
                log.exception("scheduler tick failed")


def init_app(app: Flask, env: dict[str, str]) -> Scheduler:
    """Make this process's scheduler; it runs on its own only outside tests."""
    config = NotifyConfig.from_env(env)
    scheduler = Scheduler(app, config)
    app.extensions[EXTENSION_KEY] = scheduler
    if config.scheduler and not app.testing:
        scheduler.start()
    return scheduler


def current() -> Scheduler:
    return current_app.extensions[EXTENSION_KEY]
