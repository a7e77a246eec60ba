"""Article extractors compared on news pages made for kg's tests (tests/webpages.py): how much of the
story each keeps, how much boilerplate it lets in, which metadata it reads, and how fast it is.

    pip install readability-lxml boilerpy3 goose3   # the alternatives (trafilatura and jusText come with kg)
    python benchmarks/compare_extractors.py

Each page is a story of tests/webpages.py in each of its three layouts (navigation, cookie banner,
related links, comments, footer; metadata in Open Graph and JSON-LD, in a JSON-LD @graph with a
byline link, or in microdata and plain meta tags). Recall is the share of the story's sentences
found whole in the text; boilerplate the share of pages with any phrase of webpages.BOILERPLATE in it;
metadata the share of title, date, author and site read right (for the extractors that read any).
An extractor that is not installed is left out, and said so.
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]


def trafilatura_(html: str) -> tuple[str, dict]:
    from kg.web import extract

    page = extract(html)
    return (page.text if page else ""), ({"title": page.title, "date": page.published, "author": page.author,
                                           "site": page.site} if page else {})


def readability_(html: str) -> tuple[str, dict]:
    import lxml.html
    from readability import Document

    doc = Document(html)
    return lxml.html.fromstring(doc.summary()).text_content(), {"title": doc.short_title()}


def justext_(html: str) -> tuple[str, dict]:
    import justext

    paras = justext.justext(html.encode("utf-8"), justext.get_stoplist("English"))
    return "\n".join(p.text for p in paras if not p.is_boilerplate), {}


def boilerpy_(html: str) -> tuple[str, dict]:
    from boilerpy3 import extractors

    doc = extractors.ArticleExtractor().get_doc(html)
    return doc.content, {"title": doc.title}


def goose_(html: str) -> tuple[str, dict]:
    from goose3 import Goose

    with Goose({"enable_image_fetching": False}) as g:
        art = g.extract(raw_html=html)
    return art.cleaned_text, {"title": art.title, "date": str(art.publish_date or "")[:10] or None,
                              "author": ", ".join(art.authors) or None,
                              "site": (art.opengraph or {}).get("site_name")}


EXTRACTORS = {"trafilatura (kg.web)": trafilatura_, "readability-lxml": readability_, "jusText": justext_,
              "boilerpy3": boilerpy_, "goose3": goose_}


def main() -> None:
    from webpages import BOILERPLATE, STORIES, news_page

    site = "The Harbour Ledger"
    pages = [(s, news_page(s, site=site, layout=layout)) for s in STORIES if s.lang == "en" for layout in (0, 1, 2)]
    print(f"{len(pages)} pages; recall of the story's sentences, pages with boilerplate, metadata right, ms a page")
    for name, fn in EXTRACTORS.items():
        try:
            fn(pages[0][1])
        except ImportError as err:
            print(f"  {name:22} not installed ({err.name})")
            continue
        recall, dirty, meta, times = [], 0, [], []
        for story, html in pages:
            started = time.perf_counter()
            text, found = fn(html)
            times.append(time.perf_counter() - started)
            text = " ".join(text.split())
            recall.append(sum(" ".join(p.split()) in text for p in story.paragraphs) / len(story.paragraphs))
            dirty += any(b in text for b in BOILERPLATE)
            want = {"title": story.title, "date": story.published, "author": story.author, "site": site}
            meta += [found.get(k) == v for k, v in want.items()]
        print(f"  {name:22} recall {statistics.mean(recall):.2f}  boilerplate {dirty}/{len(pages)}  "
              f"metadata {sum(meta)}/{len(meta)}  {statistics.median(times) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
