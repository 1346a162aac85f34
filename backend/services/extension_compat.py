"""Whether an extension that calls the server is too old to keep running.

The extension reports its version (``X-Trailguide-Extension``) and the newest
content contract it renders (``X-Trailguide-Contract``). It must update when it
renders less than the oldest contract this server still answers, or when the
operator set a minimum version (``TRAILGUIDE_MIN_EXTENSION_VERSION``) that it is
below; an extension that reports no version predates the report, so it is below
any minimum. Guidance keeps being delivered: the answer carries the signal and
the options page shows it.
"""

from __future__ import annotations

from backend.services.extension_release import ReleaseError, parse_version
from walkthroughs import contract

VERSION_HEADER = "X-Trailguide-Extension"
UPDATE_HEADER = "X-Trailguide-Update"
REQUIRED = "required"


def update_required(reported: str | None, declared_contract: int, minimum: str) -> bool:
    """True when the extension must update to work with this server."""
    if declared_contract < contract.OLDEST_ANSWERED_VERSION:
        return True
    if not minimum:
        return False
    try:
        return parse_version((reported or "").strip()) < parse_version(minimum)
    except ReleaseError:
        return True  # no version, or one no Chromium build carries: older than the report
