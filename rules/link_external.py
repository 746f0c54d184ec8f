"""link-external: links to other sites still answer (``lintkit check --external``).

## What it checks

Runs only with ``lintkit check --external`` (it needs the network). Every
``http:`` and ``https:`` link and image of the checked pages, written in any
form ``link-target`` reads (inline, reference, autolink, ``<a href>``,
``<img src>``, behind ``{{ site.url }}``), is asked for once per URL, however
many pages link to it: HEAD first, GET where the server refuses HEAD,
redirects followed hop by hop. The finding is on every line that links to
the URL (for a reference link: its definition), with the status or the
network error in words:

- a URL that answers 404, 410, 5xx (after retries), a redirect loop, or a
  host that does not exist: the rule's severity (error);
- one that could not be checked (no answer within the time out, 401, 403,
  429 after retries, a TLS problem) or that the guard refused (a private or
  loopback address, a port other than 80/443): warning;
- one whose first redirect is permanent (301, 308): info, naming where it
  ends;
- with ``fragments: true``, a ``#fragment`` the fetched HTML page has no id
  for: warning.

When the network is unavailable (the first hosts all fail for network
reasons and none answers), nothing more is asked and one warning on
``_config.yml`` says so. Answers are cached (see ``cache`` and the ``ttl-``
options), so a second run within the times to live asks nothing.

The guard is on by default: loopback, private, link-local, multicast and
unique-local addresses, ports other than the scheme's default, and schemes
other than http(s) are refused before any connection, checked after DNS
resolution and on every redirect hop; lintkit connects to the very address
it checked. ``allow-hosts`` lifts the guard for the hosts it names.

## Why

Pages elsewhere move and die every month, and nothing in a Jekyll build
notices. A pull request's links are requests the CI machine makes on a
stranger's behalf, so they must not reach the machine's own network.

## Example

<!-- example-engine: external -->

```markdown
---
title: A
layout: default
---
The [router](http://10.0.0.1/admin) is not a page to link to.
```

```text
a.md:5:14: warning [link-external] 'http://10.0.0.1/admin' was not checked: refused: 10.0.0.1 is a private address (allow it with allow-hosts: ['10.0.0.1:80'])
```

## How to fix

Replace a dead link with the page's new address (a search for its title, or
the Internet Archive's copy), or remove it. For a permanent redirect, link to
the address it names. For a server that refuses robots but works in a
browser, accept its status for that host (``accept: {www.example.com:
[403]}``); for a URL that cannot be checked from CI, add a glob to
``exclude``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

from lintkit.findings import Finding
from lintkit.globs import valid as valid_glob
from lintkit.rule import Fail, Option, rule

OPTIONS = {
    "timeout": Option(float, 10.0, "seconds one request may take, connection to last byte"),
    "retries": Option(int, 2, "more tries after a 429, a 5xx or a dropped connection"),
    "concurrency": Option(int, 16, "requests at once"),
    "per-host": Option(int, 2, "requests at once to one host"),
    "max-bytes": Option(int, 1048576, "the most bytes read of a page (for its ids)"),
    "max-redirects": Option(int, 10, "redirects followed before giving up"),
    "allow-hosts": Option(
        list,
        [],
        "hosts ('host' or 'host:port') the guard lets through: private or "
        "loopback addresses, and with ':port' that port",
    ),
    "exclude": Option(list, [], "URL globs never checked ('*' within a path segment, '**' across)"),
    "accept": Option(
        dict, {}, "status codes that count as alive, by host ('*': any host), e.g. {'*': [403]}"
    ),
    "fragments": Option(bool, False, "check '#fragment' against the ids of the fetched page"),
    "cache": Option(
        str, ".lintkit-cache", "the cache folder, relative to the site root ('': no cache)"
    ),
    "ttl-ok": Option(float, 168.0, "hours an answer that the URL works is reused"),
    "ttl-dead": Option(float, 24.0, "hours an answer that the URL is dead is reused"),
    "ttl-error": Option(float, 1.0, "hours a failed check (time out, 403, ...) is reused"),
}


def _validate(options: dict[str, Any], fail: Fail) -> None:
    """What the option types cannot say (a configuration error names the key).
    Here, not in lintkit.external, so that reading a configuration does not
    import the external check."""
    for key in ("timeout", "retries", "concurrency", "per-host", "max-bytes", "max-redirects"):
        value = options.get(key)
        if value is not None and (value < 0 or (value == 0 and key != "retries")):
            fail((key,), f"must be more than 0, got {value!r}")
    for key in ("ttl-ok", "ttl-dead", "ttl-error"):
        value = options.get(key)
        if value is not None and value < 0:
            fail((key,), f"must be 0 or more, got {value!r}")
    accept = options.get("accept") or {}
    for host, codes in accept.items():
        if not isinstance(host, str) or not isinstance(codes, list):
            fail(("accept", str(host)), "expected a host and a list of status codes")
        for code in codes:
            if not isinstance(code, int) or isinstance(code, bool) or not 100 <= code <= 999:
                fail(("accept", host), f"expected status codes (100-999), got {code!r}")
    for glob in options.get("exclude") or []:
        if not valid_glob(glob):
            fail(("exclude",), f"'{glob}' is not a valid glob")
    cache = options.get("cache") or ""
    if cache and (os.path.isabs(cache) or ".." in cache.replace("\\", "/").split("/")):
        fail(("cache",), f"'{cache}' must be a folder inside the site (a relative path)")


@rule(
    "link-external",
    "Links to other sites answer (with --external)",
    options=OPTIONS,
    scope="external",
    validate=_validate,
    tags=("links", "external"),
)
def RULE(
    docs: dict[str, Any], site: Any, options: dict[str, Any], verdicts: dict[str, Any]
) -> Iterator[Finding]:
    """Findings for the checked pages ``docs`` (rel -> document), given the
    verdict for each URL (without fragment)."""
    from lintkit import external

    fragments = bool(options.get("fragments"))
    for rel in sorted(docs):
        doc = docs[rel]
        reported = set()
        for sl, url in external.links_of(doc, site):
            verdict = verdicts.get(external.url_key(url))
            if verdict is None:
                continue
            where = (sl.dest_line, sl.dest_column)
            if where in reported:
                continue
            found = _finding(doc.display, sl, url, verdict, fragments)
            if found is not None:
                reported.add(where)
                yield found


def _finding(path: str, sl: Any, url: str, verdict: Any, fragments: bool) -> Finding | None:
    def at(message: str, severity: str | None = None) -> Finding:
        return Finding(path, sl.dest_line, sl.dest_column, "link-external", message, severity)

    kind = verdict.kind
    if kind == "dead":
        return at(f"'{url}' is dead: {verdict.message}; fix or remove the link")
    if kind == "error":
        return at(f"'{url}' could not be checked: {verdict.message}", "warning")
    if kind == "refused":
        return at(f"'{url}' was not checked: {verdict.message}", "warning")
    if kind != "ok":
        return None
    fragment = url.split("#", 1)[1] if "#" in url else ""
    if fragments and fragment and verdict.ids is not None:
        from lintkit import external

        if not external.has_id(verdict.ids, fragment) and verdict.complete:
            return at(f"'{url}': the page has no id '{fragment}'", "warning")
    if verdict.moved_to:
        return at(
            f"'{url}' moved permanently to '{verdict.moved_to}'; link to the new address", "info"
        )
    return None
