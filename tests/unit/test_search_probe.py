"""Which search forms the probe may submit: only a plain search on the audited origin."""

from __future__ import annotations

import pytest

from auditor.robots import RobotsPolicy
from auditor.search_probe import SearchPlan, refusal
from auditor.testing import make_page

SITE = "https://voorbeeld.nl"
ROBOTS = "User-agent: *\nDisallow: /prive/\n"


def plan_for(form: str) -> tuple[SearchPlan, str]:
    html = (
        f"<html lang='nl'><title>Hulp</title><body><header>{form}</header><main>"
        "<h1>Meterstand doorgeven</h1><h2>Meterstand controleren</h2></main></body></html>"
    )
    plan = SearchPlan()
    plan.observe(make_page(html, url=f"{SITE}/hulp/"))
    url, _term = plan.query()
    return plan, url


def why_not(form: str, *, ignore_robots: bool = False) -> str:
    plan, url = plan_for(form)
    assert plan.form is not None and url
    robots = RobotsPolicy()
    robots.set_rules(SITE, ROBOTS)
    return refusal(plan.form, url, {SITE}, None if ignore_robots else robots, ("pauzeren",))


def search(action: str, extra: str = "") -> str:
    return (
        f"<form role='search' action='{action}'>{extra}"
        "<input type='search' name='q' aria-label='Zoek'></form>"
    )


def test_a_plain_search_form_on_the_site_is_submitted() -> None:
    assert why_not(search("/zoeken")) == ""
    _plan, url = plan_for(search("/zoeken"))
    assert url == f"{SITE}/zoeken?q=meterstand"
    assert why_not(search(f"{SITE}/zoeken?oud=1")) == ""  # the action's own query is dropped


@pytest.mark.parametrize(
    ("form", "reason"),
    [
        (
            search("/account/delete", "<input type='hidden' name='confirm' value='1'>"),
            "the search form has a hidden command (confirm=1)",
        ),
        (
            search("/zoeken", "<input type='hidden' name='action' value='delete'>"),
            "the search form has a hidden command (action=delete)",
        ),
        (
            search("/zoeken", "<input type='hidden' name='_method' value='DELETE'>"),
            "the search form has a hidden method override (_method=DELETE)",
        ),
        (
            search("/zoeken", "<input type='hidden' name='verb' value='post'>"),
            "the search form has a hidden method override (verb=post)",
        ),
        (
            search("/zoeken", "<input type='hidden' name='authenticity_token' value='s3cr3t'>"),
            "the search form has a hidden token (authenticity_token)",
        ),
        (
            search("/zoeken", "<input type='hidden' name='__RequestVerificationToken' value='x'>"),
            "the search form has a hidden token (__RequestVerificationToken)",
        ),
        (
            search("/zoeken", "<input type='hidden' name='form_key' value='x'>"),
            "the search form has a hidden token (form_key)",
        ),
        (search("/account/delete"), "the search form's action is an action link"),
        (search("/abonnement/pauzeren"), "the search form's action is an action link"),
        (
            "<form role='search' action='/zoeken'><input type='search' name='delete'"
            " aria-label='Zoek'></form>",
            "the search form's action is an action link",
        ),
        (search("/prive/zoeken"), "robots.txt disallows the search form's action"),
        (
            search("https://voorbeeld.nl:8443/zoeken"),
            "the search form submits to another origin (https://voorbeeld.nl:8443)",
        ),
        (
            search("http://voorbeeld.nl/zoeken"),
            "the search form submits to another origin (http://voorbeeld.nl)",
        ),
        (
            search("https://zoeken.voorbeeld.nl/"),
            "the search form submits to another origin (https://zoeken.voorbeeld.nl)",
        ),
    ],
)
def test_a_form_that_is_not_plainly_a_search_is_not_submitted(form: str, reason: str) -> None:
    assert why_not(form) == reason


def test_hidden_settings_of_a_search_engine_are_submitted_as_a_browser_would() -> None:
    """A site-search appliance's GET form carries a dozen plain hidden settings (site,
    language, page size); the probe submits them, as the visitor's browser does."""
    settings = [("site", "hulp"), ("lr", "lang_nl"), ("num", "6"), ("sort", "date:D:L:d1")]
    hidden = "".join(f"<input type='hidden' name='{n}' value='{v}'>" for n, v in settings)
    assert why_not(search("/zoeken", hidden)) == ""
    _plan, url = plan_for(search("/zoeken", hidden))
    assert url == f"{SITE}/zoeken?site=hulp&lr=lang_nl&num=6&sort=date%3AD%3AL%3Ad1&q=meterstand"


def test_ignore_robots_lifts_only_the_robots_rule() -> None:
    assert why_not(search("/prive/zoeken"), ignore_robots=True) == ""
