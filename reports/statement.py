"""The accessibility statement draft: `accessibility-statement.<lang>.html`.

It follows the model accessibility statement of Commission Implementing Decision (EU)
2018/1523 (title, commitment, compliance status, non-accessible content, preparation,
feedback and contact information, enforcement procedure) and fills in what one
`AuditResult` can support:

- **Compliance status** is never "fully compliant": an automated audit cannot establish that.
  Failing WCAG A/AA criteria in `result.conformance` give "partially compliant", or "not
  compliant" when more than half of the criteria that automated tests could judge fail; with
  no failures, or no conformance table, the status is a placeholder for the user to choose
  after a manual evaluation.
- **Non-accessible content** lists the failing criteria (number, title in the language,
  EN 301 549 clause, pages, the issues that fail it).
- **Contact details** come from the page metrics `contact_phones` and `contact_emails`
  (`checks/escalation/contact_phone_visible.py`, `contact_email_visible.py`) and from the
  pages classified as `contact`.

Everything the organisation must decide (its name, the law, the manual evaluation, the
enforcement body, dates) is a visible `<mark>[…]</mark>` placeholder, and the draft says at the
top that a person must complete and check it. Text from the audited site is rendered by
Jinja2's autoescape and never marked safe.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

import phonenumbers
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from auditor import i18n_checks
from auditor.model import AuditResult, CheckInfo
from checks.escalation.contacts import EMAIL
from reports.html import check_for, is_web_url, issue_title, number_formatter

LANGUAGES = ("en", "nl")
CONTACT_LIMIT = 3
"""Phone numbers, addresses and contact pages shown, each (contact pages' first)."""
FAILURE_LIMIT = 5
"""Failure descriptions shown per criterion; the rest is "and N more"."""
EXAMPLE_LIMIT = 3
"""Example pages shown per criterion."""
NOT_COMPLIANT_SHARE = 0.5
"""More than this share of the automatically judged criteria failing: "not compliant"."""

PHONE_METRIC = "contact_phones"
EMAIL_METRIC = "contact_emails"

TEXT: Mapping[str, Mapping[str, str]] = {
    "en": {
        "title": "Accessibility statement",
        "draft_label": "Draft.",
        "draft_note": "cx-audit wrote this draft from an automated audit. Before publishing "
        "it, a person must fill in every highlighted placeholder [ … ], check every statement "
        "against a manual evaluation, and remove the notes for the editor (like this one). "
        "Automated tests find only part of the accessibility failures.",
        "note_label": "Note for the editor:",
        "ph.org": "name of the organisation",
        "ph.law": "the national law implementing the European Accessibility Act (Directive (EU) "
        "2019/882); for a public sector body: the national law transposing Directive (EU) "
        "2016/2102",
        "intro": "{org} is committed to making its website accessible, in accordance with {law}.",
        "applies_to": "This accessibility statement applies to {site}.",
        "ph.site": "address of the website",
        "status_heading": "Compliance status",
        "status.partially": "partially compliant",
        "status.not": "not compliant",
        "status_sentence.partially": "This website is {status} with {standard}, due to the "
        "non-compliances listed below.",
        "status_sentence.not": "This website is {status} with {standard}. The non-compliances "
        "are listed below.",
        "status_sentence.undetermined": "This website is {status} with {standard}.",
        "ph.status_choice": "fully compliant / partially compliant / not compliant: choose "
        "after a manual evaluation",
        "ph.other_status": "after a manual evaluation: “fully compliant” only if it found no "
        "failures at all; “not compliant” if most requirements are not met",
        "why.partially": "The automated audit found failures on {failing} success criteria, so "
        "the website is at most partially compliant. Only a manual evaluation can establish full "
        "compliance: automated tests find only part of the failures, and {untestable} success "
        "criteria cannot be tested automatically at all.",
        "why.not": "The automated audit found failures on {failing} of the {judged} success "
        "criteria that automated tests could judge: most of the requirements tested are not "
        "met. A manual evaluation must confirm this.",
        "why.no_failures": "The automated audit found no failures on the {judged} success "
        "criteria that automated tests could judge; {review} need a person's review and "
        "{untestable} cannot be tested automatically. An automated audit cannot show that a "
        "website is compliant: choose the status after a manual evaluation.",
        "why.no_table": "This audit result has no WCAG conformance table (no accessibility "
        "checks ran), so it says nothing about compliance. Choose the status after a manual "
        "evaluation.",
        "other_choices": "Other choices: {choices}",
        "standard.wcag21aa": "WCAG 2.1 level AA (EN 301 549 V3.2.1, clause 9)",
        "standard.wcag22aa": "WCAG 2.2 level AA and EN 301 549 V3.2.1",
        "standard.en301549": "EN 301 549 V3.2.1 (WCAG 2.1 level AA)",
        "ph.standard": "standard, e.g. EN 301 549 V3.2.1 (WCAG 2.1 level AA)",
        "non_accessible_heading": "Non-accessible content",
        "non_accessible_intro": "The content listed below is non-accessible for the following "
        "reasons.",
        "non_compliance_heading": "Non-compliance with the accessibility requirements",
        "non_compliance_intro": "The automated audit found failures on these {n} success criteria:",
        "caption": "Success criteria with failures found by the automated audit",
        "col.criterion": "Success criterion",
        "col.clause": "EN 301 549",
        "col.pages": "Pages affected",
        "col.failure": "What fails",
        "level": "level {level}",
        "no_clause": "not in EN 301 549 V3.2.1 (new in WCAG 2.2)",
        "clause": "clause {clause}",
        "pages_count": "{n} of {total} pages, for example:",
        "and_more": "and {n} more",
        "ph.failure": "describe the failure",
        "ph.more_failures": "add the non-compliances found by the manual evaluation, and for "
        "each item what you are doing about it and by when it will be fixed",
        "no_failures_found": "The automated audit found no failures.",
        "no_table_found": "The automated audit did not test the accessibility requirements.",
        "ph.manual_failures": "list the non-compliances found by the manual evaluation, with "
        "what you are doing about them and by when they will be fixed",
        "burden_heading": "Disproportionate burden",
        "ph.burden": "if you claim a disproportionate burden for some content, say which "
        "content and why, and what accessible alternative you offer; otherwise remove this "
        "section",
        "out_of_scope_heading": "Content not within the scope of the applicable legislation",
        "ph.out_of_scope": "content that the law exempts, for example third-party content that "
        "you neither fund nor control; otherwise remove this section",
        "preparation_heading": "Preparation of this accessibility statement",
        "prepared_on": "This statement was prepared on {date}.",
        "based_on": "It is based on an automated audit of {site} on {date}, and on {manual}.",
        "ph.manual_method": "a manual evaluation: a self-assessment by the organisation or an "
        "evaluation by a third party (name), with its method and date",
        "method_heading": "The automated audit",
        "method.tools": "Tools: cx-audit {cx}, axe-core {axe}, in Chromium {chromium}",
        "method.standard": "Standard tested: {standard}",
        "method.pages": "Pages audited: {n}",
        "method.failed": "Pages that could not be loaded: {n}",
        "method.not_audited": "Pages found but not audited (page limit): {n}",
        "method.results": "Success criteria: {fails} with failures, {review} to be reviewed by "
        "a person, {untestable} not testable automatically, {clean} without automated "
        "failures",
        "method.interrupted": "The audit was interrupted: it covers only the pages audited "
        "before it stopped.",
        "method.limits": "Automated tests find only part of the accessibility failures; most "
        "success criteria need a person's judgement.",
        "unknown": "unknown",
        "feedback_heading": "Feedback and contact information",
        "feedback_intro": "If you find content on this website that is not accessible to you, "
        "or have a question about its accessibility, please contact us:",
        "contact.phone": "Phone:",
        "contact.email": "Email:",
        "contact.page": "Contact page:",
        "ph.phone": "phone number",
        "ph.email": "email address",
        "ph.contact_page": "contact page or form",
        "contact_found_note": "The contact details shown were found on the audited pages. "
        "Check that they are the right way to reach you about accessibility, and fill in any "
        "placeholders left.",
        "contact_none_note": "The audit found no phone number, email address or contact page "
        "on the audited pages: fill in how people can reach you.",
        "response_time": "We aim to respond within {days}.",
        "ph.days": "number of days",
        "enforcement_heading": "Enforcement procedure",
        "enforcement_text": "If you are not satisfied with our response to your feedback or "
        "request, you can contact {body}.",
        "ph.enforcement": "name and contact details of the national enforcement body",
        "enforcement_note": "Fill in the authority that enforces the accessibility requirements "
        "for your service in your country; cx-audit does not know which one applies to you.",
        "last_reviewed": "This statement was last reviewed on {date}.",
        "ph.date": "date",
        "generated_by": "Draft generated by cx-audit {version}.",
        "month.1": "January",
        "month.2": "February",
        "month.3": "March",
        "month.4": "April",
        "month.5": "May",
        "month.6": "June",
        "month.7": "July",
        "month.8": "August",
        "month.9": "September",
        "month.10": "October",
        "month.11": "November",
        "month.12": "December",
    },
    "nl": {
        "title": "Toegankelijkheidsverklaring",
        "draft_label": "Concept.",
        "draft_note": "cx-audit heeft dit concept gemaakt op basis van een automatische audit. "
        "Voordat het gepubliceerd wordt, moet een mens elke gemarkeerde plek [ … ] invullen, "
        "elke bewering toetsen aan een handmatige evaluatie en de notities voor de redactie "
        "(zoals deze) verwijderen. Automatische tests vinden maar een deel van de "
        "toegankelijkheidsproblemen.",
        "note_label": "Notitie voor de redactie:",
        "ph.org": "naam van de organisatie",
        "ph.law": "de nationale wetgeving die de European Accessibility Act (Richtlijn (EU) "
        "2019/882) uitvoert; voor een overheidsinstantie: de nationale wetgeving tot omzetting "
        "van Richtlijn (EU) 2016/2102",
        "intro": "{org} streeft ernaar haar website toegankelijk te maken, overeenkomstig {law}.",
        "applies_to": "Deze toegankelijkheidsverklaring is van toepassing op {site}.",
        "ph.site": "adres van de website",
        "status_heading": "Nalevingsstatus",
        "status.partially": "gedeeltelijk in overeenstemming",
        "status.not": "niet in overeenstemming",
        "status_sentence.partially": "Deze website is {status} met {standard}, vanwege de "
        "hieronder vermelde gevallen van niet-naleving.",
        "status_sentence.not": "Deze website is {status} met {standard}. De gevallen van "
        "niet-naleving staan hieronder.",
        "status_sentence.undetermined": "Deze website is {status} met {standard}.",
        "ph.status_choice": "volledig / gedeeltelijk / niet in overeenstemming: kies na een "
        "handmatige evaluatie",
        "ph.other_status": "na een handmatige evaluatie: „volledig in overeenstemming” alleen "
        "als die geen enkele fout vond; „niet in overeenstemming” als aan de meeste eisen niet "
        "is voldaan",
        "why.partially": "De automatische audit vond fouten op {failing} succescriteria, dus de "
        "website is hooguit gedeeltelijk in overeenstemming. Alleen een handmatige evaluatie kan "
        "vaststellen of de website aan alle eisen voldoet: automatische tests vinden maar een "
        "deel van de fouten, en {untestable} succescriteria zijn helemaal niet automatisch te "
        "testen.",
        "why.not": "De automatische audit vond fouten op {failing} van de {judged} "
        "succescriteria die automatische tests konden beoordelen: aan de meeste geteste eisen "
        "is niet voldaan. Een handmatige evaluatie moet dit bevestigen.",
        "why.no_failures": "De automatische audit vond geen fouten op de {judged} "
        "succescriteria die automatische tests konden beoordelen; {review} moeten door een "
        "mens beoordeeld worden en {untestable} zijn niet automatisch te testen. Een "
        "automatische audit kan niet aantonen dat een website aan de eisen voldoet: kies de "
        "status na een handmatige evaluatie.",
        "why.no_table": "Dit auditresultaat heeft geen WCAG-conformiteitstabel (er zijn geen "
        "toegankelijkheidscontroles uitgevoerd), dus het zegt niets over de naleving. Kies de "
        "status na een handmatige evaluatie.",
        "other_choices": "Andere keuzes: {choices}",
        "standard.wcag21aa": "WCAG 2.1 niveau AA (EN 301 549 V3.2.1, clausule 9)",
        "standard.wcag22aa": "WCAG 2.2 niveau AA en EN 301 549 V3.2.1",
        "standard.en301549": "EN 301 549 V3.2.1 (WCAG 2.1 niveau AA)",
        "ph.standard": "norm, bijvoorbeeld EN 301 549 V3.2.1 (WCAG 2.1 niveau AA)",
        "non_accessible_heading": "Niet-toegankelijke inhoud",
        "non_accessible_intro": "De hieronder vermelde inhoud is om de volgende redenen niet "
        "toegankelijk.",
        "non_compliance_heading": "Niet-naleving van de toegankelijkheidseisen",
        "non_compliance_intro": "De automatische audit vond fouten op deze {n} succescriteria:",
        "caption": "Succescriteria met fouten uit de automatische audit",
        "col.criterion": "Succescriterium",
        "col.clause": "EN 301 549",
        "col.pages": "Pagina's met de fout",
        "col.failure": "Wat er misgaat",
        "level": "niveau {level}",
        "no_clause": "niet in EN 301 549 V3.2.1 (nieuw in WCAG 2.2)",
        "clause": "clausule {clause}",
        "pages_count": "{n} van {total} pagina's, bijvoorbeeld:",
        "and_more": "en nog {n}",
        "ph.failure": "beschrijf de fout",
        "ph.more_failures": "vul aan met de gevallen van niet-naleving uit de handmatige "
        "evaluatie, en per geval wat u eraan doet en wanneer het opgelost is",
        "no_failures_found": "De automatische audit vond geen fouten.",
        "no_table_found": "De automatische audit heeft de toegankelijkheidseisen niet getest.",
        "ph.manual_failures": "noem de gevallen van niet-naleving uit de handmatige evaluatie, "
        "met wat u eraan doet en wanneer ze opgelost zijn",
        "burden_heading": "Onevenredige last",
        "ph.burden": "als u voor bepaalde inhoud een onevenredige last inroept: welke inhoud, "
        "waarom, en welk toegankelijk alternatief u biedt; verwijder dit onderdeel anders",
        "out_of_scope_heading": "De inhoud valt buiten de werkingssfeer van de toepasselijke "
        "wetgeving",
        "ph.out_of_scope": "inhoud die de wet uitzondert, bijvoorbeeld inhoud van derden die u "
        "niet financiert en niet beheert; verwijder dit onderdeel anders",
        "preparation_heading": "Opstelling van deze toegankelijkheidsverklaring",
        "prepared_on": "Deze verklaring is opgesteld op {date}.",
        "based_on": "Ze is gebaseerd op een automatische audit van {site} op {date}, en op "
        "{manual}.",
        "ph.manual_method": "een handmatige evaluatie: een zelfbeoordeling door de organisatie "
        "of een beoordeling door een derde (naam), met methode en datum",
        "method_heading": "De automatische audit",
        "method.tools": "Hulpmiddelen: cx-audit {cx}, axe-core {axe}, in Chromium {chromium}",
        "method.standard": "Geteste norm: {standard}",
        "method.pages": "Onderzochte pagina's: {n}",
        "method.failed": "Pagina's die niet geladen konden worden: {n}",
        "method.not_audited": "Gevonden maar niet onderzochte pagina's (paginalimiet): {n}",
        "method.results": "Succescriteria: {fails} met fouten, {review} door een mens te "
        "beoordelen, {untestable} niet automatisch te testen, {clean} zonder automatisch "
        "gevonden fouten",
        "method.interrupted": "De audit is onderbroken: hij beslaat alleen de pagina's die vóór "
        "de onderbreking zijn onderzocht.",
        "method.limits": "Automatische tests vinden maar een deel van de "
        "toegankelijkheidsproblemen; voor de meeste succescriteria is het oordeel van een mens "
        "nodig.",
        "unknown": "onbekend",
        "feedback_heading": "Feedback en contactgegevens",
        "feedback_intro": "Vindt u inhoud op deze website die voor u niet toegankelijk is, of "
        "hebt u een vraag over de toegankelijkheid? Neem dan contact met ons op:",
        "contact.phone": "Telefoon:",
        "contact.email": "E-mail:",
        "contact.page": "Contactpagina:",
        "ph.phone": "telefoonnummer",
        "ph.email": "e-mailadres",
        "ph.contact_page": "contactpagina of -formulier",
        "contact_found_note": "De getoonde contactgegevens zijn gevonden op de onderzochte "
        "pagina's. Controleer of mensen u hiermee over toegankelijkheid kunnen bereiken, en vul "
        "de overgebleven plekken in.",
        "contact_none_note": "De audit vond geen telefoonnummer, e-mailadres of contactpagina op "
        "de onderzochte pagina's: vul in hoe mensen u kunnen bereiken.",
        "response_time": "We streven ernaar binnen {days} te antwoorden.",
        "ph.days": "aantal dagen",
        "enforcement_heading": "Handhavingsprocedure",
        "enforcement_text": "Bent u niet tevreden met ons antwoord op uw melding of verzoek, "
        "dan kunt u contact opnemen met {body}.",
        "ph.enforcement": "naam en contactgegevens van de toezichthouder",
        "enforcement_note": "Vul de toezichthouder in die in Nederland toeziet op de "
        "toegankelijkheidseisen voor uw dienst (in te vullen); cx-audit weet niet welke dat "
        "voor u is.",
        "last_reviewed": "Deze verklaring is voor het laatst herzien op {date}.",
        "ph.date": "datum",
        "generated_by": "Concept gemaakt met cx-audit {version}.",
        "month.1": "januari",
        "month.2": "februari",
        "month.3": "maart",
        "month.4": "april",
        "month.5": "mei",
        "month.6": "juni",
        "month.7": "juli",
        "month.8": "augustus",
        "month.9": "september",
        "month.10": "oktober",
        "month.11": "november",
        "month.12": "december",
    },
}


def text_for(lang: str) -> Mapping[str, str]:
    """The statement's strings in `lang`; an unsupported language is a usage error."""
    try:
        return TEXT[lang]
    except KeyError:
        raise ValueError(
            f"unsupported statement language {lang!r}; choose from {', '.join(LANGUAGES)}"
        ) from None


# --------------------------------------------------------------------------------------------
# What the result supports
# --------------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Compliance:
    """The compliance status the findings support, with the counts behind it.

    `status` is "partially", "not" or "undetermined" (never "fully": an automated audit
    cannot establish full compliance); `judged` counts the criteria that automated tests
    could judge (failing or without automated failures).
    """

    status: str
    failing: int = 0
    judged: int = 0
    review: int = 0
    untestable: int = 0
    clean: int = 0
    has_table: bool = False


def compliance(rows: Sequence[Mapping[str, Any]]) -> Compliance:
    """The status: "partially" when any criterion fails, "not" when more than half of the
    judged criteria fail, "undetermined" without failures or without a conformance table."""
    counts = {"fails": 0, "needs-review": 0, "not-testable": 0, "no-automated-failures": 0}
    for row in rows:
        status = row.get("status")
        if status in counts:
            counts[status] += 1
    failing, clean = counts["fails"], counts["no-automated-failures"]
    judged = failing + clean
    if not failing:
        status = "undetermined"
    elif failing > judged * NOT_COMPLIANT_SHARE:
        status = "not"
    else:
        status = "partially"
    return Compliance(
        status=status,
        failing=failing,
        judged=judged,
        review=counts["needs-review"],
        untestable=counts["not-testable"],
        clean=clean,
        has_table=bool(rows),
    )


@dataclasses.dataclass(frozen=True)
class FailingCriterion:
    """One failing success criterion as the statement lists it, in the statement language."""

    sc: str
    level: str
    title: str
    url: str
    en301549: str | None
    pages: int
    examples: tuple[str, ...]
    failures: tuple[str, ...]
    more_failures: int


def failing_criteria(result: AuditResult, lang: str) -> list[FailingCriterion]:
    """The failing criteria of the conformance table, in criterion order, each with the
    titles (in `lang`) of the issues that fail it, highest priority first."""
    checks = {c.id: c for c in result.checks}
    out = []
    for row in result.conformance:
        if row.get("status") != "fails":
            continue
        sc = str(row.get("sc", ""))
        failing = tuple(str(c) for c in row.get("failing_checks", ()))
        titles = [
            issue_title(issue, check_for(issue.check_id, checks), lang)
            for issue in result.issues
            if not issue.needs_review
            and (sc in issue.wcag if issue.wcag else issue.check_id in failing)
        ]
        if not titles:  # the findings were suppressed: name the rules that failed
            titles = [_rule_title(check_id, checks, lang) for check_id in failing]
        failures = tuple(dict.fromkeys(t for t in titles if t))
        title = row.get("title") or {}
        out.append(
            FailingCriterion(
                sc=sc,
                level=str(row.get("level", "")),
                title=str(title.get(lang) or title.get("en") or "")
                if isinstance(title, Mapping)
                else str(title),
                url=str(row.get("url", "")),
                en301549=row.get("en301549"),
                pages=int(row.get("pages_failing") or 0),
                examples=tuple(str(u) for u in row.get("example_urls", ()))[:EXAMPLE_LIMIT],
                failures=failures[:FAILURE_LIMIT],
                more_failures=max(0, len(failures) - FAILURE_LIMIT),
            )
        )
    return out


def _rule_title(check_id: str, checks: Mapping[str, CheckInfo], lang: str) -> str:
    if check_id.startswith("axe/"):
        rule = i18n_checks.axe_rule_text(check_id.split("/", 1)[1], lang)
        return (rule or {}).get("help") or check_id
    check = checks.get(check_id)
    return check.text("failure_title", lang) if check else check_id


@dataclasses.dataclass(frozen=True)
class Phone:
    text: str  # as shown: international format, or the value as recorded
    tel: str  # E.164 for a tel: link; "" when the value is not a valid number


@dataclasses.dataclass(frozen=True)
class Email:
    address: str
    linkable: bool  # a well-formed address, safe for a mailto: link


@dataclasses.dataclass(frozen=True)
class ContactDetails:
    phones: tuple[Phone, ...] = ()
    emails: tuple[Email, ...] = ()
    pages: tuple[str, ...] = ()

    @property
    def found(self) -> bool:
        return bool(self.phones or self.emails or self.pages)


def contact_details(result: AuditResult) -> ContactDetails:
    """Phone numbers and addresses shown on the audited pages (contact pages' first, then in
    crawl order) and the contact pages, at most `CONTACT_LIMIT` of each."""
    healthy = [p for p in result.pages if not p.error and (p.status or 0) < 400]
    ordered = [p for p in healthy if p.kind == "contact"] + [
        p for p in healthy if p.kind != "contact"
    ]
    phones: dict[str, None] = {}
    emails: dict[str, None] = {}
    for page in ordered:
        phones.update(dict.fromkeys(_values(page.metrics.get(PHONE_METRIC))))
        emails.update(dict.fromkeys(v.lower() for v in _values(page.metrics.get(EMAIL_METRIC))))
    pages = dict.fromkeys(p.final_url or p.url for p in healthy if p.kind == "contact")
    return ContactDetails(
        phones=tuple(_phone(n) for n in list(phones)[:CONTACT_LIMIT]),
        emails=tuple(Email(a, bool(EMAIL.fullmatch(a))) for a in list(emails)[:CONTACT_LIMIT]),
        pages=tuple(list(pages)[:CONTACT_LIMIT]),
    )


def _values(metric: Any) -> list[str]:
    """A metric's values: a comma-separated string (as recorded) or a list of strings."""
    items: Iterable[Any] = metric.split(",") if isinstance(metric, str) else metric or ()
    if not isinstance(items, list | tuple):
        return []
    return [str(v).strip() for v in items if isinstance(v, str) and v.strip()]


def _phone(value: str) -> Phone:
    try:
        number = phonenumbers.parse(value, None)
    except phonenumbers.NumberParseException:
        return Phone(value, "")
    if not phonenumbers.is_valid_number(number):
        return Phone(value, "")
    return Phone(
        phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL),
        phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164),
    )


