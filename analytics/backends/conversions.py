"""Turn values as each backend returns them into the same Python values.

chDB answers in JSON text, so its values are rebuilt from the column types;
clickhouse-driver already returns Python values but gives naive datetimes for
columns without a time zone. Both end up as: int, float, Decimal, str, bool,
date, tz-aware datetime, UUID, list, tuple, None.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import lru_cache
from uuid import UUID
from zoneinfo import ZoneInfo

Converter = Callable[[object], object]


def _identity(value):
    return value


def split_type_args(inner: str) -> list[str]:
    """Split 'A, B(C, D), E' at top-level commas."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(inner):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(inner[start:i].strip())
            start = i + 1
    tail = inner[start:].strip()
    if tail:
        parts.append(tail)
    return parts


def _unwrap(type_name: str) -> tuple[str, str]:
    """'Array(String)' -> ('Array', 'String'); 'String' -> ('String', '')."""
    if "(" in type_name and type_name.endswith(")"):
        head, _, rest = type_name.partition("(")
        return head.strip(), rest[:-1]
    return type_name.strip(), ""


def _zone(arg: str):
    name = arg.strip().strip("'\"")
    return UTC if name in ("", "UTC", "Etc/UTC") else ZoneInfo(name)


def _datetime_from_text(zone) -> Converter:
    def convert(value):
        if value is None:
            return None
        text = str(value)
        parsed = datetime.fromisoformat(text.replace(" ", "T", 1))
        return parsed.replace(tzinfo=zone) if parsed.tzinfo is None else parsed

    return convert


def _int(value):
    return None if value is None else int(value)


def _float(value):
    return None if value is None else float(value)


@lru_cache(maxsize=512)
def json_converter(type_name: str) -> Converter:
    """A function that turns a chDB JSON value of ``type_name`` into Python."""
    head, arg = _unwrap(type_name)
    if head in ("Nullable", "LowCardinality", "SimpleAggregateFunction"):
        inner = json_converter(split_type_args(arg)[-1])
        return lambda v: None if v is None else inner(v)
    if head == "Array":
        inner = json_converter(arg)
        return lambda v: [inner(x) for x in v]
    if head == "Tuple":
        inners = [json_converter(t.split(" ")[-1] if " " in t else t) for t in split_type_args(arg)]
        return lambda v: tuple(
            c(x) for c, x in zip(inners, v.values() if isinstance(v, dict) else v, strict=True)
        )
    if head.startswith(("UInt", "Int")):
        return _int
    if head.startswith(("Float", "BFloat")):
        return _float
    if head.startswith("Decimal"):
        return lambda v: None if v is None else Decimal(str(v))
    if head == "Bool":
        return lambda v: None if v is None else bool(v)
    if head in ("Date", "Date32"):
        return lambda v: None if v is None else date.fromisoformat(v)
    if head in ("DateTime", "DateTime64"):
        args = split_type_args(arg)
        zone_arg = args[-1] if args and not args[-1].isdigit() else ""
        return _datetime_from_text(_zone(zone_arg))
    if head == "UUID":
        return lambda v: None if v is None else UUID(v)
    return _identity


def normalize_driver_value(value):
    """clickhouse-driver values, with naive datetimes read as UTC (our storage zone)."""
    if isinstance(value, datetime) and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    if isinstance(value, list):
        return [normalize_driver_value(v) for v in value]
    if isinstance(value, tuple):
        return tuple(normalize_driver_value(v) for v in value)
    return value


def driver_row_needs_normalizing(types: list[str]) -> bool:
    """Whether any column may carry naive datetimes (skip the per-value walk if not)."""
    return any("DateTime" in t for t in types)
