"""The bulk UUID column writes exactly the bytes of clickhouse-driver's own."""

import uuid

import pytest
from clickhouse_driver.columns.uuidcolumn import UUIDColumn

from analytics.backends.uuid_column import CanonicalUUIDColumn, canonical, wire_bytes

IDS = [
    "3f2b8c1e-5d4a-4b7e-9c1f-0a2b3c4d5e6f",
    "00000000-0000-0000-0000-000000000000",
    "ffffffff-ffff-ffff-ffff-ffffffffffff",
    "00000000-0000-4000-8000-000000000001",
]


class _Context:
    client_settings = {}


class _Buffer:
    """Keeps what the column writes (UUID columns only call ``write``)."""

    def __init__(self):
        self.written = b""

    def write(self, data):
        self.written += bytes(data)


def _written(column_class, items) -> bytes:
    buf = _Buffer()
    column_class(context=_Context()).write_data(list(items), buf)
    return buf.written


def test_wire_bytes_are_the_stock_columns():
    ids = [*IDS, *(str(uuid.uuid4()) for _ in range(200))]
    assert wire_bytes(ids) == _written(UUIDColumn, ids)
    assert _written(CanonicalUUIDColumn, ids) == _written(UUIDColumn, ids)


@pytest.mark.parametrize(
    "ids",
    [
        [IDS[0].upper()],
        [IDS[0].replace("-", "")],
        ["{" + IDS[0] + "}"],
        [uuid.UUID(IDS[0]), IDS[1]],
    ],
)
def test_other_spellings_take_the_stock_path_with_the_same_bytes(ids):
    assert not canonical(ids)
    assert _written(CanonicalUUIDColumn, ids) == _written(UUIDColumn, ids)


@pytest.mark.parametrize(
    "ids",
    [
        # Each id malformed while the column joined looks like canonical ids.
        [IDS[0][:-1], "a" + IDS[1]],
        [IDS[0][:8] + "0" + IDS[0][9:], IDS[1]],
        [IDS[0][:-1] + "g", IDS[1]],
        [IDS[0][:-1] + "\n"],
        [IDS[0][:-1] + "é"],
        [IDS[0], None],
        [b"3f2b8c1e-5d4a-4b7e-9c1f-0a2b3c4d5e6f"],
    ],
)
def test_canonical_refuses_anything_but_lower_case_hyphenated_text(ids):
    assert not canonical(ids)


def test_canonical_accepts_canonical_ids_and_no_ids():
    assert canonical(IDS)
    assert canonical([])
