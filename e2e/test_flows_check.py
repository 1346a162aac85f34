"""`trailguide flows check` replays the demo app's walkthrough with the real extension:
it passes on the app as it is, and after a breaking release it fails with a per-step
report, a JUnit file and a screenshot of the broken step."""

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from e2e.support.release_proxy import ReleaseProxy

TRAILGUIDE = Path(sys.executable).with_name("trailguide")
LINK = (
    '<a class="btn btn-primary" href="/acme/contacts/new" data-link data-testid="new-contact" '
    'id="new-contact-button">New contact</a>'
)
# The release turns the link into a button with other words: no way finds it, and a
# different tag must never be healed onto.
BUTTON = '<button class="btn" type="button" data-testid="add-person">Add person</button>'


def check(env, base_url: str, tmp_path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(TRAILGUIDE), "flows", "check", "--base-url", base_url,
         "--server", env.server.url, "--token", env.workspace.owner_token,
         "--workspace", str(env.workspace.id), "--walkthrough", "create-first-contact",
         "--junit", str(tmp_path / "junit.xml"), "--screenshots", str(tmp_path / "shots")],
        capture_output=True, text=True, timeout=240, check=False,
    )  # fmt: skip


def test_the_demo_app_passes_and_a_breaking_release_fails_per_step(guide_env, tmp_path):
    env = guide_env
    passed = check(env, env.server.url, tmp_path / "before")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "create-first-contact: ok" in passed.stdout
    assert "5. save-contact: found" in passed.stdout

    renamed = LINK.replace('data-testid="new-contact" id="new-contact-button"', 'data-testid="x1"')
    with ReleaseProxy(env.server.url, "/acme/static/pages/contacts.js", LINK, renamed) as app:
        healed = check(env, app.url, tmp_path / "healed")
    assert healed.returncode == 0, healed.stdout + healed.stderr
    assert "1. open-form: healed (found by alternative; ways that missed: testid, id;" in (
        healed.stdout
    )

    with ReleaseProxy(env.server.url, "/acme/static/pages/contacts.js", LINK, BUTTON) as app:
        failed = check(env, app.url, tmp_path / "after")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "1. open-form: not found" in failed.stdout
    assert "2. enter-first-name: not reached" in failed.stdout
    junit = ET.parse(tmp_path / "after" / "junit.xml")  # noqa: S314 - written by this test
    suite = junit.getroot().find("testsuite")
    assert suite.get("failures") == "1"
    assert suite.find("testcase/failure").get("message") == "step open-form: not found"
    shot = tmp_path / "after" / "shots" / "create-first-contact-1-open-form.png"
    assert shot.read_bytes().startswith(b"\x89PNG")


def test_an_unreachable_server_is_a_setup_error(tmp_path):
    answer = subprocess.run(
        [str(TRAILGUIDE), "flows", "check", "--base-url", "http://127.0.0.1:9/",
         "--server", "http://127.0.0.1:9", "--token", "t", "--workspace", "1"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert answer.returncode == 2
    assert answer.stderr.startswith("trailguide: error:")
