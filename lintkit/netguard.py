"""Which addresses the external link check may connect to. A leaf module.

A page is text anyone can propose in a pull request, so a link is a request
the CI machine makes on a stranger's behalf. Without a guard,
``[x](http://169.254.169.254/latest/meta-data/)`` would ask a cloud's metadata
service for credentials, and ``http://10.0.0.1/admin`` would probe the
private network. The guard refuses, before any connection:

- schemes other than ``http`` and ``https`` (``file:``, ``ftp:``, ... as a
  redirect target);
- ports other than the scheme's default (80, 443);
- addresses that are not public: loopback (127.0.0.0/8, ::1), private
  (10/8, 172.16/12, 192.168/16), link-local (169.254/16, fe80::/10: cloud
  metadata lives there), multicast, unique-local (fc00::/7), unspecified,
  reserved or shared (100.64/10), and IPv4 written inside IPv6
  (``::ffff:127.0.0.1``);

unless the host (``host`` or ``host:port``) is in the allow list.

Host names are checked after DNS resolution, every address they resolve to,
and the connection is made to the very address that was checked (the
resolver hands the checked addresses to the connector, and the socket
factory refuses any address the guard has not passed), so a name that
resolves to a public address once and to a private one the next time (DNS
rebinding) cannot get past it. Every redirect hop goes through the same
checks.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

DEFAULT_PORTS = {"http": 80, "https": 443}
_UNIQUE_LOCAL = ipaddress.ip_network("fc00::/7")
_SHARED = ipaddress.ip_network("100.64.0.0/10")


class Refused(OSError):
    """The guard refused a URL or an address (no connection was made)."""

    def __init__(self, reason: str, invalid: bool = False):
        super().__init__(reason)
        self.reason = reason
        self.invalid = invalid  # not a refusal: the URL is not valid at all

    def __str__(self) -> str:
        return self.reason


def address_problem(address: str) -> str | None:
    """What kind of address ``address`` (an IP address as text) is when it is
    not public ("a private address"), or None."""
    try:
        ip = ipaddress.ip_address(address.strip("[]").split("%", 1)[0])
    except ValueError:
        return "not an IP address"
    if isinstance(ip, ipaddress.IPv6Address):
        mapped = ip.ipv4_mapped or ip.sixtofour
        if mapped is not None:
            inner = address_problem(str(mapped))
            return f"IPv4 {mapped} in disguise, {inner}" if inner else None
        if ip in _UNIQUE_LOCAL:
            return "a unique-local address"
    if ip.is_loopback:
        return "a loopback address"
    if ip.is_link_local:
        return "a link-local address"
    if ip.is_multicast:
        return "a multicast address"
    if ip.is_unspecified:
        return "the unspecified address"
    if isinstance(ip, ipaddress.IPv4Address) and ip in _SHARED:
        return "a shared (carrier-grade NAT) address"
    if ip.is_reserved:
        return "a reserved address"
    if ip.is_private:
        return "a private address"
    if not ip.is_global:
        return "not a public address"
    return None


def _host_port(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


class Guard:
    """The policy of one run: what may be requested, and which addresses
    were passed (so the socket factory connects to nothing else)."""

    def __init__(self, allow_hosts: Iterable[str] = ()):
        self.allow: set[str] = set()
        for entry in allow_hosts:
            entry = entry.strip().lower().rstrip("/")
            if "://" in entry:
                entry = entry.split("://", 1)[1]
            if entry:
                self.allow.add(entry)
        # (ip, port) pairs of allowed hosts whose addresses are not public
        self.passed: set[tuple[str, int]] = set()

    def allowed(self, host: str, port: int, default: bool) -> bool:
        """Is ``host`` on ``port`` in the allow list? A bare host allows its
        default ports, ``host:port`` that port."""
        host = host.lower().strip("[]")
        if _host_port(host, port) in self.allow:
            return True
        return default and host in self.allow

    def check_url(self, url: str) -> tuple[str, int]:
        """(host, port) of ``url`` when it may be requested; raises Refused.
        An IP address written in the URL is checked here; a host name is
        checked by ``check_addresses`` once resolved."""
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError as exc:
            raise Refused(f"not a valid URL ({exc})", invalid=True) from None
        scheme = parts.scheme.lower()
        if scheme not in DEFAULT_PORTS:
            raise Refused(f"{scheme or 'a relative'}: URLs are not checked")
        host = (parts.hostname or "").lower()
        if not host:
            raise Refused("not a valid URL (it has no host)", invalid=True)
        default = port is None or port == DEFAULT_PORTS[scheme]
        port = DEFAULT_PORTS[scheme] if port is None else port
        allowed = self.allowed(host, port, default)
        if not default and not allowed:
            raise Refused(
                f"port {port} is not the default port of {scheme} "
                f"(allow it with allow-hosts: ['{_host_port(host, port)}'])"
            )
        if _is_ip(host):
            problem = address_problem(host)
            if problem and not allowed:
                raise Refused(
                    f"{host.strip('[]')} is {problem} "
                    f"(allow it with allow-hosts: ['{_host_port(host, port)}'])"
                )
            if problem:
                self.passed.add((_plain(host), port))
        return host, port

    def check_addresses(self, host: str, port: int, addresses: Iterable[str]) -> None:
        """Raise Refused unless every address ``host`` resolved to may be
        connected to; remember the passed ones of an allowed host."""
        addresses = list(addresses)
        allowed = self.allowed(host, port, True) or self.allowed(host, port, False)
        for address in addresses:
            problem = address_problem(address)
            if problem is None:
                continue
            if not allowed:
                raise Refused(
                    f"{host} resolves to {address}, {problem} "
                    f"(allow it with allow-hosts: ['{_host_port(host, port)}'])"
                )
            self.passed.add((_plain(address), port))

    def check_connect(self, sockaddr: tuple[Any, ...]) -> None:
        """The last check, just before a socket connects to ``sockaddr``."""
        address, port = _plain(str(sockaddr[0])), int(sockaddr[1])
        if (address, port) in self.passed:
            return
        problem = address_problem(address)
        if problem is not None:
            raise Refused(f"{address} is {problem}; no connection was made")

    def socket_factory(self, addr_info: tuple[Any, ...]) -> socket.socket:
        """For aiohttp's connector: a socket for ``addr_info``, only when the
        address it will connect to has passed the guard."""
        family, type_, proto, _canon, sockaddr = addr_info
        self.check_connect(sockaddr)
        return socket.socket(family=family, type=type_, proto=proto)


def _plain(address: str) -> str:
    return str(ipaddress.ip_address(address.strip("[]").split("%", 1)[0]))


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True
