"""lang-matches-content: the declared language is the language the text is written in.

## What it does
Detects the language of the page's main content (without navigation, header and footer) and
compares it with the language declared in `<html lang>` (WCAG 3.1.1 Language of Page). It
also looks at each long passage of the main content — a paragraph, list item, quote, table
cell or section of at least `min_chars` characters — and reports the ones written in another
language than the `lang` they inherit (WCAG 3.1.2 Language of Parts). Only the outermost
such passage is reported, and no passage is reported when the whole page already is.

It stays quiet unless it is sure: texts shorter than `min_chars` are not judged (names,
addresses, product names and short quotes never are), the detector must be confident
(`min_confidence`) and the other language must make up most of the sentences (`min_share`),
so a Dutch paragraph with an English quote in it is still Dutch. Parts marked with their own
`lang` are left out of the page's text. A page without `<html lang>` is axe-core's
`html-has-lang`, and pages declared in a language the detector does not know (see
`checks.language.detect.LANGUAGES`) are not judged.

## Why is this bad?
Screen readers pick the voice and pronunciation from `lang`: English text read with Dutch
pronunciation rules is hard to follow. Browsers also use it for hyphenation, spelling and
translation offers, and readability formulas for the right language.

## Example
```html
<html lang="nl"> … <main><p>Please submit your meter reading before the end of the
month, so that we can send you a correct bill …</p></main>
```

## Use instead
```html
<html lang="en"> …   <!-- or, for one English passage on a Dutch page: -->
<p lang="en">Please submit your meter reading before the end of the month …</p>
```

## Options
- `min_chars` (int, default 200): the shortest page text or passage that is judged.
- `min_confidence` (float, default 0.9): the detector's confidence needed to report.
- `min_share` (float, default 0.6): the share of the text's sentences, by length, that must
  be in the detected language.
"""

from __future__ import annotations

from collections.abc import Iterator

from bs4 import Tag

from auditor.check import Check
from auditor.model import Finding, PageSnapshot, Pitfall, Severity, primary_language
from auditor.textblocks import MAIN_SELECTOR, text_of, text_spans
from checks.common import element_signature, normalise_space
from checks.language.detect import LANGUAGES, detect_language, language_shares

# Elements that hold a passage of running text; `pre`/`code` are left out (code has no
# human language), as are headings and addresses (too short, mostly names).
PASSAGE_TAGS = (
    "p",
    "li",
    "blockquote",
    "dd",
    "td",
    "figcaption",
    "section",
    "article",
    "div",
    "aside",
    "details",
)
# Marked parts shorter than this are not cut from the page text: removing a short string
# from the text could cut it out of unrelated words, and it hardly sways the detector.
MIN_MARKED_CHARS = 20
LANGUAGE_NAMES = {
    "nl": "Dutch",
    "en": "English",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "it": "Italian",
    "pt": "Portuguese",
    "pl": "Polish",
    "da": "Danish",
    "sv": "Swedish",
}


def other_language(
    text: str, declared: str, *, min_chars: int, min_confidence: float, min_share: float
) -> tuple[str, float] | None:
    """(language, confidence) when `text` is confidently in another language than
    `declared`, else None."""
    if len(text) < min_chars:
        return None
    code, confidence = detect_language(text)
    if not code or code == declared or confidence < min_confidence:
        return None
    if language_shares(text).get(code, 0.0) < min_share:
        return None
    return code, confidence


def unmarked_main_text(page: PageSnapshot, declared: str) -> str:
    """The main text without the parts marked with another `lang` than the page's."""
    text = normalise_space(page.main_text)
    for el in page.dom.select("body [lang]"):
        if primary_language(str(el.get("lang", ""))) == declared:
            continue
        part = normalise_space(text_of(el))
        if len(part) >= MIN_MARKED_CHARS:
            text = text.replace(part, " ")
    return normalise_space(text)


def inherited_language(el: Tag) -> tuple[str, bool]:
    """The primary language `el` inherits, and whether it is marked on `el` or an ancestor
    inside the body (rather than only on `<html>`)."""
    holder = el if el.has_attr("lang") else el.find_parent(attrs={"lang": True})
    if holder is None:
        return "", False
    return primary_language(str(holder.get("lang", ""))), holder.name != "html"


def foreign_passages(
    page: PageSnapshot, *, min_chars: int, min_confidence: float, min_share: float
) -> Iterator[tuple[Tag, str, str, float]]:
    """(element, text, language, confidence) of the outermost visible passages of the main
    content written in another language than the one they inherit."""
    root = page.dom.select_one(MAIN_SELECTOR) or page.dom.body
    if root is None:
        return
    visible = normalise_space(page.main_text)
    raw, spans = text_spans(root)
    flagged: set[int] = set()
    for el in root.find_all(PASSAGE_TAGS):
        start, end = spans[id(el)]
        if end - start < min_chars:  # tidying whitespace only shortens a text
            continue
        if any(id(parent) in flagged for parent in el.parents):
            continue
        text = " ".join(raw[start:end].split())  # normalise_space(text_of(el))
        expected, _ = inherited_language(el)
        if expected not in LANGUAGES or text not in visible:
            continue
        found = other_language(
            text, expected, min_chars=min_chars, min_confidence=min_confidence, min_share=min_share
        )
        if found:
            flagged.add(id(el))
            yield el, text, *found


def run(
    page: PageSnapshot,
    *,
    min_chars: int = 200,
    min_confidence: float = 0.9,
    min_share: float = 0.6,
) -> Iterator[Finding]:
    declared = primary_language(page.lang)
    if declared not in LANGUAGES:
        return
    limits = {"min_chars": min_chars, "min_confidence": min_confidence, "min_share": min_share}
    text = unmarked_main_text(page, declared)
    found = other_language(text, declared, **limits)
    if found:
        code, confidence = found
        yield CHECK.finding(
            page.url,
            f'The page declares lang="{page.lang}" ({_name(declared)}), but its main content is '
            f"in {_name(code)} (confidence {confidence:.2f}).",
            selector="html",
            evidence=text[:300],
            signature=f"page-lang|{declared}|{code}",
            wcag=("3.1.1",),
            en301549=("9.3.1.1",),
        )
        return
    for el, passage, code, confidence in foreign_passages(page, **limits):
        expected, marked = inherited_language(el)
        where = f'is marked lang="{expected}"' if marked else "has no lang attribute"
        yield CHECK.finding(
            page.url,
            f"A {len(passage)}-character passage is in {_name(code)} (confidence "
            f"{confidence:.2f}) but {where}; the page is in {_name(declared)}.",
            selector=_selector(el),
            evidence=passage[:300],
            signature=element_signature(str(el)),
            severity=Severity.MODERATE,
            wcag=("3.1.2",),
            en301549=("9.3.1.2",),
        )


def _name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


def _selector(el: Tag) -> str:
    """A readable, non-positional selector: tag, id and classes."""
    ident = f"#{el['id']}" if el.get("id") else ""
    classes = "".join(f".{c}" for c in el.get_attribute_list("class") if c)
    return f"{el.name}{ident}{classes}"


CHECK = Check(
    id="lang-matches-content",
    pitfall=Pitfall.ACCESSIBILITY,
    severity=Severity.SERIOUS,
    title="The declared language matches the language of the text",
    failure_title="Text is in another language than the page or passage declares",
    fix=(
        "Set <html lang> to the language the page is written in, and mark passages in another "
        "language with their own lang attribute."
    ),
    run=run,
    docs=__doc__ or "",
    legal=True,
    wcag=("3.1.1", "3.1.2"),
    en301549=("9.3.1.1", "9.3.1.2"),
)
