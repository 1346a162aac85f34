"""Flows as code: YAML files (``version: 1``) bundling applications and guidance by key.

``bundle`` defines the format, ``source`` reads YAML safely with line numbers,
``lint`` checks files and reports ``file:line: message``, ``export`` writes them.
See README.md beside this module for the format with a full example.
"""

from walkthroughs.flows.bundle import (
    FORMAT_VERSION,
    SECTION_OF_TYPE,
    SECTIONS,
    BundleSchema,
    cross_problems,
    merge,
    split_item,
)
from walkthroughs.flows.export import build_bundle, compact, dump_yaml, split_by_application
from walkthroughs.flows.lint import Loaded, Problem, lint_paths, load_paths, load_texts

__all__ = [
    "FORMAT_VERSION",
    "SECTIONS",
    "SECTION_OF_TYPE",
    "BundleSchema",
    "Loaded",
    "Problem",
    "build_bundle",
    "compact",
    "cross_problems",
    "dump_yaml",
    "lint_paths",
    "load_paths",
    "load_texts",
    "merge",
    "split_by_application",
    "split_item",
]
