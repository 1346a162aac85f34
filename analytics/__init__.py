"""Trailguide analytics: the ClickHouse side of the product, with no Flask.

Backends (a ClickHouse server over the native protocol, or chDB in-process),
one parameter binder for both, the event schema and its migrations, the
batched idempotent event writer, and the report queries.
"""
