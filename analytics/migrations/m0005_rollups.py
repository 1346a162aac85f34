"""The first hourly usage rollup (people per application and hour, without attributes).

Replaced by the rollup of m0006 before it served a release: a database that
never ran this migration gets nothing here, and m0006 drops what this created
in databases that did.
"""

from analytics.schema.events import TableLayout


def statements(dialect, layout: TableLayout):
    return []
