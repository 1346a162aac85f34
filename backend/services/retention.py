"""Applying each workspace's retention period, on demand and daily inside the server."""

from __future__ import annotations

import fcntl
import logging
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from analytics.retention import apply_retention
from backend.extensions import db
from backend.models import Workspace
from backend.warehouse import get_backend

if TYPE_CHECKING:
    from flask import Flask

log = logging.getLogger(__name__)

STAMP = "retention.last"
LOCK = "retention.lock"


def run() -> dict[int, tuple[int, int]]:
    """Delete events older than each workspace's retention: {workspace: (days, deleted)}."""
    policies = dict(db.session.execute(select(Workspace.id, Workspace.retention_days)).all())
    deleted = apply_retention(get_backend(), policies)
    return {ws: (policies[ws], count) for ws, count in deleted.items()}


class DailyRetention:
    """Runs :func:`run` every ``interval`` seconds in one worker per data directory.

    A stamp file records the last run and a lock file elects the worker, so
    several workers (or a restart) never run it twice within an interval.
    """

    def __init__(self, app: Flask, data_dir: Path, interval: float, check_every: float = 300.0):
        self.app = app
        self.data_dir = data_dir
        self.interval = interval
        self.check_every = min(check_every, interval)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="trailguide-retention", daemon=True)

    def start(self) -> DailyRetention:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()

    def due(self) -> bool:
        """Whether the last run (any worker's) is older than the interval."""
        try:
            last = (self.data_dir / STAMP).stat().st_mtime
        except FileNotFoundError:
            return True
        return time.time() - last >= self.interval

    def run_once(self) -> bool:
        """Run if due and no other worker is running it; True when it ran."""
        with (self.data_dir / LOCK).open("a") as fh:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return False
            if not self.due():
                return False
            with self.app.app_context():
                result = run()
            (self.data_dir / STAMP).touch()
            deleted = sum(count for _, count in result.values())
            log.info("retention applied", extra={"workspaces": len(result), "deleted": deleted})
            return True

    def _loop(self) -> None:
        while not self._stop.wait(self.check_every):
            try:
                self.run_once()
            except Exception:  # the server must outlive a failed run; the next check retries
                log.exception("retention run failed")
