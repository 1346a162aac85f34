"""Ordered ClickHouse migrations: tiny numbered modules ``mNNNN_name.py``.

Each module defines ``statements(dialect) -> list[str]``: DDL that references
the named constants in :mod:`analytics.schema`, adapted to the engine version
through :class:`analytics.dialect.Dialect` (never a forked query).
"""
