"""page-open-without-login: a personal page of the portal opens without logging in.

## What it does
Every page the audit reached with the session (inside the logged-in portal) is loaded once
more in a browser without the session: no cookies, no stored state, GET only
(`probes["no_session"]`). The page is fine when that second request is refused: a status of
400 or more (401, 403, 404…), a redirect to another page (the login page), or a login form
at the same address. It is reported when the page instead shows the same personal content
without the session:
- it shows one or more of the logged-in account's details (its username, or the name,
  address, customer number, IBAN, email address or phone number shown in the portal), or
- its text is at least `similarity` (80%) the same as with the session.

Only personal pages are judged: pages reached only through the session (the public crawl did
not find them) or that show the account's details (`probes["session"]`). A page that the
public crawl also reaches, with the same content, is public and is not reported. The finding
summarises both responses: status, address, title, length, how much of the text is the same
and how many of the account's details were shown (never the details themselves). Pages that
show no detail of the account are marked *needs review*: check whether they are meant to be
public.

## Why is this bad?
A personal page that opens without logging in shows the customer's data to anyone who has
or guesses its address: a shared link, the browser history of a library computer, a search
engine that found it. It is a data breach under the GDPR (AVG), which requires appropriate
security of personal data (articles 5(1)(f) and 32), and it destroys the trust that
self-service depends on.

## Example
`/mijn/verbruik.html` shows the customer's name, address and usage; requested without the
session cookie it answers `200 OK` with the same page.

## Use instead
Check the session on the server for every page and every API behind the portal, and answer
without a valid session with a redirect to the login page (`303 See Other`), `401` or `403`;
never rely on the page not being linked.

## Options
- `similarity` (float, default 0.8): the share of the text (word sequences) that must be the
  same for a page without any of the account's details to count as the same page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

from auditor.check import Check
from auditor.model import Finding, PageSnapshot, Pitfall, Severity

_WORD = re.compile(r"\w+")
EXPECTED = "Expected without the session: a redirect to the login page, 401 or 403."


def run(page: PageSnapshot, *, similarity: float = 0.8) -> Iterator[Finding]:
    anonymous = page.probes.get("no_session")
    session = page.probes.get("session")
    if not isinstance(anonymous, Mapping) or "error" in anonymous:
        return
    if not isinstance(session, Mapping):
        return
    if refused(anonymous, page.final_url):
        return
    identifiers = [str(i) for i in session.get("identifiers", ()) if str(i).strip()]
    with_session = shown(identifiers, page.text)
    if session.get("public") and not with_session:
        return  # the public crawl shows this page with the same content: it is public
    without = shown(identifiers, str(anonymous.get("text", "")))
    same = text_similarity(page.text, str(anonymous.get("text", "")))
    if not without and same < similarity:
        return
    details = (
        f"it shows {len(without)} of the logged-in account's details"
        if without
        else f"{same:.0%} of its text is the same as with the session"
    )
    yield CHECK.finding(
        page.url,
        f"This personal page opens without logging in: without the session {details}.",
        evidence="\n".join(
            [
                f"With the session: {summary(page.status, page.final_url, page.title, page.text)}",
                "Without the session: "
                + summary(
                    anonymous.get("status"),
                    str(anonymous.get("final_url", "")),
                    str(anonymous.get("title", "")),
                    str(anonymous.get("text", "")),
                )
                + f"; {same:.0%} of the text the same; {len(without)} of the account's "
                f"{len(identifiers)} known details shown",
                EXPECTED,
            ]
        ),
        signature="served without a session",
        needs_review=not without and not with_session,
    )


def refused(anonymous: Mapping[str, Any], final_url: str) -> bool:
    """The request without the session did not get the page: an error status, a redirect
    to another page, or a login form."""
    status = anonymous.get("status")
    if not isinstance(status, int) or status >= 400:
        return True
    if anonymous.get("login_page"):
        return True
    return _where(str(anonymous.get("final_url", ""))) != _where(final_url)


def _where(url: str) -> tuple[str, str, str]:
    parts = urlsplit(url)
    return parts.netloc.lower(), parts.path.rstrip("/") or "/", parts.query


def shown(identifiers: Sequence[str], text: str) -> list[str]:
    """The identifiers that appear in `text` (without case, any white space)."""
    flat = " ".join(text.split()).casefold()
    return [i for i in identifiers if " ".join(i.split()).casefold() in flat]


def text_similarity(a: str, b: str) -> float:
    """How much of two texts is the same: Jaccard similarity of their word triples (of their
    words, for texts under three words); 1.0 for two empty texts."""
    return _jaccard(_shingles(a), _shingles(b))


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = [w.casefold() for w in _WORD.findall(text)]
    if len(words) < 3:
        return {(w,) for w in words}
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}


def _jaccard(a: set[Any], b: set[Any]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def summary(status: object, url: str, title: str, text: str) -> str:
    """`200 at /mijn/verbruik.html, "Uw verbruik", 120 words`."""
    parts = urlsplit(url)
    where = parts.path + (f"?{parts.query}" if parts.query else "")
    return f'{status} at {where or "/"}, "{title.strip()[:80]}", {len(_WORD.findall(text))} words'


CHECK = Check(
    id="page-open-without-login",
    pitfall=Pitfall.TRUST,
    severity=Severity.CRITICAL,
    title="Personal pages need the session",
    failure_title="A personal page opens without logging in",
    fix=(
        "Check the session on the server for every portal page and answer without it with a "
        "redirect to the login page, 401 or 403."
    ),
    legal=True,
    run=run,
    docs=__doc__ or "",
    needs=("no_session",),
)
