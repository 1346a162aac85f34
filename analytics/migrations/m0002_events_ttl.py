"""Table TTL on the events table where the engine supports it (not 18.16)."""

from analytics.schema.events import TableLayout
from analytics.schema.retention import events_ttl


def statements(dialect, layout: TableLayout):
    return [events_ttl(layout)] if dialect.supports_ttl else []
