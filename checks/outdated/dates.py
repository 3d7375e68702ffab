"""When a page was last updated and first published, and where that date came from.

`page_dates(page)` is computed once per snapshot (`page.memo`) and shared by the outdated
checks. Sources, in order of trust:

- `last_updated`: a visible label with a date ("Laatst bijgewerkt op 3 maart 2021",
  "Bijgewerkt op", "Gewijzigd op", "Last updated", "Updated") → `visible-text`; structured
  data (`article:modified_time`, `og:updated_time`, `itemprop=dateModified`…) → `meta`;
  JSON-LD `dateModified` → `json-ld`; a `<time datetime>` marked as an update (class
  "updated", or an update label just before it) → `time-element`; the sitemap's
  `<lastmod>` (`page.probes["sitemap"]["lastmod"]`, set by the engine) → `sitemap`; the HTTP
  `Last-Modified` header → `http-header`.
- `published`: publication meta (`article:published_time`…) → `meta`; JSON-LD
  `datePublished` → `json-ld`; then htmldate (URL, markup and text heuristics) → `html`,
  visible labels ("Gepubliceerd op", "Geplaatst op", "Published", "Posted on") →
  `visible-text`, and a `<time>` marked as the publication date → `time-element`. htmldate
  reads the markup only (URL, meta, elements), never the free text: on the real-site corpus
  its free-text search took content dates ("Open enrollment starts October 1, 2013") for the
  publication date of 20 English pages. It does not know Dutch month names, so on Dutch pages
  our own parsing of visible dates goes before it; on other pages htmldate goes first.

The HTTP `Last-Modified` header of a dynamic page is the time of the response, not of an
edit: a `Last-Modified` on or after the fetch day is ignored. Dates before 1995 or after the
fetch day (plus one day for time zones) are discarded. "Today" is `page.fetched_at`, which
the engine pins to `--now`.

Visible dates are read in these forms, Dutch and English: "3 maart 2021", "3 mrt. 2021",
"dinsdag 3 maart 2021", "03-03-2021", "3-3-2021", "3/3/2021", "03.03.2021", "March 3, 2021",
"3 March 2021", "3rd of March 2021", "2021-03-03", and month and year ("maart 2021").
Numeric dates are day-month-year (the Dutch and British order); "03/15/2021", which can only
be month-day-year, is read that way.
"""

from __future__ import annotations

import calendar
import dataclasses
import functools
import json
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime, time, timedelta
from email.utils import parsedate_to_datetime
from typing import Any

import lxml.etree
import lxml.html
from bs4 import Tag
from htmldate import find_date
from lxml.html import HtmlElement

from auditor.model import PageSnapshot
from checks.common import sentences

EARLIEST = date(1995, 1, 1)
PAGE_SOURCES = frozenset({"visible-text", "time-element", "meta", "json-ld", "html"})
SHOWN_SOURCES = frozenset({"visible-text", "time-element"})  # dates the reader sees
LISTS_OTHERS = frozenset({"home", "hub", "listing", "search"})  # kinds whose dates are teasers

