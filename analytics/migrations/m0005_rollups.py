"""The hourly usage rollup with its materialized view, backfilled from stored events."""

from analytics.schema.events import TableLayout
from analytics.schema.rollups import RollupLayout


def statements(dialect, layout: TableLayout):
    return RollupLayout(layout).statements()
