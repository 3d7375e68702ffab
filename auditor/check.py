"""The `Check` dataclass: one rule, its metadata and its pure `run` function."""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Literal

from auditor.i18n_checks import translations
from auditor.model import CheckInfo, Finding, PageSnapshot, Pitfall, Severity, SiteSummary

Scope = Literal["page", "site"]


@dataclasses.dataclass(frozen=True)
class Check:
    """A rule, like a linter's: id, pitfall, severity, titles, docs, and a pure `run`.

    `run(page, **options)` (scope "page") or `run(site, **options)` (scope "site") yields
    findings. `needs` names the probes it reads from `page.probes`, so gather runs only the
    probes that the selected checks need. `applies_to` limits a page check to page kinds.
    `measure(page)` returns page metrics (public names, like check ids). A check with
    `default=False` is opt-in: it runs only when `--select`/`--extend-select` names it.

    `refine(findings, site, **options)`, for a page check, is a second pass once every page
    is read: it gets the check's own page findings and the site's summaries and returns the
    ones to keep. A page cannot know that a sentence is a menu label repeated on every page,
    or that a word it does not explain is explained on another page; the site can.
    """

    id: str
    pitfall: Pitfall
    severity: Severity
    title: str
    failure_title: str
    run: Callable[..., Iterable[Finding]]
    docs: str
    scope: Scope = "page"
    legal: bool = False
    wcag: tuple[str, ...] = ()
    en301549: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    applies_to: tuple[str, ...] | None = None
    measure: Callable[..., Mapping[str, Any]] | None = None
    # Site checks: page metrics that need the whole site (e.g. contact_depth), by page URL.
    site_measure: Callable[[SiteSummary], Mapping[str, Mapping[str, Any]]] | None = None
    refine: Callable[..., Iterable[Finding]] | None = None
    # Another check whose configured options this one takes too, where it has the same
    # option: `hard-sentence` judges pages by `readability-level`'s target.
    inherits: str = ""
    help_url: str = ""
    fix: str = ""  # one line: how to fix it (the report's top-10 fixes)
    default: bool = True  # False: opt-in (costly), runs only when selected by id or glob

    @property
    def info(self) -> CheckInfo:
        return CheckInfo(
            id=self.id,
            pitfall=self.pitfall,
            severity=self.severity,
            title=self.title,
            failure_title=self.failure_title,
            docs=inspect.cleandoc(self.docs or ""),
            scope=self.scope,
            legal=self.legal,
            wcag=self.wcag,
            en301549=self.en301549,
            fix=self.fix,
            texts=translations(self.id),
        )

    @property
    def options(self) -> dict[str, Any]:
        """The keyword-only options of `run`, `refine` and `measure` with their defaults."""
        return {**_options_of(self.measure), **_options_of(self.refine), **_options_of(self.run)}

    def applies(self, page: PageSnapshot) -> bool:
        """HTML pages of the listed kinds (all when None); documents (PDF…) only when
        "document" is listed explicitly."""
        if page.kind == "document":
            return self.applies_to is not None and "document" in self.applies_to
        return page.is_html and (self.applies_to is None or page.kind in self.applies_to)

    def execute(
        self, target: PageSnapshot | SiteSummary, options: Mapping[str, Any] | None = None
    ) -> list[Finding]:
        """Run the check with validated options and collect its findings."""
        unknown = set(options or {}) - set(self.options)
        if unknown:
            raise ValueError(f"unknown option(s) for check {self.id}: {', '.join(sorted(unknown))}")
        return list(self.run(target, **_own(self.run, options)))

    def measured(
        self, page: PageSnapshot, options: Mapping[str, Any] | None = None
    ) -> dict[str, Any]:
        """The page metrics of `measure`, with the options it takes (a target, say)."""
        if self.measure is None:
            return {}
        return dict(self.measure(page, **_own(self.measure, options)))

    def refined(
        self,
        findings: Sequence[Finding],
        site: SiteSummary,
        options: Mapping[str, Any] | None = None,
    ) -> list[Finding]:
        """The page findings to keep once the whole site is known (all without `refine`)."""
        if self.refine is None:
            return list(findings)
        return list(self.refine(findings, site, **_own(self.refine, options)))

    def finding(
        self,
        url: str,
        message: str,
        *,
        selector: str = "",
        evidence: str = "",
        signature: str = "",
        severity: Severity | None = None,
        check_id: str | None = None,
        wcag: tuple[str, ...] | None = None,
        en301549: tuple[str, ...] | None = None,
        legal: bool | None = None,
        help_url: str | None = None,
        needs_review: bool = False,
        highlights: tuple[str, ...] = (),
    ) -> Finding:
        """A finding carrying this check's metadata unless overridden."""
        return Finding(
            check_id=check_id or self.id,
            pitfall=self.pitfall,
            severity=severity or self.severity,
            message=message,
            url=url,
            selector=selector,
            evidence=evidence[:2000],
            wcag=self.wcag if wcag is None else wcag,
            en301549=self.en301549 if en301549 is None else en301549,
            legal=self.legal if legal is None else legal,
            help_url=self.help_url if help_url is None else help_url,
            needs_review=needs_review,
            highlights=highlights,
            signature=signature,
        )


def configured(check: Check, options: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """The options the settings give `check`: the ones it shares with the check it inherits
    from, then its own (which win)."""
    inherited = options.get(check.inherits, {}) if check.inherits else {}
    shared = {k: v for k, v in inherited.items() if k in check.options}
    return {**shared, **options.get(check.id, {})}


def _options_of(function: Callable[..., Any] | None) -> dict[str, Any]:
    if function is None:
        return {}
    params = inspect.signature(function).parameters.values()
    return {p.name: p.default for p in params if p.kind is inspect.Parameter.KEYWORD_ONLY}


def _own(function: Callable[..., Any], options: Mapping[str, Any] | None) -> dict[str, Any]:
    """The options `function` takes (run and refine each take their own)."""
    names = _options_of(function)
    return {k: v for k, v in (options or {}).items() if k in names}
