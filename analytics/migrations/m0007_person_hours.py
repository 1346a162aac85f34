"""The hourly usage rollup as person-hour rows, with its materialized view, backfilled from
stored events; the set rollups of m0005 and m0006 are dropped."""

from analytics.schema.events import TableLayout
from analytics.schema.rollups import RollupLayout


def statements(dialect, layout: TableLayout):
    rollup = RollupLayout(layout)
    return [*rollup.statements(), *rollup.superseded()]