MONTHS: dict[str, int] = {
    # Dutch
    "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
    "augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mrt": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "okt": 10, "nov": 11, "dec": 12,
    # English (only the names that differ)
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "august": 8,
    "october": 10, "mar": 3, "oct": 10,
}  # fmt: skip
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_YEAR = r"(?:19|20)\d\d"
DATE_PATTERN = re.compile(
    rf"(?<!\d)(?P<iso_y>{_YEAR})-(?P<iso_m>\d{{1,2}})-(?P<iso_d>\d{{1,2}})(?!\d)"
    rf"|(?<![\w.-])(?P<num_d>\d{{1,2}})(?P<sep>[-/.])(?P<num_m>\d{{1,2}})(?P=sep)"
    rf"(?P<num_y>{_YEAR})(?!\d)"
    rf"|(?<!\d)(?P<dmy_d>\d{{1,2}})(?:st|nd|rd|th|e|ste|de)?\s+(?:of\s+)?"
    rf"(?P<dmy_m>{_MONTH})\b\.?,?\s+(?P<dmy_y>{_YEAR})(?!\d)"
    rf"|\b(?P<mdy_m>{_MONTH})\b\.?\s+(?P<mdy_d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+"
    rf"(?P<mdy_y>{_YEAR})(?!\d)"
    rf"|\b(?P<my_m>{_MONTH})\b\.?,?\s+(?P<my_y>{_YEAR})(?!\d)",
    re.I,
)
_HAS_YEAR = re.compile(_YEAR)
_ABBREVIATED_MONTH_END = re.compile(
    rf"\d\s+(?:{'|'.join(m for m in MONTHS if len(m) <= 4)})\.$", re.I
)
_ISO_PREFIX = re.compile(rf"^\s*({_YEAR})-(\d\d)-(\d\d)")

# The leading lookahead (the labels' first letters) lets the regex engine skip fast.
UPDATED_LABEL = re.compile(
    r"(?=[lbgum])\b(?:(?:laatst\s+)?bijgewerkt|laatst\s+gewijzigd|gewijzigd\s+op|"
    r"laatste\s+(?:wijziging|update)|laatst\s+aangepast|(?:laatst\s+)?ge[üu]pdatet|"
    r"(?:last\s+)?updated|"
    r"last\s+(?:modified|reviewed|changed|update|published)|laatst\s+gepubliceerd|"
    r"modified\s+on)\b",
    re.I,
)
PUBLISHED_LABEL = re.compile(  # "last published" is an update
    r"(?=[gpvf])(?<!last )(?<!laatst )\b(?:gepubliceerd|geplaatst\s+op|publicatiedatum|"
    r"verschenen\s+op|(?:first\s+)?published|posted\s+on|posted|publication\s+date|publish\s+date|"
    r"date\s+published)\b",
    re.I,
)
# A date that says when something happens, not when the page was written.
EVENT_LABEL = re.compile(
    r"\b(?:datum\s+(?:van\s+de\s+)?(?:activiteit|evenement|bijeenkomst|webinar|cursus)|"
    r"event\s+date|date\s+of\s+(?:the\s+)?(?:event|meeting|webinar)|wanneer|when|aanvang)"
    r"\s*:?\s*$",
    re.I,
)
# A label that only an icon's tooltip gives (`title`, `aria-label`), as MkDocs Material's
# revision dates do: "Laatst geüpdatet" / "Gecreëerd", "Last update" / "Created".
ICON_CREATED_LABEL = re.compile(r"^\s*(?:gecre[ëe]{2}rd|aangemaakt|created)\s*$", re.I)
# What may stand between a label and its date: "op", ":", a weekday, "door Jan op".
_LABEL_GAP = re.compile(r"[^\d.!?]{0,25}")

META_PUBLISHED = frozenset(
    {
        "article:published_time", "article:published", "og:published_time",
        "og:article:published_time", "datepublished", "dc.date.issued", "dcterms.issued",
        "dcterms.created", "dc.date.created", "publish-date", "publish_date",
        "publication_date", "pubdate", "parsely-pub-date",
    }
)  # fmt: skip
META_MODIFIED = frozenset(
    {
        "article:modified_time", "article:modified", "og:updated_time", "og:modified_time",
        "og:article:modified_time", "datemodified", "dc.date.modified", "dcterms.modified",
        "last-modified", "lastmod", "modified_time", "updated_time",
    }
)  # fmt: skip
_NO_DATE_HERE = lxml.etree.XPath(
    "//nav|//style|//noscript|//template|//select|//*[local-name()='svg']"
    "|//script[not(@type='application/ld+json')]"
)
_TIME_UPDATED_CLASS = re.compile(r"\b(updated|modified|datemodified)\b", re.I)
_TIME_PUBLISHED_CLASS = re.compile(r"\b(published|entry-date|pubdate|datepublished)\b", re.I)


