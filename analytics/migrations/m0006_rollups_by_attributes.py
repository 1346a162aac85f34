"""The hourly usage rollup per attribute set, with its materialized view, backfilled from
stored events; the first rollup (m0005) is dropped."""

from analytics.schema.events import TableLayout
from analytics.schema.rollups import RollupLayout


def statements(dialect, layout: TableLayout):
    rollup = RollupLayout(layout)
    return [*rollup.superseded(), *rollup.statements()]