def long_date(day: date, lang: str) -> str:
    """ "20 November 2025" / "20 november 2025"."""
    return f"{day.day} {text_for(lang)[f'month.{day.month}']} {day.year}"


# --------------------------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------------------------


def fill(template: str, **parts: Any) -> Markup:
    """A translated sentence with `{name}` parts: the sentence is escaped, and each part is
    escaped unless it is already Markup (a placeholder, a link)."""
    return Markup(escape(template)).format(**parts)


def content_security_policy() -> str:
    """Nothing loads from outside and no script runs."""
    return (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
        "form-action 'none'"
    )


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("reports", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.tests["web_url"] = is_web_url
    return env


_ENV = _environment()


def render(result: AuditResult, lang: str = "en") -> str:
    """The accessibility statement draft as one HTML document in `lang` ("en" or "nl")."""
    t = text_for(lang)
    standard = str(result.config.get("standard") or "")
    return _ENV.get_template("accessibility-statement.html.j2").render(
        lang=lang,
        t=t,
        fill=fill,
        result=result,
        csp=content_security_policy(),
        standard=t.get(f"standard.{standard}", ""),
        compliance=compliance(result.conformance),
        criteria=failing_criteria(result, lang),
        contacts=contact_details(result),
        audit_date=long_date(result.started_at.date(), lang),
        failed_pages=len(result.failed_pages),
        num=number_formatter(lang),
    )
