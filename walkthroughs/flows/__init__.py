"""Flows as code: YAML files (``version: 1``) bundling applications and guidance by key.

``bundle`` defines the format, ``source`` reads YAML safely with line numbers,
``lint`` checks files and reports ``file:line: message``, ``export`` writes them.
See README.md beside this module for the format with a full example.
"""

from walkthroughs.flows import bundle as _bundle
from walkthroughs.flows.bundle import (
    FORMAT_VERSION,
    bundle_schema,
    cross_problems,
    merge,
    sections,
    split_item,
)
from walkthroughs.flows.export import build_bundle, compact, dump_yaml, split_by_application
from walkthroughs.flows.lint import Loaded, Problem, lint_paths, load_paths, load_texts


def __getattr__(name: str):
    # SECTIONS, SECTION_OF_TYPE and BundleSchema follow the kinds registered now.
    return getattr(_bundle, name)


__all__ = [
    "FORMAT_VERSION",
    "SECTIONS",
    "SECTION_OF_TYPE",
    "BundleSchema",
    "Loaded",
    "Problem",
    "build_bundle",
    "bundle_schema",
    "compact",
    "cross_problems",
    "dump_yaml",
    "lint_paths",
    "load_paths",
    "load_texts",
    "merge",
    "sections",
    "split_by_application",
    "split_item",
]
