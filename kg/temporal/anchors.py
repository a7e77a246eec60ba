"""The date an article's body is anchored on: its dateline's date or its publication date."""
from __future__ import annotations

import datetime as dt

from .rules import compiled
from .vocab import vocabulary, word_key


def anchor_date(published: dt.date | None, dateline: str | None) -> dt.date | None:
    """The date anchoring an article's body: its dateline's date if it has one, else ``published``.

    The dateline's month and day take the publication year, or the year before if that would be
    after the publication date.

    >>> anchor_date(dt.date(2026, 4, 1), "DUSHANBE, March 31 (Xinhua)")
    datetime.date(2026, 3, 31)
    >>> anchor_date(dt.date(2026, 1, 2), "MOSCOW, Dec. 30 (Reuters) -")
    datetime.date(2025, 12, 30)
    >>> anchor_date(dt.date(2026, 5, 14), "WASHINGTON, May 2, 2019"), anchor_date(None, None)
    (datetime.date(2019, 5, 2), None)
    >>> anchor_date(dt.date(2026, 5, 14), "MOSCOW (TASS)")
    datetime.date(2026, 5, 14)
    """
    if dateline:
        match = compiled().dateline_date.search(dateline)
        if match:
            month = vocabulary()["months"][word_key(match["month"])]
            day = int(match["day"])
            try:
                if match["year"]:
                    return dt.date(int(match["year"]), month, day)
                if published is None:
                    return None
                found = dt.date(published.year, month, day)
                if found > published:
                    found = dt.date(published.year - 1, month, day)
                return found
            except ValueError:
                pass
    return published


def dateline_day(published: dt.date | None, dateline: str | None) -> dt.date | None:
    """The day a dispatch's dateline gives, or None when it gives none.

    >>> dateline_day(dt.date(2026, 4, 1), "DUSHANBE, March 31 (Xinhua)"), dateline_day(dt.date(2026, 4, 1), "MOSCOW (TASS)")
    (datetime.date(2026, 3, 31), None)
    """
    if not dateline or not compiled().dateline_date.search(dateline):
        return None
    return anchor_date(published, dateline)


def find_dateline(text: str) -> str | None:
    """The dateline at the start of ``text`` ("DUSHANBE, March 31 (Xinhua) --"), if there is one.

    >>> find_dateline("DUSHANBE, March 31 (Xinhua) -- Tajikistan said ...")
    'DUSHANBE, March 31 (Xinhua) --'
    >>> find_dateline("Tajikistan said on March 31 ...") is None
    True
    """
    match = compiled().dateline.match(text)
    return match.group(0).strip() if match else None

