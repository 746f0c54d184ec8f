"""The external link checker against HTTP servers the tests start on
127.0.0.1 (the guard lets that one server through, for these tests only):
statuses, retries, redirects, time outs, byte cap, HEAD refused, per-host
limits, and the guard refusing what a page or a redirect must not reach."""

from __future__ import annotations

import socket

import pytest
from local_http import PAGE, Server, fence_network

from lintkit import __version__
from lintkit.httpcheck import Settings, Verdict, check_urls

pytest.importorskip("aiohttp")


@pytest.fixture
def fence(monkeypatch):
    return fence_network(monkeypatch)


@pytest.fixture
def server():
    with Server() as srv:
        yield srv


def settings(srv: Server, **kw) -> Settings:
    base = dict(allow_hosts=(f"127.0.0.1:{srv.port}",), timeout=2.0, backoff=0.0)
    base.update(kw)
    return Settings(**base)


def check(srv, paths, want_ids=False, sleep=None, **kw):
    urls = {srv.url(p): want_ids for p in paths}
    report = check_urls(urls, settings(srv, **kw), sleep=sleep)
    return {u[len(srv.url("")) :]: v for u, v in report.verdicts.items()}, report


def test_statuses_in_words(fence, server):
    got, report = check(server, ["/ok", "/missing", "/gone"])
    assert got["/ok"] == Verdict("ok", "200 OK", 200)
    # HEAD said 404 / 410; GET is asked too before a URL is called dead
    assert got["/missing"] == Verdict("dead", "404 Not Found", 404)
    assert got["/gone"] == Verdict("dead", "410 Gone", 410)
    assert sorted(server.paths()) == [
        "GET /gone",
        "GET /missing",
        "HEAD /gone",
        "HEAD /missing",
        "HEAD /ok",
    ]
    assert report.requests == 5


def test_user_agent_names_lintkit_and_no_cookie_is_kept(fence, server):
    got, _ = check(server, ["/cookie"])
    assert got["/cookie"].kind == "ok"
    assert server.paths() == ["HEAD /cookie", "HEAD /ok/after-cookie"]
    for _m, _p, headers in server.requests:
        assert headers["User-Agent"].startswith(f"lintkit/{__version__} ")
        assert "Cookie" not in headers


def test_500_then_200_is_retried(fence, server):
    waits = []

    async def sleep(s):
        waits.append(s)

    got, _ = check(server, ["/flaky"], sleep=sleep, backoff=0.25)
    assert got["/flaky"] == Verdict("ok", "200 OK", 200)
    assert server.paths() == ["HEAD /flaky", "HEAD /flaky"]
    assert waits == [0.25]


def test_429_waits_what_retry_after_asks(fence, server):
    waits = []

    async def sleep(s):
        waits.append(s)

    got, _ = check(server, ["/busy"], sleep=sleep)
    assert got["/busy"].kind == "ok"
    assert server.paths() == ["HEAD /busy", "HEAD /busy"]
    assert waits == [3.0]


def test_a_retry_after_longer_than_max_wait_is_not_waited_for(fence, server):
    async def sleep(s):
        raise AssertionError("must not wait")

    got, _ = check(server, ["/always-busy"], sleep=sleep, max_wait=60)
    assert got["/always-busy"] == Verdict(
        "error", "429 Too Many Requests; the server asks to wait 7200 s", 429
    )
    assert server.paths() == ["HEAD /always-busy"]


def test_retries_give_up_after_the_last_try(fence, server):
    waits = []

    async def sleep(s):
        waits.append(s)

    got, _ = check(server, ["/broken"], retries=1, backoff=0.5, sleep=sleep)
    assert got["/broken"] == Verdict("dead", "500 Internal Server Error", 500)
    # HEAD and then GET (a server may fail HEAD alone), each tried twice
    assert server.paths() == ["HEAD /broken", "HEAD /broken", "GET /broken", "GET /broken"]
    assert waits == [0.5, 0.5]


@pytest.mark.parametrize("path", ["/no-head", "/head-501"])
def test_head_refused_falls_back_to_get(fence, server, path):
    got, _ = check(server, [path])
    assert got[path] == Verdict("ok", "200 OK", 200)
    assert server.paths() == [f"HEAD {path}", f"GET {path}"]


