"""Every UI string of the reports, in English and Dutch, in one place.

Pitfall names and "why" texts live with the data model (`Pitfall.names`, `Pitfall.why`);
this module holds the report's own wording. Both dictionaries must have the same keys.
"""

from __future__ import annotations

from collections.abc import Mapping

LANGUAGES = ("en", "nl")

UI: Mapping[str, Mapping[str, str]] = {
    "en": {
        "title": "Self-service audit report",
        "score": "Score",
        "score_none": "not checked",
        "score_explain": "Each score starts at 100; each issue takes away a share of what is "
        "left: {critical}% (critical), {serious}% (serious), {moderate}% (moderate) or {minor}% "
        "(minor), times the share of pages it affects (all pages for a site-wide issue). Issues "
        "that only need review do not count.",
        "history": "Since the last audit",
        "history_intro": "Compared with the previous audit of this site on {date} (UTC).",
        "history_first": "This is the first audit of this site in the history file: the next "
        "audit will show what changed.",
        "history_new": "new issues",
        "history_fixed": "fixed issues",
        "history_unchanged": "unchanged issues",
        "history_not_rechecked": "not checked again",
        "history_newly_audited": "on pages audited for the first time",
        "history_explain": "An issue counts as fixed only when this audit checked its pages "
        "again and did not find it; issues on pages this audit did not reach are listed as not "
        "checked again. Issues on pages the previous audit did not reach are not called new.",
        "history_trend": "Scores per audit",
        "history_change": "Change",
        "history_better": "better",
        "history_worse": "worse",
        "top_fixes": "Top 10 fixes",
        "more_issues": "{n} more issues",
        "more_issues_intro": "The first {n} issues are shown in full above; the others are "
        "listed here with their first page. The per-page view below has every finding.",
        "top_fixes_intro": "Fix these first: the highest-priority issues, with what to do.",
        "fix_what": "What",
        "fix_how": "How to fix",
        "rank_where": "{n} of {total} pages",
        "rank_start": ", including a start page",
        "rank_reason": "{severity} ({weight}) × reach {reach} ({where})",
        "rank_legal": " × {factor} (a legal requirement)",
        "filter": "Filter the issues",
        "filter_all": "all",
        "filter_pitfall": "Pitfall",
        "filter_severity": "Severity",
        "filter_page": "Page",
        "filter_reset": "Show all",
        "filter_status": "{n} of {total} issues shown",
        "methodology": "Method and limits",
        "method_intro": "cx-audit opened every page in a real browser (headless Chromium), "
        "ran axe-core and its own checks on the rendered page, and checked the links it found. "
        "It only sends GET requests, obeys robots.txt unless told otherwise and never submits "
        "forms, except the site-search probe.",
        "method_tested": "What was tested",
        "method_settings": "Settings",
        "method_checks": "Checks that ran",
        "method_limits": "Limits",
        "method_limits_text": "An automated audit finds only part of the problems. It sees only "
        "the pages its crawl reached within the limits above, and no pages behind a login unless "
        "a session was given. Readability formulas estimate difficulty; they do not replace a "
        "test with readers. Dates on a page are read by patterns and can be missed. Contact "
        "details are recognised in the visible text of the page.",
        "method_manual": "Success criteria a person must check",
        "method_manual_intro": "No automated rule covers these criteria; they need a manual "
        "evaluation:",
        "method_review": "Success criteria where the rules asked for a person's review:",
        "setting.max_pages": "Maximum pages",
        "setting.max_depth": "Maximum click depth",
        "setting.concurrency": "Pages in parallel",
        "setting.timeout": "Page timeout (s)",
        "setting.rate_limit": "Requests per second",
        "setting.standard": "Standard",
        "setting.best_practice": "Best-practice rules",
        "setting.ignore_robots": "robots.txt ignored",
        "setting.search_probe": "Site search tried",
        "setting.now": "Audit date for date checks",
        "yes": "yes",
        "no": "no",
        "nav": "Contents",
        "site": "Site",
        "date": "Date",
        "duration": "Duration",
        "seconds": "s",
        "versions": "Versions",
        "tool": "cx-audit",
        "axe_core": "axe-core",
        "chromium": "Chromium",
        "unknown": "unknown",
        "pages_audited": "Pages audited",
        "pages_failed": "Pages failed",
        "pages_skipped": "URLs skipped",
        "pages_not_audited": "Discovered but not audited",
        "issues_total": "Issues",
        "suppressed": "Findings suppressed",
        "interrupted": "The audit was interrupted: this report covers only the pages audited "
        "before it stopped.",
        "resumed": "This audit was resumed (--resume) after it had stopped: the pages audited "
        "before were kept, the rest was audited afterwards. Pages kept:",
        "portal_pages": "of them logged in (portal)",
        "portal_stopped": "The logged-in part (portal) is incomplete:",
        "robots_unread": "robots.txt could not be read, so, as RFC 9309 asks, nothing on this "
        "site was crawled:",
        "requests_blocked": "Requests the pages' own scripts tried that were not GET or HEAD "
        "(POST, PUT, DELETE, beacons, form submits), blocked by cx-audit:",
        "requests_capped": "Requests to the audited site that pages would have made beyond "
        "cx-audit's limit per page, not made:",
        "pitfalls": "Pitfalls",
        "pitfall": "Pitfall",
        "why_it_matters": "Why it matters",
        "no_issues": "No issues found by the checks that ran.",
        "not_checked": "Not checked in this audit.",
        "conformance": "WCAG conformance",
        "conformance_intro": "One row per success criterion of {standard}: what the automated "
        "rules and checks found on the audited pages.",
        "conformance_limits": "Automated tests find only part of the WCAG failures: most success "
        "criteria need a person's judgement (is a text alternative meaningful? can every task be "
        "done with the keyboard alone?). “No automated failures” means that the rules covering a "
        "criterion ran on the audited pages and found nothing; it does not mean that the "
        "criterion is met. “Not testable automatically” means that no automated rule covers the "
        "criterion: a person must check it. Only a manual evaluation can support a conformance "
        "claim or an accessibility statement.",
        "conformance_missing": "This result has no conformance table.",
        "conformance_counts": "Criteria per result",
        "criterion": "Success criterion",
        "level": "Level",
        "criterion_title": "Title",
        "en301549": "EN 301 549",
        "no_clause": "none (new in WCAG 2.2)",
        "result": "Result",
        "rules_and_issues": "Rules and issues",
        "failed_by": "Failed by",
        "review_by": "To review",
        "tested_by": "Tested by",
        "obsolete": "Obsolete in WCAG 2.2 — always satisfied",
        "conformance.fails": "Fails",
        "conformance.needs-review": "Needs review",
        "conformance.no-automated-failures": "No automated failures",
        "conformance.not-testable": "Not testable automatically",
        "standard.wcag21aa": "WCAG 2.1 level A and AA",
        "standard.wcag22aa": "WCAG 2.2 level A and AA",
        "standard.en301549": "EN 301 549 V3.2.1 clause 9 (WCAG 2.1 level A and AA)",
        "issues": "Ranked issues",
        "issues_intro": "Issues group findings that share one fix; the highest priority "
        "comes first.",
        "no_issues_at_all": "No issues found.",
        "priority": "Priority",
        "why_rank": "Why it ranks here",
        "pages_affected": "Pages",
        "message": "Message",
        "selector": "Element",
        "evidence": "Evidence",
        "screenshot": "Screenshot",
        "feedback_share": "Help articles with a feedback widget",
        "readability": "Readability",
        "readability_intro": "Reading ease of the main text of each page (higher is easier), "
        "with the estimated level. Pages that miss the target have a readability issue with "
        "their hardest sentences.",
        "readability_levels": "Pages per level",
        "readability_level": "Level",
        "readability_worst": "The hardest pages",
        "reading_ease": "Reading ease",
        "readability_not_scored": "Pages not scored (language without a readability model)",
        "page": "Page",
        "screenshot_alt": "The failing element, framed in red:",
        "wcag": "WCAG success criteria",
        "legal": "Legal requirement",
        "needs_review": "Needs review",
        "help": "How to fix",
        "check": "Check",
        "check_docs": "About this check",
        "examples": "Example pages",
        "and_more": "and {n} more",
        "pages": "Pages",
        "url": "URL",
        "status": "HTTP status",
        "kind": "Page kind",
        "lang": "Language",
        "depth": "Depth",
        "metrics": "Metrics",
        "error": "Error",
        "findings_one": "1 finding",
        "findings_count": "{n} findings",
        "no_findings": "No findings on this page.",
        "see_issue": "issue {n}",
        "skipped": "Skipped URLs",
        "reason": "Reason",
        "no_skipped": "No URLs were skipped.",
        "errors": "Errors",
        "failed_pages": "Pages that failed",
        "check_errors": "Checks that raised an error",
        "no_errors": "No errors.",
        "generated_by": "Generated by cx-audit {version}.",
        "severity.critical": "critical",
        "severity.serious": "serious",
        "severity.moderate": "moderate",
        "severity.minor": "minor",
        "kind.home": "home page",
        "kind.help-article": "help article",
        "kind.faq": "FAQ",
        "kind.contact": "contact page",
        "kind.login": "login page",
        "kind.portal": "customer portal",
        "kind.search": "search page",
        "kind.document": "document",
        "kind.other": "other",
        "chart.heading": "In pictures",
        "chart.intro": "The main numbers of this audit as charts. Each chart has a table with "
        "the same numbers.",
        "chart.table": "The numbers as a table",
        "chart.total": "Total",
        "chart.pages": "Pages",
        "chart.target_met": "Meets the target",
        "chart.readability.target": "target: {target} or easier",
        "chart.depth.target": "target: at most {target}",
        "chart.grade": "grade {n}",
        "chart.issues.title": "Issues by pitfall and severity",
        "chart.issues.summary": "Issues found: {total} ({parts}). The most are in {top}: {top_n}.",
        "chart.issues.empty": "No issues found: there is nothing to draw.",
        "chart.readability.title": "Reading level of the pages",
        "chart.readability.title.nl": "Reading level of the Dutch pages",
        "chart.readability.title.en": "Reading level of the English pages",
        "chart.readability.summary": "{met} of {total} scored pages meet the target "
        "({target} or easier); {missed} are harder to read.",
        "chart.readability.empty": "No page was scored for readability.",
        "chart.age.title": "Age of the pages (last updated or published)",
        "chart.age.summary": "Of {total} pages, {recent} were updated in the last 3 months and "
        "{old} more than a year ago; {unknown} show no date. Audit date: {day}.",
        "chart.age.head": "Age",
        "chart.age.recent": "less than 3 months",
        "chart.age.year": "3–12 months",
        "chart.age.two_years": "1–2 years",
        "chart.age.older": "more than 2 years",
        "chart.age.unknown": "no date",
        "chart.age.empty": "No pages to show.",
        "chart.depth.title": "Clicks to the contact page",
        "chart.depth.summary": "{near} of {total} pages reach the contact page within "
        "{target}; {far} need more clicks and {none} have no route to it.",
        "chart.depth.head": "Clicks",
        "chart.depth.zero": "0 (contact page)",
        "chart.depth.one": "{n} click",
        "chart.depth.many": "{n} clicks",
        "chart.depth.more": "{n} or more",
        "chart.depth.none": "no route",
        "chart.depth.empty": "No contact page was found, so there is no route to measure.",
    },
    "nl": {
        "title": "Auditrapport selfservice",
        "score": "Score",
        "score_none": "niet gecontroleerd",
        "score_explain": "Elke score begint bij 100; elk probleem haalt een deel van de rest "
        "eraf: {critical}% (kritiek), {serious}% (ernstig), {moderate}% (matig) of {minor}% "
        "(klein), maal het deel van de pagina's waarop het voorkomt (alle pagina's bij een "
        "probleem van de hele site). Problemen die alleen beoordeeld moeten worden, tellen niet "
        "mee.",
        "history": "Sinds de vorige audit",
        "history_intro": "Vergeleken met de vorige audit van deze website op {date} (UTC).",
        "history_first": "Dit is de eerste audit van deze website in het geschiedenisbestand: "
        "de volgende audit laat zien wat er veranderd is.",
        "history_new": "nieuwe problemen",
        "history_fixed": "opgeloste problemen",
        "history_unchanged": "onveranderde problemen",
        "history_not_rechecked": "niet opnieuw gecontroleerd",
        "history_newly_audited": "op pagina's die voor het eerst zijn onderzocht",
        "history_explain": "Een probleem telt alleen als opgelost wanneer deze audit de "
        "pagina's opnieuw controleerde en het niet meer vond; problemen op pagina's die deze "
        "audit niet bereikte, staan bij niet opnieuw gecontroleerd. Problemen op pagina's die "
        "de vorige audit niet bereikte, heten niet nieuw.",
        "history_trend": "Scores per audit",
        "history_change": "Verschil",
        "history_better": "beter",
        "history_worse": "slechter",
        "top_fixes": "De 10 belangrijkste verbeteringen",
        "more_issues": "Nog {n} problemen",
        "more_issues_intro": "De eerste {n} problemen staan hierboven volledig; de andere staan "
        "hier met hun eerste pagina. Het overzicht per pagina hieronder heeft elke bevinding.",
        "top_fixes_intro": "Los deze eerst op: de problemen met de hoogste prioriteit, met wat "
        "u eraan kunt doen.",
        "fix_what": "Wat",
        "fix_how": "Zo lost u het op",
        "rank_where": "{n} van {total} pagina's",
        "rank_start": ", waaronder een startpagina",
        "rank_reason": "{severity} ({weight}) × bereik {reach} ({where})",
        "rank_legal": " × {factor} (een wettelijke eis)",
        "filter": "Problemen filteren",
        "filter_all": "alle",
        "filter_pitfall": "Valkuil",
        "filter_severity": "Ernst",
        "filter_page": "Pagina",
        "filter_reset": "Alles tonen",
        "filter_status": "{n} van {total} problemen getoond",
        "methodology": "Methode en beperkingen",
        "method_intro": "cx-audit opende elke pagina in een echte browser (Chromium zonder "
        "venster), voerde axe-core en de eigen controles uit op de getoonde pagina en "
        "controleerde de gevonden links. Het doet alleen GET-verzoeken, volgt robots.txt tenzij "
        "anders ingesteld en verstuurt nooit formulieren, behalve de proef met de zoekfunctie.",
        "method_tested": "Wat is onderzocht",
        "method_settings": "Instellingen",
        "method_checks": "Uitgevoerde controles",
        "method_limits": "Beperkingen",
        "method_limits_text": "Een automatische audit vindt maar een deel van de problemen. Hij "
        "ziet alleen de pagina's die binnen de grenzen hierboven bereikt zijn, en geen pagina's "
        "achter een inlog tenzij een sessie is meegegeven. Leesbaarheidsformules schatten de "
        "moeilijkheid; ze vervangen geen test met lezers. Datums op een pagina worden met "
        "patronen gelezen en kunnen gemist worden. Contactgegevens worden herkend in de "
        "zichtbare tekst van de pagina.",
        "method_manual": "Succescriteria die een mens moet controleren",
        "method_manual_intro": "Geen automatische regel dekt deze criteria; ze vragen een "
        "handmatige evaluatie:",
        "method_review": "Succescriteria waarbij de regels om beoordeling door een mens vroegen:",
        "setting.max_pages": "Maximaal aantal pagina's",
        "setting.max_depth": "Maximale klikdiepte",
        "setting.concurrency": "Pagina's tegelijk",
        "setting.timeout": "Time-out per pagina (s)",
        "setting.rate_limit": "Verzoeken per seconde",
        "setting.standard": "Norm",
        "setting.best_practice": "Best-practiceregels",
        "setting.ignore_robots": "robots.txt genegeerd",
        "setting.search_probe": "Zoekfunctie geprobeerd",
        "setting.now": "Auditdatum voor datumcontroles",
        "yes": "ja",
        "no": "nee",
        "nav": "Inhoud",
        "site": "Website",
        "date": "Datum",
        "duration": "Duur",
        "seconds": "s",
        "versions": "Versies",
        "tool": "cx-audit",
        "axe_core": "axe-core",
        "chromium": "Chromium",
        "unknown": "onbekend",
        "pages_audited": "Pagina's onderzocht",
        "pages_failed": "Pagina's mislukt",
        "pages_skipped": "URL's overgeslagen",
        "pages_not_audited": "Gevonden maar niet onderzocht",
        "issues_total": "Problemen",
        "suppressed": "Bevindingen onderdrukt",
        "interrupted": "De audit is onderbroken: dit rapport beslaat alleen de pagina's die "
        "vóór de onderbreking zijn onderzocht.",
        "resumed": "Deze audit is hervat (--resume) nadat hij was gestopt: de pagina's die al "
        "waren onderzocht zijn bewaard, de rest is daarna onderzocht. Bewaarde pagina's:",
        "portal_pages": "daarvan ingelogd (portaal)",
        "portal_stopped": "Het ingelogde deel (portaal) is onvolledig:",
        "robots_unread": "robots.txt kon niet worden gelezen, dus is, zoals RFC 9309 vraagt, "
        "niets van deze site gecrawld:",
        "requests_blocked": "Verzoeken van de scripts van de pagina's die geen GET of HEAD "
        "waren (POST, PUT, DELETE, beacons, formulieren), door cx-audit tegengehouden:",
        "requests_capped": "Verzoeken aan de onderzochte site boven de grens van cx-audit "
        "per pagina, niet gedaan:",
        "pitfalls": "Valkuilen",
        "pitfall": "Valkuil",
        "why_it_matters": "Waarom het ertoe doet",
        "no_issues": "Geen problemen gevonden door de uitgevoerde controles.",
        "not_checked": "Niet gecontroleerd in deze audit.",
        "conformance": "WCAG-conformiteit",
        "conformance_intro": "Eén rij per succescriterium van {standard}: wat de automatische "
        "regels en controles op de onderzochte pagina's vonden.",
        "conformance_limits": "Automatische tests vinden maar een deel van de WCAG-fouten: voor "
        "de meeste succescriteria is het oordeel van een mens nodig (is een tekstalternatief "
        "zinvol? kan elke taak met alleen het toetsenbord?). “Geen automatisch gevonden fouten” "
        "betekent dat de regels voor een criterium op de onderzochte pagina's zijn uitgevoerd en "
        "niets vonden; het betekent niet dat aan het criterium is voldaan. “Niet automatisch te "
        "testen” betekent dat geen automatische regel het criterium dekt: een mens moet het "
        "controleren. Alleen een handmatige evaluatie kan een conformiteitsclaim of een "
        "toegankelijkheidsverklaring onderbouwen.",
        "conformance_missing": "Dit resultaat bevat geen conformiteitstabel.",
        "conformance_counts": "Criteria per resultaat",
        "criterion": "Succescriterium",
        "level": "Niveau",
        "criterion_title": "Titel",
        "en301549": "EN 301 549",
        "no_clause": "geen (nieuw in WCAG 2.2)",
        "result": "Resultaat",
        "rules_and_issues": "Regels en problemen",
        "failed_by": "Afgekeurd door",
        "review_by": "Te beoordelen",
        "tested_by": "Getest met",
        "obsolete": "Vervallen in WCAG 2.2 — altijd voldaan",
        "conformance.fails": "Voldoet niet",
        "conformance.needs-review": "Handmatig beoordelen",
        "conformance.no-automated-failures": "Geen automatisch gevonden fouten",
        "conformance.not-testable": "Niet automatisch te testen",
        "standard.wcag21aa": "WCAG 2.1 niveau A en AA",
        "standard.wcag22aa": "WCAG 2.2 niveau A en AA",
        "standard.en301549": "EN 301 549 V3.2.1 clausule 9 (WCAG 2.1 niveau A en AA)",
        "issues": "Problemen op volgorde van prioriteit",
        "issues_intro": "Een probleem bundelt bevindingen met één gezamenlijke oplossing; de "
        "hoogste prioriteit staat bovenaan.",
        "no_issues_at_all": "Geen problemen gevonden.",
        "priority": "Prioriteit",
        "why_rank": "Waarom deze positie",
        "pages_affected": "Pagina's",
        "message": "Melding",
        "selector": "Element",
        "evidence": "Bewijs",
        "screenshot": "Schermafbeelding",
        "feedback_share": "Hulpartikelen met een feedbackknop",
        "readability": "Leesbaarheid",
        "readability_intro": "Leesgemak van de hoofdtekst van elke pagina (hoger is makkelijker), "
        "met het geschatte taalniveau. Pagina's onder het doel hebben een leesbaarheidsprobleem "
        "met hun moeilijkste zinnen.",
        "readability_levels": "Pagina's per niveau",
        "readability_level": "Niveau",
        "readability_worst": "De moeilijkste pagina's",
        "reading_ease": "Leesgemak",
        "readability_not_scored": "Pagina's zonder score (taal zonder leesbaarheidsmodel)",
        "page": "Pagina",
        "screenshot_alt": "Het element met de fout, rood omlijnd:",
        "wcag": "WCAG-succescriteria",
        "legal": "Wettelijke eis",
        "needs_review": "Handmatig controleren",
        "help": "Zo los je het op",
        "check": "Controle",
        "check_docs": "Over deze controle",
        "examples": "Voorbeeldpagina's",
        "and_more": "en nog {n}",
        "pages": "Pagina's",
        "url": "URL",
        "status": "HTTP-status",
        "kind": "Soort pagina",
        "lang": "Taal",
        "depth": "Diepte",
        "metrics": "Meetwaarden",
        "error": "Fout",
        "findings_one": "1 bevinding",
        "findings_count": "{n} bevindingen",
        "no_findings": "Geen bevindingen op deze pagina.",
        "see_issue": "probleem {n}",
        "skipped": "Overgeslagen URL's",
        "reason": "Reden",
        "no_skipped": "Er zijn geen URL's overgeslagen.",
        "errors": "Fouten",
        "failed_pages": "Mislukte pagina's",
        "check_errors": "Controles die een fout gaven",
        "no_errors": "Geen fouten.",
        "generated_by": "Gemaakt met cx-audit {version}.",
        "severity.critical": "kritiek",
        "severity.serious": "ernstig",
        "severity.moderate": "matig",
        "severity.minor": "klein",
        "kind.home": "startpagina",
        "kind.help-article": "helpartikel",
        "kind.faq": "veelgestelde vragen",
        "kind.contact": "contactpagina",
        "kind.login": "inlogpagina",
        "kind.portal": "klantportaal",
        "kind.search": "zoekpagina",
        "kind.document": "document",
        "kind.other": "overig",
        "chart.heading": "In beeld",
        "chart.intro": "De belangrijkste cijfers van deze audit als grafiek. Bij elke grafiek "
        "hoort een tabel met dezelfde cijfers.",
        "chart.table": "De cijfers als tabel",
        "chart.total": "Totaal",
        "chart.pages": "Pagina's",
        "chart.target_met": "Haalt het doel",
        "chart.readability.target": "doel: {target} of makkelijker",
        "chart.depth.target": "doel: hoogstens {target}",
        "chart.grade": "leerjaar {n} (VS)",
        "chart.issues.title": "Problemen per valkuil en ernst",
        "chart.issues.summary": "Gevonden problemen: {total} ({parts}). De meeste vallen "
        "onder {top}: {top_n}.",
        "chart.issues.empty": "Geen problemen gevonden: er valt niets te tekenen.",
        "chart.readability.title": "Taalniveau van de pagina's",
        "chart.readability.title.nl": "Taalniveau van de Nederlandstalige pagina's",
        "chart.readability.title.en": "Taalniveau van de Engelstalige pagina's",
        "chart.readability.summary": "{met} van de {total} gescoorde pagina's halen het doel "
        "({target} of makkelijker); {missed} zijn moeilijker te lezen.",
        "chart.readability.empty": "Geen enkele pagina kreeg een leesbaarheidsscore.",
        "chart.age.title": "Leeftijd van de pagina's (laatst bijgewerkt of gepubliceerd)",
        "chart.age.summary": "Van de {total} pagina's zijn er {recent} in de laatste 3 maanden "
        "bijgewerkt en {old} meer dan een jaar geleden; {unknown} tonen geen datum. "
        "Auditdatum: {day}.",
        "chart.age.head": "Leeftijd",
        "chart.age.recent": "minder dan 3 maanden",
        "chart.age.year": "3–12 maanden",
        "chart.age.two_years": "1–2 jaar",
        "chart.age.older": "meer dan 2 jaar",
        "chart.age.unknown": "geen datum",
        "chart.age.empty": "Geen pagina's om te tonen.",
        "chart.depth.title": "Klikken naar de contactpagina",
        "chart.depth.summary": "{near} van de {total} pagina's bereiken de contactpagina "
        "binnen {target}; {far} hebben meer klikken nodig en {none} hebben er geen route "
        "naartoe.",
        "chart.depth.head": "Klikken",
        "chart.depth.zero": "0 (contactpagina)",
        "chart.depth.one": "{n} klik",
        "chart.depth.many": "{n} klikken",
        "chart.depth.more": "{n} of meer",
        "chart.depth.none": "geen route",
        "chart.depth.empty": "Er is geen contactpagina gevonden, dus er is geen route te meten.",
    },
}


def strings(lang: str) -> Mapping[str, str]:
    """The UI strings for `lang`; an unsupported language is a usage error."""
    try:
        return UI[lang]
    except KeyError:
        raise ValueError(
            f"unsupported report language {lang!r}; choose from {', '.join(LANGUAGES)}"
        ) from None
