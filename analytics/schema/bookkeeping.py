"""Tables the analytics package keeps about itself."""

# Which migrations ran, recorded in ClickHouse itself so the record travels
# with the data. ReplacingMergeTree by version: two processes racing to apply
# the same migration leave one logical row (readers use DISTINCT anyway).
SCHEMA_MIGRATIONS_TABLE = """
CREATE TABLE IF NOT EXISTS schema_migrations
(
    version UInt32,
    name String,
    applied_at DateTime('UTC')
)
ENGINE = ReplacingMergeTree
ORDER BY version
"""
