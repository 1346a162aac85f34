"""clickhouse-driver's UUID column, writing a column of canonical UUID text in a few C calls.

The stock column walks every id in Python three times (to ``uuid.UUID``, to its
``.int``, to two shifted halves) and packs them with one struct argument each:
with the conversion to ``uuid.UUID`` before it, a tenth of the writer thread's
time under load. Event ids are canonical text (the ingest checks accept no other
spelling), and such a column is its wire bytes after a hex decode: each id is two
UInt64s, high half first, each little-endian. Anything else (``uuid.UUID``
objects, other spellings, NULLs) takes the stock path unchanged.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence

from clickhouse_driver.columns import service
from clickhouse_driver.columns.uuidcolumn import UUIDColumn

_LENGTH = 36
_HYPHENS = (8, 13, 18, 23)
_CHARACTERS = b"0123456789abcdef-"


def canonical(ids: Sequence) -> bool:
    """Whether every one of ``ids`` is a lower-case hyphenated UUID (8-4-4-4-12) as text.

    A few passes over the column joined, in C; an empty column is canonical.
    """
    if not ids:
        return True
    if set(map(type, ids)) != {str} or set(map(len, ids)) != {_LENGTH}:
        return False
    joined = "".join(ids)
    if not joined.isascii():
        return False
    data = joined.encode()
    count = len(ids)
    # Nothing but lower-case hex digits and hyphens, four hyphens an id, each in its place.
    if data.translate(None, _CHARACTERS) or data.count(b"-") != 4 * count:
        return False
    hyphens = b"-" * count
    return all(data[at::_LENGTH] == hyphens for at in _HYPHENS)


def wire_bytes(ids: Sequence[str]) -> bytes:
    """The native-protocol bytes of a column of canonical UUID text (see :func:`canonical`)."""
    # The hex is each id's big-endian 128 bits; reversing every 8 bytes gives its two
    # halves little-endian, in the order ClickHouse reads them.
    words = array("Q", bytes.fromhex("".join(ids).replace("-", "")))
    words.byteswap()
    return words.tobytes()


class CanonicalUUIDColumn(UUIDColumn):
    """The stock UUID column, but a column of canonical text is written in bulk."""

    def _write_data(self, items, buf):
        if not self.nullable and canonical(items):
            buf.write(wire_bytes(items))
            return
        super()._write_data(items, buf)


def install() -> None:
    """Make the driver use :class:`CanonicalUUIDColumn` for every UUID column (idempotent).

    Reads are the stock column's: only writes of canonical text change, and only
    in how many Python steps they take.
    """
    service.column_by_type[UUIDColumn.ch_type] = CanonicalUUIDColumn
