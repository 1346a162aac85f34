"""The events-table row as a named type, made from the table's column declarations.

The writer spools and inserts rows in column order (JSON arrays on disk, one
column list per INSERT); everything that reads a row does so by name through
:class:`EventRow`, so no module outside :mod:`analytics.schema.events` knows
the column order.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from analytics.schema.events import COLUMNS


def _python_type(clickhouse_type: str) -> type:
    """What a row holds for a column: JSON-native values the spool can keep as they are.

    Times are epoch seconds and the UUID is its text, as clickhouse-driver and
    chDB both accept them.
    """
    if clickhouse_type.startswith("Array("):
        return list
    if "Int" in clickhouse_type or clickhouse_type.startswith("DateTime"):
        return int
    return str


# The functional form: the fields come from the column declarations, not a second list.
EventRow = NamedTuple("EventRow", [(c.name, _python_type(c.type)) for c in COLUMNS])
EventRow.__doc__ = "One row of the events table, fields in insert order (see COLUMNS)."
# Where every row, spooled or not, holds its kind: readers that want a few kinds skip the
# others before making an EventRow of them.
KIND_AT = EventRow._fields.index("kind")
# The ClickHouse type of each EventRow field, in the same order.
EVENT_ROW_TYPES = tuple(c.type for c in COLUMNS)


# What a row spooled before a column was added holds for it (lists as fresh copies).
_ADDED = tuple(c for c in COLUMNS if c.since > 1)
_FIRST_COLUMNS = len(COLUMNS) - len(_ADDED)


def as_event_row(row: Sequence) -> EventRow:
    """``row`` as an :class:`EventRow` (rows read back from the spool are plain lists,
    possibly spooled before later columns were added: those read as their default)."""
    if type(row) is EventRow:
        return row
    if _FIRST_COLUMNS <= len(row) < len(COLUMNS):
        missing = _ADDED[len(row) - _FIRST_COLUMNS :]
        row = [
            *row,
            *(list(c.default) if isinstance(c.default, tuple) else c.default for c in missing),
        ]
    return EventRow._make(row)
