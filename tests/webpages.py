"""News pages and web archives made for the tests and benchmarks (every text here is written for kg).

``news_page`` lays an article out as news sites do, in one of three layouts: navigation, a cookie
banner, related links, reader comments and a footer around the story, with its metadata in Open
Graph ``<meta>`` tags and JSON-LD (layout 0), JSON-LD in an ``@graph`` and a byline link (1), or
microdata and plain ``<meta name=...>`` tags (2). ``BOILERPLATE`` holds the words of everything
around the story, which must never reach an article's text. ``write_warc`` writes an archive of
records as a crawler does (warcio).
"""
from __future__ import annotations

import html
import io
import json
from dataclasses import dataclass

#: Phrases of the page around the story: none may be in the text kg extracts.
BOILERPLATE = (
    "We use cookies", "Accept all cookies", "Home", "Related stories",
    "Salmon prices climb", "Harbour strike ends", "trawler design", "Comments", "terrible deal",
    "sense from", "All rights reserved", "Privacy policy", "Subscribe to our newsletter", "Most read",
)

NAV = ('<header><nav class="main-menu"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>'
       '<li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>')
COOKIES = ('<div id="cookie-banner" class="cookie-consent" role="dialog"><p>We use cookies to improve your '
           'experience. By continuing to browse you accept our cookie policy.</p><button>Accept all cookies</button></div>')
RELATED = ('<aside class="related"><h2>Related stories</h2><ul><li><a href="/a">Salmon prices climb for a fifth '
           'month</a></li><li><a href="/b">Harbour strike ends after two weeks</a></li><li><a href="/c">Opinion: '
           'the quiet revolution in trawler design</a></li></ul></aside>')
COMMENTS = ('<section id="comments" class="comments"><h3>Comments (2)</h3><div class="comment"><p>fishfan99: This '
            'is a terrible deal for small boats and nobody asked the people who actually fish.</p></div>'
            '<div class="comment"><p>coastwatcher: Finally some sense from the capital after years of delay.</p>'
            '</div></section>')
FOOTER = ('<footer class="site-footer"><div class="most-read"><h4>Most read</h4><ol><li><a href="/d">Ferry timetable '
          'changes</a></li></ol></div><p>&copy; 2026 {site}. All rights reserved.</p><p><a href="/privacy">Privacy '
          'policy</a> | <a href="/terms">Terms of use</a> | <a href="/newsletter">Subscribe to our newsletter</a></p></footer>')


@dataclass(frozen=True)
class Story:
    slug: str
    title: str
    paragraphs: tuple[str, ...]
    published: str  # YYYY-MM-DD
    author: str
    lang: str = "en"


STORIES = (
    Story("fisheries-pact", "Norway and Chile sign fisheries pact", (
        "Norway signed a fisheries agreement with Chile on Tuesday, the two governments said, ending three years "
        "of talks over quotas in the southern Pacific.",
        "The Norwegian fisheries minister told reporters in Oslo that the accord would give both fleets access to "
        "shared research data and set joint limits on catches of jack mackerel.",
        "Chile's foreign ministry welcomed the deal and said a joint commission would meet in Valparaiso in June "
        "to review the first season.",
        "Environmental groups said the limits were too generous and called on both countries to publish the "
        "scientific advice behind them."), "2026-03-04", "Ingrid Solvang"),
    Story("grain-corridor", "Kenya and Tanzania open grain corridor", (
        "Kenya signed an agreement with Tanzania on Friday to open a new grain corridor between the ports of "
        "Mombasa and Tanga, officials in Nairobi said.",
        "The corridor will let lorries cross the border with one inspection instead of two, the Kenyan trade "
        "ministry said in a statement.",
        "Uganda criticized the plan, saying its own exporters had not been consulted before the routes were "
        "drawn.",
        "The East African Community said it would study the arrangement at its next summit in Arusha."),
        "2026-04-17", "Amani Wekesa"),
    Story("observer-mission", "Brazil joins election observer mission", (
        "Brazil joined the international observer mission for the Paraguayan election on Monday, the foreign "
        "ministry in Brasilia said.",
        "Argentina supports the mission and will send twenty observers of its own, its ambassador told a news "
        "conference in Asuncion.",
        "The mission will visit polling stations in eleven departments and publish a first report two days "
        "after the vote.",
        "Paraguay's electoral court thanked both governments and said the count would be open to the public."),
        "2026-05-11", "Lucia Ferreyra"),
    Story("reef-science", "Fiji and New Zealand agree on reef science", (
        "Fiji and New Zealand agreed on Wednesday to share data from a network of reef sensors across the "
        "South Pacific, the two governments announced.",
        "New Zealand will fund the first forty buoys, and scientists in Suva will run the data centre, the "
        "Fijian environment minister said.",
        "Australia welcomed the plan and said its own monitoring stations could join the network next year.",
        "Researchers said the readings would help island communities plan for coral bleaching."),
        "2026-06-24", "Mere Tuilagi"),
    Story("rail-summit", "Vietnam hosts rail summit", (
        "Vietnam hosted the leaders of Laos and Cambodia in Hanoi on Thursday for talks on a regional rail "
        "line, the Vietnamese government said.",
        "The three countries signed a memorandum on track gauges and agreed to meet again in Vientiane in "
        "the autumn.",
        "Thailand said it would send an observer to the next round and study a link to its own network.",
        "Business groups in Phnom Penh said the line would cut freight costs for farmers in the north."),
        "2026-07-09", "Tran Minh Chau"),
    Story("budget-fr", "Le Parlement adopte le budget", (
        "Le Parlement a adopté mardi soir le budget de l'année prochaine après trois semaines de débats "
        "difficiles entre la majorité et l'opposition.",
        "Le ministre des Finances a déclaré que le texte permettrait de réduire le déficit tout en protégeant "
        "les dépenses de santé et d'éducation.",
        "Les syndicats ont appelé à une journée de grève pour protester contre la réforme des retraites prévue "
        "dans le même texte."), "2026-05-20", "Claire Dubois", "fr"),
)


