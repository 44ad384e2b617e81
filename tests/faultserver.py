"""A scriptable HTTP server on 127.0.0.1 for the crawl fault matrix (tests only).

Each path gets a list of scripted replies served in order (the last one repeats): status,
headers, body and an optional delay before answering. Requests are recorded for assertions.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "application/json"})
    delay: float = 0.0


class FaultServer:
    def __init__(self, script: dict[str, list[Reply]]) -> None:
        self.script = script
        self.requests: list[tuple[float, str]] = []
        self._served: dict[str, int] = {}
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                with server._lock:
                    server.requests.append((time.monotonic(), self.path))
                    replies = server.script.get(self.path)
                    n = server._served.get(self.path, 0)
                    server._served[self.path] = n + 1
                if not replies:
                    reply = Reply(404, b"not here", {"Content-Type": "text/plain"})
                else:
                    reply = replies[min(n, len(replies) - 1)]
                if reply.delay:
                    time.sleep(reply.delay)
                try:
                    self.send_response(reply.status)
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(reply.body)))
                    self.end_headers()
                    self.wfile.write(reply.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeouts): expected in those tests

            def log_message(self, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def hits(self, path: str) -> list[float]:
        return [t for t, p in self.requests if p == path]

    def __enter__(self) -> FaultServer:
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