def test_redirect_chain_followed_and_permanent_first_hop_reported(fence, server):
    got, _ = check(server, ["/old", "/middle"])
    final = server.url("/ok/final")
    assert got["/old"] == Verdict("ok", f"200 OK (redirected to {final})", 200, final)
    assert got["/middle"] == Verdict("ok", f"200 OK (redirected to {final})", 200, None)


def test_redirect_loop_is_dead(fence, server):
    got, _ = check(server, ["/loop-a"])
    a, b = server.url("/loop-a"), server.url("/loop-b")
    assert got["/loop-a"] == Verdict("dead", f"redirect loop: {a} -> {b} -> {a}", 302)


def test_too_many_redirects(fence, server):
    got, _ = check(server, ["/old"], max_redirects=1)
    assert got["/old"] == Verdict("dead", "more than 1 redirects", None)


def test_a_server_that_never_answers_times_out(fence, server):
    got, _ = check(server, ["/hang"], timeout=0.3)
    assert got["/hang"] == Verdict("error", "no answer within 0.3 s")


def test_endless_page_is_read_up_to_the_byte_cap(fence, server):
    got, _ = check(server, ["/endless"], want_ids=True, max_bytes=200_000)
    v = got["/endless"]
    assert (v.kind, v.status, v.complete, v.ids) == ("ok", 200, False, frozenset({"early"}))


def test_slow_trickle_is_read_until_the_time_out(fence, server):
    got, _ = check(server, ["/trickle"], want_ids=True, timeout=0.4)
    v = got["/trickle"]
    assert (v.kind, v.status, v.complete, v.ids) == ("ok", 200, False, frozenset({"early"}))


def test_ids_of_a_page_for_fragments(fence, server):
    got, _ = check(server, ["/page"], want_ids=True)
    assert got["/page"].ids == frozenset({"intro", "old-anchor"})
    assert got["/page"].complete is True
    assert server.paths() == ["GET /page"]  # the body is needed: no HEAD first
    assert PAGE


def test_per_host_limit_holds_as_the_server_sees_it(fence, server):
    paths = [f"/slow/{i}" for i in range(12)]
    got, _ = check(server, paths, per_host=2, concurrency=16)
    assert {v.kind for v in got.values()} == {"ok"}
    assert server.max_inflight == 2


def test_global_limit_holds_too(fence, server):
    paths = [f"/slow/{i}" for i in range(12)]
    check(server, paths, per_host=8, concurrency=3)
    assert server.max_inflight == 3


# ------------------------------------------------------------------ the guard
@pytest.mark.parametrize(
    "target, address, words",
    [
        ("http://127.0.0.1/", ("127.0.0.1", 80), "127.0.0.1 is a loopback address"),
        ("http://10.0.0.1/admin", ("10.0.0.1", 80), "10.0.0.1 is a private address"),
        (
            "http://169.254.169.254/latest/meta-data/",
            ("169.254.169.254", 80),
            "169.254.169.254 is a link-local address",
        ),
        ("http://[::1]/", ("::1", 80), "::1 is a loopback address"),
        ("http://[fd00::1]/", ("fd00::1", 80), "fd00::1 is a unique-local address"),
        (
            "http://[::ffff:10.0.0.1]/",
            ("::ffff:10.0.0.1", 80),
            "::ffff:10.0.0.1 is IPv4 10.0.0.1 in disguise, a private address",
        ),
        ("http://224.0.0.1/", ("224.0.0.1", 80), "224.0.0.1 is a multicast address"),
    ],
)
def test_redirect_to_a_private_address_is_refused_without_connecting(
    fence, server, target, address, words
):
    attempts, _ = fence
    got, _ = check(server, [f"/to/{target}"])
    v = got[f"/to/{target}"]
    assert v.kind == "refused"
    assert v.message.startswith(f"refused: {words}")
    assert v.message.endswith(f"(redirected to {target})")
    assert all(a[0] == "127.0.0.1" and a[1] == server.port for a in attempts)
    assert address not in {a[:2] for a in attempts}
    assert len(server.requests) == 1


