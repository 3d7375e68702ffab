"""document-accessible: linked PDFs are tagged, have text, a language and a title.

## What it does
Reads what the `pdf` probe found in each PDF the site links to (EN 301 549 clause 10,
"Non-web documents") and reports, in one finding per PDF, every problem of:

- **no text** (the most serious): no letter or digit can be extracted from the first pages,
  as in a scanned, image-only PDF. Assistive technology has nothing to read
  (10.1.1.1 Non-text content, WCAG 1.1.1). When the PDF has a structure tree, the images
  might still carry alternative text, so the finding then asks for a review.
- **not tagged**: no structure tree (`/StructTreeRoot` with content): headings, lists,
  tables and reading order are not programmatically determinable (10.1.3.1 Info and
  relationships, WCAG 1.3.1). A structure tree without `/MarkInfo /Marked true` is reported
  too, as a smaller problem without a success criterion: some readers then ignore the tags.
- **no language**: no valid `/Lang` in the document catalog (10.3.1.1 Language of document,
  WCAG 3.1.1).
- **no title**: no `/Title` in the document information (10.2.4.2 Document titled,
  WCAG 2.4.2).

PDFs that could not be read (encrypted with a password, cut off, corrupt) are not judged; the
audit lists them as probe errors.

## Why is this bad?
Tariff sheets, contracts and forms are often only available as PDF. An untagged PDF reads
as one flat stream of text, in the wrong order; a scanned PDF is silent for a screen
reader; without a language it is read with the wrong pronunciation.

## Example
A Word file "printed" to PDF, or a scanned letter, linked as "Tarieven 2026 (pdf)".

## Use instead
Export with tags ("Create accessible/tagged PDF" in Word or LibreOffice), set the document
language and title, and run OCR on scans. Better still: publish the information as HTML.

## Options
None.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from auditor.check import Check
from auditor.model import Finding, PageSnapshot, Pitfall, Severity

# A BCP 47 language tag such as "nl", "nl-NL", "en-GB", "zh-Hant-TW".
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


@dataclasses.dataclass(frozen=True)
class Problem:
    code: str
    message: str
    severity: Severity
    wcag: tuple[str, ...] = ()
    en301549: tuple[str, ...] = ()
    needs_review: bool = False


def problems(facts: Mapping[str, Any]) -> list[Problem]:
    """The accessibility problems of a PDF from the `pdf` probe's facts, worst first."""
    found: list[Problem] = []
    if not facts.get("has_text"):
        found.append(
            Problem(
                "no-text",
                "it has no extractable text (a scanned image or text as outlines), so screen "
                "readers have nothing to read",
                Severity.CRITICAL,
                ("1.1.1",),
                ("10.1.1.1",),
                needs_review=bool(facts.get("struct_tree")),
            )
        )
    if not facts.get("struct_tree"):
        found.append(
            Problem(
                "untagged",
                "it is not tagged (no structure tree), so headings, lists, tables and reading "
                "order are lost",
                Severity.SERIOUS,
                ("1.3.1",),
                ("10.1.3.1",),
            )
        )
    elif not facts.get("tagged"):
        found.append(
            Problem(
                "not-marked",
                "it has a structure tree but is not marked as tagged (/MarkInfo /Marked true)",
                Severity.MODERATE,
            )
        )
    lang = facts.get("lang") or ""
    if not LANGUAGE_TAG.match(lang):
        what = f"an invalid document language ({lang!r})" if lang else "no document language"
        found.append(
            Problem(
                "no-lang", f"it has {what} (/Lang)", Severity.SERIOUS, ("3.1.1",), ("10.3.1.1",)
            )
        )
    if not facts.get("title"):
        found.append(
            Problem(
                "no-title",
                "it has no title (/Title)",
                Severity.MODERATE,
                ("2.4.2",),
                ("10.2.4.2",),
            )
        )
    return found


def run(page: PageSnapshot) -> Iterator[Finding]:
    facts = page.probes.get("pdf")
    if not isinstance(facts, Mapping) or "pages" not in facts:
        return  # not a PDF, or the probe could not read it (the engine records its error)
    found = problems(facts)
    if not found:
        return
    yield CHECK.finding(
        page.url,
        "This PDF is not accessible: " + "; ".join(p.message for p in found) + ".",
        evidence=_evidence(facts),
        signature="pdf|" + ",".join(p.code for p in found),
        severity=min((p.severity for p in found), key=lambda s: s.rank),
        wcag=_union(p.wcag for p in found),
        en301549=_union(p.en301549 for p in found),
        legal=any(p.wcag for p in found),
        needs_review=all(p.needs_review for p in found),
    )


def _union(groups: Iterable[tuple[str, ...]]) -> tuple[str, ...]:
    return tuple(sorted({item for group in groups for item in group}))


def _evidence(facts: Mapping[str, Any]) -> str:
    return (
        f"title: {facts.get('title') or '-'}; pages: {facts.get('pages')}; "
        f"tagged: {'yes' if facts.get('tagged') else 'no'}; "
        f"structure tree: {'yes' if facts.get('struct_tree') else 'no'}; "
        f"language: {facts.get('lang') or '-'}; text: {'yes' if facts.get('has_text') else 'no'}"
    )


CHECK = Check(
    id="document-accessible",
    pitfall=Pitfall.ACCESSIBILITY,
    severity=Severity.SERIOUS,
    title="Linked PDF documents are accessible",
    failure_title="A linked PDF is not accessible",
    fix=(
        "Export the PDF as a tagged PDF with its language and title set, run OCR on scans, or "
        "publish the content as HTML."
    ),
    run=run,
    docs=__doc__ or "",
    legal=True,
    wcag=("1.1.1", "1.3.1", "2.4.2", "3.1.1"),
    en301549=("10.1.1.1", "10.1.3.1", "10.2.4.2", "10.3.1.1"),
    needs=("pdf",),
    applies_to=("document",),
)
