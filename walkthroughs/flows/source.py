"""Reading flow files: safe YAML only, with the line of every node kept for messages.

Files are composed with PyYAML's safe loader (no Python tags, no code), anchors
and aliases are refused (they can blow a small file up into a huge document),
and duplicate mapping keys — which YAML would silently resolve to the last —
are reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from walkthroughs.schemas import Path


class FlowSyntaxError(Exception):
    """The text is not a usable YAML document; ``line`` is 1-based."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass
class Source:
    """A parsed flow file: the data, its node tree and non-fatal problems (line, message)."""

    data: object
    root: yaml.Node | None
    problems: list[tuple[int, str]] = field(default_factory=list)

    def line_of(self, path: Path) -> int:
        """The 1-based line of the deepest node along ``path`` (a mapping key's own line)."""
        node, line = self.root, 1
        if node is None:
            return 1
        line = node.start_mark.line + 1
        for part in path:
            if isinstance(node, yaml.MappingNode):
                pair = next(
                    (
                        (k, v)
                        for k, v in node.value
                        if isinstance(k, yaml.ScalarNode) and k.value == str(part)
                    ),
                    None,
                )
                if pair is None:
                    return line
                line, node = pair[0].start_mark.line + 1, pair[1]
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if not 0 <= part < len(node.value):
                    return line
                node = node.value[part]
                line = node.start_mark.line + 1
            else:
                return line
        return line


def parse(text: str) -> Source:
    """Compose and construct one YAML document; raises :class:`FlowSyntaxError`."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise FlowSyntaxError(line, f"YAML syntax error: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise FlowSyntaxError(1, f"YAML error: {exc}") from None
    except RecursionError:
        raise FlowSyntaxError(1, "The YAML is nested too deeply.") from None
    if root is None:
        return Source(None, None)
    problems = _check_nodes(root)
    loader = yaml.SafeLoader("")
    try:
        data = loader.construct_document(root)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise FlowSyntaxError(mark.line + 1 if mark else 1, str(exc.problem or exc)) from None
    finally:
        loader.dispose()
    return Source(data, root, problems)


def _check_nodes(root: yaml.Node) -> list[tuple[int, str]]:
    problems: list[tuple[int, str]] = []
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            raise FlowSyntaxError(
                node.start_mark.line + 1, "Anchors and aliases (&name, *name) are not supported."
            )
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            keys: set[str] = set()
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in keys:
                        problems.append(
                            (key.start_mark.line + 1, f"Duplicate key {key.value!r} in a mapping.")
                        )
                    keys.add(key.value)
                stack.extend((key, value))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return sorted(problems)
