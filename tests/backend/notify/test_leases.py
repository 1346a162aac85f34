"""Schedule leases on SQLite and PostgreSQL: one claimant wins a due schedule, even
when many claim at the same moment."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest

from backend.services.notify import leases
from tests.backend.notify.conftest import in_command

NOW = datetime(2026, 11, 25, 12, tzinfo=UTC)
LEASE = timedelta(minutes=10)


@pytest.fixture(params=["sqlite", "postgres"])
def authoring_database(request):
    return request.param


def _claim(app, holder: str, now: datetime = NOW) -> bool:
    return in_command(app, lambda: leases.claim("job", holder, now, LEASE))


def test_a_held_lease_refuses_a_second_claimant(app):
    assert _claim(app, "a")
    assert not _claim(app, "b")


def test_a_finished_run_is_not_due_again_before_its_next_time(app):
    assert _claim(app, "a")
    assert in_command(app, lambda: leases.finish("job", "a", NOW, NOW + timedelta(minutes=5)))
    assert not _claim(app, "b", NOW + timedelta(minutes=4))
    assert _claim(app, "b", NOW + timedelta(minutes=5))
    assert in_command(app, lambda: leases.runs("job")) == 1


def test_the_lease_of_a_dead_holder_expires(app):
    assert _claim(app, "dead")
    assert _claim(app, "b", NOW + LEASE + timedelta(seconds=1))
    assert not in_command(app, lambda: leases.finish("job", "dead", NOW, NOW))


def test_of_many_simultaneous_claimants_exactly_one_wins(app):
    start = threading.Barrier(8)
    won: list[str] = []

    def claimant(name: str) -> None:
        start.wait()
        if _claim(app, name):
            won.append(name)

    threads = [threading.Thread(target=claimant, args=(f"h{n}",)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(won) == 1
