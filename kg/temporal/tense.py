"""The tense of the clause around an expression, guessed from nearby words (no parse needed)."""
from __future__ import annotations

from .rules import Rules, compiled


_MODALS = {"will", "to", "'ll", "shall", "may", "might", "could", "should", "must", "would", "can", "wo"}


_NOT_PAST = {"need", "feed", "speed", "indeed", "red", "bed", "seed", "united", "based", "proceed", "exceed",
             "succeed", "hundred", "weed", "breed", "greed", "shed", "led", "wed", "embed"}


def guess_tense(text: str, start: int, end: int, bounds: tuple[int, int] | None = None) -> str | None:
    """The tense of the clause around ``text[start:end]``, guessed from the words near it.

    The nearest cue wins (words before the expression first): will/going to/set to are future;
    said, was and -ed forms past; is/are present.

    >>> s = "The company said Thursday it will meet on Monday."
    >>> guess_tense(s, 17, 25), guess_tense(s, 41, 47)
    ('past', 'future')
    >>> guess_tense("Talks are set to begin Monday.", 23, 29), guess_tense("Monday", 0, 6)
    ('future', None)
    >>> guess_tense("On Friday, Berg is expected to meet Lind.", 3, 9)
    'future'
    """
    r = compiled()
    lo, hi = bounds if bounds else (max(0, start - 120), min(len(text), end + 120))
    before = [m.group(0).lower() for m in r.word.finditer(text, lo, start)][-16:]
    after = [m.group(0).lower() for m in r.word.finditer(text, end, hi)][:8]
    if after and text[end:end + 2] in ("'s", "’s"):
        after = after[1:]  # "Monday's vote": a possessive, not "is"
    # before: scan backwards, nearest first
    for i in range(len(before) - 1, -1, -1):
        tense = _cue(before, i, r)
        if tense:
            return tense
    for i in range(len(after)):
        tense = _cue(after, i, r)
        if tense:
            return tense
    return None


def _cue(words: list[str], i: int, r: Rules) -> str | None:
    w = words[i]
    two = tuple(words[i:i + 2])
    prev = tuple(words[max(0, i - 2):i])
    if two in r.future_cues or (w,) in r.future_cues:
        return "future"
    if prev and prev[-1] in ("be", "been") and (w.endswith("ed") or (w,) in r.past_cues):
        # "will be held", "to be announced": look at what comes before "be"
        return "future" if len(prev) > 1 and prev[0] in _MODALS else None
    if (w,) in r.past_cues or (w.endswith("ed") and len(w) > 4 and w not in _NOT_PAST):
        return "past"
    if (w,) in r.present_cues:  # "is expected to", "are set to": a present that tells the future
        return "future" if tuple(words[i + 1:i + 3]) in r.future_cues else "present"
    return None

