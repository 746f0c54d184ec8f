"""Where kramdown (Jekyll's Markdown) reads links differently from CommonMark,
pinned from a real run: Debian's ruby kramdown 2.4.0 with kramdown-parser-gfm
1.1.0 (``Kramdown::Document.new(text, input: "GFM").to_html``) for the grammar,
and jekyll 4.3.1 for the Liquid loops. The HTML each case produced is quoted in
its test."""

from __future__ import annotations

from conftest import check, write_site

GEMFILE = {"Gemfile": 'gem "jekyll"\n'}
FM = "---\ntitle: P\nlayout: default\n---\n"


def run(tmp_path, body, extra=None, config="title: K\n", rules="link-reference,link-target"):
    files = {**GEMFILE, "p.md": FM + body, **(extra or {})}
    root = write_site(tmp_path / "k", files, config)
    _, result = check(root, "p.md", select=rules.split(","))
    return [(f.line, f.column, f.rule, f.severity) for f in result.findings]


def test_undefined_reference_falls_back_to_the_next_bracket(tmp_path):
    # <p>[EXPERIMENTAL]<a href="https://example.org/f1">[Feature #1]</a> and [see][nope]</p>
    body = "[EXPERIMENTAL][[Feature #1]](https://example.org/f1) and [see][nope]\n"
    assert run(tmp_path, body) == [(5, 64, "link-reference", "error")]


def test_each_definition_is_read_by_itself(tmp_path):
    # <p><a href="/one.html (unbalanced">1</a> <a href="/two.html">2</a></p>
    body = "[1][one] [2][two]\n\n[one]: /one.html (unbalanced\n[two]: /two.html\n"
    extra = {"one.html": "x", "two.html": "x"}
    assert run(tmp_path, body, extra) == [(7, 8, "link-target", "error")]


def test_code_spans_count_in_a_label(tmp_path):
    # <p><a href="/code.html">b</a></p>
    body = "[b][`code`]\n\n[`code`]: /code.html\n"
    assert run(tmp_path, body, {"code.html": "x"}) == []


def test_entities_in_urls_and_fragments_are_decoded(tmp_path):
    # <a href="/caf&eacute;.html#r&eacute;sum&eacute;">: the browser opens
    # /café.html#résumé, whose heading "Résumé" has the id "résumé"
    body = "[e](/caf&eacute;.html#r&eacute;sum&eacute;) [f](/caf&eacute;.html#nope)\n"
    extra = {"café.md": "---\n---\n# Résumé\n"}
    found = run(tmp_path, body, extra, rules="link-target,link-fragment")
    assert found == [(5, 49, "link-fragment", "error")]


LOOPS = """Issues [#1][] and [#2][], filters [where][] [sort][], page [x-f][] [y-f][], unknown [z-u][].

{% assign nums = "1|2" | split: "|" %}
{% for n in nums %}
[#{{ n }}]: {{ site.repository }}/issues/{{ n }}
{% endfor %}
{% for f in site.data.nav.filters %}
[{{ f.slug }}]: /f.html#{{ f.slug }}
{% endfor %}
{% for n in page.names %}
[{{ n }}-f]: /f.html#{{ n | slugify }}
{% endfor %}
{% for n in site.pages %}
[{{ n.name }}-u]: {{ n.url }}
{% endfor %}
"""


def test_definitions_written_by_liquid_loops(tmp_path):
    # jekyll 4.3.1 wrote: <a href="https://github.com/o/r/issues/1">#1</a>, ...issues/2,
    # <a href="/f.html#where">, <a href="/f.html#sort">, <a href="/f.html#x">,
    # <a href="/f.html#y">, and "[z-u][]" as text (site.pages is not known statically).
    files = {
        **GEMFILE,
        "_data/nav/filters.yml": "- slug: where\n- slug: sort\n",
        "f.md": "---\nfilters: [a b, c]\n---\n# Where\n\n# Sort\n\n# A B\n",
        "p.md": "---\ntitle: P\nlayout: d\nnames: [x, y]\n---\n" + LOOPS,
    }
    root = write_site(tmp_path / "l", files, "title: L\nrepository: https://github.com/o/r\n")
    _, result = check(root, "p.md", select=["link-reference", "link-fragment", "link-target"])
    assert [(f.line, f.rule, f.severity, f.message[:40]) for f in result.findings] == [
        (6, "link-reference", "info", "[z-u] is defined by the Liquid loop on l"),
        (16, "link-fragment", "error", "'#x' is not an id on /f.html (from f.md)"),
        (16, "link-fragment", "error", "'#y' is not an id on /f.html (from f.md)"),
    ]


def test_fences_inside_a_highlight_block_do_not_hide_the_headings_after_it(tmp_path):
    # jekyll 4.3.1 wrote id="after" for the heading after this highlight block
    target = (
        "---\n---\n{% highlight markdown %}\n```markdown\nx\n```\n{% endhighlight %}\n\n## After\n"
    )
    body = "[a](a.html#after) [b](a.html#before)\n"
    found = run(tmp_path, body, {"a.md": target}, rules="link-fragment")
    assert found == [(5, 23, "link-fragment", "error")]
