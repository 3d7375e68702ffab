"""The region whose numbering plan a site's national phone numbers follow.

One rule for every escalation check, so they agree on what "020 123 4567" means: the check
option `region` when given; else the country-code top-level domain of the URL (`.nl` NL,
`.be` BE, `.de` DE, `.co.uk`/`.uk` GB, any other ccTLD that libphonenumber knows, except the
ones used as generic domains such as `.io` or `.tv`); else the page language (nl NL, en GB,
de DE, fr FR…); else NL. A site has one host, so on a country domain every page gets the same
region; only on generic domains (.com, .org, an IP address) can pages in different languages
differ, which is why the engine may decide it once from the start URL and pass it as `region`.
"""

from __future__ import annotations

import ipaddress
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
    """The region for `url`: the option, else the ccTLD, else the language, else NL."""
    if region:
        return region.upper()
    return tld_region(url) or LANGUAGE_REGIONS.get(language.lower(), DEFAULT_REGION)


def tld_region(url: str) -> str:
    """The region named by the URL's country-code top-level domain, or ''."""
    host = (urlsplit(url).hostname or "").rstrip(".").lower()
    if not host or "." not in host or _is_ip(host):
        return ""
    tld = host.rsplit(".", 1)[1]
    candidate = TLD_REGIONS.get(tld, tld.upper())
    if tld in GENERIC_CCTLDS or candidate not in phonenumbers.SUPPORTED_REGIONS:
        return ""
    return candidate


def page_region(page: PageSnapshot, region: str = "") -> str:
    return site_region(page.final_url, page.language, region)


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True
