"""old-copyright-year: the copyright notice shows an old year.

## What it does
Looks for a copyright notice ("© 2019", "Copyright 2019", "(c) 2019", "© 2015–2019
Voorbeeld Energie") in the page footer (`footer`, `[role=contentinfo]`), else in the last 500
characters of the visible text. Of a range the last year counts; of several notices the
newest. The page is reported when that year is before last year (relative to the audit day,
`--now`): in 2026, "© 2025" is fine and "© 2024" is not.

## Why is this bad?
An old year in the footer is the first sign customers see that a site is not maintained. It
makes them doubt every answer on the page. It is usually one template: fix it once.

## Example
`<footer><p>© 2019 Voorbeeld Energie</p></footer>` in 2026.

## Use instead
`<footer><p>© 2026 Voorbeeld Energie</p></footer>`, filled in by the template, or no year.

## Options
None.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.check import Check
from auditor.model import Finding, PageSnapshot, Pitfall, Severity
from checks.outdated.dates import audit_day

COPYRIGHT = re.compile(
    r"(?:©|\(c\)|\bcopyright\b)[^\d\n]{0,40}?(?P<first>(?:19|20)\d\d)"
    r"(?:\s*[-–—/]\s*(?P<last>(?:19|20)\d\d))?(?!\d)",
    re.I,
)
TAIL_CHARS = 500


def copyright_year(page: PageSnapshot) -> tuple[int, str] | None:
    """The newest copyright year of the footer (else the end of the page) and its line."""
    footers = page.dom.select("footer, [role=contentinfo]")
    texts = [el.get_text("\n") for el in footers] or [page.text[-TAIL_CHARS:]]
    notices = [
        (int(m.group("last") or m.group("first")), _line_of(text, m.start()))
        for text in texts
        for m in COPYRIGHT.finditer(text)
    ]
    return max(notices, default=None)


def _line_of(text: str, index: int) -> str:
    start = text.rfind("\n", 0, index) + 1
    end = text.find("\n", index)
    return " ".join(text[start : end if end >= 0 else len(text)].split())


def run(page: PageSnapshot) -> Iterator[Finding]:
    notice = copyright_year(page)
    if notice is None:
        return
    year, line = notice
    if year >= audit_day(page).year - 1:
        return
    yield CHECK.finding(
        page.url,
        f"The copyright notice shows {year}, more than a year before the audit.",
        evidence=line,
        signature=str(year),
    )


CHECK = Check(
    id="old-copyright-year",
    pitfall=Pitfall.OUTDATED,
    severity=Severity.MINOR,
    title="The copyright year is current",
    failure_title="The copyright notice shows an old year",
    fix=(
        "Let the footer template fill in the current year, or remove the year from the copyright "
        "notice."
    ),
    run=run,
    docs=__doc__ or "",
)
