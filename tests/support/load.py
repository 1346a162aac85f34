"""Sending events to a live server the way the extension does: resend until acknowledged."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import requests

from tests.support.events import make_event
from tests.support.factories import create_workspace

RETRY_STATUSES = {429, 500, 502, 503, 504}


def workspace_for_live_server(data_dir: Path, database_url: str | None = None):
    """A workspace (and client key) in the authoring database a live server will use."""
    from backend import close_connections, create_app

    config = {"TRAILGUIDE_DATA_DIR": str(data_dir), "WITHOUT_ANALYTICS": True}
    if database_url:
        config["TRAILGUIDE_DATABASE_URL"] = database_url
    app = create_app(config)
    try:
        return create_workspace(app)
    finally:
        close_connections(app)


class Sender:
    """Threads that POST batches, each until a 2xx, then once more (a duplicate resend).

    ``acknowledged`` holds every event id some 2xx answer covered.
    """

    def __init__(
        self, url: str, client_key: str, batch_size: int = 50, threads: int = 4, people: int = 1
    ):
        self.url = f"{url}/api/v1/client/events"
        self.headers = {"X-Trailguide-Key": client_key, "Content-Type": "application/json"}
        self.batch_size = batch_size
        self.threads = threads
        # More than one person spreads the events over a cluster's shards.
        self.people = people
        self.acknowledged: set[str] = set()
        self.requests = 0
        self.retries = 0
        self._lock = threading.Lock()
        self._stopped = threading.Event()

    def batch(self) -> bytes:
        kinds = ["page_viewed", "step_shown", "step_completed", "feature_used", "tip_shown"]
        events = [
            make_event(kinds[i % len(kinds)], seq=i, **self._person(i))
            for i in range(self.batch_size)
        ]
        return json.dumps({"events": events, "extension_version": "test"}).encode()

    def _person(self, i: int) -> dict:
        return {"user_id": f"person-{i % self.people}@example.test"} if self.people > 1 else {}

    def _send_until_acknowledged(self, session: requests.Session, body: bytes, deadline: float):
        while time.monotonic() < deadline:
            try:
                response = session.post(self.url, data=body, headers=self.headers, timeout=10)
            except requests.RequestException:
                response = None
            with self._lock:
                self.requests += 1
            if response is not None and response.status_code == 200:
                return response.json()
            if response is not None and response.status_code not in RETRY_STATUSES:
                raise AssertionError(f"unexpected {response.status_code}: {response.text[:300]}")
            with self._lock:
                self.retries += 1
            time.sleep(0.1)
        raise TimeoutError("a batch was never acknowledged")

    def send(self, batches: int, timeout: float = 180) -> None:
        """Send up to ``batches`` batches over the threads, each twice, until :meth:`stop`."""
        deadline = time.monotonic() + timeout
        remaining = [batches]
        errors: list[BaseException] = []

        def take() -> bool:
            with self._lock:
                if remaining[0] <= 0 or self._stopped.is_set():
                    return False
                remaining[0] -= 1
                return True

        def work():
            with requests.Session() as session:
                try:
                    while take():
                        body = self.batch()
                        ids = [e["event_id"] for e in json.loads(body)["events"]]
                        answer = self._send_until_acknowledged(session, body, deadline)
                        assert answer["accepted"] == len(ids), answer
                        with self._lock:
                            self.acknowledged.update(ids)
                        # The resend: a retry after a lost answer looks exactly like this.
                        self._send_until_acknowledged(session, body, deadline)
                except BaseException as exc:  # reported by the caller
                    errors.append(exc)

        workers = [threading.Thread(target=work) for _ in range(self.threads)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        if errors:
            raise errors[0]

    def start(self, batches: int = 100_000, timeout: float = 180) -> threading.Thread:
        """:meth:`send` in the background; :meth:`stop`, join the thread, then check ``error``."""
        self.error = None

        def run():
            try:
                self.send(batches, timeout)
            except BaseException as exc:
                self.error = exc

        thread = threading.Thread(target=run)
        thread.start()
        return thread

    def stop(self) -> None:
        """Let each thread finish its batch (and its resend), then end."""
        self._stopped.set()
