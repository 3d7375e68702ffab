"""URL helpers shared by the crawler, robots.txt and the rate limiter: normalisation (so one
page is audited once), origins, loopback detection, the portal's destructive-link guard and
the path patterns of the crawl-trap guard. The public crawl's guard is
auditor/action_links.py."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Collection, Sequence
from functools import lru_cache
from urllib.parse import unquote, unquote_plus, urljoin, urlsplit, urlunsplit

HTTP_SCHEMES = ("http", "https")
DEFAULT_PORTS = {"http": 80, "https": 443}

# Query parameters that only track campaigns or clicks; they never change the page. Any
# parameter starting with `utm_` is dropped as well.
TRACKING_PARAMS = frozenset(
    {
        "gclid",
        "gclsrc",
        "dclid",
        "fbclid",
        "msclkid",
        "yclid",
        "igshid",
        "twclid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "_hsenc",
        "_hsmi",
        "mkt_tok",
        "ref_src",
    }
)
TRACKING_PREFIXES = ("utm_",)

# Links the portal crawl must never follow: visiting them could end a session or change data.
DESTRUCTIVE_WORDS: tuple[str, ...] = (
    "logout",
    "log out",
    "log-out",
    "signout",
    "sign out",
    "sign-out",
    "uitloggen",
    "afmelden",
    "delete",
    "verwijderen",
    "unsubscribe",
    "opzeggen",
    "remove-account",
    "close account",
)

# Inside a logged-in portal, links also change or cancel things ("Adreswijziging annuleren",
# "Cancel request"): never followed there (auditor/portal.py), on top of DESTRUCTIVE_WORDS.
PORTAL_DESTRUCTIVE_WORDS: tuple[str, ...] = (
    "annuleren",
    "cancel",
    "intrekken",
    "uitschrijven",
    "deactiveren",
    "deactivate",
    "remove",
    "account sluiten",
    "close-account",
)

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_CAMEL = re.compile(r"([a-z0-9])([A-Z])")

# Words that make a path segment a date (English and Dutch months and weekdays).
_DATE_WORDS = """
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
januari februari maart mei juni juli augustus oktober mrt okt
monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri sat sun
maandag dinsdag woensdag donderdag vrijdag zaterdag zondag
"""
DATE_WORDS = frozenset(_DATE_WORDS.split())
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)
_HEX_ID = re.compile(r"^(?=[a-f]*\d)[0-9a-f]{8,}$", re.I)
_LETTERS = re.compile(r"[a-z]+", re.I)
_DIGITS = re.compile(r"\d+")


def normalize_url(url: str, base: str | None = None) -> str | None:
    """The canonical form of an http(s) URL, or None for anything else.

    Resolves against `base`, lowercases scheme and host, drops a user name and password
    (credentials never travel in our URLs, nor into reports), default ports, the fragment and
    tracking parameters, turns an empty path into "/" and sorts the query parameters by name
    (stable, blank values kept, original encoding kept). Idempotent.
    """
    try:
        parts = urlsplit(urljoin(base, url.strip()) if base else url.strip())
        scheme = parts.scheme.lower()
        host = parts.hostname
        port = parts.port
    except ValueError:  # e.g. an invalid port or a broken IPv6 literal
        return None
    if scheme not in HTTP_SCHEMES or not host:
        return None
    netloc = f"[{host}]" if ":" in host else host
    if port is not None and port != DEFAULT_PORTS[scheme]:
        netloc = f"{netloc}:{port}"
    return urlunsplit((scheme, netloc, parts.path or "/", _clean_query(parts.query), ""))


def _clean_query(query: str) -> str:
    pairs = [pair for pair in query.split("&") if pair]
    kept = [pair for pair in pairs if not is_tracking_param(_param_name(pair))]
    return "&".join(sorted(kept, key=_param_name))


def _param_name(pair: str) -> str:
    return unquote_plus(pair.partition("=")[0])


def is_tracking_param(name: str) -> bool:
    name = name.lower()
    return name in TRACKING_PARAMS or name.startswith(TRACKING_PREFIXES)


def origin_of(url: str) -> str | None:
    """`scheme://host[:port]` of a URL (default port dropped), or None if not http(s)."""
    normalized = normalize_url(url)
    if normalized is None:
        return None
    parts = urlsplit(normalized)
    return f"{parts.scheme}://{parts.netloc}"


def same_site(url: str, origins: Collection[str]) -> bool:
    """True when `url` has one of `origins` (as returned by `origin_of`)."""
    return origin_of(url) in origins


def is_loopback(url_or_host: str) -> bool:
    """127.0.0.0/8, ::1, `localhost` and `*.localhost`, given a URL or a host[:port]."""
    value = url_or_host.strip()
    if "://" in value:
        try:
            host = urlsplit(value).hostname or ""
        except ValueError:
            return False
    elif value.startswith("["):
        host = value[1 : value.find("]")]
    elif value.count(":") == 1:  # host:port; a bare IPv6 address has several colons
        host = value.partition(":")[0]
    else:
        host = value
    host = host.lower().rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    mapped = getattr(address, "ipv4_mapped", None)
    return address.is_loopback or bool(mapped and mapped.is_loopback)


def looks_destructive(url: str, text: str = "", words: Sequence[str] = DESTRUCTIVE_WORDS) -> bool:
    """True when the URL's path or query, or the link text, contains one of `words`.

    Matching is by whole tokens (split on anything that is not a letter or digit, and on
    camelCase), so "abonnement-opzeggen" and "signOut" match but "deleted" is not "delete".
    A word of several tokens ("log out", "close account") matches them in a row.
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        parts = None
    haystacks = [text]
    if parts is not None:
        haystacks += [unquote(parts.path), unquote_plus(parts.query)]
    phrases = _phrases(tuple(words))
    for haystack in haystacks:  # tokenised once each: pages with 10,000 links exist
        tokens = _tokens(haystack)
        present = set(tokens)
        for phrase in phrases:
            if phrase[0] in present and (len(phrase) == 1 or _contains_phrase(tokens, phrase)):
                return True
    return False


def _tokens(text: str) -> list[str]:
    return [t for t in _NON_ALNUM.split(_CAMEL.sub(r"\1 \2", text).lower()) if t]


@lru_cache(maxsize=16)
def _phrases(words: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    return tuple(phrase for phrase in (tuple(_tokens(w)) for w in words) if phrase)


def _contains_phrase(tokens: list[str], phrase: tuple[str, ...]) -> bool:
    size = len(phrase)
    return any(tuple(tokens[i : i + size]) == phrase for i in range(len(tokens) - size + 1))


def path_pattern(path: str) -> str:
    """The shape of a path, for spotting crawl traps: digit runs, ids (hex, UUID) and month
    and day names become "#", so /agenda/2026/11 and /agenda/2027/3 are both /agenda/#/#
    and /nieuws/12-nov-2025 is /nieuws/#-#-#. Everything else is kept."""
    return "/".join(_segment_pattern(segment) for segment in path.split("/"))


def _segment_pattern(segment: str) -> str:
    if _UUID.match(segment) or _HEX_ID.match(segment):
        return "#"
    words = _LETTERS.sub(lambda m: "#" if m.group().lower() in DATE_WORDS else m.group(), segment)
    return _DIGITS.sub("#", words)
