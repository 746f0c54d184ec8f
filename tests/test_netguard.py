"""The guard's policy on its own: which addresses are public, what the allow
list lets through, and the last check before a socket connects."""

from __future__ import annotations

import re

import pytest

from lintkit.netguard import Guard, Refused, address_problem


@pytest.mark.parametrize(
    "address, problem",
    [
        ("93.184.216.34", None),
        ("2606:2800:220:1:248:1893:25c8:1946", None),
        ("127.0.0.1", "a loopback address"),
        ("127.8.9.10", "a loopback address"),
        ("::1", "a loopback address"),
        ("10.0.0.1", "a private address"),
        ("172.16.5.4", "a private address"),
        ("192.168.1.1", "a private address"),
        ("169.254.169.254", "a link-local address"),
        ("fe80::1", "a link-local address"),
        ("224.0.0.251", "a multicast address"),
        ("ff02::1", "a multicast address"),
        ("fd12:3456::1", "a unique-local address"),
        ("0.0.0.0", "the unspecified address"),
        ("100.64.0.1", "a shared (carrier-grade NAT) address"),
        ("240.0.0.1", "a reserved address"),
        ("192.0.2.1", "a private address"),  # documentation range (Python counts it private)
        ("::ffff:127.0.0.1", "IPv4 127.0.0.1 in disguise, a loopback address"),
        ("2002:a00:1::", "IPv4 10.0.0.1 in disguise, a private address"),
    ],
)
def test_address_problem(address, problem):
    assert address_problem(address) == problem


def test_allow_hosts_names_a_host_or_a_host_and_port():
    guard = Guard(["intranet.example", "127.0.0.1:8080", "https://[::1]:4000/"])
    assert guard.check_url("http://intranet.example/x") == ("intranet.example", 80)
    with pytest.raises(Refused, match="port 8443 is not the default port of https"):
        guard.check_url("https://intranet.example:8443/")
    assert guard.check_url("http://127.0.0.1:8080/") == ("127.0.0.1", 8080)
    assert guard.check_url("http://[::1]:4000/") == ("::1", 4000)
    with pytest.raises(Refused, match=re.escape("127.0.0.1 is a loopback address")):
        guard.check_url("http://127.0.0.1/")
    guard.check_addresses("intranet.example", 80, ["10.0.0.7"])  # allowed: no error


def test_invalid_urls_are_marked_invalid_not_refused():
    with pytest.raises(Refused) as info:
        Guard().check_url("http://[bad/")
    assert info.value.invalid
    with pytest.raises(Refused) as info:
        Guard().check_url("http:///path")
    assert info.value.invalid and str(info.value) == "not a valid URL (it has no host)"


def test_the_last_check_before_connecting():
    guard = Guard(["intranet.example"])
    guard.check_connect(("93.184.216.34", 443))  # public: fine
    with pytest.raises(
        Refused, match=re.escape("10.0.0.7 is a private address; no connection was made")
    ):
        guard.check_connect(("10.0.0.7", 80))
    guard.check_addresses("intranet.example", 80, ["10.0.0.7"])
    guard.check_connect(("10.0.0.7", 80))  # passed for an allowed host, on that port only
    with pytest.raises(Refused):
        guard.check_connect(("10.0.0.7", 22))
    with pytest.raises(Refused, match=re.escape("resolves to 10.0.0.8, a private address")):
        Guard().check_addresses("other.example", 80, ["93.184.216.34", "10.0.0.8"])
