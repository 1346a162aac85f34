"""README pictures come from the e2e tests that check those pages, so they stay current."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

FOLDER = Path(__file__).resolve().parents[1] / "screenshots"


def keep(shot: Path, name: str) -> None:
    """Copy ``shot`` to e2e/screenshots/``name`` when TRAILGUIDE_UPDATE_SCREENSHOTS=1."""
    assert shot.stat().st_size > 20_000, "a screenshot this small is probably blank"
    if os.environ.get("TRAILGUIDE_UPDATE_SCREENSHOTS") == "1":
        FOLDER.mkdir(exist_ok=True)
        shutil.copyfile(shot, FOLDER / name)
