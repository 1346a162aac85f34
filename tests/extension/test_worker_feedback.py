"""The worker's problem reports: the context it adds and what the person is told."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

HERE = Path(__file__).parent


@pytest.fixture(scope="module")
def run() -> dict:
    done = subprocess.run(
        [shutil.which("node") or "node", str(HERE / "js" / "feedback_report.mjs")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_running_walkthrough_and_step_ride_along(run):
    assert run["reports"]["running"] == {
        "user_id": "ada@example.com",
        "app_id": 3,
        "url": "https://app.test/a?b=1",
        "comment": "hi",
        "walkthrough_id": 7,
        "step_index": 1,
    }


def test_without_a_walkthrough_there_is_no_step(run):
    assert "walkthrough_id" not in run["reports"]["idle"]
    assert "step_index" not in run["reports"]["idle"]
    assert run["reports"]["idle"]["comment"] == ""


def test_a_long_comment_is_cut_to_what_the_server_takes(run):
    assert run["reports"]["long"] == 2000


def test_it_posts_with_the_client_key(run):
    assert run["sent"] == {
        "url": "https://tg.example/api/v1/client/feedback",
        "method": "POST",
        "key": "tgc_key",
    }


@pytest.mark.parametrize(
    ("answer", "told"),
    [
        ("limited", "many reports today"),
        ("refused", "could not be sent"),
        ("offline", "cannot be reached"),
    ],
)
def test_the_person_is_told_why_a_report_did_not_arrive(run, answer, told):
    assert run["answers"][answer]["sent"] is False
    assert told in run["answers"][answer]["problem"]


def test_an_accepted_report_is_sent(run):
    assert run["answers"]["accepted"] == {"sent": True}
