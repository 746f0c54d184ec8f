"""A scripted HTTP server on 127.0.0.1 for the external link tests.

Each path answers in one way (see ``Handler``); the server records every
request (method, path, headers) and the most requests it was serving at once
to each path prefix, so tests can assert what lintkit asked and how politely.
Never listens anywhere but loopback; everything it waits for ends when the
test's server stops.
"""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote

PAGE = b'<html><body><h1 id="intro">Intro</h1><a name="old-anchor"></a>Text</body></html>'


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        self.counts: dict[str, int] = {}
        self.lock = threading.Lock()
        self.inflight = 0
        self.max_inflight = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.serve_forever, args=(0.02,), daemon=True)

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def paths(self) -> list[str]:
        return [f"{m} {p}" for m, p, _h in self.requests]

    def __enter__(self) -> Server:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.shutdown()
        self.server_close()


class Handler(BaseHTTPRequestHandler):
    server: Server
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:
        pass

    def do_HEAD(self) -> None:
        self.answer("HEAD")

    def do_GET(self) -> None:
        self.answer("GET")

    def send(self, status: int, body: bytes = b"", headers: dict | None = None) -> None:
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def answer(self, method: str) -> None:
        srv = self.server
        path = self.path
        with srv.lock:
            srv.requests.append((method, path, dict(self.headers.items())))
            n = srv.counts[path] = srv.counts.get(path, 0) + 1
        if path.startswith("/ok") or path.startswith("/page"):
            self.send(200, PAGE)
        elif path == "/missing":
            self.send(404, b"no")
        elif path == "/gone":
            self.send(410, b"gone")
        elif path == "/flaky":
            self.send(500 if n == 1 else 200, PAGE)
        elif path == "/busy":
            self.send(429, b"", {"Retry-After": "3"}) if n == 1 else self.send(200, PAGE)
        elif path == "/always-busy":
            self.send(429, b"", {"Retry-After": "7200"})
        elif path == "/no-head":
            self.send(405 if method == "HEAD" else 200, PAGE)
        elif path == "/head-501":
            self.send(501 if method == "HEAD" else 200, PAGE)
        elif path == "/broken":
            self.send(500, b"broken")
        elif path == "/old":
            self.send(301, b"", {"Location": "/middle"})
        elif path == "/middle":
            self.send(302, b"", {"Location": "/ok/final"})
        elif path == "/loop-a":
            self.send(302, b"", {"Location": "/loop-b"})
        elif path == "/loop-b":
            self.send(302, b"", {"Location": "/loop-a"})
        elif path.startswith("/to/"):  # /to/<absolute URL>: a redirect there
            self.send(302, b"", {"Location": unquote(path[len("/to/") :])})
        elif path == "/cookie":
            self.send(302, b"", {"Location": "/ok/after-cookie", "Set-Cookie": "s=1; Path=/"})
        elif path == "/hang":
            srv.stop.wait(10)  # never answers while the test runs
        elif path in ("/trickle", "/endless"):
            self.stream(slow=path == "/trickle")
        elif path.startswith("/slow/"):
            with srv.lock:
                srv.inflight += 1
                srv.max_inflight = max(srv.max_inflight, srv.inflight)
            time.sleep(0.1)  # long enough for the client's next requests to overlap
            with srv.lock:
                srv.inflight -= 1
            self.send(200, PAGE)
        else:
            self.send(404, b"unknown")

    def stream(self, slow: bool) -> None:
        """An HTML page that never ends: a byte every 20 ms, or as fast as
        the client reads."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command == "HEAD":
            return
        try:
            self.wfile.write(b'<html><a id="early"></a>')
            chunk = b"x" if slow else b"y" * 65536
            while not self.server.stop.is_set():
                self.wfile.write(chunk)
                self.wfile.flush()
                if slow:
                    time.sleep(0.02)
        except OSError:
            pass  # the client stopped reading


def fence_network(monkeypatch, names: dict[str, list[str]] | None = None):
    """Keep a test on this machine: host names resolve only through ``names``
    (anything else fails as an unknown host), and a socket may connect only to
    127.0.0.1; every connection attempt is recorded (and any other one is
    refused before it leaves). Returns (connect attempts, names looked up)."""
    import socket

    attempts: list[tuple] = []
    looked_up: list[str] = []
    real_connect = socket.socket.connect
    real_getaddrinfo = socket.getaddrinfo

    def getaddrinfo(host, port, family=0, type=0, proto=0, flags=0):
        looked_up.append(str(host))
        if str(host).replace(".", "").isdigit() or ":" in str(host):  # a numeric address
            return real_getaddrinfo(host, port, family, type, proto, socket.AI_NUMERICHOST)
        if names is None or host not in names:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        out = []
        for address in names[host]:
            fam = socket.AF_INET6 if ":" in address else socket.AF_INET
            sockaddr = (
                (address, int(port), 0, 0) if fam == socket.AF_INET6 else (address, int(port))
            )
            out.append((fam, socket.SOCK_STREAM, 6, "", sockaddr))
        return out

    def connect(self, address):
        attempts.append(tuple(address))
        if address[0] != "127.0.0.1":
            raise ConnectionRefusedError(111, "refused by the test's network fence")
        return real_connect(self, address)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket.socket, "connect", connect)
    return attempts, looked_up
