"""Issue 14, point 1: ``lintkit init`` sets a site up in one step: the
configuration with the preset that fits, a baseline of today's findings, the
pre-commit configuration; it prints what it did and keeps what exists."""

import json

import yaml
from gitsite import git, lintkit, make_repo, write

BROKEN = "---\ntitle: Old\n---\n# Old\n\nSee [x]({% link gone.md %}).\n"


def test_init_writes_config_baseline_and_hooks(tmp_path):
    site = make_repo(tmp_path / "site")
    write(site, {"old.md": BROKEN, "_layouts/default.html": "{{ content }}\n"})
    git(site, "add", "-A")
    git(site, "commit", "-q", "-m", "old")
    run = lintkit(
        "init", "--hooks-repo", "https://example.org/lintkit", "--hooks-rev", "v9", cwd=site
    )
    assert run.code == 0, run
    assert run.stdout.splitlines() == [
        "Jekyll site here: ./_config.yml",
        "wrote .lintkit.yml: extends the 'jekyll' preset (the site has its own layouts, so "
        "layout names are checked too)",
        "wrote .lintkit-baseline.json: today's 1 finding in 5 files (1 entry); they are "
        "accepted, new ones fail",
        "wrote .pre-commit-config.yaml: hooks from https://example.org/lintkit at v9",
        "next: pre-commit install && git add -A && git commit",
    ]
    assert yaml.safe_load((site / ".lintkit.yml").read_text()) == {"extends": "jekyll"}
    entries = json.loads((site / ".lintkit-baseline.json").read_text())["entries"]
    assert [(e["rule"], e["path"]) for e in entries] == [("link-tag", "old.md")]
    hooks = yaml.safe_load((site / ".pre-commit-config.yaml").read_text())["repos"]
    assert hooks == [
        {
            "repo": "https://example.org/lintkit",
            "rev": "v9",
            "hooks": [
                {"id": "lintkit", "args": ["--baseline=.lintkit-baseline.json"]},
                {"id": "lintkit-site", "args": ["--baseline=.lintkit-baseline.json"]},
            ],
        }
    ]
    # The baseline makes today's findings pass; a plain check still shows them.
    assert lintkit("check", "--staged", "--baseline", ".lintkit-baseline.json", cwd=site).code == 0
    assert lintkit("check", cwd=site).code == 1
    # A second run keeps everything.
    again = lintkit("init", cwd=site)
    assert again.code == 0
    assert [line.split(" (")[0] for line in again.stdout.splitlines()[1:4]] == [
        "kept .lintkit.yml",
        "kept .lintkit-baseline.json",
        "kept .pre-commit-config.yaml",
    ]


def test_init_for_a_site_in_a_subfolder_without_layouts(tmp_path):
    repo = make_repo(
        tmp_path / "repo",
        {
            "docs/_config.yml": "title: T\ntheme: minima\n",
            "docs/index.md": "---\ntitle: I\n---\nHi.\n",
        },
    )
    run = lintkit("init", "docs", "--hooks-repo", "https://example.org/lintkit", cwd=repo)
    assert run.code == 0, run
    assert run.stdout.splitlines()[0] == "Jekyll site in docs: docs/_config.yml"
    assert "extends the 'default' preset" in run.stdout
    hooks = yaml.safe_load((repo / ".pre-commit-config.yaml").read_text())["repos"][0]["hooks"]
    assert hooks[1] == {
        "id": "lintkit-site",
        "args": ["--baseline=docs/.lintkit-baseline.json", "docs"],
    }


def test_an_existing_pre_commit_config_is_kept_and_the_lines_printed(tmp_path):
    site = make_repo(tmp_path / "site")
    (site / ".pre-commit-config.yaml").write_text("repos: []\n", encoding="utf-8")
    run = lintkit(
        "init", "--hooks-repo", "https://example.org/lintkit", "--hooks-rev", "v9", cwd=site
    )
    assert (site / ".pre-commit-config.yaml").read_text() == "repos: []\n"
    assert (
        "kept .pre-commit-config.yaml (it exists); add lintkit's hooks to its repos:\n"
        in run.stdout
    )
    assert "    - repo: https://example.org/lintkit\n      rev: v9\n" in run.stdout


def test_init_outside_a_site(tmp_path):
    run = lintkit("init", cwd=tmp_path)
    assert run.code == 2
    assert run.stderr.startswith("lintkit: error: no Jekyll site at '.': no _config.yml")
    assert list(tmp_path.iterdir()) == []


class _Dist:
    def __init__(self, direct_url):
        self.direct_url = direct_url

    def read_text(self, name):
        return self.direct_url if name == "direct_url.json" else None


def test_the_hooks_come_from_where_lintkit_was_installed(tmp_path, monkeypatch):
    from lintkit import __version__, init

    def installed(direct_url):
        monkeypatch.setattr(init.metadata, "distribution", lambda name: _Dist(direct_url))
        return init.hooks_source()

    # pip install "lintkit @ git+https://...@v1.2.3"
    assert installed(
        json.dumps(
            {
                "url": "git+https://example.org/lintkit.git",
                "vcs_info": {"vcs": "git", "requested_revision": "v1.2.3", "commit_id": "ab" * 20},
            }
        )
    ) == ("https://example.org/lintkit.git", "v1.2.3")
    # pip install . from a clone: its release tag when it has it, else its commit
    clone = make_repo(tmp_path / "clone", {"x.txt": "x\n"})
    direct = json.dumps({"url": clone.as_uri(), "dir_info": {}})
    head = git(clone, "rev-parse", "HEAD").strip()
    assert installed(direct) == (str(clone), head)
    git(clone, "tag", f"v{__version__}")
    assert installed(direct) == (str(clone), f"v{__version__}")
    # from an index (no record of where): the project's address and this version's tag
    assert installed(None) == (init.PROJECT_URL, f"v{__version__}")
