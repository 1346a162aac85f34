"""The on-disk spool: what the API acknowledged but has not yet inserted into ClickHouse.

Each process owns one directory ``<root>/w-<pid>-<random>/`` holding an
``owner.lock`` (an exclusive ``flock`` held for the life of the process, with
the pid written in it for people) and numbered segment files. A record is
``<length u32><crc32 u32><payload>``; a crash can tear only the last record of
the newest segment, and replay stops at the first record whose length or
checksum does not hold (that record was never acknowledged: acknowledgement
waits for its fsync).

Group commit: appends are written at once under a lock, then each caller
waits until an fsync has covered its bytes. One caller at a time runs the
fsync with the lock released, so everything appended meanwhile rides on the
next fsync: one fsync serves many concurrent requests.

The kernel drops a ``flock`` when its process dies, even by ``kill -9``, so a
directory whose lock can be taken belongs to a dead process; a live process
adopts it by moving its segments into its own directory.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import secrets
import shutil
import struct
import threading
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

HEADER = struct.Struct("<II")
LOCK_NAME = "owner.lock"
SUFFIX = ".seg"
QUARANTINE = "quarantine"
MAKING = ".making-"
# A directory without its lock file is either being created right now or was
# left half made by a crash; only the latter is old.
_HALF_MADE_AGE = 60.0


class SpoolError(Exception):
    """The spool cannot keep what it was given (disk error, closed)."""


class SpoolFull(SpoolError):
    """The spool reached its configured size; try again after ``retry_after`` seconds."""

    def __init__(self, message: str, retry_after: int = 5):
        super().__init__(message)
        self.retry_after = retry_after


@dataclass(eq=False)
class Segment:
    """One segment file; ``items`` holds its decoded contents while they are in memory."""

    path: Path
    first_at: float
    nbytes: int = 0
    count: int = 0
    items: list | None = field(default_factory=list)
    inserted: bool = False
    applied: bool = False


def fsync_dir(path: Path) -> None:
    """Make renames and new files in ``path`` durable."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def read_payloads(path: Path) -> tuple[list[bytes], int]:
    """Every intact record of a segment, and how many trailing bytes were torn."""
    data = path.read_bytes()
    payloads, pos, size = [], 0, len(data)
    while pos + HEADER.size <= size:
        length, crc = HEADER.unpack_from(data, pos)
        start, end = pos + HEADER.size, pos + HEADER.size + length
        if end > size or zlib.crc32(data[start:end]) != crc:
            break
        payloads.append(data[start:end])
        pos = end
    return payloads, size - pos


