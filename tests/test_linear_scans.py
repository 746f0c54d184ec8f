"""The linear-time scans give the answers of the patterns they replace."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lintkit.anchors import _FENCE_RE, strip_fences
from lintkit.suppress import mask

pieces = st.sampled_from(
    ["```", "````", "~~~", "~~~~", "``~", "x", " ", "    ", "\t", "\n", "\n", "\r", "# h"]
)


@settings(max_examples=600, deadline=None)
@given(st.lists(pieces, max_size=20).map("".join))
def test_strip_fences_is_the_fence_pattern(text):
    assert strip_fences(text) == _FENCE_RE.sub("", text)


def test_strip_fences_keeps_unclosed_fences_and_removes_closed_ones():
    text = "a\n~~~~ x\nb\n```\ncode\n````\nc\n"
    assert strip_fences(text) == "a\n~~~~ x\nb\n\nc\n"


def test_mask_blanks_directives_keeping_lines():
    off, on = "<!-- lintkit-disable -->", "<!-- lintkit-enable -->"
    text = f"Text\n{off}\nmore {on} end\n"
    out = mask(text)
    # alone on its line: moved up as trailing spaces, leaving an empty line
    assert out == "Text" + " " * len(off) + "\n\nmore " + " " * len(on) + " end\n"
    assert len(out) == len(text) and out.count("\n") == text.count("\n")


def test_mask_leaves_a_directive_on_the_first_line():
    text = "<!-- lintkit-disable -->\ntext\n"
    assert mask(text) == text
