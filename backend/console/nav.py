"""The console's navigation: pages register themselves with the permission they need."""

from __future__ import annotations

# (endpoint, label, Permission name, section) in display order within a section.
NAV: list[tuple[str, str, str, str]] = []
SECTIONS = ("reports", "guidance", "workspace")


def add(endpoint: str, label: str, permission: str, section: str) -> None:
    if section not in SECTIONS:
        raise ValueError(f"unknown console section {section!r}")
    if (endpoint, label, permission, section) not in NAV:
        NAV.append((endpoint, label, permission, section))
