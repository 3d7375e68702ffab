"""The accessibility statement draft (reports/statement.py): structure of the EU model
statement, compliance status from the conformance table, contact details from the page
metrics, placeholders, both languages, escaping."""

from __future__ import annotations

import dataclasses
import json
import re
import string
from itertools import pairwise
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag

from auditor.model import AuditResult, Finding, Issue, PageResult, Pitfall, Severity
from auditor.testing import make_page
from checks.escalation import contact_email_visible, contact_phone_visible
from reports import statement
from tests.sample_result import CONTACT, HOME, METER, MOVING, sample_result

SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE_BREAKOUT = '"><img src=x onerror=alert(1)>'
PAYLOAD = f"{SCRIPT}{ATTRIBUTE_BREAKOUT}"
JS_URL = "javascript:alert(1)"

SECTION_IDS = ["compliance-status", "non-accessible-content", "preparation", "feedback"]
SECTION_IDS.append("enforcement")


def soup_of(result: AuditResult, lang: str = "en") -> BeautifulSoup:
    return BeautifulSoup(statement.render(result, lang), "html.parser")


def text_without_placeholders(soup: BeautifulSoup) -> str:
    """The statement's text as it would read with every placeholder left out."""
    copy = BeautifulSoup(str(soup), "html.parser")
    for mark in copy.select("mark.placeholder"):
        mark.decompose()
    return " ".join(copy.get_text(" ").split())


def placeholders(soup: BeautifulSoup) -> list[str]:
    return [m.get_text() for m in soup.select("mark.placeholder")]


def section(soup: BeautifulSoup, heading_id: str) -> str:
    """The text from a section's h2 up to the next h2."""
    heading = soup.find("h2", id=heading_id)
    assert isinstance(heading, Tag), heading_id
    parts = []
    for el in heading.find_next_siblings():
        if el.name == "h2":
            break
        parts.append(el.get_text(" "))
    return " ".join(" ".join(parts).split())


def row(sc: str, status: str, **extra: Any) -> dict[str, Any]:
    """A conformance row as auditor/conformance.py writes it."""
    return {
        "sc": sc,
        "level": "A",
        "title": {"en": f"Title {sc}", "nl": f"Titel {sc}"},
        "en301549": f"9.{sc}",
        "url": f"https://www.w3.org/WAI/WCAG22/Understanding/{sc}",
        "obsolete": False,
        "status": status,
        "rules": [],
        "failing_checks": [],
        "review_rules": [],
        "pages_failing": 0,
        "pages_review": 0,
        "example_urls": [],
        **extra,
    }


def with_rows(*rows: dict[str, Any]) -> AuditResult:
    return dataclasses.replace(sample_result(), conformance=tuple(rows))


def with_metrics(result: AuditResult, metrics_by_url: dict[str, dict[str, Any]]) -> AuditResult:
    pages = tuple(
        dataclasses.replace(p, metrics={**p.metrics, **metrics_by_url.get(p.url, {})})
        for p in result.pages
    )
    return dataclasses.replace(result, pages=pages)


# --------------------------------------------------------------------------------------------
# Strings
# --------------------------------------------------------------------------------------------


def test_both_languages_have_the_same_keys() -> None:
    assert set(statement.TEXT) == set(statement.LANGUAGES)
    assert set(statement.TEXT["en"]) == set(statement.TEXT["nl"])


def test_no_string_is_empty_and_both_languages_fill_in_the_same_parts() -> None:
    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    for key, english in statement.TEXT["en"].items():
        dutch = statement.TEXT["nl"][key]
        assert english.strip() and dutch.strip(), key
        assert fields(english) == fields(dutch), key


def test_dutch_strings_are_translated() -> None:
    same = {k for k, v in statement.TEXT["en"].items() if statement.TEXT["nl"][k] == v}
    assert same <= {"col.clause"}, same


def test_unsupported_language_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unsupported statement language 'de'"):
        statement.render(sample_result(), "de")


