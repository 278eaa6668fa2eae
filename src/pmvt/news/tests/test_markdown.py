"""The Markdown of posts is rendered to safe HTML: no script, handler or raw HTML gets through."""

from html.parser import HTMLParser

import pytest

from pmvt.core.markdown import ALLOWED_TAGS, render_markdown

ATTACKS = [
    "<script>alert(1)</script>",
    '<img src="x" onerror="alert(1)">',
    "[cliquez](javascript:alert(1))",
    "[cliquez](JaVaScRiPt:alert(1))",
    "[cliquez](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<a href="https://example.org" onclick="alert(1)">lien</a>',
    '<iframe src="https://example.org"></iframe>',
    "<style>body { display: none }</style>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "![x](javascript:alert(1))",
    '<svg onload="alert(1)"></svg>',
    "[a](vbscript:msgbox(1))",
]


class ElementCollector(HTMLParser):
    """Every element and attribute the browser would build from the HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    collector = ElementCollector()
    collector.feed(html)
    return collector.elements


@pytest.mark.parametrize("attack", ATTACKS)
def test_neutralises_injection_attempts(attack):
    for tag, attrs in elements(render_markdown(attack)):
        assert tag in ALLOWED_TAGS
        if tag == "a":
            assert set(attrs) <= {"href", "title", "rel"}
            href = (attrs.get("href") or "").strip().lower()
            assert href.startswith(("http://", "https://", "mailto:", "tel:")), href
        else:
            assert attrs == {}


def test_a_script_in_the_text_is_only_text():
    html = render_markdown("Bonjour <script>alert(1)</script> et [x](javascript:alert(1))")
    assert elements(html) == [("p", {})]
    assert "&lt;script&gt;" in html


def test_raw_html_is_shown_as_text_not_interpreted():
    assert render_markdown("<b>gras</b>") == "<p>&lt;b&gt;gras&lt;/b&gt;</p>\n"


def test_renders_the_allowed_formatting():
    html = render_markdown(
        "# Titre\n\n## Intertitre\n\n**gras** *italique* `code`\n\n- un\n- deux\n\n"
        "1. premier\n\n> citation\n\n---\n\n```\nbloc\n```\n"
    )
    assert "<h2>Titre</h2>" in html  # The page has its own h1.
    assert "<h2>Intertitre</h2>" in html
    for tag in [
        "<strong>gras</strong>",
        "<em>italique</em>",
        "<code>code</code>",
        "<ul>",
        "<ol>",
        "<li>un</li>",
        "<blockquote>",
        "<hr>",
        "<pre><code>bloc",
    ]:
        assert tag in html


def test_links_keep_their_address_and_get_nofollow_noopener():
    html = render_markdown("[Le site](https://www.paysapt-luberon.fr/agenda)")
    assert 'href="https://www.paysapt-luberon.fr/agenda"' in html
    assert "nofollow" in html
    assert "noopener" in html


def test_an_empty_text_gives_an_empty_result():
    assert render_markdown("") == ""
