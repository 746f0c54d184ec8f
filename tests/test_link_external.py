"""link-external: `lintkit check --external` on small sites whose links point
at an HTTP server the test starts on 127.0.0.1 (allowed by the site's
configuration for that test only): findings on every line, the cache, the
summary, the report formats, --since, and the network being unavailable."""

from __future__ import annotations

import json
import os
import socket
import subprocess

import pytest
from conftest import run_cli, write_site
from local_http import Server, fence_network

from lintkit.engine import Engine

pytest.importorskip("aiohttp")


@pytest.fixture
def fence(monkeypatch):
    return fence_network(monkeypatch)


@pytest.fixture
def server():
    with Server() as srv:
        yield srv


def site(tmp_path, srv, pages: dict[str, str], options: str = "") -> str:
    """A site whose pages' ``{S}`` stands for the server's address."""
    files = {
        rel: text.replace("{S}", f"http://127.0.0.1:{srv.port}") for rel, text in pages.items()
    }
    files[".lintkit.yml"] = (
        "rules:\n  link-external:\n"
        f"    allow-hosts: ['127.0.0.1:{srv.port}']\n    timeout: 2\n" + options
    )
    write_site(tmp_path, files)
    return str(tmp_path)


def check(root, *paths, **kw):
    old = os.getcwd()
    os.chdir(root)
    try:
        result = Engine(external=True, select=["link-external"], **kw).check(list(paths) or ["."])
    finally:
        os.chdir(old)
    return [
        (f.path, f.line, f.column, f.severity, f.message) for f in result.findings
    ], result.external


FM = "---\ntitle: T\nlayout: default\n---\n"


def test_every_line_linking_to_a_dead_url_gets_the_finding(fence, tmp_path, server):
    root = site(
        tmp_path,
        server,
        {
            "a.md": FM + "See [x]({S}/missing) and [ok]({S}/ok).\n\n"
            "Again: <{S}/missing>\n\n![img]({S}/gone)\n\n[ref][r]\n\n[r]: {S}/missing#part\n",
            "b.md": FM + '<a href="{S}/missing">x</a>\n',
        },
    )
    found, stats = check(root)
    m = f"http://127.0.0.1:{server.port}/missing"
    g = f"http://127.0.0.1:{server.port}/gone"
    dead = "is dead: 404 Not Found; fix or remove the link"
    assert found == [
        ("a.md", 5, 9, "error", f"'{m}' {dead}"),
        ("a.md", 7, 9, "error", f"'{m}' {dead}"),
        ("a.md", 9, 8, "error", f"'{g}' is dead: 410 Gone; fix or remove the link"),
        ("a.md", 13, 6, "error", f"'{m}#part' {dead}"),
        ("b.md", 5, 10, "error", f"'{m}' {dead}"),
    ]
    # one question per URL, however many lines link to it
    assert sorted(server.paths()) == [
        "GET /gone",
        "GET /missing",
        "HEAD /gone",
        "HEAD /missing",
        "HEAD /ok",
    ]
    assert (stats.urls, stats.checked, stats.cached, stats.dead) == (3, 3, 0, 2)


def test_without_external_nothing_is_asked(fence, tmp_path, server):
    root = site(tmp_path, server, {"a.md": FM + "[x]({S}/missing)\n"})
    old = os.getcwd()
    os.chdir(root)
    try:
        result = Engine().check(["."])
    finally:
        os.chdir(old)
    assert [f for f in result.findings if f.rule == "link-external"] == []
    assert result.external is None and server.requests == []
    assert not os.path.exists(os.path.join(root, ".lintkit-cache"))


def test_permanent_redirect_is_info_and_fragments_are_checked(fence, tmp_path, server):
    root = site(
        tmp_path,
        server,
        {"a.md": FM + "[a]({S}/old)\n\n[b]({S}/page#intro)\n\n[c]({S}/page#nowhere)\n"},
        "    fragments: true\n",
    )
    found, _ = check(root)
    s = f"http://127.0.0.1:{server.port}"
    assert found == [
        (
            "a.md",
            5,
            5,
            "info",
            f"'{s}/old' moved permanently to '{s}/ok/final'; link to the new address",
        ),
        ("a.md", 9, 5, "warning", f"'{s}/page#nowhere': the page has no id 'nowhere'"),
    ]
    asked = len(server.requests)
    again, stats = check(root)  # the page's ids come from the cache too
    assert again == found and len(server.requests) == asked
    assert (stats.checked, stats.cached) == (0, 2)


