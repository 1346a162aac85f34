"""Ships the runnable extension inside the package (``backend/extension_files``).

``trailguide flows check`` and ``trailguide extension pack`` load it from there
when installed; everything else about the package is in pyproject.toml.
"""

import importlib.util
import os
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
EXTENSION = ROOT / "extension"


def _source():
    # Loaded by path: importing the backend package would need its dependencies.
    spec = importlib.util.spec_from_file_location(
        "_extension_source", ROOT / "backend/extension_source.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SOURCE = _source()


def _extension_files() -> list[Path]:
    """What the browser loads: the extension directory without its development files."""
    files = []
    for folder, dirs, names in os.walk(EXTENSION):
        dirs[:] = [d for d in dirs if d not in SOURCE.LEFT_OUT]  # never walks node_modules
        files += [Path(folder, name) for name in names if name not in SOURCE.LEFT_OUT]
    return sorted(files)


class BuildWithExtension(build_py):
    """Copies the extension into the built package; an editable install reads the checkout."""

    def run(self):
        super().run()
        if self.editable_mode:
            return
        if not (EXTENSION / "vendor").is_dir():
            raise SystemExit("extension/vendor/ is missing: run `make extension` before building")
        target = Path(self.build_lib) / "backend" / SOURCE.PACKAGED_NAME
        shutil.rmtree(target, ignore_errors=True)
        for path in _extension_files():
            destination = target / path.relative_to(EXTENSION)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, destination)

    def get_source_files(self):
        # The sdist carries the same files, so a wheel built from it has them too.
        return [
            *super().get_source_files(),
            *(p.relative_to(ROOT).as_posix() for p in _extension_files()),
        ]


setup(cmdclass={"build_py": BuildWithExtension})
