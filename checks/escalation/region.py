"""The regions whose numbering plans a site's national phone numbers follow.

One rule for every escalation check, so they agree on what "020 123 4567" means: the check
option `region` when given; else the country-code top-level domain of the URL (`.nl` NL,
`.be` BE, `.de` DE, `.co.uk`/`.uk` GB, any other ccTLD that libphonenumber knows, except the
ones used as generic domains such as `.io` or `.tv`; `.gov`, `.mil` and `.edu` are US);
else the site's main language (the start page's `lang`, which the engine reads once before
the crawl and hands every page as `probes["site"]["regions"]`: auditor/site_language.py);
else the page's own language (nl NL, en GB, de DE, fr FR…); else NL.

So the English, German and Polish pages of a Dutch site on a `.org` domain read "0800-1234"
as the Dutch number it is. English is written on both sides of the Atlantic: on a site whose
region comes from English, numbers are read as GB and as US (North American) numbers, whose
national forms cannot be taken for each other (GB numbers start with 0, North American ones
never do): "0800 123 4567" and "1-866-555-0100" are both found.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from urllib.parse import urlsplit

import phonenumbers

from auditor.model import PageSnapshot

DEFAULT_REGION = "NL"
# ccTLDs whose letters are not the ISO country code used by libphonenumber.
TLD_REGIONS = {"uk": "GB"}
# ccTLDs that are mostly used as generic domains and say nothing about the country.
GENERIC_CCTLDS = frozenset(
    {"ai", "app", "cc", "co", "fm", "gg", "io", "ly", "me", "nu", "sh", "to", "tv", "ws"}
)
# Generic top-level domains that only one country uses.
COUNTRY_GTLDS = {"gov": "US", "mil": "US", "edu": "US"}
# Regions read as well when a language chose the region (see the module's docstring).
LANGUAGE_ALSO: dict[str, tuple[str, ...]] = {"en": ("US",)}
LANGUAGE_REGIONS = {
    "nl": "NL",
    "en": "GB",
    "de": "DE",
    "fr": "FR",
    "es": "ES",
    "it": "IT",
    "pt": "PT",
    "pl": "PL",
    "da": "DK",
    "sv": "SE",
    "fi": "FI",
    "nb": "NO",
    "no": "NO",
    "cs": "CZ",
    "el": "GR",
}


def site_region(url: str, language: str = "", region: str = "") -> str:
    """The main region for `url`: the option, else the ccTLD, else the language, else NL."""
    return site_regions(url, language, region)[0]


def site_regions(url: str, language: str = "", region: str = "") -> tuple[str, ...]:
    """The regions to read national numbers in, the main one first (see the docstring)."""
    if region:
        return (region.upper(),)
    tld = tld_region(url)
    if tld:
        return (tld,)
    language = language.lower()
    return (LANGUAGE_REGIONS.get(language, DEFAULT_REGION), *LANGUAGE_ALSO.get(language, ()))


def tld_region(url: str) -> str:
    """The region named by the URL's country-code top-level domain, or ''."""
    host = (urlsplit(url).hostname or "").rstrip(".").lower()
    if not host or "." not in host or _is_ip(host):
        return ""
    tld = host.rsplit(".", 1)[1]
    if tld in COUNTRY_GTLDS:
        return COUNTRY_GTLDS[tld]
    candidate = TLD_REGIONS.get(tld, tld.upper())
    if tld in GENERIC_CCTLDS or candidate not in phonenumbers.SUPPORTED_REGIONS:
        return ""
    return candidate


def page_regions(page: PageSnapshot, region: str = "") -> tuple[str, ...]:
    """The regions for a page: the option, else the site's (decided by the engine once for
    the whole site), else from the page's own URL and language."""
    if region:
        return (region.upper(),)
    site = page.probes.get("site")
    if isinstance(site, Mapping) and site.get("regions"):
        return tuple(str(r) for r in site["regions"])
    return site_regions(page.final_url, page.language)


def page_region(page: PageSnapshot, region: str = "") -> str:
    return page_regions(page, region)[0]


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True