def test_accept_and_exclude(fence, tmp_path, server):
    root = site(
        tmp_path,
        server,
        {"a.md": FM + "[a]({S}/missing)\n\n[b]({S}/gone)\n"},
        "    accept: {'127.0.0.1': [404]}\n    exclude: ['http://127.0.0.1:*/gone']\n",
    )
    found, stats = check(root)
    assert found == []
    assert stats.urls == 1
    assert sorted(server.paths()) == ["GET /missing", "HEAD /missing"]


def test_the_cache_answers_the_second_run_and_expired_entries_are_asked_again(
    fence, tmp_path, server
):
    root = site(tmp_path, server, {"a.md": FM + "[a]({S}/missing)\n\n[b]({S}/ok)\n"})
    first, stats = check(root)
    asked = len(server.requests)
    assert asked == 3 and stats.checked == 2
    cache_dir = os.path.join(root, ".lintkit-cache")
    with open(os.path.join(cache_dir, ".gitignore"), encoding="utf-8") as fh:
        assert fh.read().splitlines()[-1] == "*"

    second, stats = check(root)
    assert second == first
    assert len(server.requests) == asked  # no request at all
    assert (stats.urls, stats.checked, stats.cached, stats.dead) == (2, 0, 2, 1)

    # the dead answer is older than ttl-dead (24 hours): asked again; ok is still fresh
    path = os.path.join(cache_dir, "external-links.json")
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    key = f"http://127.0.0.1:{server.port}/missing"
    data["entries"][key]["time"] -= 25 * 3600
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(data, fh)
    third, stats = check(root)
    assert third == first
    assert server.paths()[asked:] == ["HEAD /missing", "GET /missing"]
    assert (stats.checked, stats.cached) == (1, 1)


def test_a_broken_or_planted_cache_is_not_trusted(fence, tmp_path, server):
    root = site(tmp_path, server, {"a.md": FM + "[a]({S}/missing)\n"})
    cache_dir = os.path.join(root, ".lintkit-cache")
    os.makedirs(cache_dir)
    path = os.path.join(cache_dir, "external-links.json")
    key = f"http://127.0.0.1:{server.port}/missing"
    bad = {"version": 1, "entries": {key: {"kind": "ok", "time": "yesterday"}}}
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(bad, fh)
    found, stats = check(root)
    assert len(found) == 1 and stats.checked == 1
    # a link planted where the cache file goes is neither read nor written through
    os.remove(path)
    target = tmp_path / "elsewhere.json"
    target.write_text("precious", encoding="utf-8")
    os.symlink(target, path)
    found, stats = check(root)
    assert len(found) == 1 and stats.checked == 1
    assert target.read_text(encoding="utf-8") == "precious"
    assert any("not a regular file" in w for w in stats.warnings)


def test_a_cache_folder_linked_out_of_the_site_is_not_used(fence, tmp_path, server):
    site_dir = tmp_path / "site"
    outside = tmp_path / "outside"
    outside.mkdir()
    root = site(site_dir, server, {"a.md": FM + "[a]({S}/ok)\n"})
    os.symlink(outside, site_dir / ".lintkit-cache")
    found, stats = check(root)
    assert found == [] and stats.checked == 1
    assert stats.warnings == ["the link cache .lintkit-cache leads out of the site; it is not used"]
    assert list(outside.iterdir()) == []


def test_the_cache_option_cannot_leave_the_site(tmp_path):
    write_site(
        tmp_path,
        {"a.md": FM + "x\n", ".lintkit.yml": "rules:\n  link-external:\n    cache: ../outside\n"},
    )
    res = run_cli("check", "--external", str(tmp_path))
    assert res.exit_code == 2
    assert "cache: '../outside' must be a folder inside the site" in res.stderr


