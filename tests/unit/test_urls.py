"""URL normalisation, origins, loopback detection and the destructive-link guard."""

from __future__ import annotations

import pytest

from auditor.urls import (
    DESTRUCTIVE_WORDS,
    is_loopback,
    looks_destructive,
    normalize_url,
    origin_of,
    same_site,
)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.nl/a#section", "https://example.nl/a"),
        ("https://example.nl#top", "https://example.nl/"),
        ("https://example.nl", "https://example.nl/"),
        ("HTTPS://Example.NL/Pad", "https://example.nl/Pad"),
        ("http://example.nl:80/a", "http://example.nl/a"),
        ("https://example.nl:443/a", "https://example.nl/a"),
        ("https://example.nl:80/a", "https://example.nl:80/a"),
        ("http://127.0.0.1:8000/a", "http://127.0.0.1:8000/a"),
        ("http://[::1]:8000/a", "http://[::1]:8000/a"),
        ("https://example.nl/?b=2&a=1", "https://example.nl/?a=1&b=2"),
        ("https://example.nl/?b=2&a=1&b=1", "https://example.nl/?a=1&b=2&b=1"),
        ("https://example.nl/?q=&flag", "https://example.nl/?flag&q="),
        ("https://example.nl/p?utm_source=x&id=3&UTM_Medium=y", "https://example.nl/p?id=3"),
        ("https://example.nl/p?gclid=1&fbclid=2&msclkid=3&_ga=4&mc_cid=5", "https://example.nl/p"),
        ("https://example.nl/p?ref_src=tw&mkt_tok=x&_hsenc=y", "https://example.nl/p"),
        ("https://example.nl/p?ref=home", "https://example.nl/p?ref=home"),
        ("https://example.nl/zoek?q=a%20b", "https://example.nl/zoek?q=a%20b"),
        ("  https://example.nl/a  ", "https://example.nl/a"),
    ],
)
def test_normalize_url(url: str, expected: str) -> None:
    assert normalize_url(url) == expected


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("../contact", "https://example.nl/contact"),
        ("faq?b=1&a=2#x", "https://example.nl/help/faq?a=2&b=1"),
        ("/", "https://example.nl/"),
        ("//other.example/x", "https://other.example/x"),
        ("?page=2", "https://example.nl/help/artikel?page=2"),
        ("#top", "https://example.nl/help/artikel"),
    ],
)
def test_normalize_url_resolves_relative_links(href: str, expected: str) -> None:
    assert normalize_url(href, "https://example.nl/help/artikel") == expected


@pytest.mark.parametrize(
    "url",
    [
        "mailto:klantenservice@example.nl",
        "tel:+31201234567",
        "javascript:void(0)",
        "ftp://example.nl/file",
        "data:text/html,hi",
        "https://",
        "http://example.nl:99999/",
        "",
    ],
)
def test_normalize_url_rejects_non_http(url: str) -> None:
    assert normalize_url(url) is None


@pytest.mark.parametrize(
    "url",
    [
        "HTTP://WWW.Example.NL:80/a/b?z=1&utm_campaign=x&a=&a=2#frag",
        "https://example.nl/zoek?q=a+b&p=%2F",
        "https://example.nl",
        "http://[::1]:8080/x?b&a",
    ],
)
def test_normalize_url_is_idempotent(url: str) -> None:
    once = normalize_url(url)
    assert once is not None
    assert normalize_url(once) == once


def test_origin_and_same_site() -> None:
    assert origin_of("HTTPS://Example.nl:443/a?b#c") == "https://example.nl"
    assert origin_of("http://127.0.0.1:8000/x") == "http://127.0.0.1:8000"
    assert origin_of("mailto:x@example.nl") is None
    origins = {"https://example.nl"}
    assert same_site("https://example.nl/help", origins)
    assert not same_site("http://example.nl/help", origins)
    assert not same_site("https://www.example.nl/help", origins)
    assert not same_site("https://example.nl:8443/help", origins)


@pytest.mark.parametrize(
    "value",
    [
        "127.0.0.1",
        "127.1.2.3",
        "localhost",
        "LOCALHOST",
        "app.localhost",
        "::1",
        "[::1]",
        "[::1]:8000",
        "127.0.0.1:8000",
        "http://127.0.0.1:8000/x",
        "http://localhost/x",
        "http://[::1]:8000/x",
    ],
)
def test_is_loopback(value: str) -> None:
    assert is_loopback(value)


@pytest.mark.parametrize(
    "value",
    [
        "example.nl",
        "10.0.0.1",
        "128.0.0.1",
        "::2",
        "localhost.example.nl",
        "http://example.nl/127.0.0.1",
        "https://192.168.1.1/",
        "",
    ],
)
def test_is_not_loopback(value: str) -> None:
    assert not is_loopback(value)


@pytest.mark.parametrize(
    ("url", "text"),
    [
        ("https://example.nl/logout", ""),
        ("https://example.nl/account/log-out", ""),
        ("https://example.nl/auth/sign-out?next=/", ""),
        ("https://example.nl/auth/signOut", ""),
        ("https://example.nl/api/deleteAccount", ""),
        ("https://example.nl/mijn/abonnement-opzeggen", ""),
        ("https://example.nl/mijn/uitloggen", ""),
        ("https://example.nl/nieuwsbrief/afmelden", ""),
        ("https://example.nl/account/remove_account", ""),
        ("https://example.nl/account/close-account", ""),
        ("https://example.nl/item?id=3&action=delete", ""),
        ("https://example.nl/nieuwsbrief?do=unsubscribe", ""),
        ("https://example.nl/bestand/verwijderen/12", ""),
        ("https://example.nl/mijn/account", "Uitloggen"),
        ("https://example.nl/a", "Log out"),
        ("https://example.nl/a", "  Sign out of your account "),
        ("https://example.nl/a", "Close account"),
        ("https://example.nl/a", "Abonnement opzeggen"),
    ],
)
def test_looks_destructive(url: str, text: str) -> None:
    assert looks_destructive(url, text)


@pytest.mark.parametrize(
    ("url", "text"),
    [
        ("https://example.nl/deleted-scenes-faq", ""),
        ("https://example.nl/blog/outdoor", ""),
        ("https://example.nl/catalog/out-of-stock", "Out of stock"),
        ("https://example.nl/help/inloggen", "Inloggen"),
        ("https://example.nl/help/account-verwijderd", ""),
        ("https://example.nl/a", "Deleted items are kept for 30 days"),
        ("https://example.nl/a", "Close the menu, open your account"),
        ("https://logout.example.nl/help", "Help"),
        ("https://example.nl/help#logout", ""),
    ],
)
def test_looks_harmless(url: str, text: str) -> None:
    assert not looks_destructive(url, text)


def test_looks_destructive_with_own_words() -> None:
    assert looks_destructive("https://example.nl/shop/cart/empty-cart", words=("empty cart",))
    assert not looks_destructive("https://example.nl/logout", words=("empty cart",))
    assert "logout" in DESTRUCTIVE_WORDS
