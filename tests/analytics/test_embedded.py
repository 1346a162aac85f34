"""chDB admits one process per data directory; a second one is told so in one line."""

import subprocess
import sys


def test_second_process_is_refused_with_one_line(chdb_backend):
    code = (
        "from analytics.backends.embedded import EmbeddedBackend\n"
        f"EmbeddedBackend({str(chdb_backend.path)!r})\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    last = result.stderr.strip().splitlines()[-1]
    assert "DirectoryInUse" in last
    assert "in use by process" in last
