"""Content scripts are classic scripts sharing globalThis.Trailguide, so the order of
extension/worker/files.js is their only import statement: a script must come after
every script whose part of the namespace (or vendored library) it reads."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

EXTENSION = Path(__file__).parents[2] / "extension"

# What the vendored UMD builds define (extension/vendor, copied by `make extension`).
VENDOR_GLOBALS = {
    "vendor/purify.min.js": {"DOMPurify"},
    "vendor/floating-ui.core.umd.min.js": {"FloatingUICore"},
    "vendor/floating-ui.dom.umd.min.js": {"FloatingUIDOM"},
    "vendor/minisearch.umd.js": {"MiniSearch"},
    "vendor/tiptap.min.js": {"TrailguideTiptap"},
}
# `ns.X?.` is a presence test (the player asks whether editor mode runs), not a dependency.
READ = re.compile(r"\bns\.(\w+)\b(?!\s*=[^=])(?!\?\.)")
DEFINE = re.compile(r"\bns\.(\w+)\s*=[^=]")
GUARD = re.compile(r"if \((?:typeof )?ns\.(\w+)(?: === \"function\")?\) return;")
GLOBAL_READ = re.compile(rf"\bglobalThis\.({'|'.join(set().union(*VENDOR_GLOBALS.values()))})\b")
COMMENT = re.compile(r"/\*.*?\*/|(?:^|(?<=\s))//[^\n]*", re.S)


def load_lists() -> dict[str, list[str]]:
    """The injection lists as the worker computes them (files.js run in Node)."""
    script = (
        f"const f = await import({json.dumps((EXTENSION / 'worker' / 'files.js').as_uri())});"
        "console.log(JSON.stringify({player: f.PLAYER_FILES,"
        " editor: [...f.EDITOR_LIBRARY, ...f.EDITOR_OWN_FILES]}));"
    )
    done = subprocess.run(
        [shutil.which("node") or "node", "--input-type=module", "-e", script],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def exports_and_needs(file: str) -> tuple[set[str], set[str]]:
    """What a script puts on the namespace, and what it reads that others define."""
    if file in VENDOR_GLOBALS:
        return VENDOR_GLOBALS[file], set()
    code = COMMENT.sub("", (EXTENSION / file).read_text())
    defined = set(DEFINE.findall(code))
    own_guards = set(GUARD.findall(code))
    needs = (set(READ.findall(code)) - defined - own_guards) | set(GLOBAL_READ.findall(code))
    return defined, needs


def misordered(files: list[str]) -> list[str]:
    """Each read of a name no earlier script in `files` defines."""
    problems = []
    seen: set[str] = set()
    for file in files:
        defined, needs = exports_and_needs(file)
        problems += [f"{file} reads {name} before it is defined" for name in sorted(needs - seen)]
        seen |= defined
    return problems


@pytest.fixture(scope="module")
def lists():
    return load_lists()


@pytest.mark.parametrize("name", ["player", "editor"])
def test_every_script_comes_after_what_it_reads(lists, name):
    assert misordered(lists[name]) == []


@pytest.mark.parametrize("name", ["player", "editor"])
def test_every_script_of_a_list_exists(lists, name):
    missing = [f for f in lists[name] if f not in VENDOR_GLOBALS and not (EXTENSION / f).is_file()]
    assert missing == []


@pytest.mark.parametrize(
    ("reader", "defining"),
    [
        ("content/flow.js", "content/ui/card.js"),
        ("content/ui/card.js", "content/ui/host.js"),
        ("content/ui/host.js", "vendor/purify.min.js"),
        ("content/editor/main.js", "content/editor/panel.js"),
        ("content/search/rank.js", "vendor/minisearch.umd.js"),
    ],
)
def test_a_script_moved_before_what_it_reads_is_reported(lists, reader, defining):
    """The check itself can fail: swap a script with one it depends on."""
    files = next(files for files in lists.values() if reader in files and defining in files)
    swapped = list(files)
    i, j = swapped.index(reader), swapped.index(defining)
    swapped[i], swapped[j] = swapped[j], swapped[i]
    assert any(problem.startswith(f"{reader} reads ") for problem in misordered(swapped))
