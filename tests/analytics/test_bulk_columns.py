"""The bulk columns write exactly the bytes of clickhouse-driver's own."""

import contextlib
import uuid

import pytest
from clickhouse_driver.bufferedwriter import BufferedSocketWriter
from clickhouse_driver.columns import service
from clickhouse_driver.columns.uuidcolumn import UUIDColumn

from analytics.backends import bulk_columns
from analytics.backends.bulk_columns import CanonicalUUIDColumn, wire_bytes
from analytics.events.validate import all_canonical_uuids as canonical

IDS = [
    "3f2b8c1e-5d4a-4b7e-9c1f-0a2b3c4d5e6f",
    "00000000-0000-0000-0000-000000000000",
    "ffffffff-ffff-ffff-ffff-ffffffffffff",
    "00000000-0000-4000-8000-000000000001",
]


class _Context:
    client_settings = {"strings_as_bytes": False, "strings_encoding": "utf-8", "use_numpy": False}
    settings = {"use_client_time_zone": True}


class _Socket:
    """Keeps what a column writes."""

    def __init__(self):
        self.data = b""

    def sendall(self, data):
        self.data += bytes(data)


def _bytes_of(spec: str, items: list, bulk: bool) -> tuple[str, bytes]:
    """The class the driver makes for ``spec`` and the bytes it writes for ``items``."""
    bulk_columns.install()  # importing the server backend does one too
    with contextlib.nullcontext() if bulk else bulk_columns.stock():
        socket = _Socket()
        buf = BufferedSocketWriter(socket, 1 << 16)
        column = service.get_column_by_spec(spec, {"context": _Context()})
        column.write_state_prefix(buf, list(items))
        column.write_data(list(items), buf)
        buf.flush()
        return type(column).__name__, socket.data


def _same_bytes(spec: str, items: list) -> str:
    """The bulk class the driver made for ``spec``, once its bytes are the stock ones."""
    made, written = _bytes_of(spec, items, bulk=True)
    stock, expected = _bytes_of(spec, items, bulk=False)
    assert written == expected
    assert made != stock
    return made


MANY_IDS = [*IDS, *(str(uuid.UUID(int=n * 7919 + 1)) for n in range(200))]


@pytest.mark.parametrize(
    ("spec", "items", "made"),
    [
        ("UUID", MANY_IDS, "CanonicalUUIDColumn"),
        ("UUID", [], "CanonicalUUIDColumn"),
        ("DateTime('UTC')", [0, 1, 1714566896, 2**32 - 1], "EpochDateTimeColumn"),
        ("DateTime", [1714566896] * 3, "EpochDateTimeColumn"),
        ("Array(String)", [[], ["a", "bé"], [], ["c"], ["d", "e", "f"]], "FlatArrayColumn"),
        ("Array(String)", [[], []], "FlatArrayColumn"),
        ("Array(Array(String))", [[["a"], []], [], [["b", "c"]]], "FlatArrayColumn"),
        ("Array(Nullable(String))", [["a", None], [None]], "FlatArrayColumn"),
        ("LowCardinality(String)", ["b", "a", "b", "", "c", "a"], "DictLowCardinalityColumn"),
        ("LowCardinality(String)", [f"{n % 300}" for n in range(999)], "DictLowCardinalityColumn"),
        ("LowCardinality(Nullable(String))", ["a", None, "a"], "DictLowCardinalityColumn"),
    ],
)
def test_bulk_columns_write_the_stock_bytes(spec, items, made):
    assert _same_bytes(spec, items) == made


def test_datetimes_that_are_not_ints_take_the_stock_path():
    from datetime import UTC, datetime

    at = datetime(2024, 5, 1, 12, 34, 56, tzinfo=UTC)
    assert _same_bytes("DateTime('UTC')", [at, 1714566896]) == "EpochDateTimeColumn"


def test_wire_bytes_are_the_stock_uuid_columns():
    assert wire_bytes(MANY_IDS) == _bytes_of("UUID", MANY_IDS, bulk=False)[1]


@pytest.mark.parametrize(
    "ids",
    [
        [IDS[0].upper()],
        [IDS[0].replace("-", "")],
        ["{" + IDS[0] + "}"],
        [uuid.UUID(IDS[0]), IDS[1]],
    ],
)
def test_other_uuid_spellings_take_the_stock_path_with_the_same_bytes(ids):
    assert not canonical(ids)
    assert _same_bytes("UUID", ids) == CanonicalUUIDColumn.__name__


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


def test_installing_twice_wraps_the_driver_once():
    bulk_columns.install()
    wrapped = service.create_array_column
    bulk_columns.install()
    assert service.create_array_column is wrapped


def test_the_stock_driver_writes_meanwhile_and_the_bulk_columns_come_back():
    bulk_columns.install()
    installed = service.create_array_column
    with bulk_columns.stock():
        assert service.column_by_type["UUID"] is UUIDColumn
        assert not hasattr(service.create_array_column, "bulk")
    assert service.column_by_type["UUID"] is CanonicalUUIDColumn
    assert service.create_array_column is installed
