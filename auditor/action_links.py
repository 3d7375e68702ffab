"""Action links: URLs that do something (cancel, delete, log out) rather than show a page.

The public crawl, the link checker, the search probe and the browser's request guard
(auditor/request_guard.py) never request one; the portal crawl adds its own, broader word
guard (auditor/portal.py). A help centre is full of articles about those very tasks
("Abonnement opzeggen", "How to cancel your subscription"), and those must be audited, so
the rule reads the URL's shape, not only its words:

A URL is an action link when

1. a query parameter's name or value is a command (`?confirm=1`, `?action=delete`,
   `?do=logOut`, `?delete=true`), or
2. its last path segment is a command: `/account/opheffen`, `/subscription/cancel`,
   `/logoff`, `/wis-mijn-gegevens`, `/delete-account`. Trailing ids are skipped first
   (`/unsubscribe/7f3a9c21e8`, `/bestand/verwijderen/12`), and a script's extension is
   ignored (`/logout.php`). A static file or document is no action (`/icons/close.svg`,
   `/formulieren/opzeggen.pdf`).

A segment or parameter is a *command* when its word tokens (split on anything that is not a
letter or digit, and on camelCase; accents folded, so "beëindigen" is "beeindigen")

- are exactly an action word (`opzeggen`, `cancel`, `log-out`), or
- start with an action word, are at most three tokens and hold no question word: an
  imperative with its object (`wis-mijn-gegevens`, `cancel-subscription`). For a path
  segment only, no ancestor segment may mark an article section (help, hulp, faq, artikel,
  article, vraag, blog…).

Everything else is not an action: a longer slug (`/help/how-to-cancel-your-subscription`,
`/blog/cancel-culture-is-overrated`), a slug with a question word (`/hoe-kan-ik-opzeggen`),
a short slug below an article section (`/hulp/abonnement-opzeggen`, `/help/delete-your-account`)
and a slug whose action word is not its first word (`/abonnement-opzeggen`: Dutch titles put
the verb last; a bare `/opzeggen` is still an action). The link text is not read: "Opzeggen"
is as often the text of a link to the article about it.

`extra` words (the `deny_links` setting, `--deny-link`) are action words too.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from urllib.parse import parse_qsl, unquote, urlsplit

# Verbs and tokens that make a URL do something. Several tokens ("log out") match in a row.
ACTION_WORDS: tuple[str, ...] = (
    # English
    "cancel",
    "delete",
    "remove",
    "close",
    "unsubscribe",
    "logout",
    "log out",
    "logoff",
    "log off",
    "signout",
    "sign out",
    "signoff",
    "sign off",
    "opt out",
    "optout",
    "deactivate",
    "disable",
    "terminate",
    "revoke",
    "confirm",
    "destroy",
    "erase",
    "purge",
    "wipe",
    "clear",
    "empty",
    "unregister",
    "deregister",
    "unlink",
    "disconnect",
    "withdraw",
    "suspend",
    "stop",
    "approve",
    "reject",
    "decline",
    # Dutch: infinitives and imperatives
    "opzeggen",
    "zeg op",
    "opheffen",
    "hef op",
    "verwijderen",
    "verwijder",
    "wissen",
    "wis",
    "afmelden",
    "meld af",
    "uitloggen",
    "log uit",
    "uitschrijven",
    "schrijf uit",
    "annuleren",
    "annuleer",
    "beëindigen",
    "beëindig",
    "stopzetten",
    "zet stop",
    "intrekken",
    "trek in",
    "deactiveren",
    "deactiveer",
    "blokkeren",
    "blokkeer",
    "bevestigen",
    "bevestig",
    "sluiten",
    "sluit",
    "leegmaken",
    "maak leeg",
)

# Tokens that make a slug a question or a title: an article, not a command.
_QUESTION_WORDS = (
    "how why what when where which can could i hoe wat waarom wanneer waar welke kan kun kunt ik"
)
QUESTION_WORDS = frozenset(_QUESTION_WORDS.split())
# Ancestor segments of article sections: a short slug below them is an article.
_ARTICLE_SECTIONS = """
help hulp faq faqs vraag vragen artikel artikelen article articles kb kennisbank knowledge
knowledgebase blog blogs nieuws news docs handleiding handleidingen guide guides
"""
ARTICLE_SECTIONS = frozenset(_ARTICLE_SECTIONS.split())
MAX_COMMAND_TOKENS = 3
SCRIPT_EXTENSIONS = frozenset({"html", "htm", "php", "asp", "aspx", "jsp", "cgi", "do", "action"})
_STATIC_EXTENSIONS = """
png jpg jpeg gif svg webp avif ico bmp css js mjs map woff woff2 ttf otf eot pdf doc docx odt
rtf xls xlsx ods csv txt mp3 mp4 webm ogg wav zip
"""
STATIC_EXTENSIONS = frozenset(_STATIC_EXTENSIONS.split())

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_CAMEL = re.compile(r"([a-z0-9])([A-Z])")
# A trailing id or token: digits, hex, a UUID, or a long run of letters and digits (no words)
_ID = re.compile(
    r"^(\d+|(?=[a-f]*\d)[0-9a-f]{8,}|[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}"
    r"|(?=.*\d)[a-z0-9_]{16,})$",
    re.I,
)


def is_action_link(url: str, extra: Sequence[str] = ()) -> bool:
    """True when requesting `url` could perform an action (see the module's rule)."""
    try:
        parts = urlsplit(url)
        params = parse_qsl(parts.query, keep_blank_values=True)
    except ValueError:
        return False
    words = _action_phrases(tuple(extra))
    for name, value in params:
        if _is_command(tokens(name), words) or _is_command(tokens(value), words):
            return True
    segments = [s for s in unquote(parts.path).split("/") if s]
    while segments and _ID.match(segments[-1]):
        segments.pop()
    if not segments:
        return False
    stem, dot, extension = segments[-1].rpartition(".")
    if dot and extension.lower() in STATIC_EXTENSIONS:
        return False
    last = tokens(stem if dot and extension.lower() in SCRIPT_EXTENSIONS else segments[-1])
    if last in words:
        return True
    in_articles = any(ARTICLE_SECTIONS.intersection(tokens(s)) for s in segments[:-1])
    return not in_articles and _is_command(last, words)


@lru_cache(maxsize=4096)  # path segments repeat across a site's links
def tokens(text: str) -> tuple[str, ...]:
    """Lowercase word tokens, accents folded: "wisMijn_Gegevens" -> wis, mijn, gegevens."""
    folded = unicodedata.normalize("NFKD", _CAMEL.sub(r"\1 \2", text))
    plain = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    return tuple(t for t in _NON_ALNUM.split(plain) if t)


def _is_command(words: tuple[str, ...], actions: frozenset[tuple[str, ...]]) -> bool:
    if words in actions:
        return True
    if len(words) > MAX_COMMAND_TOKENS or QUESTION_WORDS.intersection(words):
        return False
    return any(words[:n] in actions for n in range(1, len(words)))


@lru_cache(maxsize=16)
def _action_phrases(extra: tuple[str, ...]) -> frozenset[tuple[str, ...]]:
    return frozenset(t for t in map(tokens, (*ACTION_WORDS, *extra)) if t)
