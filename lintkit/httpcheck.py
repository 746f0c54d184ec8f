"""Check external URLs over HTTP: concurrent, polite, guarded.

``check_urls(urls, settings)`` asks each URL once and returns a ``Verdict``
per URL. aiohttp (the ``external`` extra) is imported only here and only
when a check runs, so a run without ``--external`` never loads it.

- **Polite**: at most ``concurrency`` requests at once, at most ``per_host``
  to one host; HEAD first, GET where the server refuses HEAD (any 4xx but
  429); 429 and 5xx are retried ``retries`` times, waiting what
  ``Retry-After`` asks (up to ``max_wait``) or ``backoff`` seconds doubling;
  a User-Agent naming lintkit and its version; no cookies kept.
- **Bounded**: every request ends within ``timeout`` seconds; a body (read
  only to find the ids a ``#fragment`` may name) is read to at most
  ``max_bytes``; at most ``max_redirects`` redirects.
- **Guarded** (``lintkit.netguard``): redirects are followed by hand, and
  each hop's URL, each address a host name resolves to, and each address a
  socket connects to are checked.
- **One word on a dead network**: when the first hosts tried all fail for
  network reasons (DNS cannot be reached, no route) and none answered, the
  run stops asking and says so once (``Report.unavailable``).
"""

from __future__ import annotations

import asyncio
import email.utils
import errno
import socket
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

from . import __version__
from .netguard import Guard, Refused

USER_AGENT = f"lintkit/{__version__} (external link check of a Jekyll site)"
REDIRECTS = (301, 302, 303, 307, 308)
PERMANENT = (301, 308)
RETRY = frozenset({429, 500, 502, 503, 504, *range(520, 531)})  # asked again after a wait
# statuses after which GET is asked where HEAD was: servers that mishandle HEAD
# answer 405 or 501, or treat it as any other unknown request (4xx, 500)
HEAD_REFUSED = frozenset({*range(400, 429), *range(430, 452), 500, 501})


@dataclass(frozen=True)
class Settings:
    timeout: float = 10.0  # seconds for one request, connection to last byte read
    retries: int = 2  # more tries after a 429, a 5xx or a dropped connection
    backoff: float = 1.0  # seconds before the first retry; doubles each time
    max_wait: float = 60.0  # the longest Retry-After honoured; longer: give up
    concurrency: int = 16  # requests at once
    per_host: int = 2  # requests at once to one host
    max_redirects: int = 10
    max_bytes: int = 1_048_576  # of a body read for its ids
    allow_hosts: tuple[str, ...] = ()  # see netguard.Guard
    accept: dict[str, frozenset[int]] = field(default_factory=dict)  # host ("*": any) -> codes
    unavailable_after: int = 3  # hosts failing for network reasons, none answering
    user_agent: str = USER_AGENT


@dataclass(frozen=True)
class Verdict:
    kind: str  # "ok", "dead", "error" (could not tell), "refused" (guard), "unavailable"
    message: str = ""  # the status or the problem, in words
    status: int | None = None  # the last HTTP status
    moved_to: str | None = None  # a permanent first redirect: where the chain ends
    ids: frozenset[str] | None = None  # ids of the HTML page (when asked for them)
    complete: bool = True  # ids: the whole page was read
    cached: bool = False  # from the cache, not asked this run


@dataclass
class Report:
    verdicts: dict[str, Verdict]
    requests: int = 0  # HTTP requests sent
    unavailable: str | None = None  # why the network is unavailable (then nothing was checked)


Progress = Callable[[int, int, int], None]  # (done, total, failed so far)


def check_urls(
    urls: dict[str, bool],
    settings: Settings,
    progress: Progress | None = None,
    sleep: Callable[[float], Awaitable[Any]] | None = None,
) -> Report:
    """Verdicts for ``urls`` (URL without fragment -> whether the ids of the
    page are wanted)."""
    if not urls:
        return Report({})
    checker = _Checker(settings, progress, sleep or asyncio.sleep)
    return asyncio.run(checker.run(urls))