# --------------------------------------------------------------------------------------------
# Structure of the model statement
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "title"), [("en", "Accessibility statement"), ("nl", "Toegankelijkheidsverklaring")]
)
def test_statement_has_the_model_sections_in_order(lang: str, title: str) -> None:
    soup = soup_of(sample_result(), lang)
    html = soup.find("html")
    assert isinstance(html, Tag) and html["lang"] == lang
    h1 = soup.find("h1")
    assert isinstance(h1, Tag) and h1.get_text() == title
    assert [h["id"] for h in soup.find_all("h2")] == SECTION_IDS
    headings = [h.get_text() for h in soup.find_all(["h2", "h3"])]
    t = statement.TEXT[lang]
    for key in (
        "status_heading",
        "non_accessible_heading",
        "non_compliance_heading",
        "burden_heading",
        "out_of_scope_heading",
        "preparation_heading",
        "feedback_heading",
        "enforcement_heading",
    ):
        assert t[key] in headings, key


def test_draft_note_comes_first_and_placeholders_are_marked() -> None:
    soup = soup_of(sample_result())
    main = soup.find("main")
    assert isinstance(main, Tag)
    first_after_h1 = main.find("h1").find_next_sibling()  # type: ignore[union-attr]
    assert isinstance(first_after_h1, Tag)
    assert first_after_h1.get("role") == "note"
    assert first_after_h1.get_text().startswith("Draft.")
    marks = placeholders(soup)
    t = statement.TEXT["en"]
    for key in ("ph.org", "ph.law", "ph.manual_method", "ph.enforcement", "ph.days"):
        assert f"[{t[key]}]" in marks, key
    assert marks.count(f"[{t['ph.date']}]") == 2  # prepared on, last reviewed
    assert all(m.startswith("[") and m.endswith("]") for m in marks)
    assert "mark.placeholder" in statement.render(sample_result())  # styled, so visible


def test_the_last_reviewed_date_is_a_placeholder() -> None:
    soup = soup_of(sample_result(), "nl")
    last = soup.find("main").find_all("p")[-1]  # type: ignore[union-attr]
    assert "voor het laatst herzien op" in last.get_text()
    assert last.select_one("mark.placeholder").get_text() == "[datum]"


def test_enforcement_body_is_left_to_the_user_in_dutch() -> None:
    soup = soup_of(sample_result(), "nl")
    text = section(soup, "enforcement")
    assert "[naam en contactgegevens van de toezichthouder]" in text
    assert "in te vullen" in text
    heading = soup.find("h2", id="enforcement")
    links = [a for a in heading.find_all_next("a") if a.find_parent("main")]  # type: ignore[union-attr]
    assert links == []  # no authority URL invented


def test_preparation_names_date_tools_standard_and_pages() -> None:
    text = section(soup_of(sample_result()), "preparation")
    assert "20 November 2025" in text
    assert "cx-audit 0.1.0" in text and "axe-core 4.10.2" in text and "131.0.6778.33" in text
    assert "WCAG 2.1 level AA" in text
    assert "Pages audited: 6" in text and "could not be loaded: 1" in text
    assert "not audited (page limit): 39" in text
    assert "[a manual evaluation" in text


def test_dutch_dates_and_numbers() -> None:
    text = section(soup_of(sample_result(), "nl"), "preparation")
    assert "20 november 2025" in text
    big = dataclasses.replace(sample_result(), not_audited=12345)
    assert "12.345" in section(soup_of(big, "nl"), "preparation")


# --------------------------------------------------------------------------------------------
# Compliance status and non-accessible content
# --------------------------------------------------------------------------------------------


