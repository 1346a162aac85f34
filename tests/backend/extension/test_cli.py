"""``trailguide extension``: what an operator sees when a step is missing or wrong."""

import json

import pytest
from click.testing import CliRunner

from backend import extension_source
from backend.cli import main
from backend.services.extension_release import key_path


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("TRAILGUIDE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("TRAILGUIDE_PUBLIC_URL", raising=False)
    return tmp_path / "data"


def test_policy_before_any_pack_says_to_pack_first(data_dir):
    result = CliRunner().invoke(main, ["extension", "policy", "--server", "https://tg.example",
                                       "--client-key", "tgc_x"])  # fmt: skip
    assert result.exit_code == 2
    assert "run `extension pack` first" in result.output


def test_pack_needs_the_url_browsers_reach_the_server_at(data_dir):
    result = CliRunner().invoke(main, ["extension", "pack"])
    assert result.exit_code == 2
    assert "--server URL" in result.output


def test_pack_without_an_installed_or_checkout_extension_says_so(data_dir, monkeypatch, tmp_path):
    monkeypatch.setattr(extension_source, "PACKAGED_DIR", tmp_path / "packaged")
    monkeypatch.setattr(extension_source, "CHECKOUT_DIR", tmp_path / "checkout")
    result = CliRunner().invoke(main, ["extension", "pack", "--server", "https://tg.example"])
    assert result.exit_code == 2
    assert "pass the unpacked extension" in result.output
    assert not key_path(data_dir).exists()  # no deployment key made for nothing


def test_policy_for_a_given_id_writes_every_file(data_dir, tmp_path):
    out = tmp_path / "policies"
    extension_id = "p" * 32
    result = CliRunner().invoke(main, ["extension", "policy", "--server", "https://tg.example",
                                       "--client-key", "tgc_x", "--extension-id", extension_id,
                                       "--out", str(out)])  # fmt: skip
    assert result.exit_code == 0, result.output
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert written == [
        "linux/trailguide.json",
        f"macos/com.google.Chrome.extensions.{extension_id}.plist",
        "macos/com.google.Chrome.plist",
        "windows/trailguide-chrome.reg",
        "windows/trailguide-edge.reg",
    ]
    linux = json.loads((out / "linux" / "trailguide.json").read_text())
    assert linux["ExtensionInstallForcelist"] == [
        f"{extension_id};https://tg.example/extension/updates.xml"
    ]
