"""Serve a recorded archive of API responses on loopback, so any spider runs offline.

Archive layout (a folder):

    responses.jsonl   one line per recorded response:
                      {"path": "/api/remote-jobs", "query": "", "status": 200,
                       "headers": {"Content-Type": "application/json"}, "body_file": "bodies/0.json"}
    bodies/...        response bodies, byte for byte as recorded

``body_file`` is relative to the archive folder (or absolute, so a test can serve a recorded file
where it lies). Requests match on the exact path and the query string with its pairs sorted;
anything else is a 404, as a strict mirror should be. HEAD is answered like GET without a body.
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

MANIFEST = "responses.jsonl"


def canonical_query(query: str) -> str:
    return urlencode(sorted(parse_qsl(query, keep_blank_values=True)))


@dataclass
class RecordedResponse:
    path: str
    query: str
    status: int
    headers: dict[str, str]
    body_file: Path

    def body(self) -> bytes:
        return self.body_file.read_bytes()


@dataclass
class Archive:
    root: Path
    responses: dict[tuple[str, str], RecordedResponse] = field(default_factory=dict)

    @classmethod
    def load(cls, root: Path) -> Archive:
        root = Path(root)
        manifest = root / MANIFEST
        if not manifest.is_file():
            raise FileNotFoundError(f"{root} is not a replay archive: {MANIFEST} is missing")
        archive = cls(root)
        for lineno, line in enumerate(manifest.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                entry = json.loads(line)
                body_file = Path(entry["body_file"])
                recorded = RecordedResponse(
                    path=entry["path"],
                    query=canonical_query(entry.get("query", "")),
                    status=int(entry.get("status", 200)),
                    headers=dict(entry.get("headers", {})),
                    body_file=body_file if body_file.is_absolute() else root / body_file,
                )
            except (ValueError, KeyError, TypeError) as exc:
                raise ValueError(f"{manifest}:{lineno}: bad archive entry: {exc}") from exc
            archive.responses[(recorded.path, recorded.query)] = recorded
        return archive

    def add(self, path: str, body: bytes, *, query: str = "", status: int = 200,
            content_type: str = "application/json; charset=utf-8") -> None:
        """Record a response into this archive folder (used by the demo and by tests)."""
        bodies = self.root / "bodies"
        bodies.mkdir(parents=True, exist_ok=True)
        # Named after the request, so recording the same URL again replaces its body.
        key = hashlib.sha1(f"{path}?{canonical_query(query)}".encode()).hexdigest()[:20]
        body_file = bodies / f"{key}.body"
        body_file.write_bytes(body)
        recorded = RecordedResponse(path, canonical_query(query), status,
                                    {"Content-Type": content_type}, body_file)
        self.responses[(recorded.path, recorded.query)] = recorded
        with (self.root / MANIFEST).open("a", encoding="utf-8") as fh:
            fh.write(json.dumps({
                "path": path, "query": recorded.query, "status": status,
                "headers": recorded.headers, "body_file": str(body_file.relative_to(self.root)),
            }) + "\n")


def _handler_for(archive: Archive) -> type[BaseHTTPRequestHandler]:
    class ReplayHandler(BaseHTTPRequestHandler):
        server_version = "SkillPulseReplay/1"

        def _respond(self, with_body: bool) -> None:
            parts = urlsplit(self.path)
            recorded = archive.responses.get((parts.path, canonical_query(parts.query)))
            if recorded is None:
                body = b"not in archive\n"
                self.send_response(404)
                self.send_header("Content-Type", "text/plain")
            else:
                body = recorded.body()
                self.send_response(recorded.status)
                for name, value in recorded.headers.items():
                    if name.lower() not in {"content-length", "transfer-encoding", "content-encoding"}:
                        self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if with_body:
                self.wfile.write(body)

        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            self._respond(with_body=True)

        def do_HEAD(self) -> None:  # noqa: N802
            self._respond(with_body=False)

        def log_message(self, format: str, *args) -> None:  # noqa: A002
            pass  # the crawler logs every request already

    return ReplayHandler


class ReplayServer:
    """A threaded HTTP server over an archive; ``port=0`` picks a free port."""

    def __init__(self, archive: Archive | Path, host: str = "127.0.0.1", port: int = 0) -> None:
        self.archive = archive if isinstance(archive, Archive) else Archive.load(archive)
        self.httpd = ThreadingHTTPServer((host, port), _handler_for(self.archive))
        self.httpd.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> ReplayServer:
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        self.httpd.serve_forever()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> ReplayServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