class _Checker:
    def __init__(
        self, st: Settings, progress: Progress | None, sleep: Callable[[float], Awaitable[Any]]
    ) -> None:
        self.st = st
        self.progress = progress
        self.sleep = sleep
        self.guard = Guard(st.allow_hosts)
        self.report = Report({})
        self.answered = 0  # HTTP responses received
        self.network_failures: dict[str, str] = {}  # host -> why
        self.done = 0
        self.failed = 0
        self.host_limits: dict[str, asyncio.Semaphore] = {}

    async def run(self, urls: dict[str, bool]) -> Report:
        import aiohttp

        self.all_limit = asyncio.Semaphore(max(1, self.st.concurrency))
        connector = aiohttp.TCPConnector(
            limit=max(1, self.st.concurrency),
            limit_per_host=max(1, self.st.per_host),
            resolver=_guarded_resolver(self.guard),
            socket_factory=self.guard.socket_factory,
            ttl_dns_cache=300,
        )
        self.session = aiohttp.ClientSession(
            connector=connector,
            cookie_jar=aiohttp.DummyCookieJar(),
            headers={"User-Agent": self.st.user_agent, "Accept": "text/html,*/*;q=0.8"},
            timeout=aiohttp.ClientTimeout(total=None, sock_connect=self.st.timeout),
            trust_env=False,
        )
        self.total = len(urls)
        self.hosts = len({(urlsplit(u).hostname or "").lower() for u in urls})
        try:
            order = sorted(urls)
            results = await asyncio.gather(*(self.one(u, urls[u]) for u in order))
        finally:
            await self.session.close()
        self.report.verdicts = dict(zip(order, results))
        return self.report

    # ----------------------------------------------------------------- one URL
    async def one(self, url: str, want_ids: bool) -> Verdict:
        if self.report.unavailable:
            return Verdict("unavailable", self.report.unavailable)
        verdict = await self.check(url, want_ids)
        self.done += 1
        if verdict.kind in ("dead", "error", "refused"):
            self.failed += 1
        if self.progress is not None:
            self.progress(self.done, self.total, self.failed)
        return verdict

    async def check(self, url: str, want_ids: bool) -> Verdict:
        if want_ids:
            return await self.chain(url, "GET", True)
        verdict = await self.chain(url, "HEAD", False)
        if verdict.kind == "unavailable":
            return verdict
        if verdict.status in HEAD_REFUSED or verdict.message == _DROPPED:
            return await self.chain(url, "GET", False)
        return verdict

    async def chain(self, url: str, method: str, want_ids: bool) -> Verdict:
        """Follow ``url`` through its redirects, each hop guarded."""
        seen = [url]
        current = url
        moved = False
        for hop in range(self.st.max_redirects + 1):
            try:
                host, _port = self.guard.check_url(current)
            except Refused as exc:
                if exc.invalid:
                    return Verdict("dead", _via(seen, str(exc)))
                return Verdict("refused", _via(seen, f"refused: {exc}"))
            got = await self.request(current, host, method, want_ids)
            if isinstance(got, Verdict):
                if got.kind == "refused" or hop:
                    return Verdict(got.kind, _via(seen, got.message), got.status)
                return got
            status, location, ids, complete = got
            if status in REDIRECTS and location is not None:
                try:
                    nxt = _defrag(urljoin(current, location))
                except ValueError:
                    return Verdict("dead", _via(seen, f"{status} to an invalid URL"), status)
                if hop == 0:
                    moved = status in PERMANENT
                if nxt in seen:
                    loop = " -> ".join([*seen[seen.index(nxt) :], nxt])
                    return Verdict("dead", f"redirect loop: {loop}", status)
                seen.append(nxt)
                current = nxt
                continue
            words = _status_words(status)
            if 200 <= status < 300 or self.accepted(status, url, current):
                return Verdict(
                    "ok",
                    _via(seen, words),
                    status,
                    current if moved and current != url else None,
                    ids,
                    complete,
                )
            kind = "error" if status in (401, 403, 429) else "dead"
            return Verdict(kind, _via(seen, words), status)
        return Verdict("dead", f"more than {self.st.max_redirects} redirects", None)

    def accepted(self, status: int, *urls: str) -> bool:
        for u in urls:
            host = (urlsplit(u).hostname or "").lower()
            if status in self.st.accept.get(host, ()):
                return True
        return status in self.st.accept.get("*", ())

    # ------------------------------------------------------------ one request
    async def request(self, url: str, host: str, method: str, want_ids: bool) -> Any:
        """(status, Location, ids, complete) of one request, retried on 429,
        5xx and dropped connections; a Verdict when there is no answer."""
        limit = self.host_limits.setdefault(host, asyncio.Semaphore(max(1, self.st.per_host)))
        last: Any = None
        for attempt in range(self.st.retries + 1):
            wait = None
            # the host's turn first, so tasks waiting for a busy host hold no
            # slot that a request to another host could use
            async with limit, self.all_limit:
                if self.report.unavailable:
                    return Verdict("unavailable", self.report.unavailable)
                try:
                    got = await self.once(url, method, want_ids)
                except Exception as exc:
                    verdict, retry, network = _problem(exc, self.st.timeout, host)
                    if network:
                        self.network_failure(host, network)
                        if self.report.unavailable:
                            return Verdict("unavailable", self.report.unavailable)
                    if not retry or attempt == self.st.retries:
                        return verdict
                    last = verdict
                else:
                    self.answered += 1
                    status, location, ids, complete, retry_after = got
                    if status not in RETRY:
                        return status, location, ids, complete
                    last = (status, location, ids, complete)
                    if attempt == self.st.retries:
                        return last
                    wait = retry_after
            if wait is not None and wait > self.st.max_wait:
                return Verdict(
                    "error",
                    f"{_status_words(last[0])}; the server asks to wait {wait:g} s",
                    last[0],
                )
            await self.sleep(wait if wait is not None else self.st.backoff * 2**attempt)
        return last

    async def once(self, url: str, method: str, want_ids: bool) -> Any:
        """One request: its status, Location, ids, whether the page was read
        whole, and Retry-After. Ends within ``timeout``: waiting for the
        answer raises TimeoutError; reading a page stops at the deadline or
        at ``max_bytes``, with what was read."""
        self.report.requests += 1
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.st.timeout
        resp = await asyncio.wait_for(
            self.session.request(method, url, allow_redirects=False), self.st.timeout
        )
        complete = False
        try:
            ids = None
            ctype = resp.headers.get("Content-Type", "")
            if want_ids and resp.status == 200 and "html" in ctype.lower():
                body, complete = await self.read_capped(resp, deadline)
                from .anchors import html_ids

                ids = html_ids(_decode(body, resp.charset))
            return (
                resp.status,
                resp.headers.get("Location"),
                ids,
                complete or ids is None,
                _retry_after(resp.headers.get("Retry-After")),
            )
        finally:
            if complete or method == "HEAD":
                resp.release()
            else:
                resp.close()  # a body not read (or not all of it): drop the connection

    async def read_capped(self, resp: Any, deadline: float) -> tuple[bytes, bool]:
        """At most ``max_bytes`` of the body, read before ``deadline``;
        whether that was all of it."""
        loop = asyncio.get_running_loop()
        buf = bytearray()
        cap = self.st.max_bytes
        while len(buf) < cap:
            left = deadline - loop.time()
            if left <= 0:
                return bytes(buf), False
            try:
                chunk = await asyncio.wait_for(resp.content.read(min(65536, cap - len(buf))), left)
            except asyncio.TimeoutError:
                return bytes(buf), False
            if not chunk:
                return bytes(buf), True
            buf += chunk
        return bytes(buf), False

    def network_failure(self, host: str, why: str) -> None:
        self.network_failures.setdefault(host, why)
        if self.answered or self.report.unavailable:
            return
        n = len(self.network_failures)
        if n >= max(1, min(self.st.unavailable_after, self.hosts)):
            reasons = sorted(set(self.network_failures.values()))
            self.report.unavailable = (
                f"the network is unavailable ({'; '.join(reasons)}; "
                f"{n} host{'s' if n != 1 else ''} tried, none answered)"
            )


