"""clickhouse-driver's columns, writing what the events writer sends in a few C calls.

The driver writes most columns with Python loops over every value: the UUID
column walks each id three times (to ``uuid.UUID``, to its ``.int``, to two
shifted halves), DateTime checks each value's type, Array adds up each row's
length and LowCardinality looks each value up, one by one. Under load that was
most of the writer thread's time. Each class here is the stock column with one
step done by whole-column C calls, taken only for what the writer sends
(canonical UUID text, epoch seconds as ints, arrays of plain values, values
without NULLs); anything else takes the stock path unchanged. The tests hold
every class to the stock column's bytes.
"""

from __future__ import annotations

import functools
import sys
from array import array
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from itertools import accumulate
from math import log

from clickhouse_driver.columns import service
from clickhouse_driver.columns.arraycolumn import ArrayColumn
from clickhouse_driver.columns.datetimecolumn import DateTimeColumn
from clickhouse_driver.columns.lowcardinalitycolumn import LowCardinalityColumn
from clickhouse_driver.columns.uuidcolumn import UUIDColumn
from clickhouse_driver.writer import write_binary_int64

from analytics.events.validate import all_canonical_uuids


def wire_bytes(ids: Sequence[str]) -> bytes:
    """The native-protocol bytes of a column of canonical UUID text (all_canonical_uuids)."""
    # The hex is each id's big-endian 128 bits; reversing every 8 bytes gives its two
    # halves little-endian, in the order ClickHouse reads them.
    words = array("Q", bytes.fromhex("".join(ids).replace("-", "")))
    words.byteswap()
    return words.tobytes()


def _uint64_bytes(values) -> bytes:
    """``values`` as little-endian UInt64s, as the driver packs them with ``<Q``."""
    words = array("Q", values)
    if sys.byteorder == "big":
        words.byteswap()
    return words.tobytes()


class CanonicalUUIDColumn(UUIDColumn):
    """A column of canonical UUID text is its hex, decoded once and byte-swapped."""

    def _write_data(self, items, buf):
        if not self.nullable and all_canonical_uuids(items):
            buf.write(wire_bytes(items))
            return
        super()._write_data(items, buf)


class EpochDateTimeColumn(DateTimeColumn):
    """A DateTime column of ints (epoch seconds) goes straight to the struct pack:
    the stock path only walks it twice to find nothing to convert."""

    def _write_data(self, items, buf):
        if not self.nullable and set(map(type, items)) <= {int}:
            self.write_items(items, buf)
            return
        super()._write_data(items, buf)


class FlatArrayColumn(ArrayColumn):
    """An array of plain values: the offsets are a running sum of the rows' lengths."""

    def _flat(self) -> bool:
        # After write_data: this column is the outer level, ``nested_column`` the inner
        # array of plain, non-nullable values (the writer's Array(String) columns).
        inner = self.nested_column
        return (
            not self._write_depth_0_size
            and not self.nullable
            and type(inner) is ArrayColumn
            and not inner.nullable
            and not isinstance(inner.nested_column, ArrayColumn)
            and not inner.nested_column.nullable
        )

    def _write_sizes(self, value, buf):
        if self._flat():
            buf.write(_uint64_bytes(accumulate(map(len, value))))
            return
        super()._write_sizes(value, buf)

    def _write_nulls_data(self, value, buf):
        if self._flat():
            return  # no level is nullable: the stock method flattens the rows for nothing
        super()._write_nulls_data(value, buf)


class DictLowCardinalityColumn(LowCardinalityColumn):
    """A LowCardinality column without NULLs: its dictionary and keys from dict calls."""

    def _write_data(self, items, buf):
        if self.nested_column.nullable:
            super()._write_data(items, buf)
            return
        # The stock loop's dictionary: each value once, in the order of first appearance.
        index = list(dict.fromkeys(items))
        if not index:
            return
        key_of = {value: key for key, value in enumerate(index)}
        keys = list(map(key_of.__getitem__, items))
        # From here as the stock column writes them.
        int_type = int(log(len(index), 2) / 8)
        write_binary_int64(self.serialization_type | int_type, buf)
        write_binary_int64(len(index), buf)
        self.nested_column.write_data(index, buf)
        write_binary_int64(len(items), buf)
        self.int_types[int_type](**self.init_kwargs).write_items(keys, buf)


def _made_as(create, stock: type, bulk: type):
    @functools.wraps(create)
    def make(*args, **kwargs):
        column = create(*args, **kwargs)
        if type(column) is stock:
            column.__class__ = bulk
        return column

    make.bulk = bulk
    return make


_FACTORIES = (
    ("create_datetime_column", DateTimeColumn, EpochDateTimeColumn),
    ("create_array_column", ArrayColumn, FlatArrayColumn),
    ("create_low_cardinality_column", LowCardinalityColumn, DictLowCardinalityColumn),
)


def install() -> None:
    """Make the driver write with the classes above (idempotent). Reads are the stock
    columns': only how many Python steps a write of the writer's values takes changes."""
    service.column_by_type[UUIDColumn.ch_type] = CanonicalUUIDColumn
    for name, stock, bulk in _FACTORIES:
        create = getattr(service, name)
        if getattr(create, "bulk", None) is not bulk:
            setattr(service, name, _made_as(create, stock, bulk))


@contextmanager
def stock() -> Iterator[None]:
    """The driver as shipped meanwhile (a baseline to compare with); whatever was
    installed before is back afterwards. Not for use while other threads write."""
    uuid_column = service.column_by_type[UUIDColumn.ch_type]
    made = {name: getattr(service, name) for name, _, _ in _FACTORIES}
    service.column_by_type[UUIDColumn.ch_type] = UUIDColumn
    for name, create in made.items():
        setattr(service, name, getattr(create, "__wrapped__", create))
    try:
        yield
    finally:
        service.column_by_type[UUIDColumn.ch_type] = uuid_column
        for name, create in made.items():
            setattr(service, name, create)
