"""The events table."""

from analytics.schema.events import EVENTS_TABLE


def statements(dialect):
    return [EVENTS_TABLE]
