"""A small static server for the e2e test pages (e2e/pages), on a free port."""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tests.support import procs

PAGES = Path(__file__).resolve().parents[1] / "pages"
# Single-page apps: unknown paths below these prefixes get the app's index.html.
SPA_ROOTS = ("/spa/",)


class _Handler(SimpleHTTPRequestHandler):
    def send_head(self):
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        for root in SPA_ROOTS:
            if path.startswith(root) and not Path(self.translate_path(path)).exists():
                self.path = root + "index.html"
        return super().send_head()

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format, *args):
        pass  # quiet: tests read their own failures, not access logs


class StaticServer:
    """Serves e2e/pages at http://127.0.0.1:<port>/ from a thread."""

    def __init__(self, root: Path = PAGES):
        handler = functools.partial(_Handler, directory=str(root))
        self.httpd = ThreadingHTTPServer(("127.0.0.1", procs.free_port()), handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def start(self) -> StaticServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(5)
