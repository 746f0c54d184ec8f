"""Issue 14, point 6: what is not a site, not Markdown or not valid gets one
clear line (exit 2) or a finding, never a silent "No problems found"."""

from conftest import run_cli, write_site


def test_an_empty_folder_is_no_site(tmp_path):
    (tmp_path / "empty").mkdir()
    for command in ("check", "baseline", "review"):
        res = run_cli(command, "empty", cwd=tmp_path)
        assert res.exit_code == 2, command
        assert res.stderr == (
            "lintkit: error: no Jekyll site in 'empty': no _config.yml in it, below it or in a "
            "folder above it; run lintkit in a site, or give --site-root DIR\n"
        )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty"]  # nothing written


def test_a_file_outside_any_site_says_so_whether_named_or_in_a_folder(tmp_path):
    (tmp_path / "hostname").write_text("box\n", encoding="utf-8")
    (tmp_path / "top.md").write_text("[a](../top.md)\n", encoding="utf-8")
    res = run_cli("check", "hostname", cwd=tmp_path)
    assert res.exit_code == 2
    assert res.stderr == (
        "lintkit: error: 'hostname' is not in a Jekyll site: no _config.yml in its folder or a "
        "folder above it; give --site-root DIR to check it against a site\n"
    )
    assert run_cli("check", "top.md", cwd=tmp_path).exit_code == 2
    res = run_cli("check", ".", cwd=tmp_path)
    assert res.exit_code == 2
    assert res.stderr.startswith("lintkit: error: no Jekyll site in '.': no _config.yml")


def test_a_file_that_is_not_markdown(tmp_path):
    root = write_site(tmp_path / "site", {"hostname": "box\n"})
    res = run_cli("check", "hostname", cwd=root)
    assert res.exit_code == 2
    assert res.stderr == (
        "lintkit: error: 'hostname' is not a Markdown file; lintkit checks the site's Markdown "
        "files (.markdown, .md, .mkd, .mkdn, .mkdown; markdown_ext in _config.yml)\n"
    )


def test_a_site_folder_without_markdown(tmp_path):
    root = write_site(tmp_path / "site", {"index.html": "<p>hi</p>\n"})
    res = run_cli("check", cwd=root)
    assert res.exit_code == 2
    assert res.stderr.startswith("lintkit: error: no Markdown files to check in '.'")


def test_exclude_that_is_not_a_list_is_a_finding_on_its_line(tmp_path):
    root = write_site(
        tmp_path / "site",
        {"a.md": "---\ntitle: A\nlayout: d\n---\nHi.\n"},
        config="title: T\n\nexclude: 5\n",
    )
    res = run_cli("check", "--no-source", cwd=root)
    assert res.exit_code == 1
    assert res.stdout.splitlines()[0] == (
        "_config.yml:3: error [load] 'exclude' should be a list of paths (e.g. exclude: "
        "[drafts/]), but was: 5; Jekyll refuses to build the site"
    )


def test_broken_config_yml_has_its_line(tmp_path):
    root = write_site(
        tmp_path / "site",
        {"a.md": "---\ntitle: A\nlayout: d\n---\nHi.\n"},
        config="title: T\nurl: [a\nbaseurl: x\n",
    )
    res = run_cli("check", "--no-source", cwd=root)
    assert res.exit_code == 1
    first = res.stdout.splitlines()[0]
    assert first.startswith("_config.yml:3: error [load] _config.yml is not valid YAML: ")
    assert first.endswith("; Jekyll refuses to build the site")