@dataclasses.dataclass(frozen=True)
class DateMatch:
    """A date written in a text: where it stands and what it means. A month without a day
    ("maart 2021") has `day_known` False and `value` on the first of the month."""

    start: int
    end: int
    value: date
    day_known: bool = True

    @property
    def last_day(self) -> date:
        """The last day the written date covers (the month's end for "maart 2021")."""
        if self.day_known:
            return self.value
        days = calendar.monthrange(self.value.year, self.value.month)[1]
        return self.value.replace(day=days)


@dataclasses.dataclass(frozen=True)
class PageDates:
    """A page's last-updated and publication dates with their sources ("" when unknown)."""

    last_updated: date | None = None
    last_updated_source: str = ""
    published: date | None = None
    published_source: str = ""

    @property
    def newest(self) -> date | None:
        known = [d for d in (self.last_updated, self.published) if d is not None]
        return max(known, default=None)

    @property
    def date_source(self) -> str:
        """Where `last_updated` came from, else where `published` came from."""
        return self.last_updated_source or self.published_source

    @property
    def on_page(self) -> bool:
        """A date the page itself carries (text or markup), not only the sitemap or header."""
        return bool({self.last_updated_source, self.published_source} & PAGE_SOURCES)

    def metrics(self) -> dict[str, str]:
        """The public page metrics: `last_updated`, `published` (ISO dates), each with its
        source (`last_updated_source`, `published_source`), and `date_source`."""
        out = {}
        if self.last_updated:
            out["last_updated"] = self.last_updated.isoformat()
            out["last_updated_source"] = self.last_updated_source
        if self.published:
            out["published"] = self.published.isoformat()
            out["published_source"] = self.published_source
        if self.date_source:
            out["date_source"] = self.date_source
        return out


# --------------------------------------------------------------------------------------------
# Dates in text
# --------------------------------------------------------------------------------------------


def find_dates(text: str) -> Iterator[DateMatch]:
    """Every readable date in `text` (Dutch and English forms), in order."""
    if not _HAS_YEAR.search(text):  # every form has a year: most sentences end here
        return
    for m in DATE_PATTERN.finditer(text):
        found = _date_of(m)
        if found is not None:
            yield DateMatch(m.start(), m.end(), *found)


def _date_of(m: re.Match[str]) -> tuple[date, bool] | None:
    g = m.groupdict()
    if g["iso_y"]:
        return _safe_date(g["iso_y"], g["iso_m"], g["iso_d"])
    if g["num_y"]:
        day_first = _safe_date(g["num_y"], g["num_m"], g["num_d"])
        return day_first or _safe_date(g["num_y"], g["num_d"], g["num_m"])
    if g["dmy_y"]:
        return _safe_date(g["dmy_y"], MONTHS[g["dmy_m"].lower()], g["dmy_d"])
    if g["mdy_y"]:
        return _safe_date(g["mdy_y"], MONTHS[g["mdy_m"].lower()], g["mdy_d"])
    found = _safe_date(g["my_y"], MONTHS[g["my_m"].lower()], 1)
    return (found[0], False) if found else None


def _safe_date(year: str | int, month: str | int, day: str | int) -> tuple[date, bool] | None:
    try:
        return date(int(year), int(month), int(day)), True
    except ValueError:
        return None


def parse_machine_date(value: str) -> date | None:
    """A date from an attribute or structured value: ISO 8601 (the date as written, without
    converting the time zone) or any form `find_dates` reads."""
    iso = _ISO_PREFIX.match(value or "")
    if iso:
        found = _safe_date(*iso.groups())
        return found[0] if found else None
    return next((d.value for d in find_dates(value or "") if d.day_known), None)