def test_a_name_resolving_to_a_private_address_is_refused_without_connecting(monkeypatch, server):
    attempts, looked_up = fence_network(
        monkeypatch, {"intranet.example": ["10.1.2.3"], "mixed.example": ["10.9.9.9"]}
    )
    urls = {"http://intranet.example/": False, server.url("/to/http://mixed.example/x"): False}
    report = check_urls(urls, settings(server))
    v = report.verdicts["http://intranet.example/"]
    assert v == Verdict(
        "refused",
        "refused: intranet.example resolves to 10.1.2.3, a private address "
        "(allow it with allow-hosts: ['intranet.example:80'])",
    )
    hop = report.verdicts[server.url("/to/http://mixed.example/x")]
    assert hop.kind == "refused"
    assert "mixed.example resolves to 10.9.9.9, a private address" in hop.message
    assert {"intranet.example", "mixed.example"} <= set(looked_up)
    assert [a for a in attempts if a[0] != "127.0.0.1"] == []


def test_scheme_and_port_are_guarded(fence, server):
    got, _ = check(server, ["/to/file:///etc/passwd", "/to/ftp://example.org/x"])
    assert got["/to/file:///etc/passwd"].message.startswith("refused: file: URLs are not checked")
    assert got["/to/ftp://example.org/x"].message.startswith("refused: ftp: URLs are not checked")
    report = check_urls({"http://example.org:8080/": False}, Settings())
    assert report.verdicts["http://example.org:8080/"] == Verdict(
        "refused",
        "refused: port 8080 is not the default port of http "
        "(allow it with allow-hosts: ['example.org:8080'])",
    )


def test_without_allow_hosts_the_test_server_itself_is_refused(fence, server):
    attempts, _ = fence
    report = check_urls({server.url("/ok"): False}, Settings())
    assert report.verdicts[server.url("/ok")].kind == "refused"
    assert attempts == [] and server.requests == []


def test_dns_rebinding_cannot_pass_the_guard(monkeypatch):
    """A name that resolves to a public address when checked and to a
    loopback one afterwards: the only connection attempted is to the address
    that was checked, and the name is resolved once."""
    names = {"rebind.example": ["93.184.216.34"]}
    attempts, looked_up = fence_network(monkeypatch, names)
    fenced = socket.getaddrinfo

    def rebinding(host, *args, **kw):
        found = fenced(host, *args, **kw)
        names["rebind.example"] = ["127.0.0.1"]  # every later answer: loopback
        return found

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    report = check_urls({"http://rebind.example/": False}, Settings(retries=1, backoff=0.0))
    # the fence refuses the public address (no traffic leaves this machine)
    assert report.verdicts["http://rebind.example/"].message == "connection refused"
    assert attempts == [("93.184.216.34", 80), ("93.184.216.34", 80)]  # the try and the retry
    assert looked_up == ["rebind.example"]


def test_network_unavailable_on_a_site_with_fewer_hosts_than_the_threshold(monkeypatch):
    def getaddrinfo(host, *args, **kw):
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    urls = {"https://one.example/a": False, "https://one.example/b": False}
    report = check_urls(urls, Settings())
    assert report.unavailable == (
        "the network is unavailable (DNS lookups fail: Temporary failure in name "
        "resolution; 1 host tried, none answered)"
    )


def test_a_host_that_does_not_exist_is_dead(fence):
    report = check_urls({"https://no-such-host.example/": False}, Settings())
    assert report.verdicts["https://no-such-host.example/"] == Verdict(
        "dead", "the host no-such-host.example does not exist (DNS)"
    )


def test_network_unavailable_is_found_once_and_stops_asking(monkeypatch):
    looked_up = []

    def getaddrinfo(host, *args, **kw):
        looked_up.append(host)
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    urls = {f"https://host{i}.example/page": False for i in range(50)}
    report = check_urls(urls, Settings(concurrency=2))
    assert report.unavailable == (
        "the network is unavailable (DNS lookups fail: Temporary failure in name "
        "resolution; 3 hosts tried, none answered)"
    )
    kinds = [v.kind for v in report.verdicts.values()]
    assert kinds.count("unavailable") >= 47  # the first few failed before it was clear
    assert len(set(looked_up)) <= 4  # the run stopped asking
