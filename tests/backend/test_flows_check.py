"""`trailguide flows check` without a browser: pages of URL patterns, the JUnit report,
unknown walkthrough keys."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from backend import extension_source
from backend.cli import main
from backend.cli.flows_check import _selected, junit_report
from backend.cli.replay import (
    FOUND,
    HEALED,
    NOT_FOUND,
    NOT_REACHED,
    SetupError,
    StepResult,
    WalkthroughResult,
    page_path,
)


@pytest.mark.parametrize(
    ("pattern", "path"),
    [
        ("*://*/acme/contacts", "/acme/contacts"),
        ("https://crm.example.test/deals/new", "/deals/new"),
        ("https://crm.example.test/deals/*", None),
        ("https://crm.example.test", None),
        (None, None),
    ],
)
def test_a_step_page_is_opened_only_when_its_pattern_names_one_path(pattern, path):
    assert page_path(pattern) == path


def test_the_junit_report_fails_broken_steps_and_skips_the_rest():
    result = WalkthroughResult("tour", "Tour", [
        StepResult(0, "open", FOUND),
        StepResult(1, "fill", HEALED, "found by alternative"),
        StepResult(2, "save", NOT_FOUND, "no element matches", Path("shots/tour-3-save.png")),
        StepResult(3, "done", NOT_REACHED),
    ])  # fmt: skip
    suite = junit_report([result]).getroot().find("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("skipped")) == ("4", "1", "1")
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == ["1 open", "2 fill", "3 save", "4 done"]
    assert cases[1].find("system-out").text == "healed: found by alternative"
    assert cases[2].find("failure").get("message") == "step save: not found"
    assert "shots/tour-3-save.png" in cases[2].find("system-err").text
    assert cases[3].find("skipped") is not None


def test_an_unknown_walkthrough_key_is_a_setup_error():
    with pytest.raises(SetupError, match="'nope'"):
        _selected({"walkthroughs": [{"key": "tour"}]}, ("nope",))


def test_no_installed_or_checkout_extension_is_a_setup_error(tmp_path, monkeypatch):
    monkeypatch.setattr(extension_source, "PACKAGED_DIR", tmp_path / "packaged")
    monkeypatch.setattr(extension_source, "CHECKOUT_DIR", tmp_path / "checkout")
    result = CliRunner().invoke(main, ["flows", "check", "--base-url", "http://127.0.0.1:9/",
                                       "--server", "http://127.0.0.1:9", "--token", "t",
                                       "--workspace", "1"])  # fmt: skip
    assert result.exit_code == 2
    assert "pass the unpacked extension" in result.output


def test_the_finder_scripts_come_from_the_players_own_list():
    from backend.cli.replay import finder_files

    files = finder_files(Path("extension"))
    assert files[0] == "shared/messages.js"
    assert files[-1] == "content/finder/resolve.js"
    assert not [f for f in files if f.startswith("vendor/")]


def test_a_folder_that_lists_no_finder_is_not_an_extension(tmp_path):
    from backend.cli.replay import finder_files

    (tmp_path / "worker").mkdir()
    (tmp_path / "worker" / "files.js").write_text(
        'export const PLAYER_FILES = Object.freeze([\n  "content/core.js",\n]);\n'
    )
    with pytest.raises(ValueError, match=r"resolve\.js"):
        finder_files(tmp_path)