def _jsonld(story: Story, site: str, url: str, layout: int) -> str:
    article = {"@type": "NewsArticle", "headline": story.title, "datePublished": f"{story.published}T08:15:00Z",
               "author": {"@type": "Person", "name": story.author},
               "publisher": {"@type": "Organization", "name": site}, "mainEntityOfPage": url}
    if layout == 1:
        data = {"@context": "https://schema.org", "@graph": [
            {"@type": "WebSite", "name": site, "url": "/".join(url.split("/", 3)[:3])},
            article]}
    else:
        data = {"@context": "https://schema.org", **article}
    return f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>'


def news_page(story: Story, *, site: str = "The Harbour Ledger", url: str | None = None, layout: int = 0) -> str:
    """The page of ``story`` as a news site serves it, in layout 0, 1 or 2 (see the module's docstring)."""
    url = url or f"https://news.example/{story.published.replace('-', '/')}/{story.slug}"
    e = html.escape
    paras = "".join(f"<p>{e(p)}</p>" for p in story.paragraphs)
    head = [f'<meta charset="utf-8"><title>{e(story.title)} | {e(site)}</title>',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<link rel="stylesheet" href="/static/site.css"><script src="/static/ads.js"></script>']
    if layout == 0:
        head += [f'<meta property="og:title" content="{e(story.title)}">',
                 f'<meta property="og:site_name" content="{e(site)}">', f'<meta property="og:url" content="{e(url)}">',
                 f'<meta name="author" content="{e(story.author)}">',
                 f'<meta property="article:published_time" content="{story.published}T08:15:00+00:00">',
                 _jsonld(story, site, url, layout)]
        body = (f'<main><article><h1>{e(story.title)}</h1><p class="byline">By {e(story.author)}</p>{paras}</article>'
                f'{RELATED}{COMMENTS}</main>')
    elif layout == 1:
        head += [f'<link rel="canonical" href="{e(url)}">', _jsonld(story, site, url, layout)]
        body = (f'<div class="page"><div class="story"><h1 class="headline">{e(story.title)}</h1>'
                f'<div class="meta">By <a rel="author" href="/authors/x">{e(story.author)}</a> | '
                f'<time datetime="{story.published}">{story.published}</time></div>'
                f'<div class="story-body">{paras}</div></div><div class="sidebar">{RELATED}</div>{COMMENTS}</div>')
    else:
        head += [f'<meta name="date" content="{story.published}">', f'<meta name="author" content="{e(story.author)}">',
                 f'<meta name="application-name" content="{e(site)}">']
        body = (f'<div itemscope itemtype="https://schema.org/NewsArticle"><h1 itemprop="headline">{e(story.title)}</h1>'
                f'<span itemprop="author">{e(story.author)}</span>'
                f'<meta itemprop="datePublished" content="{story.published}">'
                f'<div itemprop="articleBody">{paras}</div></div>{RELATED}{COMMENTS}')
    return (f'<!DOCTYPE html><html lang="{story.lang}"><head>{"".join(head)}</head><body>{COOKIES}{NAV}{body}'
            f'{FOOTER.format(site=e(site))}</body></html>')


# ---------------------------------------------------------------------- web archives
@dataclass(frozen=True)
class Record:
    """One record to write: a response (``status``, ``content_type``, ``body``), or another WARC type."""

    uri: str
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    date: str = "2026-08-01T12:00:00Z"
    kind: str = "response"  # response, request, metadata, warcinfo, revisit


def write_warc(path, records, *, gzip: bool | None = None) -> None:
    """An archive of ``records``, each gzip-compressed on its own when the name ends in .gz."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    gzip = str(path).endswith(".gz") if gzip is None else gzip
    with open(path, "wb") as f:
        writer = WARCWriter(f, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(str(path).rsplit("/", 1)[-1], {"software": "kg tests"}))
        for r in records:
            warc_headers = {"WARC-Date": r.date}
            if r.kind == "response":
                reason = {200: "OK", 404: "Not Found", 301: "Moved Permanently", 500: "Internal Server Error"}
                http = StatusAndHeaders(f"{r.status} {reason.get(r.status, 'Status')}",
                                        [("Content-Type", r.content_type), ("Content-Length", str(len(r.body)))],
                                        protocol="HTTP/1.1")
                record = writer.create_warc_record(r.uri, "response", payload=io.BytesIO(r.body),
                                                   http_headers=http, warc_headers_dict=warc_headers)
            elif r.kind == "request":
                http = StatusAndHeaders(f"GET /{r.uri.split('/', 3)[-1]} HTTP/1.1", [("Host", r.uri.split("/")[2])],
                                        is_http_request=True)
                record = writer.create_warc_record(r.uri, "request", payload=io.BytesIO(b""), http_headers=http,
                                                   warc_headers_dict=warc_headers)
            elif r.kind == "revisit":
                record = writer.create_revisit_record(r.uri, digest="sha1:" + "A" * 32, refers_to_uri=r.uri,
                                                      refers_to_date=r.date)
            else:
                record = writer.create_warc_record(r.uri, r.kind, payload=io.BytesIO(r.body or b"x"),
                                                   warc_headers_dict=warc_headers)
            writer.write_record(record)
