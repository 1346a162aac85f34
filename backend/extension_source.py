"""Where the runnable extension lives: the copy the package ships, or a checkout's ``extension/``.

Kept free of imports beyond the standard library: ``setup.py`` reads ``LEFT_OUT``
from this file to build the wheel's copy, before any dependency is installed.
"""

from __future__ import annotations

from pathlib import Path

# Where the built package carries the extension, inside ``backend``.
PACKAGED_NAME = "extension_files"
PACKAGED_DIR = Path(__file__).resolve().parent / PACKAGED_NAME
CHECKOUT_DIR = Path(__file__).resolve().parents[1] / "extension"
# Development files of the extension directory that a browser never loads.
LEFT_OUT = (
    "node_modules",
    "bundles",
    "types",
    "package.json",
    "package-lock.json",
    "tsconfig.json",
    "eslint.config.js",
    "README.md",
    ".installed",
)


class ExtensionNotFound(LookupError):
    """Neither an installed copy nor a checkout's extension directory is there."""


def extension_dir() -> Path:
    """The unpacked extension to load or pack: the package's own copy when installed,
    else the ``extension/`` of the source checkout this code runs from."""
    for candidate in (PACKAGED_DIR, CHECKOUT_DIR):
        if (candidate / "manifest.json").is_file():
            return candidate
    raise ExtensionNotFound(
        f"no extension at {PACKAGED_DIR} (an installed package) or {CHECKOUT_DIR} (a checkout);"
        " reinstall trailguide or pass the unpacked extension's directory"
    )
