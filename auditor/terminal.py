"""Text for the terminal: what cx-audit prints that may come from an audited page.

A page (or its sitemap) chooses its URLs, titles and error texts. On a terminal, control
characters in them are commands (ESC and U+009B start escape sequences: colours, cursor
moves, clickable OSC 8 links, a rewritten window title), bidi controls reorder what the line
seems to say, and a lone surrogate cannot even be encoded. `safe_text` shows each of them as
a visible escape (`\\x1b`, `\\u202e`) and caps the length. Rich markup is not escaped here:
click prints plain text, and Rich gets the result as a `Text` (never parsed as markup).
"""

from __future__ import annotations

import logging
import unicodedata

# Bidirectional formatting characters (Unicode UAX #9) that are not in category Cc.
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
# Cc: C0, DEL and C1 controls; Zl, Zp: line and paragraph separators; Cs: lone surrogates.
UNSAFE_CATEGORIES = frozenset({"Cc", "Zl", "Zp", "Cs"})
DEFAULT_LIMIT = 300
ELLIPSIS = "…"


def visible(char: str) -> str:
    """The character itself, or its Python escape when a terminal would act on it."""
    if char not in BIDI_CONTROLS and unicodedata.category(char) not in UNSAFE_CATEGORIES:
        return char
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe_text(text: object, limit: int = DEFAULT_LIMIT, *, keep_end: bool = False) -> str:
    """`text` as one harmless line of at most `limit` characters: control, separator and
    bidi characters escaped, then cut with "…" (at the start with `keep_end`, where a URL
    says the most). Escapes are never cut in half."""
    pieces = [visible(char) for char in str(text)]
    if sum(len(piece) for piece in pieces) <= limit:
        return "".join(pieces)
    kept: list[str] = []
    room = limit - len(ELLIPSIS)
    for piece in reversed(pieces) if keep_end else pieces:
        if len(piece) > room:
            break
        kept.append(piece)
        room -= len(piece)
    if keep_end:
        return ELLIPSIS + "".join(reversed(kept))
    return "".join(kept) + ELLIPSIS


class SafeFormatter(logging.Formatter):
    """Log records (a library may log page data: a PDF's text, a URL) as one safe line."""

    def format(self, record: logging.LogRecord) -> str:
        return safe_text(super().format(record), limit=1000)


def guard_last_resort_logging() -> None:
    """Log records that no handler takes reach stderr through `logging.lastResort`
    (WARNING and up): make that handler print them safely."""
    if logging.lastResort is not None:
        logging.lastResort.setFormatter(SafeFormatter())
