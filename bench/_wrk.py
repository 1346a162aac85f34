"""Drive an HTTP load with wrk (Debian's package): a C load generator that costs the
2-core machine far less than a Python one, so the server gets the CPU."""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

# Requests are drawn from a table written by Python; the script counts statuses
# per thread and prints one JSON line when wrk is done.
LUA = r"""
local entries, n = {}, 0
local key = os.getenv("WRK_KEY") or ""
local revalidate = tonumber(os.getenv("WRK_REVALIDATE") or "0")
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  local file = io.open(args[1], "r")
  for line in file:lines() do
    local path, user, etag = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)$")
    if path then
      n = n + 1
      entries[n] = {path = path, user = user, etag = etag}
    end
  end
  file:close()
  statuses = {}
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end

function request()
  local e = entries[math.random(n)]
  local headers = {}
  if key ~= "" then headers["X-Trailguide-Key"] = key end
  if e.user ~= "" then headers["X-Trailguide-User"] = e.user end
  if e.etag ~= "" and math.random() < revalidate then headers["If-None-Match"] = e.etag end
  return wrk.format("GET", e.path, headers)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local counts = {}
  for _, thread in ipairs(threads) do
    local s = thread:get("statuses")
    for code, count in pairs(s) do counts[code] = (counts[code] or 0) + count end
  end
  local parts = {}
  for code, count in pairs(counts) do
    table.insert(parts, string.format('"%d": %d', code, count))
  end
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "errors": %d, "p50_ms": %.3f, "p99_ms": %.3f, ' ..
    '"statuses": {%s}}\n',
    summary.requests, summary.duration / 1e6,
    summary.errors.connect + summary.errors.read + summary.errors.write +
      summary.errors.status + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, table.concat(parts, ", ")))
end
"""


@dataclass(frozen=True)
class LoadResult:
    requests: int
    seconds: float
    errors: int
    p50_ms: float
    p99_ms: float
    statuses: dict[str, int]

    @property
    def rps(self) -> float:
        return self.requests / self.seconds


def wrk_binary() -> str:
    found = shutil.which("wrk")
    if not found:
        raise SystemExit("bench: wrk is not installed (make bench installs it with apt)")
    return found


def run(
    base_url: str,
    entries: list[tuple[str, str, str]],
    seconds: int,
    connections: int,
    threads: int = 2,
    client_key: str = "",
    revalidate: float = 0.0,
) -> LoadResult:
    """GET random ``(path, user, etag)`` entries for ``seconds`` over keep-alive connections."""
    with tempfile.TemporaryDirectory() as tmp:
        table = Path(tmp) / "entries.tsv"
        table.write_text("".join(f"{p}\t{u}\t{e}\n" for p, u, e in entries))
        script = Path(tmp) / "load.lua"
        script.write_text(LUA)
        result = subprocess.run(
            [
                wrk_binary(),
                f"-t{threads}",
                f"-c{connections}",
                f"-d{seconds}s",
                "--latency",
                "-s",
                str(script),
                base_url,
                str(table),
            ],
            capture_output=True,
            text=True,
            check=True,
            env={"WRK_KEY": client_key, "WRK_REVALIDATE": str(revalidate), "PATH": "/usr/bin"},
        )
    last = [line for line in result.stdout.splitlines() if line.startswith("{")][-1]
    data = json.loads(last)
    return LoadResult(
        data["requests"],
        data["seconds"],
        data["errors"],
        data["p50_ms"],
        data["p99_ms"],
        data["statuses"],
    )
