"""Issue 14, point 5: ``load`` is a rule like the others: documented, listed,
configurable and selectable."""

from conftest import run_cli, write_site


def make(tmp_path):
    return write_site(
        tmp_path / "site",
        {"empty.md": "", "bin.md": b"\x00\x01", "ok.md": "---\ntitle: T\nlayout: d\n---\nHi.\n"},
    )


def test_lintkit_rule_load_prints_its_documentation(tmp_path):
    res = run_cli("rule", "load", cwd=make(tmp_path))
    assert res.exit_code == 0
    assert res.stdout.startswith("load (error): Files can be read as UTF-8 text\n")
    assert "## How to fix" in res.stdout


def test_lintkit_rules_lists_load(tmp_path):
    res = run_cli("rules", cwd=make(tmp_path))
    line = next(line for line in res.stdout.splitlines() if line.startswith("load "))
    assert line.split()[:2] == ["load", "error"]


def test_load_findings_and_turning_the_rule_off(tmp_path):
    root = make(tmp_path)
    res = run_cli("check", "--no-source", ".", cwd=root)
    assert res.exit_code == 1
    assert res.stdout.splitlines()[:2] == [
        "bin.md: error [load] the file is binary (it contains NUL bytes), not Markdown; "
        "rename it or exclude it",
        "empty.md: info [load] the file is empty",
    ]
    (root / ".lintkit.yml").write_text("rules:\n  load: off\n", encoding="utf-8")
    res = run_cli("check", "--no-source", ".", cwd=root)
    assert res.exit_code == 0, res.output
    assert res.stdout.startswith("No problems found in 3 files")
    res = run_cli("rules", cwd=root)
    line = next(line for line in res.stdout.splitlines() if line.startswith("load "))
    assert line.split()[:2] == ["load", "off"]


def test_select_and_ignore_load(tmp_path):
    root = make(tmp_path)
    res = run_cli("check", "--no-source", "--ignore", "load", ".", cwd=root)
    assert res.exit_code == 0
    res = run_cli("check", "--no-source", "--select", "load", "--fail-on", "info", ".", cwd=root)
    assert [line.split(" [")[1].split("]")[0] for line in res.stdout.splitlines()[:-1]] == [
        "load",
        "load",
    ]
