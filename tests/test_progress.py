"""The external check's progress bar: drawn in place on a terminal, cleared
at the end; the CLI makes none when output is not a terminal (see
test_link_external.test_cli_summary_and_every_report_format)."""

from __future__ import annotations

import io

from lintkit.progress import Bar


def test_bar_draws_in_place_and_clears():
    out = io.StringIO()
    bar = Bar(out, width=10, every=0.0)
    bar(1, 4, 0)
    bar(4, 4, 1)
    bar.close()
    assert out.getvalue() == (
        "\r[##--------] 1/4 URLs, 0 failed\r[##########] 4/4 URLs, 1 failed\r\x1b[K"
    )


def test_bar_redraws_at_most_every_interval_but_always_at_the_end():
    out = io.StringIO()
    bar = Bar(out, width=4, every=3600.0)
    bar(1, 3, 0)
    bar(2, 3, 0)  # too soon: not drawn
    bar(3, 3, 0)  # the last one always is
    assert out.getvalue() == "\r[#---] 1/3 URLs, 0 failed\r[####] 3/3 URLs, 0 failed"


def test_a_bar_never_drawn_leaves_nothing():
    out = io.StringIO()
    Bar(out).close()
    assert out.getvalue() == ""
