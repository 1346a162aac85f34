"""The events table (in cluster mode: the replicated local tables and the Distributed one)."""

from analytics.schema.events import TableLayout, distributed_table, events_table


def statements(dialect, layout: TableLayout):
    if layout.distributed:
        return [events_table(layout), distributed_table(layout)]
    return [events_table(layout)]