def test_failing_criteria_are_listed_with_titles_pages_and_failures() -> None:
    result = sample_result()
    expected = [r["sc"] for r in result.conformance if r["status"] == "fails"]
    assert expected == ["1.1.1", "1.3.1", "1.4.3", "4.1.2"]
    soup = soup_of(result)
    table = soup.find("table")
    assert isinstance(table, Tag)
    rows = table.select("tbody tr")
    assert [r.th.get_text().split()[0] for r in rows] == expected  # type: ignore[union-attr]
    first = rows[0]
    assert "Non-text Content" in first.th.get_text()  # type: ignore[union-attr]
    assert "(level A)" in first.th.get_text()  # type: ignore[union-attr]
    cells = [td.get_text(" ") for td in first.find_all("td")]
    assert "9.1.1.1" in cells[0]
    assert "3 of 5 pages" in " ".join(cells[1].split())
    examples = [a["href"] for a in first.find_all("td")[1].find_all("a")]
    assert examples == [HOME, METER, MOVING]
    assert "Images must have alternative text" in cells[2]
    label = rows[1].find_all("td")[2].get_text()
    assert "Form elements must have labels" in label
    assert "alternative text" not in label


def test_sample_is_partially_compliant_never_fully() -> None:
    soup = soup_of(sample_result())
    status = soup.find("h2", id="compliance-status").find_next_sibling("p")  # type: ignore[union-attr]
    assert status.strong.get_text() == "partially compliant"  # type: ignore[union-attr]
    assert "WCAG 2.1 level AA" in status.get_text()  # type: ignore[union-attr]
    note = section(soup, "compliance-status")
    assert "failures on 4 success criteria" in note
    assert "Only a manual evaluation can establish full compliance" in note
    assert "fully compliant" not in text_without_placeholders(soup)
    assert any("fully compliant" in m for m in placeholders(soup))  # offered only as a choice


def test_dutch_statement_is_partially_compliant_with_dutch_titles() -> None:
    soup = soup_of(sample_result(), "nl")
    status = soup.find("h2", id="compliance-status").find_next_sibling("p")  # type: ignore[union-attr]
    assert status.strong.get_text() == "gedeeltelijk in overeenstemming"  # type: ignore[union-attr]
    assert "volledig in overeenstemming" not in text_without_placeholders(soup)
    table_text = soup.find("table").get_text(" ")  # type: ignore[union-attr]
    assert "Niet-tekstuele content" in table_text and "(niveau A)" in table_text
    assert "3 van 5 pagina's" in " ".join(table_text.split())


def test_most_judged_criteria_failing_is_not_compliant() -> None:
    result = with_rows(
        row("1.1.1", "fails", pages_failing=2),
        row("1.3.1", "fails", pages_failing=1),
        row("1.4.3", "no-automated-failures"),
        row("2.4.2", "not-testable"),
    )
    assert statement.compliance(result.conformance).status == "not"
    soup = soup_of(result)
    status = soup.find("h2", id="compliance-status").find_next_sibling("p")  # type: ignore[union-attr]
    assert status.strong.get_text() == "not compliant"  # type: ignore[union-attr]
    assert "failures on 2 of the 3 success criteria" in section(soup, "compliance-status")
    assert "fully compliant" not in text_without_placeholders(soup)


def test_half_or_fewer_failing_is_partially_compliant() -> None:
    rows = (row("1.1.1", "fails"), row("1.4.3", "no-automated-failures"))
    assert statement.compliance(rows).status == "partially"
    assert statement.compliance((row("1.1.1", "fails"),)).status == "not"


def test_no_automated_failures_leaves_the_status_to_the_user() -> None:
    result = with_rows(
        row("1.1.1", "no-automated-failures"),
        row("1.4.3", "needs-review", pages_review=1),
        row("2.4.2", "not-testable"),
    )
    soup = soup_of(result)
    status = soup.find("h2", id="compliance-status").find_next_sibling("p")  # type: ignore[union-attr]
    assert status.strong is None  # type: ignore[union-attr]
    assert status.select_one("mark.placeholder") is not None  # type: ignore[union-attr]
    assert status.get_text().startswith("This website is [fully compliant / partially")  # type: ignore[union-attr]
    text = text_without_placeholders(soup)
    for claim in ("fully compliant", "partially compliant", "not compliant"):
        assert claim not in text, claim
    assert soup.find("table") is None
    assert "no failures on the 1 success criteria" in section(soup, "compliance-status")
    assert "The automated audit found no failures." in section(soup, "non-accessible-content")


