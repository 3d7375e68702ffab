"""ALL_CHECKS: the explicit list of checks, like ruff's rule table. Ids are public API."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from auditor.check import Check
from auditor.model import PageSnapshot, SiteSummary
from checks.accessibility import (
    axe,
    consistent_help,
    document_accessible,
    focus_visible,
    lang_matches_content,
    reflow_320,
    text_zoom_200,
)
from checks.escalation import (
    chatbot_only,
    contact_email_not_linked,
    contact_email_visible,
    contact_number_inconsistent,
    contact_page_linked,
    contact_phone_not_linked,
    contact_phone_visible,
    contact_route_depth,
    no_human_contact,
    no_phone_anywhere,
    opening_hours_missing,
)
from checks.escalation.contacts import contact_facts
from checks.feedback import feedback_missing
from checks.findability import faq_only, site_search_broken, site_search_missing
from checks.findability.facts import FACTS_KEY as SELFSERVICE
from checks.findability.facts import selfservice_facts
from checks.interactivity import dead_end_task, login_route_missing
from checks.language import (
    hard_sentence,
    jargon_term,
    rare_word,
    readability_level,
    unexplained_abbreviation,
)
from checks.language.site_text import FACTS_KEY as LANGUAGE
from checks.language.site_text import language_facts
from checks.outdated import (
    broken_anchor,
    broken_image,
    broken_link,
    expired_date,
    malformed_contact_link,
    old_copyright_year,
    past_year_reference,
    redirect_chain,
    stale_page,
    undated_page,
)
from checks.trust import (
    hsts_missing,
    insecure_login_form,
    insecure_session_cookie,
    mixed_content,
    not_https,
    page_open_without_login,
    password_autocomplete,
    security_headers_missing,
)

ALL_CHECKS: tuple[Check, ...] = (
    axe.CHECK,
    reflow_320.CHECK,
    text_zoom_200.CHECK,
    focus_visible.CHECK,
    readability_level.CHECK,
    hard_sentence.CHECK,
    jargon_term.CHECK,
    rare_word.CHECK,
    unexplained_abbreviation.CHECK,
    stale_page.CHECK,
    undated_page.CHECK,
    expired_date.CHECK,
    old_copyright_year.CHECK,
    past_year_reference.CHECK,
    broken_link.CHECK,
    broken_image.CHECK,
    broken_anchor.CHECK,
    redirect_chain.CHECK,
    malformed_contact_link.CHECK,
    site_search_missing.CHECK,
    site_search_broken.CHECK,
    faq_only.CHECK,
    dead_end_task.CHECK,
    login_route_missing.CHECK,
    feedback_missing.CHECK,
    contact_phone_visible.CHECK,
    contact_email_visible.CHECK,
    contact_page_linked.CHECK,
    contact_phone_not_linked.CHECK,
    contact_email_not_linked.CHECK,
    chatbot_only.CHECK,
    opening_hours_missing.CHECK,
    contact_number_inconsistent.CHECK,
    contact_route_depth.CHECK,
    no_human_contact.CHECK,
    no_phone_anywhere.CHECK,
    lang_matches_content.CHECK,
    document_accessible.CHECK,
    consistent_help.CHECK,
    not_https.CHECK,
    mixed_content.CHECK,
    hsts_missing.CHECK,
    insecure_login_form.CHECK,
    password_autocomplete.CHECK,
    security_headers_missing.CHECK,
    insecure_session_cookie.CHECK,
    page_open_without_login.CHECK,
)

# Small per-page facts the engine stores in PageSummary.facts for the site checks.
PAGE_FACTS: dict[str, Callable[[PageSnapshot], Mapping[str, Any]]] = {
    SELFSERVICE: selfservice_facts,
    "contact": contact_facts,
    LANGUAGE: language_facts,
}

# Site-level metrics for the summary (report.json site.metrics), when the site has such pages.
SITE_METRICS: dict[str, Callable[[SiteSummary], Any]] = {
    "feedback_share": feedback_missing.feedback_share,
}

BY_ID: dict[str, Check] = {check.id: check for check in ALL_CHECKS}
