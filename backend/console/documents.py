"""Guidance documents as people read them in the console: YAML, diffs, step previews.

The YAML is the flow-file form (``trailguide flows pull`` writes the same), so
what an author copies from the console can be pushed back as a file.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

import marshmallow as ma
import yaml
from markupsafe import Markup

from backend.errors import APIError
from walkthroughs import kinds
from walkthroughs.flows import build_bundle, compact, dump_yaml
from walkthroughs.flows.source import FlowSyntaxError, parse
from walkthroughs.sanitize import clean_html
from walkthroughs.schemas import flatten_errors, load_document, render_path

MAX_YAML_CHARS = 200_000


def item_yaml(item_type: str, key: str, application: dict, document: dict) -> str:
    """The item as a flow file with its application (defaults left out)."""
    bundle = build_bundle(
        [application],
        [{"type": item_type, "key": key, "application": application["key"], "document": document}],
    )
    return dump_yaml(bundle)


def document_yaml(item_type: str, document: dict) -> str:
    """Only the document, defaults left out (what the draft editor shows and takes back)."""
    data = compact(kinds.get(item_type).schema(), document)
    return yaml.safe_dump(
        data, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100
    )


def parse_document(item_type: str, text: str) -> dict:
    """A document from YAML the author typed: validated and sanitized, or 422 with every problem."""
    if len(text) > MAX_YAML_CHARS:
        raise APIError(413, "too_large", f"At most {MAX_YAML_CHARS} characters of YAML.")
    try:
        data = parse(text).data
    except FlowSyntaxError as exc:
        raise APIError(422, "invalid_yaml", f"Line {exc.line}: {exc.message}") from None
    if not isinstance(data, dict):
        raise APIError(422, "invalid_yaml", "The draft is a YAML mapping (name: ..., steps: ...).")
    return validate_document(item_type, data)


def validate_document(item_type: str, data: dict) -> dict:
    """``data`` validated and sanitized as a draft of the kind, or 422 with every problem."""
    try:
        return load_document(item_type, data)
    except ma.ValidationError as exc:
        schema = kinds.get(item_type).schema()
        problems = [
            {"path": render_path(path), "message": message}
            for path, message in flatten_errors(schema, exc.messages)
        ]
        raise APIError(
            422, "validation_error", "The draft is not valid.", {"problems": problems}
        ) from None


@dataclass(frozen=True)
class LintMessage:
    line: int  # 1-based
    message: str


def lint_document(item_type: str, text: str) -> list[LintMessage]:
    """Every problem of a draft's YAML on its line: syntax, then the kind's schema."""
    if len(text) > MAX_YAML_CHARS:
        return [LintMessage(1, f"At most {MAX_YAML_CHARS} characters of YAML.")]
    try:
        source = parse(text)
    except FlowSyntaxError as exc:
        return [LintMessage(exc.line, exc.message)]
    found = [LintMessage(line, message) for line, message in source.problems]
    if not isinstance(source.data, dict):
        return [*found, LintMessage(1, "The draft is a YAML mapping (name: ..., steps: ...).")]
    try:
        load_document(item_type, source.data)
    except ma.ValidationError as exc:
        schema = kinds.get(item_type).schema()
        found += [
            LintMessage(source.line_of(path), f"{render_path(path)}: {message}")
            for path, message in flatten_errors(schema, exc.messages)
        ]
    return sorted(found, key=lambda m: m.line)


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "add", "del", "hunk", "same"
    text: str


def diff(old_text: str, new_text: str, old_name: str, new_name: str) -> list[DiffLine]:
    """A unified diff of two YAML texts, line by line, classified for display."""
    lines = []
    for line in difflib.unified_diff(
        old_text.splitlines(), new_text.splitlines(), old_name, new_name, n=3, lineterm=""
    ):
        if line.startswith(("---", "+++")):
            continue
        kind = {"+": "add", "-": "del", "@": "hunk"}.get(line[:1], "same")
        lines.append(DiffLine(kind, line))
    return lines


def body_html(body: str) -> Markup:
    """A step's rich-text body, sanitized again at display (idempotent), safe to embed."""
    return Markup(clean_html(body or ""))  # noqa: S704 - nh3 allowlist output


@dataclass(frozen=True)
class StepPreview:
    """One walkthrough step as the player would show it."""

    index: int
    total: int
    key: str
    kind: str
    title: str
    body: Markup
    placement: str
    advance: str
    target: str  # how the player finds it, for people
    url: str | None
    skippable: bool


def describe_target(target: dict | None) -> str:
    """The most reliable way the player finds the element, in words."""
    if not target or not target.get("alternatives"):
        return "no element (shown in the middle of the page)"
    first = target["alternatives"][0]
    by = first.get("by")
    if by == "role":
        text = f"{first.get('role')} named “{first.get('name', '')}”"
    elif by == "text":
        text = f"text “{first.get('value', '')}”" + (
            f" ({first['tag']})" if first.get("tag") else ""
        )
    else:
        text = f"{by} “{first.get('value', '')}”"
    others = len(target["alternatives"]) - 1
    return text + (f" (+{others} fallback{'s' if others > 1 else ''})" if others else "")


def step_previews(document: dict) -> list[StepPreview]:
    steps = document.get("steps") or []
    return [
        StepPreview(
            index=i,
            total=len(steps),
            key=step.get("key", ""),
            kind=step.get("kind", "tooltip"),
            title=step.get("title", ""),
            body=body_html(step.get("body", "")),
            placement=step.get("placement", "auto"),
            advance=step.get("advance", "next_button"),
            target=describe_target(step.get("target")),
            url=step.get("url"),
            skippable=bool(step.get("skippable")),
        )
        for i, step in enumerate(steps)
    ]