def test_empty_conformance_table_gives_a_sensible_statement() -> None:
    result = with_rows()
    for lang in statement.LANGUAGES:
        soup = soup_of(result, lang)
        t = statement.TEXT[lang]
        assert [h["id"] for h in soup.find_all("h2")] == SECTION_IDS
        assert soup.find("table") is None
        assert t["why.no_table"] in section(soup, "compliance-status")
        non_accessible = section(soup, "non-accessible-content")
        assert t["no_table_found"] in non_accessible
        assert f"[{t['ph.manual_failures']}]" in non_accessible
        assert f"[{t['ph.status_choice']}]" in placeholders(soup)
        assert t["status.partially"] not in text_without_placeholders(soup)
        assert t["method.results"].split("{")[0] not in section(soup, "preparation")


def test_suppressed_findings_still_name_the_failing_rule() -> None:
    rows = (row("1.1.1", "fails", failing_checks=["axe/image-alt"], pages_failing=4),)
    result = dataclasses.replace(with_rows(*rows), issues=())
    cell = soup_of(result).find("table").select("tbody td")[2]  # type: ignore[union-attr]
    assert "axe/image-alt" in cell.get_text()


def test_failures_per_criterion_are_capped() -> None:
    base = sample_result().issues[0]
    issues = tuple(
        dataclasses.replace(base, id=f"i{n}", check_id=f"own-{n}", title=f"Failure {n}")
        for n in range(statement.FAILURE_LIMIT + 2)
    )
    result = dataclasses.replace(with_rows(row("1.1.1", "fails", pages_failing=1)), issues=issues)
    (criterion,) = statement.failing_criteria(result, "en")
    assert criterion.failures == tuple(f"Failure {n}" for n in range(statement.FAILURE_LIMIT))
    assert criterion.more_failures == 2
    assert "and 2 more" in soup_of(result).find("table").get_text()  # type: ignore[union-attr]


def test_review_only_issues_are_not_listed_as_failures() -> None:
    base = sample_result().issues[0]
    review = dataclasses.replace(base, title="Maybe a problem", needs_review=True)
    result = dataclasses.replace(with_rows(row("1.1.1", "fails")), issues=(review, base))
    (criterion,) = statement.failing_criteria(result, "en")
    assert criterion.failures == ("Images must have alternative text",)


# --------------------------------------------------------------------------------------------
# Contact details
# --------------------------------------------------------------------------------------------


def test_contact_details_come_from_the_page_metrics() -> None:
    result = with_metrics(
        sample_result(),
        {
            HOME: {"contact_phones": "+31881234567", "contact_emails": "info@energie-voorbeeld.nl"},
            CONTACT: {"contact_phones": "+31201234567, +31881234567"},
        },
    )
    soup = soup_of(result)
    text = section(soup, "feedback")
    hrefs = [a["href"] for a in soup.find("h2", id="feedback").find_all_next("a")]  # type: ignore[union-attr]
    # the contact page's numbers first, each once
    assert [h for h in hrefs if h.startswith("tel:")] == ["tel:+31201234567", "tel:+31881234567"]
    assert "+31 20 123 4567" in text
    assert "mailto:info@energie-voorbeeld.nl" in hrefs
    assert CONTACT in hrefs
    t = statement.TEXT["en"]
    for key in ("ph.phone", "ph.email", "ph.contact_page"):
        assert f"[{t[key]}]" not in text, key
    assert t["contact_found_note"] in text


