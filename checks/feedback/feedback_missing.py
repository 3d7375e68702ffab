"""feedback-missing: a help article without a "was this helpful?" widget.

## What it does
Runs on help articles and FAQ pages and reports those that show no feedback widget anywhere
on the page: no feedback question ("Was dit artikel nuttig?", "Heeft deze informatie u
geholpen?", "Was this helpful?", "Did this answer your question?"; the list is in
`checks/data/selfservice_patterns.json`), and no element whose class, id, name, title or
accessible name marks thumbs, helpful, feedback or rating controls ("thumbs-up",
`aria-label="Duim omhoog"`, "star-rating"). Form validation classes such as
`invalid-feedback` do not count. All findings share one signature: adding the widget to the
article template is one fix.

`feedback_share(site)` gives the share of help articles and FAQs with a widget, for the
summary.

## Why is this bad?
Without a signal from readers nobody learns which articles fail to answer the question. The
articles that send most customers to the phone stay as they are.

## Example
A help article that ends with its last paragraph and the footer.

## Use instead
```html
<form class="feedback" aria-labelledby="nuttig">
  <p id="nuttig">Was dit artikel nuttig?</p>
  <button type="submit" name="nuttig" value="ja">Ja</button>
  <button type="submit" name="nuttig" value="nee">Nee</button>
</form>
```

## Options
- `phrases` (list of str, default none): more feedback questions, e.g.
  `["Wat vond u van deze pagina?"]`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from auditor.check import Check
from auditor.model import Finding, PageSnapshot, Pitfall, Severity, SiteSummary
from checks.feedback.widgets import has_feedback_widget
from checks.findability.facts import HELP_KINDS, facts_of


def run(page: PageSnapshot, *, phrases: Sequence[str] = ()) -> Iterator[Finding]:
    if has_feedback_widget(page, phrases):
        return
    yield CHECK.finding(
        page.url,
        'This help page has no feedback widget ("Was dit artikel nuttig?").',
        evidence=page.title,
        signature="no-feedback-widget",
    )


def feedback_share(site: SiteSummary) -> float:
    """The share (0.0–1.0) of help articles and FAQs with a feedback widget, from the
    self-service facts; 0.0 when no such page has facts."""
    judged = [facts_of(p) for p in site.html_pages if p.kind in HELP_KINDS and facts_of(p)]
    if not judged:
        return 0.0
    return sum(bool(f.get("has_feedback")) for f in judged) / len(judged)


CHECK = Check(
    id="feedback-missing",
    pitfall=Pitfall.FEEDBACK,
    severity=Severity.MINOR,
    title="Help articles ask whether they helped",
    failure_title="A help article has no feedback widget",
    fix='Add a "Was this article helpful?" widget to the help article template.',
    run=run,
    docs=__doc__ or "",
    applies_to=HELP_KINDS,
)