def _guarded_resolver(guard: Guard) -> Any:
    """aiohttp's threaded resolver, with every address checked by the guard
    before the connector may use it."""
    import aiohttp
    from aiohttp.abc import AbstractResolver

    class GuardedResolver(AbstractResolver):
        def __init__(self) -> None:
            self.inner = aiohttp.ThreadedResolver()

        async def resolve(self, host: str, port: int = 0, family: Any = socket.AF_INET) -> Any:
            found = await self.inner.resolve(host, port, family)
            guard.check_addresses(host, port, [str(r["host"]) for r in found])
            return found

        async def close(self) -> None:
            await self.inner.close()

    return GuardedResolver()


_DROPPED = "the server closed the connection without an answer"
_NETWORK_ERRNOS = {errno.ENETUNREACH, errno.ENETDOWN, errno.EHOSTUNREACH}


def _problem(exc: BaseException, timeout: float, host: str) -> tuple[Verdict, bool, str | None]:
    """(verdict, retry?, why the network may be unavailable) for an exception
    of one request."""
    import aiohttp

    if isinstance(exc, asyncio.TimeoutError):
        return Verdict("error", f"no answer within {timeout:g} s"), False, None
    if isinstance(exc, Refused):
        return Verdict("refused", f"refused: {exc}"), False, None
    if isinstance(exc, aiohttp.ClientConnectorError):
        os_error = exc.os_error
        if isinstance(os_error, Refused):
            return Verdict("refused", f"refused: {os_error}"), False, None
        if isinstance(os_error, socket.gaierror):
            if os_error.errno in (socket.EAI_NONAME, getattr(socket, "EAI_NODATA", -5)):
                return Verdict("dead", f"the host {host} does not exist (DNS)"), False, None
            why = os_error.strerror or str(os_error)
            return (
                Verdict("error", f"DNS lookup of {host} failed: {why}"),
                False,
                f"DNS lookups fail: {why}",
            )
        if isinstance(exc, aiohttp.ClientConnectorCertificateError):
            return (
                Verdict("error", f"TLS certificate not valid: {exc.certificate_error}"),
                False,
                None,
            )
        if isinstance(exc, aiohttp.ClientSSLError):
            return Verdict("error", "TLS handshake failed"), False, None
        if os_error.errno == errno.ECONNREFUSED:
            return Verdict("error", "connection refused"), True, None
        if os_error.errno in _NETWORK_ERRNOS:
            why = os_error.strerror or str(os_error)
            return Verdict("error", f"no route to {host}: {why}"), False, f"no route: {why}"
        return Verdict("error", f"cannot connect: {os_error.strerror or os_error}"), True, None
    if isinstance(exc, aiohttp.ServerDisconnectedError):
        return Verdict("error", _DROPPED), True, None
    if isinstance(exc, aiohttp.ClientPayloadError):
        return Verdict("error", "the answer broke off"), True, None
    if isinstance(exc, aiohttp.ClientResponseError):
        return Verdict("error", f"not a valid HTTP answer ({exc.message})"), False, None
    if isinstance(exc, aiohttp.InvalidURL):
        return Verdict("dead", "not a valid URL"), False, None
    if isinstance(exc, (aiohttp.ClientError, OSError)):
        return Verdict("error", f"{type(exc).__name__}: {exc}"), True, None
    return Verdict("error", f"{type(exc).__name__}: {exc}"), False, None


def _status_words(status: int) -> str:
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"status {status}"


def _retry_after(value: str | None) -> float | None:
    """Seconds a ``Retry-After`` header asks for (a number or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - time.time())


def _defrag(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, ""))


def _via(seen: list[str], message: str) -> str:
    if len(seen) < 2:
        return message
    return f"{message} (redirected to {seen[-1]})"


def _decode(body: bytes, charset: str | None) -> str:
    try:
        return body.decode(charset or "utf-8", "replace")
    except LookupError:  # a charset Python does not know
        return body.decode("utf-8", "replace")