def labelled_date(text: str, label: re.Pattern[str]) -> date | None:
    """The first full date that directly follows `label` in `text`."""
    for m in label.finditer(text):
        rest = text[m.end() : m.end() + 80]
        first = next(find_dates(rest), None)
        if first and first.day_known and _LABEL_GAP.fullmatch(rest[: first.start]):
            return first.value
    return None


def content_sentences(page: PageSnapshot) -> list[str]:
    """Sentences of the main content (the whole visible text when no main content is found)."""
    return page.memo(
        "outdated.sentences", lambda: rejoin_dates(sentences(page.main_text or page.text))
    )


def rejoin_dates(parts: list[str]) -> list[str]:
    """Undo sentence splits inside a date: "1 mrt." | "2024 …" is one sentence."""
    out: list[str] = []
    for part in parts:
        if out and _ABBREVIATED_MONTH_END.search(out[-1]) and part[:1].isdigit():
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return out


def audit_day(page: PageSnapshot) -> date:
    """ "Today" for date checks: the fetch day, pinned by `--now`."""
    return page.fetched_at.date()


# --------------------------------------------------------------------------------------------
# Dates of a page
# --------------------------------------------------------------------------------------------


def page_dates(page: PageSnapshot) -> PageDates:
    """The page's dates, computed once per snapshot."""
    return page.memo("outdated.page_dates", lambda: compute_page_dates(page))


def compute_page_dates(page: PageSnapshot) -> PageDates:
    today = audit_day(page)
    carriers = page.dom.find_all(_carries_date)
    meta_published, meta_modified = _meta_dates(carriers)
    json_published, json_modified = _jsonld_dates(carriers)
    time_published, time_modified = _time_element_dates(carriers)
    icons = page.memo("outdated.icon_dates", lambda: _icon_labelled_dates(page))
    updated = _first_plausible(
        today,
        [
            ("visible-text", lambda: labelled_date(page.text, UPDATED_LABEL)),
            ("visible-text", lambda: icons[0]),
            ("meta", lambda: meta_modified),
            ("json-ld", lambda: json_modified),
            ("time-element", lambda: time_modified),
            ("sitemap", lambda: _sitemap_lastmod(page)),
            ("http-header", lambda: _last_modified_header(page, today)),
        ],
    )
    # What the reader sees first; markup (a CMS's build time) only when the page shows none.
    guess = functools.cache(lambda: _htmldate_published(page, today, updated[0]))
    published = _first_plausible(
        today,
        [
            ("visible-text", lambda: labelled_date(page.text, PUBLISHED_LABEL)),
            ("visible-text", lambda: icons[1]),
            ("time-element", lambda: time_published),
            ("visible-text", lambda: guess().shown),
            ("time-element", lambda: _lone_time(page, carriers)),
            ("meta", lambda: meta_published),
            ("json-ld", lambda: json_published),
            ("html", lambda: guess().hidden),
        ],
    )
    return PageDates(
        last_updated=updated[0],
        last_updated_source=updated[1],
        published=published[0],
        published_source=published[1],
    )


def _icon_labelled_dates(page: PageSnapshot) -> tuple[date | None, date | None]:
    """(updated, created): visible dates right after an icon whose tooltip is the label:
    `<span title="Laatst geüpdatet"><svg/></span><span>4 december 2025</span>`."""
    updated = created = None
    for el in page.dom.select("[title], [aria-label]"):
        if el.get_text(strip=True):
            continue  # a tooltip of an element with text of its own is no icon label
        labels = [str(el.get(a) or "").strip() for a in ("title", "aria-label")]
        is_updated = any(UPDATED_LABEL.fullmatch(label) for label in labels)
        if not is_updated and not any(ICON_CREATED_LABEL.match(label) for label in labels):
            continue
        sibling = el.find_next_sibling()
        text = sibling.get_text(" ", strip=True) if sibling is not None else ""
        found = next((d for d in find_dates(text[:60]) if d.day_known), None)
        if found is None or text[: found.end] not in page.text:
            continue  # only a date the reader sees
        if is_updated:
            updated = updated or found.value
        else:
            created = created or found.value
    return updated, created