def test_without_contact_details_the_feedback_section_has_placeholders() -> None:
    result = dataclasses.replace(
        sample_result(),
        pages=tuple(dataclasses.replace(p, kind="other") for p in sample_result().pages),
    )
    for lang in statement.LANGUAGES:
        t = statement.TEXT[lang]
        text = section(soup_of(result, lang), "feedback")
        for key in ("ph.phone", "ph.email", "ph.contact_page", "ph.days"):
            assert f"[{t[key]}]" in text, (lang, key)
        assert t["contact_none_note"] in text


def test_contact_details_are_capped_and_failed_pages_ignored() -> None:
    numbers = [f"+3120123456{n}" for n in range(5)]
    metrics = {"contact_phones": ", ".join(numbers), "contact_emails": ["A@B.NL"]}
    result = with_metrics(sample_result(), {METER: metrics})
    failed = dataclasses.replace(
        result.pages[-1], metrics={"contact_emails": "ghost@energie-voorbeeld.nl"}
    )
    result = dataclasses.replace(result, pages=(*result.pages[:-1], failed))
    details = statement.contact_details(result)
    assert [p.tel for p in details.phones] == numbers[: statement.CONTACT_LIMIT]
    assert [e.address for e in details.emails] == ["a@b.nl"]
    assert details.pages == (CONTACT,)


def test_contact_metrics_survive_report_json() -> None:
    result = with_metrics(sample_result(), {CONTACT: {"contact_phones": "+31201234567"}})
    again = AuditResult.from_dict(json.loads(json.dumps(result.to_dict())))
    assert statement.render(again, "nl") == statement.render(result, "nl")
    assert "tel:+31201234567" in statement.render(again, "nl")


def test_phone_measure_records_customer_numbers_on_any_page() -> None:
    page = make_page(
        "<html lang=nl><body><main><p>Bel 020 123 4567 of 088 123 4567.</p>"
        "<p>Fax: 020 123 4568</p><p>KvK 12345678</p></main></body></html>",
        url="https://voorbeeld.nl/hulp/verhuizen",
    )
    assert page.kind != "contact"
    assert contact_phone_visible.CHECK.measure is contact_phone_visible.measure
    assert contact_phone_visible.measure(page) == {"contact_phones": "+31201234567, +31881234567"}
    empty = make_page("<html lang=nl><body><p>Geen nummer.</p></body></html>")
    assert contact_phone_visible.measure(empty) == {}


def test_email_measure_records_customer_addresses_only() -> None:
    page = make_page(
        "<html lang=nl><body><p>Mail Klantenservice@Voorbeeld.nl</p>"
        "<p>Pers: pers@voorbeeld.nl</p></body></html>",
        url="https://voorbeeld.nl/",
    )
    assert contact_email_visible.CHECK.measure is contact_email_visible.measure
    assert contact_email_visible.measure(page) == {"contact_emails": "klantenservice@voorbeeld.nl"}
    assert contact_email_visible.measure(make_page("<p>Niets.</p>")) == {}


# --------------------------------------------------------------------------------------------
# Safety and accessible markup
# --------------------------------------------------------------------------------------------


