"""URLs with a user name or password in them (`https://user:secret@host/`): refused.

Such a URL would put the password into every report, the history file and the gate lines,
and a browser sends it on to wherever it is redirected. cx-audit refuses it with one line
that never repeats the secret; `--header 'Authorization: Basic …'` does the same job and
goes to the audited origins only.
"""

from __future__ import annotations

from urllib.parse import urlsplit


def has_userinfo(url: str) -> bool:
    """True when the URL's authority holds a user name or password (anything before an @)."""
    try:
        return "@" in urlsplit(url.strip()).netloc
    except ValueError:
        return "@" in url.partition("://")[2].partition("/")[0]


def userinfo_problem(url: str, where: str) -> str | None:
    """One line for the user when `url` (given as `where`) holds credentials, else None.
    It names the host but never the user name or password."""
    if not has_userinfo(url):
        return None
    host = url.strip().partition("://")[2].partition("/")[0].rpartition("@")[2]
    return (
        f"{where}: the URL for {host or 'this host'} contains a user name or password "
        "(user:…@); cx-audit does not send credentials in URLs: use --header "
        "'Authorization: Basic …', which goes to the audited origins only"
    )
