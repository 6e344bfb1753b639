"""A fake ESC/POS network printer (raw TCP like port 9100) with switchable failure modes.

Used by the demo day (receipts go to it without hardware) and by the printer tests.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from types import TracebackType

DLE_EOT = b"\x10\x04"
# Answers to DLE EOT n when healthy: 1 printer status (online), 2 offline cause, 3 error cause,
# 4 paper roll sensor (ok). Bits 0x12 are always set in real answers.
NORMAL_ANSWERS = {1: 0x16, 2: 0x12, 3: 0x12, 4: 0x12}
PAPER_OUT_PAPER = 0x72  # paper end bits 0x60 set
MODES = ("normal", "paper_out", "drop", "silent")


class FakeEscposPrinter:
    """Listens on 127.0.0.1 (random port); answers DLE EOT queries and records job bytes.

    Real-time queries (DLE EOT n) are answered and stripped wherever they appear, as a real
    printer does, so `.jobs` holds only job payloads: one entry per connection that carried any
    job bytes and ended normally. `.partial` holds job bytes of connections the fake dropped.
    `.mode` may be changed at any time: "normal", "paper_out", "drop" (close after the first
    chunk of job bytes), "silent" (accept, never read or answer).
    """

    def __init__(self, drop_after: int = 1) -> None:
        self.mode = "normal"
        self.drop_after = drop_after
        self.jobs: list[bytes] = []
        self.partial: list[bytes] = []
        self.queries: list[int] = []
        self.connections = 0
        self.closed_connections = 0
        self._lock = threading.Condition()
        self._server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._server.bind(("127.0.0.1", 0))
        self._server.listen(8)
        self.port: int = self._server.getsockname()[1]
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._open: list[socket.socket] = []
        self._accepter = threading.Thread(target=self._accept_loop, daemon=True)

    @property
    def received(self) -> bytes:
        """Every job byte received so far (complete and dropped jobs, in order)."""
        with self._lock:
            return b"".join(self.jobs) + b"".join(self.partial)

    def __enter__(self) -> FakeEscposPrinter:
        self._accepter.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Stop listening and close every connection."""
        self._stop.set()
        # Wake accept(): shutdown makes the blocked accept() fail immediately.
        with contextlib.suppress(OSError):
            self._server.shutdown(socket.SHUT_RDWR)
        self._server.close()
        with self._lock:
            for conn in self._open:
                with contextlib.suppress(OSError):
                    conn.shutdown(socket.SHUT_RDWR)
        self._accepter.join(timeout=5)
        for t in self._threads:
            t.join(timeout=5)

    def _accept_loop(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._server.accept()
            except OSError:
                return
            with self._lock:
                self.connections += 1
                self._open.append(conn)
            t = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            self._threads.append(t)
            t.start()

    def _serve(self, conn: socket.socket) -> None:
        job = bytearray()
        dropped = False
        with conn:
            if self.mode == "silent":
                # Hold the connection open, never read: the client's reads time out.
                self._stop.wait()
            else:
                dropped = self._read_job(conn, job)
        with self._lock:
            if conn in self._open:
                self._open.remove(conn)
            if job:
                (self.partial if dropped else self.jobs).append(bytes(job))
            self.closed_connections += 1
            self._lock.notify_all()

    def _read_job(self, conn: socket.socket, job: bytearray) -> bool:
        """Read until the client closes, answering queries; True if the fake dropped the link."""
        pending = b""
        while True:
            try:
                chunk = conn.recv(4096)
            except OSError:
                return False
            if not chunk:
                return False
            data, pending, i = pending + chunk, b"", 0
            while i < len(data):
                if self.mode == "drop" and len(job) >= self.drop_after:
                    # Go away mid-job without answering anything that follows.
                    return True
                if data[i : i + 2] == DLE_EOT and i + 2 < len(data):
                    self._answer(conn, data[i + 2])
                    i += 3
                elif data[i:] in (b"\x10", DLE_EOT):
                    pending = data[i:]  # a query split across reads
                    break
                else:
                    job.append(data[i])
                    i += 1
            if self.mode == "drop" and len(job) >= self.drop_after:
                return True

    def wait_closed(self, connections: int, timeout: float = 5.0) -> bool:
        """Wait until `connections` client connections have ended (their jobs are recorded)."""
        with self._lock:
            return self._lock.wait_for(lambda: self.closed_connections >= connections, timeout)

    def _answer(self, conn: socket.socket, n: int) -> None:
        with self._lock:
            self.queries.append(n)
        if self.mode == "silent":
            return
        answer = NORMAL_ANSWERS.get(n, 0x12)
        if self.mode == "paper_out" and n == 4:
            answer = PAPER_OUT_PAPER
        with contextlib.suppress(OSError):
            conn.sendall(bytes([answer]))


def closed_port() -> int:
    """A local TCP port with nothing listening (connecting is refused)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port