def hostile_result() -> AuditResult:
    """Attacker-controlled text in every field of the result the statement shows."""
    result = sample_result()
    contact = PageResult(
        f"https://www.energie-voorbeeld.nl/{ATTRIBUTE_BREAKOUT}",
        f"https://www.energie-voorbeeld.nl/{ATTRIBUTE_BREAKOUT}",
        200,
        PAYLOAD,
        1,
        "nl",
        "contact",
        metrics={
            "contact_phones": f"+31201234567, {PAYLOAD}",
            "contact_emails": f"{PAYLOAD}, info@x.nl{ATTRIBUTE_BREAKOUT}",
        },
    )
    js_contact = dataclasses.replace(contact, url=JS_URL, final_url=JS_URL)
    finding = Finding(
        "own-check", Pitfall.ACCESSIBILITY, Severity.SERIOUS, PAYLOAD, JS_URL, wcag=("1.1.1",)
    )
    issue = Issue(
        id="x",
        check_id="own-check",
        pitfall=Pitfall.ACCESSIBILITY,
        severity=Severity.SERIOUS,
        title=PAYLOAD,
        message=PAYLOAD,
        priority=99.0,
        why=PAYLOAD,
        page_count=1,
        example_urls=(JS_URL,),
        fingerprints=(finding.fingerprint,),
        wcag=("1.1.1",),
    )
    rows = [dict(r) for r in result.conformance]
    rows[0] = {
        **rows[0],
        "title": {"en": PAYLOAD, "nl": PAYLOAD},
        "url": JS_URL,
        "level": PAYLOAD,
        "en301549": PAYLOAD,
        "example_urls": [JS_URL, f"https://x.nl/{ATTRIBUTE_BREAKOUT}"],
        "failing_checks": [PAYLOAD],
    }
    return dataclasses.replace(
        result,
        tool={"version": PAYLOAD, "axe_core": PAYLOAD, "chromium": PAYLOAD},
        start_urls=(f"https://example.nl/{ATTRIBUTE_BREAKOUT}", JS_URL),
        pages=(*result.pages, contact, js_contact),
        findings=(*result.findings, finding),
        issues=(issue, *result.issues),
        conformance=tuple(rows),
    )


@pytest.mark.parametrize("lang", statement.LANGUAGES)
def test_text_from_the_site_is_escaped_not_executed(lang: str) -> None:
    text = statement.render(hostile_result(), lang)
    assert "<script>alert" not in text and "<img src=x" not in text
    soup = BeautifulSoup(text, "html.parser")
    assert soup.find_all("script") == []
    assert soup.find_all("img") == []
    for tag in soup.find_all(True):
        assert not [name for name in tag.attrs if name.lower().startswith("on")], tag.name
    page_text = soup.get_text()
    assert page_text.count(SCRIPT) >= 5 and ATTRIBUTE_BREAKOUT in page_text
    assert JS_URL in page_text


def test_only_safe_links_are_made() -> None:
    soup = BeautifulSoup(statement.render(hostile_result()), "html.parser")
    hrefs = [str(a["href"]) for a in soup.find_all("a", href=True)]
    assert "tel:+31201234567" in hrefs
    for href in hrefs:
        if href.startswith("tel:"):
            assert re.fullmatch(r"tel:\+\d+", href), href
        elif href.startswith("mailto:"):
            assert re.fullmatch(r"mailto:[\w.+-]+@[\w.-]+", href), href
        else:
            assert href.startswith(("https://", "http://")), href
    assert not any(h.startswith("mailto:info@x.nl") for h in hrefs)  # not a well-formed address


def test_self_contained_with_a_strict_content_security_policy() -> None:
    text = statement.render(sample_result())
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*//""", text, re.I)
    assert not re.search(r"""src\s*=""", text, re.I)
    assert "<link" not in text.lower() and "@import" not in text and "url(" not in text
    soup = BeautifulSoup(text, "html.parser")
    csp = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert isinstance(csp, Tag)
    policy = str(csp["content"])
    assert policy.startswith("default-src 'none'") and "script-src" not in policy


@pytest.mark.parametrize("lang", statement.LANGUAGES)
def test_one_h1_no_skipped_heading_levels_and_scoped_headers(lang: str) -> None:
    soup = soup_of(sample_result(), lang)
    levels = [int(h.name[1]) for h in soup.find_all(re.compile(r"^h[1-6]$"))]
    assert levels.count(1) == 1 and levels[0] == 1
    assert all(b - a <= 1 for a, b in pairwise(levels))
    headers = soup.find_all("th")
    assert headers and all(th.get("scope") in {"col", "row"} for th in headers)
    assert soup.find("table").find("caption").get_text().strip()  # type: ignore[union-attr]
    assert soup.find("main") is not None and soup.find("title").get_text().strip()  # type: ignore[union-attr]