def _first_plausible(
    today: date, candidates: Iterable[tuple[str, Callable[[], date | None]]]
) -> tuple[date | None, str]:
    """The first candidate (computed lazily, in order) within the plausible range."""
    latest = today + timedelta(days=1)
    for source, compute in candidates:
        value = compute()
        if value is not None and EARLIEST <= value <= latest:
            return value, source
    return None, ""


def _carries_date(el: Tag) -> bool:
    """Elements that may hold a machine-readable date: one pass over a big DOM is cheaper
    than a CSS selector per kind."""
    return el.name in ("meta", "time", "script") or el.has_attr("itemprop")


def _meta_dates(carriers: list[Tag]) -> tuple[date | None, date | None]:
    """Publication and modification dates from `<meta>` and microdata (`itemprop`)."""
    published = modified = None
    for el in carriers:
        key = str(el.get("property") or el.get("name") or el.get("itemprop") or "").lower()
        if key not in META_PUBLISHED and key not in META_MODIFIED:
            continue
        value = parse_machine_date(str(el.get("content") or el.get("datetime") or el.get_text()))
        if key in META_PUBLISHED:
            published = published or value
        else:
            modified = modified or value
    return published, modified


def _jsonld_dates(carriers: list[Tag]) -> tuple[date | None, date | None]:
    """The first `datePublished` and `dateModified` in the page's JSON-LD blocks."""
    found: dict[str, date] = {}
    for script in carriers:
        if script.name != "script" or script.get("type") != "application/ld+json":
            continue
        try:
            data = json.loads(script.string or "")
        except ValueError:
            continue
        for key, value in _walk_json(data):
            if key in ("datePublished", "dateModified") and key not in found:
                parsed = parse_machine_date(str(value))
                if parsed:
                    found[key] = parsed
    return found.get("datePublished"), found.get("dateModified")


