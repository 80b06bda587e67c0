"""Serving the built book on this computer, the way static hosts serve it.

Static hosts (GitHub Pages, Netlify, a school's web server) send text files
gzip-compressed to browsers that accept it: a chapter page then weighs about
120 KB instead of 500 KB. Python's own `http.server` sends every file as it is,
which makes the book look slower than it will be once published (Lighthouse
scores it 78 instead of 98). `BookRequestHandler` compresses as hosts do; it is
what `python -m welcome_course serve` (`make serve`) and the benchmarks use.
"""

from __future__ import annotations

import errno
import functools
import gzip
import http.server
import io
import os
import socket
import threading
from pathlib import Path
from typing import ClassVar

# what hosts compress: text, not images or fonts that are compressed already
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


class BookRequestHandler(http.server.SimpleHTTPRequestHandler):
    """Python's file handler, plus gzip for text files when the browser asks for it. Compressed
    files are kept in memory, keyed by path, modification time and size, so each is compressed once."""

    compress = True
    quiet = False
    _compressed: ClassVar[dict[tuple[str, int, int], bytes]] = {}  # shared by every request: a cache
    _lock = threading.Lock()

    def log_message(self, format, *args):
        if not self.quiet:
            super().log_message(format, *args)

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            path = path / "index.html"
        kind = self.guess_type(str(path))
        wanted = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.compress and wanted and path.is_file() and kind.startswith(COMPRESSED_TYPES)):
            return super().send_head()
        data = self._gzipped(path)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Last-Modified", self.date_time_string(int(path.stat().st_mtime)))
        self.end_headers()
        return io.BytesIO(data)

    @classmethod
    def _gzipped(cls, path: Path) -> bytes:
        stat = path.stat()
        key = (str(path), stat.st_mtime_ns, stat.st_size)
        with cls._lock:
            if key not in cls._compressed:
                cls._compressed[key] = gzip.compress(path.read_bytes(), 6, mtime=0)
            return cls._compressed[key]


def book_server(
    folder: Path | str, port: int = 0, *, compress: bool = True, quiet: bool = False
) -> http.server.ThreadingHTTPServer:
    """A server for `folder` on 127.0.0.1 (port 0: any free port). Call serve_forever() on it."""
    handler_class = type("Handler", (BookRequestHandler,), {"compress": compress, "quiet": quiet})
    handler = functools.partial(handler_class, directory=os.fspath(folder))
    return http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)


def port_message(port: int, err: OSError) -> str:
    """Why no server can listen on 127.0.0.1:`port` (the error `err` said so), and what to do."""
    if err.errno == errno.EADDRINUSE:
        free = next((p for p in range(port + 1, min(port + 50, 65535) + 1) if _can_listen(p)), None)
        instead = f", e.g. --port {free}" if free else ""
        return (
            f"port {port} is already in use (by another program, perhaps a 'serve' or 'preview' "
            f"still running); choose another port with --port{instead}"
        )
    if err.errno == errno.EACCES:
        return f"this computer does not allow you to use port {port}; choose a port from 1024 up with --port, e.g. --port 8000"
    return f"cannot use port {port} ({err.strerror or err}); choose another port with --port"


def _can_listen(port: int) -> bool:
    return _bind_error(port) is None


def _bind_error(port: int) -> OSError | None:
    """The error binding 127.0.0.1:`port` gives, as a server would bind it (reusing the address)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError as err:
            return err
    return None


def port_problem(port: int) -> str | None:
    """Why a server could not listen on 127.0.0.1:`port`, and what to do; None when it can."""
    err = _bind_error(port)
    return None if err is None else port_message(port, err)
