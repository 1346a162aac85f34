"""What a ClickHouse version can do, so one set of SQL serves 18.16 and 26.x.

The queries themselves are not forked per backend; only these capability
switches and per-statement settings differ.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Dialect:
    """Capabilities of one ClickHouse engine version."""

    version: tuple[int, ...]

    @property
    def ddl_settings(self) -> dict[str, int]:
        """Settings a CREATE TABLE needs: 18.x gates LowCardinality behind an
        experimental flag that 19.x+ made obsolete and recent versions reject."""
        if self.version < (19,):
            return {"allow_experimental_low_cardinality_type": 1}
        return {}

    @property
    def supports_ttl(self) -> bool:
        """Table TTL arrived in 19.6."""
        return self.version >= (19, 6)

    @property
    def supports_window_functions(self) -> bool:
        """Window functions are usable from 21.9 on."""
        return self.version >= (21, 9)

    @property
    def supports_lightweight_delete(self) -> bool:
        """``DELETE FROM`` (lightweight delete) is available from 23.3 on."""
        return self.version >= (23, 3)

    @property
    def supports_add_column_if_not_exists(self) -> bool:
        """``ADD COLUMN IF NOT EXISTS`` is refused by 18.16 and understood from 19.x on."""
        return self.version >= (19,)
