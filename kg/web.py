"""The article of a web page: main text without boilerplate, and its metadata (trafilatura).

Navigation, cookie banners, related links, comments and footers are left out; title, publication
date, author and site name come from the page's ``<meta>`` tags, JSON-LD and markup. The text is
built from trafilatura's tree of the main content (paragraphs, headings, list items, quotes), one
paragraph a block, so an entity in the text ("&lt;b&gt;") is decoded once, as in the page.

>>> said = "<p>Norway signed a fisheries agreement with Chile on Tuesday, the two governments said.</p>"
>>> page = extract('<html><head><meta property="og:site_name" content="The Ledger"></head><body>'
...                '<nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>Talks end</h1>'
...                + said * 4 + '</article><footer>All rights reserved.</footer></body></html>')
>>> page.title, page.site, page.text.split(chr(10))[0]
('Talks end', 'The Ledger', 'Norway signed a fisheries agreement with Chile on Tuesday, the two governments said.')
>>> "Home" in page.text or "rights" in page.text
False
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

HTML_TYPES = ("text/html", "application/xhtml+xml")  # the media types of pages kg reads
# the page's own date only (meta tags, JSON-LD, markup, URL): no guess from dates in the text, and
# no bound by today's date, so that the same page always gives the same date
DATE_PARAMS = {"extensive_search": False, "original_date": True, "max_date": "2999-12-31"}
SPACES = re.compile(r"[^\S\n]+")


@dataclass(frozen=True, slots=True)
class Page:
    """What a page says of itself: ``text`` (paragraphs separated by blank lines) and metadata, each
    None when the page does not give it (``published`` as YYYY-MM-DD)."""

    text: str
    title: str | None = None
    published: str | None = None
    author: str | None = None
    site: str | None = None
    url: str | None = None


@cache
def _trafilatura():
    import logging

    import trafilatura

    for name in ("trafilatura", "htmldate", "courlan"):  # kg says what failed, in its own words
        logging.getLogger(name).addHandler(logging.NullHandler())
    return trafilatura


def extract(html: str | bytes, url: str | None = None) -> Page | None:
    """The article of a page (``url``: where it was fetched, to resolve relative metadata), or None
    when the page holds no main text."""
    if isinstance(html, bytes):
        html = html.decode("utf-8", "replace")
    if not re.search(r"<(?:html|body)\b", html[:4096], re.I):  # a fragment ("<p>...</p>"): trafilatura wants a page
        html = f"<html><body>{html}</body></html>"
    # precision: a short article stays short rather than taking the page's menus in (no baseline rescue)
    doc = _trafilatura().bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                         include_tables=False, include_images=False, deduplicate=False,
                                         favor_precision=True, date_extraction_params=DATE_PARAMS)
    if doc is None or doc.body is None:
        return None
    blocks = _blocks(doc.body)
    title = _clean(doc.title)
    if blocks and title and blocks[0].casefold() == title.casefold():
        blocks = blocks[1:]  # the headline, repeated as the first heading
    text = "\n\n".join(blocks)
    if not text.strip():
        return None
    return Page(text=text, title=title, published=doc.date or None, author=_clean(doc.author),
                site=_clean(doc.sitename), url=_clean(doc.url))


def _blocks(body) -> list[str]:
    """The paragraphs of trafilatura's main-content tree: each block element one, each list item one."""
    out = []
    for el in body:
        items = list(el.iter("item")) if el.tag == "list" else [el]
        for item in items:
            for lb in item.iter("lb"):
                lb.tail = "\n" + (lb.tail or "")
            text = "\n".join(SPACES.sub(" ", line).strip() for line in "".join(item.itertext()).split("\n"))
            text = re.sub(r"\n+", "\n", text).strip()
            if text:
                out.append(text)
    return out


def _clean(value: str | None) -> str | None:
    value = SPACES.sub(" ", value or "").strip()
    return value or None
