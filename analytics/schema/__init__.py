"""ClickHouse DDL as named constants; migrations reference them by name."""
