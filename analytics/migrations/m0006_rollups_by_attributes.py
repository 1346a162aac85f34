"""The second hourly usage rollup (sets of people per application, hour and attribute set).

Replaced by the person-hour rollup of m0007: a database that never ran this
migration gets nothing here, and m0007 drops what this (and m0005) created in
databases that did.
"""

from analytics.schema.events import TableLayout


def statements(dialect, layout: TableLayout):
    return []
