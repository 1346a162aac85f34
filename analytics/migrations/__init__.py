"""Ordered ClickHouse migrations: tiny numbered modules ``mNNNN_name.py``.

Each module defines ``statements(dialect, layout) -> list[str]``: DDL rendered
from :mod:`analytics.schema` for the events table's
:class:`analytics.schema.events.TableLayout` (name, engine, cluster), adapted to
the engine version through :class:`analytics.dialect.Dialect` (never a forked
query).
"""
