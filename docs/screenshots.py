"""Make the README's screenshots of the explorer from what is in this repository.

    python docs/screenshots.py              # all three
    python docs/screenshots.py --only news  # the two of the 100-article build (no spaCy needed)

- ``docs/explorer-100.png``: the opening view of a build of 100 articles (``news(100)`` of
  tests/synthetic.py, a made-up world shaped like a real corpus);
- ``docs/explorer-100-link.png``: the same with its most restated relation open, every statement
  listed with its date, outlet and evidence;
- ``docs/explorer.png``: the example articles (``kg build examples``) with one relation open.

Headless Chromium (the Debian package) at 1280 x 800 pixels, device scale 1, driven by Playwright.
The pages are byte-identical from build to build and nothing on them moves by itself, so one
machine with one set of fonts gives the same PNG files every time.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from kg import viz  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--hide-scrollbars",
        "--font-render-hinting=none", "--disable-background-networking", "--disable-component-update"]
MOST_STATED = """() => {   // the link of the opening view with the most statements
  const D = JSON.parse(document.getElementById('kg-data').textContent), link = D.fields.edge.indexOf('link');
  const shown = new Set(window.kg.visibleNodeIds()), count = {};
  D.edges.forEach(e => { count[e[link]] = (count[e[link]] || 0) + 1; });
  let best = -1;
  Object.keys(count).map(Number).forEach(k => {
    if (shown.has(D.links[k][0]) && shown.has(D.links[k][1]) && (best < 0 || count[k] > count[best])) best = k;
  });
  return best;
}"""


def _open(browser, path: Path):
    page = browser.new_page(viewport={"width": 1280, "height": 800}, device_scale_factor=1)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-ready='1']", state="attached", timeout=60_000)
    if errors:
        raise SystemExit(f"{path}: {errors}")
    return page


def _open_link(page, k: int) -> None:
    """Open link k (as a click on it does), and let the view pan beside the panel."""
    page.evaluate(f"window.kg.selectLink({k})")
    page.wait_for_timeout(800)


def _shoot(page, out: Path) -> None:
    page.screenshot(path=str(out))
    print(f"wrote {out.relative_to(ROOT)}")


def news(browser, tmp: Path) -> None:
    from synthetic import news_store

    path = tmp / "news.html"
    viz.write_html(news_store(100), path, title="kg explorer: 100 articles")
    page = _open(browser, path)
    _shoot(page, ROOT / "docs" / "explorer-100.png")
    _open_link(page, page.evaluate(MOST_STATED))
    _shoot(page, ROOT / "docs" / "explorer-100-link.png")
    page.close()


def examples(browser, tmp: Path) -> None:
    from kg.build import build

    build([str(ROOT / "examples")], str(tmp / "out"), workers=1)
    page = _open(browser, tmp / "out" / "graph.html")
    k = page.evaluate("""() => { const D = JSON.parse(document.getElementById('kg-data').textContent);
      const f = D.fields.edge, type = D.types.findIndex(t => t[0] === 'recognizes');
      const e = D.edges.find(e => e[f.indexOf('type')] === type && e[f.indexOf('modality')] === 'asserted');
      return e[f.indexOf('link')]; }""")
    _open_link(page, k)
    _shoot(page, ROOT / "docs" / "explorer.png")
    page.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", choices=["news", "examples"], help="make only these screenshots")
    ap.add_argument("--chromium", default=CHROMIUM)
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=args.chromium, args=ARGS)
        for make in (news, examples):
            if args.only in (None, make.__name__):
                make(browser, Path(tmp))
        browser.close()


if __name__ == "__main__":
    main()
