from collections import namedtuple

from lintkit.findings import Finding
from lintkit.report import github

Rule = namedtuple("Rule", "id summary doc severity")
RULES = [Rule("link-tag", "s", "d", "error"), Rule("alt-text", "s", "d", "warning")]


def test_annotations_exact_bytes():
    findings = [
        Finding("docs/b.md", 0, 0, "load-error", "cannot read", "error"),
        Finding("docs/a.md", 12, 5, "link-tag", "use {% link %}", "error"),
        Finding("docs/a.md", 3, 0, "alt-text", "no alt", "warning"),
        Finding("docs/a.md", 4, 1, "alt-text", "maybe", "info"),
        Finding("docs/a.md", 5, 2, "alt-text", "default", None),
    ]
    out = github.render(findings, rules=RULES, files=[], tool_version="1")
    assert out == (
        "::warning file=docs/a.md,line=3,title=lintkit [alt-text]::no alt\n"
        "::notice file=docs/a.md,line=4,col=1,title=lintkit [alt-text]::maybe\n"
        "::warning file=docs/a.md,line=5,col=2,title=lintkit [alt-text]::default\n"
        "::error file=docs/a.md,line=12,col=5,title=lintkit [link-tag]::use {%25 link %25}\n"
        "::error file=docs/b.md,title=lintkit [load-error]::cannot read\n"
    )


def test_escaping():
    f = Finding("we,ird:100%\r\n.md", 1, 2, "a:b,c", "50% done\r\nnext: a, b", "error")
    out = github.render([f], rules=[], files=[], tool_version="1")
    assert out.encode("utf-8") == (
        b"::error file=we%2Cird%3A100%25%0D%0A.md,line=1,col=2,"
        b"title=lintkit [a%3Ab%2Cc]::50%25 done%0D%0Anext: a, b\n"
    )


def test_no_findings_no_output():
    assert github.render([], rules=RULES, files=["a.md"], tool_version="1") == ""


def test_step_summary_exact():
    findings = [
        Finding("a.md", 2, 1, "link-tag", "use `{% link %}` | not <a>", "error"),
        Finding("a.md", 1, 0, "alt-text", "no alt", "warning"),
        Finding("b.md", 1, 1, "alt-text", "line\nbreak", "info"),
    ]
    assert github.step_summary(findings, ["a.md", "b.md", "c.md"], rules=RULES) == (
        "## lintkit\n"
        "\n"
        "Checked 3 files: 1 error, 1 warning, 1 info finding.\n"
        "\n"
        "| Rule | Errors | Warnings | Info |\n"
        "| --- | ---: | ---: | ---: |\n"
        "| alt-text | 0 | 1 | 1 |\n"
        "| link-tag | 1 | 0 | 0 |\n"
        "\n"
        "| Severity | File | Line | Column | Rule | Message |\n"
        "| --- | --- | ---: | ---: | --- | --- |\n"
        "| warning | a.md | 1 | 0 | alt-text | no alt |\n"
        "| error | a.md | 2 | 1 | link-tag | use \\`{% link %}\\` \\| not \\<a\\> |\n"
        "| info | b.md | 1 | 1 | alt-text | line break |\n"
    )


def test_step_summary_clean():
    assert github.step_summary([], ["a.md"]) == (
        "## lintkit\n\nChecked 1 file: 0 errors, 0 warnings, 0 info findings.\n\nNo problems found.\n"
    )


def test_step_summary_capped():
    findings = [Finding("a.md", i, 1, "link-tag", f"m{i}", "error") for i in range(1, 6)]
    text = github.step_summary(findings, ["a.md"], limit=2)
    rows = [line for line in text.splitlines() if line.startswith("| error |")]
    assert rows == [
        "| error | a.md | 1 | 1 | link-tag | m1 |",
        "| error | a.md | 2 | 1 | link-tag | m2 |",
    ]
    assert text.endswith("\n\nShowing the first 2 of 5 findings.\n")
    assert "| link-tag | 5 | 0 | 0 |" in text
    assert "Showing" not in github.step_summary(findings, ["a.md"], limit=5)
