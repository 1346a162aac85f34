"""The fsynced spool: durability, group commit, torn records, size limit, adoption."""

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from analytics import spool as spool_module
from analytics.spool import HEADER, LOCK_NAME, Spool, SpoolFull, read_payloads


@pytest.fixture
def spool(tmp_path):
    made = Spool(tmp_path / "spool", max_bytes=1 << 20)
    yield made
    made.close()


def test_appended_records_read_back_in_order(spool):
    spool.append(b"one", [1])
    spool.append(b"two", [2, 3])
    segment = spool.seal()
    assert spool.load(segment) == [b"one", b"two"]
    assert (segment.count, segment.items) == (3, [1, 2, 3])


def test_seal_of_an_empty_spool_returns_nothing(spool):
    assert spool.seal() is None


def test_discard_deletes_the_segment_and_frees_its_bytes(spool):
    spool.append(b"x" * 100, [1])
    segment = spool.seal()
    assert spool.nbytes == 100 + HEADER.size
    spool.discard(segment)
    assert not segment.path.exists()
    assert spool.nbytes == 0


def test_a_torn_last_record_is_ignored_and_earlier_ones_kept(spool):
    spool.append(b"kept-1", [1])
    spool.append(b"kept-2", [2])
    segment = spool.seal()
    whole = HEADER.pack(1000, 0) + b"partial payload"  # a crash mid-write
    with segment.path.open("ab") as fh:
        fh.write(whole)
    payloads, torn = read_payloads(segment.path)
    assert payloads == [b"kept-1", b"kept-2"]
    assert torn == len(whole)


def test_a_record_with_a_bad_checksum_ends_the_replay(spool):
    spool.append(b"good", [1])
    spool.append(b"flipped", [2])
    segment = spool.seal()
    data = bytearray(segment.path.read_bytes())
    data[-1] ^= 0xFF
    segment.path.write_bytes(bytes(data))
    assert read_payloads(segment.path) == ([b"good"], HEADER.size + len(b"flipped"))


def test_a_full_spool_refuses_and_writes_nothing(tmp_path):
    small = Spool(tmp_path / "spool", max_bytes=100)
    try:
        small.append(b"a" * 50, [1])
        with pytest.raises(SpoolFull) as refused:
            small.append(b"b" * 50, [2])
        assert refused.value.retry_after > 0
        assert small.load(small.seal()) == [b"a" * 50]
    finally:
        small.close()


def test_append_returns_only_after_an_fsync_covered_it(spool, monkeypatch):
    synced_sizes = []

    def recording_fdatasync(fd):
        synced_sizes.append(os.fstat(fd).st_size)

    monkeypatch.setattr(spool_module.os, "fdatasync", recording_fdatasync)
    spool.append(b"payload", [1])
    assert synced_sizes == [HEADER.size + len(b"payload")]


def test_one_fsync_serves_many_concurrent_appends(spool, monkeypatch):
    """Group commit: 40 threads appending at once need far fewer than 40 fsyncs."""
    real = os.fdatasync

    def slow_fdatasync(fd):
        time.sleep(0.05)  # a slow disk, so appends pile up behind one fsync
        real(fd)

    monkeypatch.setattr(spool_module.os, "fdatasync", slow_fdatasync)
    start = threading.Barrier(40)

    def append(i):
        start.wait()
        spool.append(f"record-{i}".encode(), [i])

    threads = [threading.Thread(target=append, args=(i,)) for i in range(40)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    segment = spool.seal()
    assert sorted(segment.items) == list(range(40))
    assert len(spool.load(segment)) == 40
    print(f"40 concurrent appends, {spool.fsyncs} fsyncs")
    assert spool.fsyncs < 10


def test_a_live_spool_is_not_adopted(tmp_path):
    root = tmp_path / "spool"
    alive, other = Spool(root, 1 << 20), Spool(root, 1 << 20)
    try:
        alive.append(b"mine", [1])
        assert other.adopt() == []
    finally:
        alive.close()
        other.close()


_DIE_AFTER_APPEND = """
import os, signal, sys
from pathlib import Path
from analytics.spool import Spool
spool = Spool(Path(sys.argv[1]), 1 << 20)
spool.append(b"acknowledged-1", [1])
spool.append(b"acknowledged-2", [2])
print(spool.dir, flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


def _spool_of_a_killed_process(root: Path) -> Path:
    done = subprocess.run(
        [sys.executable, "-c", _DIE_AFTER_APPEND, str(root)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).parents[2],
        check=False,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr
    return Path(done.stdout.strip())


def test_the_spool_of_a_killed_process_is_adopted_once(tmp_path):
    root = tmp_path / "spool"
    dead_dir = _spool_of_a_killed_process(root)
    assert (dead_dir / LOCK_NAME).exists()
    first, second = Spool(root, 1 << 20), Spool(root, 1 << 20)
    try:
        adopted = first.adopt()
        assert second.adopt() == []
        assert [p for s in adopted for p in first.load(s)] == [b"acknowledged-1", b"acknowledged-2"]
        assert not dead_dir.exists()
        assert first.nbytes == sum(s.nbytes for s in adopted)
    finally:
        first.close()
        second.close()


def test_close_removes_an_empty_directory_and_keeps_a_full_one(tmp_path):
    root = tmp_path / "spool"
    empty, full = Spool(root, 1 << 20), Spool(root, 1 << 20)
    full.append(b"unsent", [1])
    empty.close()
    full.close()
    assert not empty.dir.exists()
    assert list(full.dir.glob("*.seg"))
    successor = Spool(root, 1 << 20)
    try:
        assert [p for s in successor.adopt() for p in successor.load(s)] == [b"unsent"]
    finally:
        successor.close()


def test_a_spool_still_being_made_is_not_adopted(tmp_path, monkeypatch):
    """Another worker adopting between a new spool's lock file and its lock must find nothing."""
    root = tmp_path / "spool"
    other = Spool(root, 1 << 20)
    real_flock = spool_module.fcntl.flock
    raced = []

    def adopt_first(handle, operation):
        if not raced:
            raced.append(True)
            raced.extend(other.adopt())
        return real_flock(handle, operation)

    monkeypatch.setattr(spool_module.fcntl, "flock", adopt_first)
    made = Spool(root, 1 << 20)
    try:
        assert raced == [True]
        made.append(b"kept", [1])
        assert [p for p in made.load(made.seal())] == [b"kept"]
    finally:
        made.close()
        other.close()
