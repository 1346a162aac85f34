"""The guidance documents as marshmallow schemas (see CONTENT_CONTRACT for the shapes).

Loading a document validates it, sanitizes its texts and fills every default, so
stored documents are complete and loading one again changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator

import marshmallow as ma

from walkthroughs.schemas.application import ApplicationSchema, UserIdRuleSchema
from walkthroughs.schemas.guidance import ChecklistSchema, FeatureSchema, LauncherSchema, TipSchema
from walkthroughs.schemas.target import TargetSchema
from walkthroughs.schemas.targeting import AudienceSchema, ScheduleSchema
from walkthroughs.schemas.walkthrough import StepSchema, WalkthroughSchema

Path = tuple[str | int, ...]


def __getattr__(name: str):
    # Derived from the registered kinds (walkthroughs.kinds) each time: a kind may be
    # registered after this module is imported. Imported late: the kinds import these schemas.
    from walkthroughs import kinds

    if name == "ITEM_TYPES":
        return kinds.names()
    if name == "DOCUMENT_SCHEMAS":
        return {kind.name: kind.schema for kind in kinds.all_kinds()}
    raise AttributeError(name)


def load_document(doc_type: str, data: object) -> dict:
    """The validated, sanitized, complete document; raises marshmallow.ValidationError."""
    from walkthroughs import kinds

    return kinds.get(doc_type).schema().load(data)


def walkthrough_references(doc_type: str, document: dict) -> list[tuple[Path, str]]:
    """The walkthrough keys a document points to, with the path of each reference."""
    from walkthroughs import kinds

    references = kinds.get(doc_type).references
    return [] if references is None else references(document)


def flatten_errors(schema: ma.Schema | None, messages: object, path: Path = ()) -> Iterator:
    """Yield ``(path, message)`` for every problem in marshmallow's nested error messages.

    Dict fields report ``{key: {"key": [...], "value": {...}}}``; the path names the
    key itself instead, so it reads like the document (``translations.de.name``).
    """
    yield from _walk(schema, messages, path)


def _walk(node, messages, path: Path) -> Iterator:
    if isinstance(messages, str):
        yield path, messages
        return
    if isinstance(messages, list):
        for message in messages:
            yield from _walk(node, message, path)
        return
    if not isinstance(messages, dict):
        yield path, str(messages)
        return
    if isinstance(node, ma.Schema):
        by_key = {(f.data_key or name): f for name, f in node.fields.items()}
        for key, sub in messages.items():
            if key == "_schema":
                yield from _walk(None, sub, path)
            else:
                yield from _walk(by_key.get(key), sub, (*path, key))
    elif isinstance(node, ma.fields.Nested):
        yield from _walk(node.schema, messages, path)
    elif isinstance(node, ma.fields.List):
        for index, sub in messages.items():
            yield from _walk(node.inner, sub, (*path, index))
    elif isinstance(node, ma.fields.Dict):
        for key, sub in messages.items():
            parts = sub if isinstance(sub, dict) and set(sub) <= {"key", "value"} else None
            if parts is None:
                yield from _walk(None, sub, (*path, key))
                continue
            if "key" in parts:
                yield from _walk(None, parts["key"], (*path, key))
            if "value" in parts:
                yield from _walk(node.value_field, parts["value"], (*path, key))
    else:
        for key, sub in messages.items():
            yield from _walk(None, sub, (*path, key))


def render_path(path: Path) -> str:
    """``("steps", 0, "title")`` -> ``steps[0].title``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


__all__ = [
    "DOCUMENT_SCHEMAS",
    "ITEM_TYPES",
    "ApplicationSchema",
    "AudienceSchema",
    "ChecklistSchema",
    "FeatureSchema",
    "LauncherSchema",
    "ScheduleSchema",
    "StepSchema",
    "TargetSchema",
    "TipSchema",
    "UserIdRuleSchema",
    "WalkthroughSchema",
    "flatten_errors",
    "load_document",
    "render_path",
    "walkthrough_references",
]
