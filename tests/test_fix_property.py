"""Property: on generated documents, --fix leaves no finding a safe fix could
fix, and changes no byte outside the edits of the fixes it reports."""

from __future__ import annotations

import tempfile
from pathlib import Path

from conftest import write_site
from fixkit import run_fixer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lintkit.fix import SAFE

FM = "---\ntitle: T\nlayout: default\n---\n"
WORDS = ["see", "the", "café", "ensemble", "—", "utilize", "a", "1.", "**", "`code`", "#"]
LINKS = [
    "[one](% link b.md %)",
    "[two]{% link b.md %}",
    "[three]([https://example.org])",
    "[four](b.md)",
    "[five]({% link B.md %})",
    "[six]({% link b.html %})",
    "[seven](#Intro)",
    "[eight](#intr)",
    "[nine](b.html#part)",
    "[ten][u]",
    "[eleven]()",
    "[twelve](missing.md)",
]


def _item(n: int, title: str, period: bool, desc: bool) -> str:
    head = f"{n}. **{title}{'.' if period else ''}**"
    return head + ("\n   A description." if desc else "")


paragraph = st.lists(st.sampled_from(WORDS + LINKS), min_size=1, max_size=6).map(" ".join)
heading = st.sampled_from(["# Intro", "## Part", "### Intro"])
definition = st.sampled_from(["[u]: /b.html", "[unused]: /x.html", "[u]: b.md"])
code = st.sampled_from(["```\n[x](% link b.md %)\n```", "    indented [y](b.md)"])
numbers = st.lists(st.integers(min_value=0, max_value=12), min_size=2, max_size=6)
items = st.lists(
    st.tuples(
        st.integers(min_value=1, max_value=11),
        st.sampled_from(["One", "Two", "Three", "Four"]),
        st.booleans(),
        st.booleans(),
    ),
    min_size=2,
    max_size=5,
)
milestones = items.map(lambda xs: "\n\n".join(_item(*x) for x in xs))
ordered = numbers.map(lambda ns: "\n".join(f"{n}. step" for n in ns))
block = st.one_of(paragraph, heading, definition, code, milestones, ordered)

documents = st.tuples(
    st.lists(block, min_size=1, max_size=6),
    st.sampled_from(["\n", "\r\n"]),
    st.booleans(),  # BOM
    st.booleans(),  # final newline
    st.sampled_from(["p.md", "x_milestones.md"]),
)


def _reference_apply(data: bytes, fixes) -> bytes:
    """The expected result of a pass, computed independently of fix.apply."""
    edits = sorted((e for f in fixes for e in f.edits), key=lambda e: (e.start, e.end))
    out, at = [], 0
    for e in edits:
        assert e.start >= at, "applied edits overlap"
        out.append(data[at : e.start])
        out.append(e.text.encode())
        at = e.end
    out.append(data[at:])
    return b"".join(out)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(documents)
def test_fix_settles_and_touches_only_its_edits(doc):
    blocks, newline, bom, final, name = doc
    text = FM + "\n\n".join(blocks) + ("\n" if final else "")
    raw = text.replace("\n", newline).encode()
    if bom:
        raw = b"\xef\xbb\xbf" + raw
    with tempfile.TemporaryDirectory() as tmp:
        root = write_site(
            Path(tmp) / "site",
            {
                "Gemfile": 'source "https://rubygems.org"\ngem "jekyll"\n',
                "b.md": FM + "# Part\n",
                name: raw,
            },
        )
        outcome = run_fixer(root)
        assert outcome.errors == []
        after = (root / name).read_bytes()
        # nothing a safe fix could fix is left
        left = [f for f in outcome.result.findings if f.fix and f.fix.safety == SAFE]
        assert left == []
        # every pass changed exactly the bytes of the fixes it reports
        changed = [f for f in outcome.files.values() if f.display.endswith(name)]
        if not changed:
            assert after == raw
            return
        (entry,) = changed
        data = raw
        for start, fixes in entry.passes:
            assert start == data
            data = _reference_apply(start, fixes)
        assert data == after
        # line endings and BOM are kept
        assert after.startswith(b"\xef\xbb\xbf") == bom
        if newline == "\r\n":
            assert b"\n" not in after.replace(b"\r\n", b"")
        else:
            assert b"\r" not in after
        # and a second run finds nothing more to fix
        again = run_fixer(root)
        assert again.files == {} and (root / name).read_bytes() == after
