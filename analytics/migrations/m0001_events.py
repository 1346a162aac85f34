"""The events table."""

from analytics.schema.events import TableLayout, events_table


def statements(dialect, layout: TableLayout):
    return [events_table(layout)]
