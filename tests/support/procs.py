"""Throwaway servers for tests and benchmarks: started on free ports in temp dirs,
stopped afterwards (also when the run fails or is interrupted)."""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

_RUNNING: list[subprocess.Popen] = []


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def free_ports(count: int) -> list[int]:
    """``count`` distinct free ports (a server and the tools it serves beside it)."""
    ports: set[int] = set()
    while len(ports) < count:
        ports.add(free_port())
    return list(ports)


def wait_until(check: Callable[[], bool], timeout: float, what: str, proc=None) -> None:
    """Poll ``check`` until it is true; fail with ``what`` after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"{what}: process exited with status {proc.returncode}")
        try:
            if check():
                return
        except Exception:  # noqa: S110 - not up yet
            pass
        time.sleep(0.1)
    raise TimeoutError(f"{what}: not ready after {timeout:.0f}s")


def port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def start(cmd: list[str], log: Path, **kwargs) -> subprocess.Popen:
    """Start ``cmd`` in its own process group, output to ``log``; stopped at exit."""
    with log.open("ab") as out:
        proc = subprocess.Popen(
            cmd, stdout=out, stderr=subprocess.STDOUT, start_new_session=True, **kwargs
        )
    _RUNNING.append(proc)
    return proc


def stop(proc: subprocess.Popen, timeout: float = 15) -> None:
    """SIGTERM the process group, then SIGKILL if it lingers."""
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=timeout)
        except ProcessLookupError:
            pass
    if proc in _RUNNING:
        _RUNNING.remove(proc)


def kill(proc: subprocess.Popen) -> None:
    """SIGKILL the process group at once (a crash, not a shutdown)."""
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=15)
    if proc in _RUNNING:
        _RUNNING.remove(proc)


@atexit.register
def _stop_all() -> None:
    for proc in list(_RUNNING):
        stop(proc, timeout=5)


def which(name: str, *candidates: str) -> str:
    """Absolute path of a program, or a clear error naming the Debian package."""
    for candidate in (shutil.which(name), *candidates):
        if candidate and Path(candidate).exists():
            return candidate
    raise RuntimeError(f"{name} is not installed (run `make test`, which installs it)")