def test_since_checks_only_the_urls_of_changed_pages(fence, tmp_path, server):
    root = site(tmp_path, server, {"a.md": FM + "[a]({S}/ok/a)\n", "b.md": FM + "[b]({S}/ok/b)\n"})
    git = ["git", "-C", root, "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "one"], check=True)
    with open(os.path.join(root, "b.md"), "a", encoding="utf-8") as fh:
        fh.write(f"\n[c](http://127.0.0.1:{server.port}/missing)\n")
    res = run_cli("check", "--external", "--since", "HEAD", cwd=root)
    assert sorted(server.paths()) == ["GET /missing", "HEAD /missing", "HEAD /ok/b"]
    assert res.exit_code == 1
    assert res.stdout.splitlines()[-1].endswith("2 external URLs: 2 checked, 0 from cache, 1 dead.")


def test_cli_summary_and_every_report_format(fence, tmp_path, server):
    root = site(tmp_path, server, {"a.md": FM + "[a]({S}/missing)\n\n[b]({S}/ok)\n"})
    res = run_cli("check", "--external", "--no-source", cwd=root)
    m = f"http://127.0.0.1:{server.port}/missing"
    assert res.stdout == (
        f"a.md:5:5: error [link-external] '{m}' is dead: 404 Not Found; fix or remove the link\n"
        f"Found 1 error, 0 warnings, 0 info in 1 file ({res.stdout.split('(')[-1].split(')')[0]})."
        " 2 external URLs: 2 checked, 0 from cache, 1 dead.\n"
    )
    assert res.exit_code == 1
    assert res.stderr == ""  # no progress bar when not on a terminal
    for fmt, needle in [
        ("json", '"rule": "link-external"'),
        ("github", "::error file=a.md,line=5,col=5,title=lintkit [link-external]::"),
        ("sarif", '"ruleId": "link-external"'),
        ("junit", "link-external"),
        ("gitlab", "link-external"),
    ]:
        out = run_cli("check", "--external", "--format", fmt, cwd=root)
        assert needle in out.stdout, fmt
        assert m in out.stdout, fmt


def test_network_unavailable_is_reported_once(monkeypatch, tmp_path):
    def getaddrinfo(host, *args, **kw):
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    links = "\n\n".join(f"[l{i}](https://host{i}.example/p)" for i in range(40))
    write_site(tmp_path, {"a.md": FM + links + "\n", "b.md": FM + links + "\n"})
    found, stats = check(str(tmp_path))
    assert found == [
        (
            "_config.yml",
            0,
            0,
            "warning",
            "40 external URLs were not checked: the network is unavailable (DNS lookups "
            "fail: Temporary failure in name resolution; 3 hosts tried, none answered); "
            "run again with network access",
        )
    ]
    assert stats.unavailable and stats.checked == 0
    assert not os.path.exists(tmp_path / ".lintkit-cache")  # nothing learnt, nothing stored


def test_review_has_a_dead_links_section(fence, tmp_path, server):
    root = site(
        tmp_path,
        server,
        {
            "index.md": FM + "[a]({S}/missing)\n\n[b]({S}/ok)\n\n[c]({S}/hang)\n",
        },
        "    timeout: 0.3\n",
    )
    s = f"http://127.0.0.1:{server.port}"
    res = run_cli("review", "--external", cwd=root)
    assert res.exit_code == 0, res.stderr
    md = res.stdout
    section = md.split("### Dead links\n\n", 1)[1].split("\n\n###", 1)[0].split("\n\n## ", 1)[0]
    assert section.splitlines() == [
        "3 external URLs: 3 checked, 0 from cache, 1 dead.",
        "",
        "| Page | Line | URL | Problem |",
        "| --- | ---: | --- | --- |",
        f"| `index.md` | 5 | `{s}/missing` | is dead: 404 Not Found; fix or remove the link |",
        f"| `index.md` | 9 | `{s}/hang` | could not be checked: no answer within 0.3 s |",
    ]
    assert "Replace or remove the links to 1 dead URL on other sites" in md
    html = run_cli("review", "--external", "--format", "html", cwd=root).stdout
    assert "<h3>Dead links</h3>" in html and f"{s}/missing" in html
    # without --external the review says nothing about other sites
    assert "Dead links" not in run_cli("review", cwd=root).stdout


@pytest.mark.parametrize(
    "options, message",
    [
        (
            "accept: {'example.org': ['ok']}",
            "accept.example.org: expected status codes (100-999), got 'ok'",
        ),
        ("per-host: 0", "per-host: must be more than 0, got 0"),
        ("timeout: fast", "timeout: expected a number, got 'fast'"),
        ("exclude: ['[z-a]']", "exclude: '[z-a]' is not a valid glob"),
    ],
)
def test_bad_options_are_configuration_errors(tmp_path, options, message):
    write_site(
        tmp_path,
        {"a.md": FM + "x\n", ".lintkit.yml": f"rules:\n  link-external:\n    {options}\n"},
    )
    res = run_cli("check", "--external", str(tmp_path))
    assert res.exit_code == 2
    assert res.stderr.startswith("lintkit: error: "), res.stderr
    assert res.stderr.endswith(f".lintkit.yml:3: rules.link-external.{message}\n"), res.stderr


def test_github_step_summary_gives_the_counts(fence, tmp_path, server, monkeypatch):
    root = site(tmp_path / "site", server, {"a.md": FM + "[a]({S}/missing)\n"})
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    res = run_cli("check", "--external", "--format", "github", cwd=root)
    assert res.exit_code == 1
    assert summary.read_text(encoding="utf-8").splitlines()[2:5] == [
        "Checked 1 file: 1 error, 0 warnings, 0 info findings.",
        "",
        "1 external URL: 1 checked, 0 from cache, 1 dead.",
    ]
