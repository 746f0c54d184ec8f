"""The fix model: fix.apply on bytes, and a document's byte offsets."""

from lintkit.document import Document
from lintkit.fix import SAFE, UNSAFE, Edit, Fix, apply, overlaps


def fx(title, *edits, safety=SAFE):
    return Fix(title, tuple(Edit(*e) for e in edits), safety)


def test_apply_bottom_up_keeps_other_bytes():
    data = b"one two three"
    out = apply(data, [fx("a", (0, 3, "1")), fx("b", (8, 13, "3")), fx("c", (4, 4, "and "))])
    assert out.data == b"1 and two 3"
    assert [f.title for f in out.applied] == ["a", "c", "b"]
    assert out.skipped == [] and out.invalid == []


def test_overlapping_fix_is_skipped_whole():
    data = b"abcdef"
    first = fx("first", (1, 3, "X"))
    second = fx("second", (0, 1, "Y"), (2, 4, "Z"))  # its second edit overlaps
    out = apply(data, [second, first])
    # "second" starts first, so it wins; "first" overlaps it and is skipped
    assert out.data == b"YbZef"
    assert [f.title for f in out.applied] == ["second"]
    assert [f.title for f in out.skipped] == ["first"]


def test_identical_fixes_count_once():
    data = b"1. a\n1. b\n"
    a = fx("renumber", (5, 6, "2"))
    b = fx("renumber too", (5, 6, "2"))
    out = apply(data, [a, b])
    assert out.data == b"1. a\n2. b\n"
    assert len(out.applied) == 1 and len(out.duplicates) == 1 and out.skipped == []


def test_insertions_at_one_place_overlap_but_not_at_a_span_end():
    assert overlaps(Edit(3, 3, "a"), Edit(3, 3, "b"))
    assert not overlaps(Edit(3, 3, "a"), Edit(3, 5, "b"))
    assert not overlaps(Edit(5, 5, "a"), Edit(3, 5, "b"))
    assert overlaps(Edit(4, 4, "a"), Edit(3, 5, "b"))
    out = apply(
        b"0123456", [fx("ins", (3, 3, "<")), fx("rep", (3, 5, "xx")), fx("end", (5, 5, ">"))]
    )
    assert out.data == b"012<xx>56"


def test_invalid_edits_are_not_applied():
    out = apply(b"abc", [fx("past the end", (2, 9, "")), fx("crossing", (0, 2, ""), (1, 3, ""))])
    assert out.data == b"abc"
    assert [f.title for f in out.invalid] == ["crossing", "past the end"]


def test_unicode_replacement_is_utf8():
    assert apply(b"a-b", [fx("dash", (1, 2, "\u2013"))]).data == "a\u2013b".encode()


def test_to_dict_for_editors():
    f = fx("t", (1, 2, "x"), safety=UNSAFE)
    assert f.to_dict() == {
        "title": "t",
        "safety": "unsafe",
        "edits": [{"start": 1, "end": 2, "text": "x"}],
    }


def doc_of(raw: bytes) -> Document:
    return Document.from_bytes("/x/p.md", "p.md", "p.md", raw)


def test_byte_offsets_through_bom_crlf_and_utf8():
    raw = b"\xef\xbb\xbfcaf\xc3\xa9 1\r\nnext\rthird\n"
    doc = doc_of(raw)
    assert doc.text == "café 1\nnext\nthird\n"
    assert doc.newline == "\r\n"
    one = doc.text.index("1")
    assert raw[doc.byte_offset(one) : doc.byte_offset(one + 1)] == b"1"
    nxt = doc.text.index("next")
    assert doc.byte_offset(nxt) == raw.index(b"next")
    assert doc.byte_offset(doc.text.index("third")) == raw.index(b"third")
    assert doc.byte_offset(len(doc.text)) == len(raw)
    # A replacement spanning a line end covers the whole CRLF; new lines are CRLF.
    edit = doc.edit(one, nxt, "2\n")
    assert raw[edit.start : edit.end] == b"1\r\n"
    assert edit.text == "2\r\n"
    assert apply(raw, [Fix("t", (edit,))]).data == b"\xef\xbb\xbfcaf\xc3\xa9 2\r\nnext\rthird\n"


def test_lf_file_keeps_lf():
    doc = doc_of(b"a\nb")
    assert doc.newline == "\n"
    assert doc.edit(1, 1, "\nx").text == "\nx"
