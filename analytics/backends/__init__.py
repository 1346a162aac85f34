"""ClickHouse backends behind one interface: a server over the native protocol, or chDB."""

from analytics.backends.base import (
    AnalyticsError,
    Backend,
    BackendUnavailable,
    QueryError,
    Result,
)
from analytics.backends.urls import BackendURL, BackendURLError, open_backend, parse_backend_url

__all__ = [
    "AnalyticsError",
    "Backend",
    "BackendURL",
    "BackendURLError",
    "BackendUnavailable",
    "QueryError",
    "Result",
    "open_backend",
    "parse_backend_url",
]
