"""Table TTL on the events table where the engine supports it (not 18.16)."""

from analytics.schema.retention import EVENTS_TTL


def statements(dialect):
    return [EVENTS_TTL] if dialect.supports_ttl else []
