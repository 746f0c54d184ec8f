"""glued-unit: a number glued to its unit ("5minutes", "10min")."""

from __future__ import annotations

from conftest import check, write_site

from lintkit.fix import apply

FM = "---\ntitle: Notes\n---\n"


def run(tmp_path, body, options=""):
    files = {"page.md": FM + body}
    if options:
        files[".lintkit.yml"] = "rules:\n  glued-unit:\n" + options
    root = write_site(tmp_path / f"s{len(list(tmp_path.iterdir()))}", files)
    _, result = check(root, "page.md", select=["glued-unit"])
    text = (root / "page.md").read_bytes()
    fixed = apply(text, [f.fix for f in result.findings]).data.decode()[len(FM) :]
    return [(f.line, f.column, f.message, f.fix.safety) for f in result.findings], fixed


def test_glued_numbers_and_units_with_a_fix(tmp_path):
    found, fixed = run(tmp_path, "Take a 5minutes break after 10min and 1.5Hours.\n")
    assert found == [
        (4, 8, "'5minutes': put a space between the number and the unit ('5 minutes')", "safe"),
        (4, 29, "'10min': put a space between the number and the unit ('10 min')", "safe"),
        (4, 39, "'1.5Hours': put a space between the number and the unit ('1.5 Hours')", "safe"),
    ]
    assert fixed == "Take a 5 minutes break after 10 min and 1.5 Hours.\n"


def test_right_forms_and_hidden_text_are_not_reported(tmp_path):
    body = (
        "A 5-minute break, 5 minutes, 2nd try, 90s music, 10x faster, v2min, 3mins_x.\n"
        "Run `sleep 5min`, see https://example.com/10min and clip_10min.mp4.\n"
    )
    assert run(tmp_path, body)[0] == []


def test_units_option(tmp_path):
    found, _ = run(tmp_path, "Use 5px and 10min.\n", '    units: ["px"]\n')
    assert [m for _, _, m, _ in found] == [
        "'5px': put a space between the number and the unit ('5 px')"
    ]