class Spool:
    """This process's spool directory under ``root``, at most ``max_bytes`` in all."""

    def __init__(self, root: Path, max_bytes: int, retry_after: int = 5):
        self.root = Path(root)
        self.max_bytes = max_bytes
        self.retry_after = retry_after
        self.root.mkdir(parents=True, exist_ok=True)
        name = f"w-{os.getpid()}-{secrets.token_hex(4)}"
        # Made under a name adopt() never looks at and renamed once locked: a directory
        # whose lock file exists but is not locked yet would look dead to another
        # worker's adopt(), which would remove it under its new owner.
        making = self.root / f"{MAKING}{name}"
        making.mkdir()
        self._owner = (making / LOCK_NAME).open("w")
        fcntl.flock(self._owner, fcntl.LOCK_EX | fcntl.LOCK_NB)
        self._owner.write(f"{os.getpid()}\n")
        self._owner.flush()
        self.dir = self.root / name
        os.rename(making, self.dir)
        fsync_dir(self.root)
        self._cond = threading.Condition()
        self._seq = 0
        self._fd: int | None = None
        self._current: Segment | None = None
        self._written = 0
        self._synced = 0
        self._syncing = False
        self._bytes = 0
        self._closed = False
        self.fsyncs = 0

    # --- appending (request threads) ---------------------------------------------

    @property
    def nbytes(self) -> int:
        """Bytes held on disk: the open segment, sealed and adopted ones not yet discarded."""
        return self._bytes

    @property
    def current_count(self) -> int:
        """Items in the open segment."""
        current = self._current
        return current.count if current is not None else 0

    @property
    def current_first_at(self) -> float | None:
        """When the first item of the open segment arrived (None when it is empty)."""
        current = self._current
        return current.first_at if current is not None and current.count else None

    def append(self, payload: bytes, items: list) -> None:
        """Write one record holding ``items``; return once it is fsynced.

        Raises :class:`SpoolFull` when the spool is at its size limit and
        :class:`SpoolError` when the disk refuses; nothing is acknowledged then.
        """
        record = HEADER.pack(len(payload), zlib.crc32(payload)) + payload
        with self._cond:
            if self._closed:
                raise SpoolError("the spool is closed")
            if self._bytes + len(record) > self.max_bytes:
                raise SpoolFull(
                    f"the spool holds {self._bytes} bytes, its limit is {self.max_bytes}",
                    self.retry_after,
                )
            if self._current is None:
                self._open_segment()
            self._write(record)
            current = self._current
            current.nbytes += len(record)
            current.count += len(items)
            current.items.extend(items)
            self._bytes += len(record)
            self._written += len(record)
            self._wait_durable(self._written)

    def _open_segment(self) -> None:
        self._seq += 1
        path = self.dir / f"{self._seq:012d}{SUFFIX}"
        self._fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND, 0o600)
        fsync_dir(self.dir)
        self._current = Segment(path, time.time())

    def _write(self, record: bytes) -> None:
        view, done = memoryview(record), 0
        try:
            while done < len(record):
                done += os.write(self._fd, view[done:])
        except OSError as exc:
            # Cut a partial record off again: later records must not follow garbage.
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, self._current.nbytes)
            raise SpoolError(f"cannot write the spool: {exc.strerror or exc}") from None

    def _wait_durable(self, end: int) -> None:
        """Called with the condition held: wait until an fsync covered offset ``end``."""
        while self._synced < end:
            if self._syncing:
                self._cond.wait()
                continue
            self._syncing, target, fd = True, self._written, self._fd
            self._cond.release()
            error = None
            try:
                os.fdatasync(fd)
            except OSError as exc:
                error = exc
            finally:
                self._cond.acquire()
                self._syncing = False
                self._cond.notify_all()
            if error is not None:
                raise SpoolError(f"cannot fsync the spool: {error.strerror or error}")
            self.fsyncs += 1
            self._synced = max(self._synced, target)

    # --- the writer's side ---------------------------------------------------------

    def seal(self) -> Segment | None:
        """Close the open segment and return it (None when it holds nothing)."""
        with self._cond:
            while self._syncing:
                self._cond.wait()
            current = self._current
            if current is None or current.count == 0:
                return None
            try:
                os.fdatasync(self._fd)
            finally:
                os.close(self._fd)
                self._fd, self._current = None, None
            self._synced = self._written
            self._cond.notify_all()
            return current

    def discard(self, segment: Segment) -> None:
        """Forget a segment whose contents are safely stored elsewhere."""
        with contextlib.suppress(FileNotFoundError):
            segment.path.unlink()
        with self._cond:
            self._bytes -= segment.nbytes

    def load(self, segment: Segment) -> list[bytes]:
        """The payloads of a segment read back from disk (replay)."""
        payloads, torn = read_payloads(segment.path)
        if torn:
            log.warning(
                "spool segment ends in a torn record (never acknowledged), ignored",
                extra={"segment": segment.path.name, "bytes": torn},
            )
        return payloads

    def quarantine(self, segment: Segment) -> Path:
        """Move a segment ClickHouse keeps refusing out of the way, keeping its data."""
        target_dir = self.root / QUARANTINE
        target_dir.mkdir(exist_ok=True)
        target = target_dir / f"{self.dir.name}-{segment.path.name}"
        os.replace(segment.path, target)
        fsync_dir(target_dir)
        with self._cond:
            self._bytes -= segment.nbytes
        return target

    def adopt(self) -> list[Segment]:
        """Take over the segments of every dead process's directory, oldest first."""
        adopted: list[Segment] = []
        for other in sorted(self.root.glob("w-*")):
            if other == self.dir or not other.is_dir():
                continue
            adopted.extend(self._adopt_dir(other))
        for other in self.root.glob(f"{MAKING}*"):
            # Left by a process that died while making its directory: it never held a segment.
            with contextlib.suppress(FileNotFoundError):
                if time.time() - other.stat().st_mtime > _HALF_MADE_AGE:
                    shutil.rmtree(other, True)
        return adopted

    def _adopt_dir(self, other: Path) -> list[Segment]:
        lock_path = other / LOCK_NAME
        try:
            fh = lock_path.open("r+")
        except FileNotFoundError:
            with contextlib.suppress(FileNotFoundError):
                if time.time() - other.stat().st_mtime > _HALF_MADE_AGE:
                    return self._take_segments(other, lambda: shutil.rmtree(other, True))
            return []
        with fh:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return []  # its owner is alive
            return self._take_segments(other, lambda: shutil.rmtree(other, True))

    def _take_segments(self, other: Path, remove) -> list[Segment]:
        taken = []
        with self._cond:
            for path in sorted(other.glob(f"*{SUFFIX}")):
                stat = path.stat()
                if stat.st_size == 0:
                    path.unlink()
                    continue
                self._seq += 1
                target = self.dir / f"{self._seq:012d}{SUFFIX}"
                os.replace(path, target)
                self._bytes += stat.st_size
                taken.append(Segment(target, stat.st_mtime, stat.st_size, 0, None))
        if taken:
            fsync_dir(self.dir)
            log.info("adopted a dead process's spool", extra={"segments": len(taken)})
        remove()
        fsync_dir(self.root)
        return taken

    def close(self) -> None:
        """Stop accepting; the directory stays for the next process to adopt unless empty."""
        with self._cond:
            while self._syncing:
                self._cond.wait()
            self._closed = True
            if self._fd is not None:
                with contextlib.suppress(OSError):
                    os.fdatasync(self._fd)
                os.close(self._fd)
                self._fd = None
                if self._current is not None and self._current.count == 0:
                    self._current.path.unlink(missing_ok=True)
            empty = not any(self.dir.glob(f"*{SUFFIX}"))
        if empty:
            shutil.rmtree(self.dir, ignore_errors=True)
        fcntl.flock(self._owner, fcntl.LOCK_UN)
        self._owner.close()