def _walk_json(data: Any) -> Iterator[tuple[str, Any]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield key, value
            yield from _walk_json(value)
    elif isinstance(data, list):
        for item in data:
            yield from _walk_json(item)


def _time_element_dates(carriers: list[Tag]) -> tuple[date | None, date | None]:
    """`<time datetime>` elements marked as publication or update, by class, itemprop or a
    label just before them ("Bijgewerkt: <time …>2 dagen geleden</time>")."""
    published = modified = None
    for el in carriers:
        if el.name != "time" or not el.get("datetime"):
            continue
        kind = _time_kind(el)
        value = parse_machine_date(str(el.get("datetime")))
        if kind == "modified":
            modified = modified or value
        elif kind == "published":
            published = published or value
    return published, modified


def _lone_time(page: PageSnapshot, carriers: list[Tag]) -> date | None:
    """The date of the page's only `<time datetime>` outside the site's navigation, header,
    footer and asides, when the reader sees it and it is no event's date: an article's byline
    ("<time datetime=2026-02-03>3 februari 2026</time>" under the title). Pages that list
    others have one per teaser."""
    if page.kind in LISTS_OTHERS:
        return None
    times = [
        el
        for el in carriers
        if el.name == "time" and el.get("datetime") and not _in_site_chrome(el)
    ]
    if len(times) != 1:
        return None
    el = times[0]
    shown = el.get_text(" ", strip=True)
    before = _text_before(el)
    parent = el.parent.get_text(" ", strip=True) if isinstance(el.parent, Tag) else ""
    label = before or parent[: max(parent.find(shown), 0)][-40:]
    if not shown or shown not in page.text or EVENT_LABEL.search(label.strip()):
        return None
    return parse_machine_date(str(el.get("datetime")))


def _text_before(el: Tag, chars: int = 40) -> str:
    """The last `chars` characters of text before `el` within its parent (its label)."""
    siblings = reversed(list(el.previous_siblings))
    return "".join(s.get_text() if isinstance(s, Tag) else str(s) for s in siblings)[-chars:]


def _in_site_chrome(el: Tag) -> bool:
    """Inside navigation or an aside, or a header or footer that is the site's (not an
    article's own header, where bylines live)."""
    if el.find_parent(["nav", "aside"]) is not None:
        return True
    frame = el.find_parent(["header", "footer"])
    return frame is not None and frame.find_parent(["article", "main"]) is None


def _time_kind(el: Tag) -> str:
    marks = " ".join([*el.get("class", []), str(el.get("itemprop") or "")])
    if _TIME_UPDATED_CLASS.search(marks):
        return "modified"
    if _TIME_PUBLISHED_CLASS.search(marks):
        return "published"
    before = _text_before(el)
    labels = [(m.end(), "modified") for m in UPDATED_LABEL.finditer(before)]
    labels += [(m.end(), "published") for m in PUBLISHED_LABEL.finditer(before)]
    return max(labels)[1] if labels else ""


def _sitemap_lastmod(page: PageSnapshot) -> date | None:
    sitemap = page.probes.get("sitemap")
    if not isinstance(sitemap, dict):
        return None
    return parse_machine_date(str(sitemap.get("lastmod") or ""))


def _last_modified_header(page: PageSnapshot, today: date) -> date | None:
    """The `Last-Modified` header, unless it is the fetch day or later (a dynamic page)."""
    try:
        value = parsedate_to_datetime(page.headers.get("last-modified", "")).date()
    except (TypeError, ValueError):
        return None
    return value if value < today else None


@dataclasses.dataclass(frozen=True)
class _Guess:
    """htmldate's publication date: `shown` when the page writes it as a date the reader
    sees, else `hidden` (markup only)."""

    shown: date | None = None
    hidden: date | None = None


def _htmldate_published(page: PageSnapshot, today: date, updated: date | None) -> _Guess:
    """htmldate on the markup only (its free-text search takes content dates such as "Open
    enrollment starts October 1, 2013" for the page's date), and not on the address (a
    date in a URL is not shown on the page). Silent on pages that list others (their
    teasers' dates are not theirs), when it found the date the page labels as updated,
    and when the page shows that date as an event's ("Datum activiteit: 20 november")."""
    if page.kind in LISTS_OTHERS:
        return _Guess()
    tree = _htmldate_tree(page.html)
    if tree is None:
        return _Guess()
    found = find_date(
        tree,
        extensive_search=False,
        original_date=True,
        max_date=datetime.combine(today + timedelta(days=1), time.max),
    )
    if not found:
        return _Guess()
    value = date.fromisoformat(found)
    if value == updated or _year_only_guess(value, page):
        return _Guess()
    text = page.text
    shown = [m for m in find_dates(text) if m.value == value and m.day_known]
    if any(EVENT_LABEL.search(text[max(0, m.start - 40) : m.start]) for m in shown):
        return _Guess()
    return _Guess(shown=value) if shown else _Guess(hidden=value)


def _htmldate_tree(html: str) -> HtmlElement | None:
    """The page for htmldate without what never holds the page's own date but costs its
    text search most time (menus, scripts other than JSON-LD, styles, SVG, form options)."""
    try:
        tree = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None
    for el in _NO_DATE_HERE(tree):
        el.drop_tree()
    return tree


def _year_only_guess(value: date, page: PageSnapshot) -> bool:
    """htmldate's last resorts (the copyright year, a bare year) come back as 1 January:
    a year, not a day. Keep 1 January only when the page writes that day."""
    if (value.month, value.day) != (1, 1):
        return False
    y = value.year
    new_year = re.compile(
        rf"(?<!\d)0?1(?:st|e)?[\s./-]+(?:0?1|jan[a-z]*)\.?[\s./-]+{y}"
        rf"|\bjan[a-z]*\.?\s+0?1(?:st)?,?\s+{y}",
        re.I,
    )
    return value.isoformat() not in page.html and new_year.search(page.text) is None
