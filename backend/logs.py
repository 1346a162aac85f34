"""Structured logging: one JSON object a line (or one readable text line), with the
request it belongs to.

Only the method, path and status of a request are logged: never headers,
query strings or bodies, which may carry keys, tokens or personal data.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time

from flask import Flask, g, has_request_context, request

_SILENT = ("/healthz", "/readyz", "/metrics")
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": self.formatTime(record, "%Y-%m-%dT%H:%M:%S") + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        if has_request_context() and "request_id" in g:
            entry["request_id"] = g.request_id
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


JsonFormatter.converter = time.gmtime


class TextFormatter(logging.Formatter):
    """One readable line: time, level, logger, message, then the record's fields as
    ``key=value`` (an access line reads ``request method=GET path=/acme status=200``)."""

    def __init__(self):
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        fields = [
            f"{key}={value}"
            for key, value in vars(record).items()
            if key not in _STANDARD and not key.startswith("_")
        ]
        if not fields:
            return line
        head, newline, rest = line.partition("\n")  # a traceback stays below the fields
        return f"{head} {' '.join(fields)}{newline}{rest}"


def configure_logging(level: str, fmt: str) -> None:
    """Send the ``trailguide`` loggers (and the app's) to stderr in the chosen format."""
    handler = logging.StreamHandler(sys.stderr)
    if fmt == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(TextFormatter())
    for name in ("backend", "analytics", "walkthroughs", "trailguide"):
        logger = logging.getLogger(name)
        logger.handlers[:] = [handler]
        logger.setLevel(level)
        logger.propagate = False


def init_request_logging(app: Flask) -> None:
    """Give each request an id (echoed as ``X-Request-Id``) and log one line when it ends."""
    access = logging.getLogger("trailguide.access")

    @app.before_request
    def _start():
        # 16 hex digits as before (a uuid4 cut to 16, one digit its fixed version), cheaper.
        g.request_id = os.urandom(8).hex()
        g.request_started = time.perf_counter()

    @app.after_request
    def _finish(response):
        started = g.get("request_started")
        if started is not None:
            response.headers["X-Request-Id"] = g.request_id
            path = request.path
            # Probes are silent; the extension's frequent successful calls log at debug.
            quiet = path.startswith("/api/v1/client/") and response.status_code < 400
            level = logging.DEBUG if quiet else logging.INFO
            if path not in _SILENT and access.isEnabledFor(level):
                access.log(
                    level,
                    "request",
                    extra={
                        "method": request.method,
                        "path": path,
                        "status": response.status_code,
                        "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                    },
                )
        return response
