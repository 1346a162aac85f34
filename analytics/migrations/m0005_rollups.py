"""The first hourly usage rollup (people per application and hour, without attributes).

Replaced before it served a release: a database that never ran this migration
gets nothing here, and m0007 drops what this created in databases that did.
"""

from analytics.schema.events import TableLayout


def statements(dialect, layout: TableLayout):
    return []
