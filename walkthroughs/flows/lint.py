"""``trailguide flows lint``: every problem of a set of flow files as ``file:line: message``.

Files given together are checked together: keys must be unique across them and
references (an item's application, a checklist's walkthroughs) may point into
another file of the set.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import marshmallow as ma

from walkthroughs.flows.bundle import bundle_schema, cross_problems, merge
from walkthroughs.flows.source import FlowSyntaxError, Source, parse
from walkthroughs.schemas import flatten_errors, render_path

FLOW_SUFFIXES = (".yaml", ".yml")
MAX_FILE_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


@dataclass
class Loaded:
    """Flow files read and checked: the merged bundle (valid only without problems)."""

    bundle: dict
    problems: list[Problem]
    files: list[str]


def collect_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[Problem]]:
    """Flow files named by ``paths`` (directories are searched for *.yaml / *.yml)."""
    files: list[Path] = []
    problems: list[Problem] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix in FLOW_SUFFIXES and p.is_file())
            if not found:
                problems.append(Problem(str(path), 0, "No .yaml or .yml flow files here."))
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            problems.append(Problem(str(path), 0, "No such file or directory."))
    return files, problems


def load_texts(sources: Iterable[tuple[str, str]]) -> Loaded:
    """Check named texts as one set; the merged, validated bundle when there is no problem."""
    problems: list[Problem] = []
    parsed: list[tuple[str, Source]] = []
    valid: list[dict] = []
    names: list[str] = []
    for name, text in sources:
        names.append(name)
        try:
            source = parse(text)
        except FlowSyntaxError as exc:
            problems.append(Problem(name, exc.line, exc.message))
            continue
        problems.extend(Problem(name, line, message) for line, message in source.problems)
        parsed.append((name, source))
        bundle = _validate(name, source, problems)
        if bundle is not None:
            valid.append(bundle)
    for cross in cross_problems((name, source.data) for name, source in parsed):
        source = dict(parsed)[cross.origin]
        problems.append(
            Problem(
                cross.origin,
                source.line_of(cross.path),
                f"{render_path(cross.path)}: {cross.message}",
            )
        )
    return Loaded(merge(valid), sorted(set(problems)), names)


def load_paths(paths: Iterable[str | Path]) -> Loaded:
    """Read and check the flow files under ``paths`` as one set."""
    files, problems = collect_files(paths)
    texts = []
    for path in files:
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                problems.append(Problem(str(path), 0, "Larger than 2 MiB."))
                continue
            texts.append((str(path), path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Problem(str(path), 0, f"Cannot read: {exc}"))
    loaded = load_texts(texts)
    loaded.problems = sorted(set(problems + loaded.problems))
    return loaded


def lint_paths(paths: Iterable[str | Path]) -> list[Problem]:
    """Every problem of the flow files under ``paths`` (empty: all good)."""
    return load_paths(paths).problems


def _validate(name: str, source: Source, problems: list[Problem]) -> dict | None:
    if not isinstance(source.data, dict):
        problems.append(Problem(name, 1, "A flow file is a mapping that starts with 'version: 1'."))
        return None
    schema = bundle_schema()()
    try:
        return schema.load(source.data)
    except ma.ValidationError as exc:
        for path, message in flatten_errors(schema, exc.messages):
            where = f"{render_path(path)}: " if path else ""
            problems.append(Problem(name, source.line_of(path), f"{where}{message}"))
        return None
