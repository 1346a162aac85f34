"""The extension ships inside the package: the wheel carries what the browser loads (and no
development file), and an installed copy finds it without a checkout."""

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from backend import extension_source
from backend.extension_source import ExtensionNotFound, extension_dir
from tests.support import procs

ROOT = Path(__file__).resolve().parents[3]
CHECKOUT = ROOT / "extension"
PACKAGED = "backend/extension_files/"
# What building the package reads; the copy keeps the test's build out of the working tree.
BUILD_INPUTS = ("pyproject.toml", "setup.py", "README.md", "backend", "walkthroughs", "analytics")
BUILD_TIMEOUT_SECONDS = 240


def _pip(*args: str, cwd: Path) -> None:
    # Offline and with this environment's setuptools: the test never reaches a registry.
    command = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet", *args]
    subprocess.run(command, cwd=cwd, check=True, timeout=BUILD_TIMEOUT_SECONDS)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The package's wheel, built once from a copy of this tree."""
    tree = tmp_path_factory.mktemp("tree")
    skip = shutil.ignore_patterns("node_modules", "__pycache__", "*.egg-info")
    for name in BUILD_INPUTS:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tree / name, ignore=skip)
        else:
            shutil.copy2(source, tree / name)
    shutil.copytree(CHECKOUT, tree / "extension", ignore=skip)
    out = tmp_path_factory.mktemp("wheel")
    _pip("wheel", "--no-deps", "--no-index", "--no-build-isolation", "-w", str(out), ".", cwd=tree)
    (built,) = out.glob("trailguide-*.whl")
    return built


def _packaged_names(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return {n.removeprefix(PACKAGED) for n in archive.namelist() if n.startswith(PACKAGED)}


def test_the_wheel_carries_every_file_the_browser_loads(wheel):
    names = _packaged_names(wheel)
    runnable = {"manifest.json", "background.js", "managed_schema.json"}
    for folder in ("content", "worker", "options", "popup", "icons", "shared"):
        runnable |= {p.relative_to(CHECKOUT).as_posix() for p in (CHECKOUT / folder).rglob("*.*")}
    vendored = {f"vendor/{p.name}" for p in (CHECKOUT / "vendor").glob("*.js")}
    assert vendored and names >= runnable | vendored


@pytest.mark.parametrize(
    "development_only",
    ["node_modules/", "types/", "bundles/", "package.json", "package-lock.json",
     "tsconfig.json", "eslint.config.js", "README.md", "vendor/.installed"],
)  # fmt: skip
def test_the_wheel_leaves_out_development_files(wheel, development_only):
    assert not any(name.startswith(development_only) for name in _packaged_names(wheel))


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """The wheel installed into a bare directory, far from any checkout."""
    target = tmp_path_factory.mktemp("site")
    _pip("install", "--no-deps", "--no-index", "--target", str(target), str(wheel), cwd=target)
    assert not (target / "extension").exists()
    return target


def _run_installed(installed: Path, code: str, *args: str, **env: str) -> str:
    # The target comes first on the path, ahead of this checkout's editable install.
    return subprocess.run(
        [sys.executable, "-c", code, *args], cwd=installed.parent, check=True,
        env={**os.environ, "PYTHONPATH": str(installed), **env},
        capture_output=True, text=True, timeout=BUILD_TIMEOUT_SECONDS,
    ).stdout  # fmt: skip


def test_an_installed_package_finds_its_own_copy_without_a_checkout(installed):
    code = "from backend.extension_source import extension_dir; print(extension_dir())"
    found = Path(_run_installed(installed, code).strip())
    assert found == installed / "backend" / "extension_files"
    assert (found / "manifest.json").is_file()


def test_an_installed_package_packs_its_own_copy(installed, tmp_path):
    chromium = procs.which("chromium", "/usr/bin/chromium")
    data_dir = tmp_path / "data"
    _run_installed(
        installed, "from backend.cli import main; main()",
        "extension", "pack", "--server", "https://tg.example", "--chromium", chromium,
        TRAILGUIDE_DATA_DIR=str(data_dir),
    )  # fmt: skip
    (crx,) = (data_dir / "extension").glob("trailguide-*.crx")
    with zipfile.ZipFile(crx) as archive:
        names = set(archive.namelist())
    assert {"manifest.json", "worker/files.js", "vendor/purify.min.js"} <= names


def test_a_checkout_loads_its_own_extension_directory():
    assert extension_dir() == CHECKOUT


def test_no_extension_anywhere_is_named(tmp_path, monkeypatch):
    monkeypatch.setattr(extension_source, "PACKAGED_DIR", tmp_path / "packaged")
    monkeypatch.setattr(extension_source, "CHECKOUT_DIR", tmp_path / "checkout")
    with pytest.raises(ExtensionNotFound, match="pass the unpacked extension"):
        extension_dir()
