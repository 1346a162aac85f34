"""The worker's memory of who each application's page says the person is."""

import json
import shutil
import subprocess
from pathlib import Path

HERE = Path(__file__).parent


def test_ids_remembered_at_once_for_two_applications_are_both_kept():
    """Concurrent first calls share one read of storage, so neither write is lost."""
    done = subprocess.run(
        [shutil.which("node") or "node", str(HERE / "js" / "identity_store.mjs")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["identity:page"] == {
        "https://tg.example|1": "ada@example.com",
        "https://tg.example|2": "bob@example.com",
    }
