"""The report's charts: small horizontal bar charts drawn as inline SVG.

Each chart is built in two steps, both pure: the numbers (`Chart`: a title, a summary sentence
and one `Bar` per row, with the table's cells already formatted for the report language), then
the picture (`svg_markup`), whose geometry is computed here. No JavaScript, no libraries: the
SVG is plain markup with its text alternative (`<title>` and `<desc>`, referenced by
`aria-labelledby`), and `charts.html.j2` puts a table with the same numbers right after it.

Every text that goes into the SVG passes through markupsafe's escaping (`Markup.format`), so a
label taken from report.json can never become markup. Colours meet WCAG 1.4.11 against the
white background (3:1): the severity colours of `report.css.j2` with their darker outline for
the light ones (moderate, minor); segments are separated by a white gap, labelled with their
count where they are wide enough, and explained by a legend and the table, never by colour
alone.

The charts:

- `issues`: issues per pitfall, one bar per pitfall, stacked by severity (critical first).
- `readability-<lang>`: scored pages per reading level, one chart per scored language (Dutch:
  A2…C1, English: US grade, grouped 5 or lower, 6, 7, 8, 9, 10, 11–12, 13–14, 15+), with
  the `readability-level` check's target marked.
- `age`: pages by the age of their newest date (`last_updated`, else `published`) on the audit
  day (`--now`, else the audit's start).
- `contact-depth`: pages by the clicks to the contact page (`contact_depth`), with the
  `contact-route-depth` check's `max_clicks` marked.
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from markupsafe import Markup

from auditor.model import AuditResult, PageResult, Pitfall, Severity, primary_language
from checks.escalation import contact_route_depth
from checks.language.readability_level import (
    EN_BINS,
    FORMULAS,
    NL_LEVELS,
    TARGET_GRADE,
    TARGET_LEVEL,
    en_bin,
    en_grade,
    nl_level,
    whole_grade,
)
from reports.i18n import strings

Formatter = Callable[[Any], str]

# --------------------------------------------------------------------------------------------
# Colours: (fill, outline, text on the fill). Each outline (or fill) keeps 3:1 against white.
# --------------------------------------------------------------------------------------------

BACKGROUND = "#ffffff"
INK = "#1b1b1b"  # the report's text colour
COLOURS: Mapping[str, tuple[str, str, str]] = {
    Severity.CRITICAL.value: ("#9b1c1c", "#9b1c1c", "#ffffff"),
    Severity.SERIOUS.value: ("#a34100", "#a34100", "#ffffff"),
    Severity.MODERATE.value: ("#f6c343", "#8a6d00", INK),
    Severity.MINOR.value: ("#d6e0ea", "#5b6b7b", INK),
    "ok": ("#1f3a5f", "#1f3a5f", "#ffffff"),  # meets the target (the report's navy)
    "over": ("#a34100", "#a34100", "#ffffff"),  # misses the target
    "neutral": ("#1f3a5f", "#1f3a5f", "#ffffff"),
    "unknown": ("#5b6b7b", "#5b6b7b", "#ffffff"),
}

# --------------------------------------------------------------------------------------------
# Geometry (SVG user units; the SVG scales down with the page)
# --------------------------------------------------------------------------------------------

WIDTH = 640
ROW = 28  # height of one bar's row
BAR = 18  # height of a bar
FONT = 13
SMALL = 12
GAP = 2  # white gap between two segments of a bar
TARGET_BAND = 20  # extra space for the target line between two rows
PAD = 6
CHAR = 0.6  # estimated width of a character, in font sizes (generous for system-ui)
LABEL_MIN, LABEL_MAX = 80, 280

AGE_BUCKETS = ("recent", "year", "two_years", "older", "unknown")
DEPTH_BUCKETS_MIN = 4  # 0, 1, 2, 3 and "4 or more" at least


@dataclasses.dataclass(frozen=True)
class Segment:
    """One part of a bar: `key` chooses the colour (a severity, "ok", "over"…)."""

    key: str
    label: str
    value: int


@dataclasses.dataclass(frozen=True)
class Bar:
    """One row of a chart: its label, its segments (one for a simple bar) and the cells of
    its table row after the row header, formatted for the report language."""

    key: str
    label: str
    segments: tuple[Segment, ...]
    cells: tuple[str, ...] = ()

    @property
    def total(self) -> int:
        return sum(s.value for s in self.segments)


@dataclasses.dataclass(frozen=True)
class Chart:
    """A chart's numbers, texts and SVG. `head` is the table header (the row label's column
    first); `target_after` the index of the last bar that meets the target, if any."""

    id: str
    title: str
    summary: str
    head: tuple[str, ...]
    bars: tuple[Bar, ...]
    empty: str
    legend: tuple[Segment, ...] = ()
    target_after: int | None = None
    target_label: str = ""
    svg: Markup = dataclasses.field(default_factory=Markup)

    @property
    def has_data(self) -> bool:
        return any(bar.total for bar in self.bars)

    def value(self, key: str) -> int:
        """The total of the bar `key` (0 when there is no such bar)."""
        return next((bar.total for bar in self.bars if bar.key == key), 0)


def build_charts(result: AuditResult, lang: str) -> list[Chart]:
    """Every chart of the report, in `lang`, with its SVG drawn."""
    from reports.html import number_formatter  # reports.html imports this module

    num = number_formatter(lang)
    charts = [
        issues_chart(result, lang, num),
        *readability_charts(result, lang, num),
        age_chart(result, lang, num),
        depth_chart(result, lang, num),
    ]
    return [dataclasses.replace(c, svg=svg_markup(c, num)) for c in charts]


# --------------------------------------------------------------------------------------------
# The numbers
# --------------------------------------------------------------------------------------------


def issues_chart(result: AuditResult, lang: str, num: Formatter) -> Chart:
    """Issues per pitfall, stacked by severity: every pitfall that was checked or has issues."""
    t = strings(lang)
    counts = {p: dict.fromkeys(Severity, 0) for p in Pitfall}
    for issue in result.issues:
        counts[issue.pitfall][issue.severity] += 1
    checked = {check.pitfall for check in result.checks}
    bars = []
    for pitfall in Pitfall:
        row = counts[pitfall]
        if pitfall not in checked and not any(row.values()):
            continue
        segments = tuple(Segment(s.value, t[f"severity.{s.value}"], row[s]) for s in Severity)
        cells = (*(num(row[s]) for s in Severity), num(sum(row.values())))
        bars.append(Bar(pitfall.value, pitfall.names[lang], segments, cells))
    total = sum(bar.total for bar in bars)
    summary = ""
    if total:
        by_severity = {s: sum(counts[p][s] for p in Pitfall) for s in Severity}
        parts = ", ".join(
            f"{num(n)} {t[f'severity.{s.value}']}" for s, n in by_severity.items() if n
        )
        top = max(bars, key=lambda bar: bar.total)  # the first pitfall on a tie
        summary = t["chart.issues.summary"].format(
            total=num(total), parts=parts, top=top.label, top_n=num(top.total)
        )
    return Chart(
        id="chart-issues",
        title=t["chart.issues.title"],
        summary=summary,
        head=(t["pitfall"], *(t[f"severity.{s.value}"] for s in Severity), t["chart.total"]),
        bars=tuple(bars),
        empty=t["chart.issues.empty"],
        legend=tuple(Segment(s.value, t[f"severity.{s.value}"], 0) for s in Severity),
    )


def readability_charts(result: AuditResult, lang: str, num: Formatter) -> list[Chart]:
    """One chart per scored language (Dutch first): pages per reading level, with the target
    of `readability-level` (its options in the audit's settings, else its defaults)."""
    t = strings(lang)
    levels: dict[str, list[str]] = {"nl": [], "en": []}
    for page in result.pages:
        scored = page_reading_level(page)
        if scored is not None:
            levels[scored[0]].append(scored[1])
    options = _check_options(result, "readability-level")
    charts = []
    for text_lang, found in levels.items():
        if not found:
            continue
        if text_lang == "nl":
            names = [name for name, _ in NL_LEVELS]
            target = str(options.get("target_level", TARGET_LEVEL))
            target = target if target in names else TARGET_LEVEL
            keys, labels, last_ok = names, names, names.index(target)
            target_label = target
        else:
            target_grade = _int(options.get("target_grade"), TARGET_GRADE)
            keys = [f"grade {g}" for g in EN_BINS]
            labels = [t["chart.grade"].format(n=_grades(i, num)) for i in range(len(EN_BINS))]
            last_ok = max((i for i, g in enumerate(EN_BINS) if g <= target_grade), default=-1)
            target_label = t["chart.grade"].format(n=num(target_grade))
        bars = []
        for i, (key, label) in enumerate(zip(keys, labels, strict=True)):
            n = found.count(key)
            meets = i <= last_ok
            bars.append(
                Bar(
                    key,
                    label,
                    (Segment("ok" if meets else "over", t["chart.pages"], n),),
                    (num(n), t["yes"] if meets else t["no"]),
                )
            )
        met = sum(bar.total for bar in bars[: last_ok + 1])
        charts.append(
            Chart(
                id=f"chart-readability-{text_lang}",
                title=t[f"chart.readability.title.{text_lang}"],
                summary=t["chart.readability.summary"].format(
                    met=num(met),
                    total=num(len(found)),
                    missed=num(len(found) - met),
                    target=target_label,
                ),
                head=(t["readability_level"], t["chart.pages"], t["chart.target_met"]),
                bars=tuple(bars),
                empty=t["chart.readability.empty"],
                target_after=last_ok if 0 <= last_ok < len(bars) - 1 else None,
                target_label=t["chart.readability.target"].format(target=target_label),
            )
        )
    if charts:
        return charts
    empty = Chart(
        id="chart-readability",
        title=t["chart.readability.title"],
        summary="",
        head=(),
        bars=(),
        empty=t["chart.readability.empty"],
    )
    return [empty]


def page_reading_level(page: PageResult) -> tuple[str, str] | None:
    """(language, level key) of a scored page: "nl" with A2…C1, or "en" with "grade N"; None
    when the page has no reading ease or its language has no model. The recorded
    `readability_level` is used when it is one of the levels, else it is derived from
    `reading_ease` as `readability-level` does."""
    ease = page.metrics.get("reading_ease")
    if isinstance(ease, bool) or not isinstance(ease, int | float):
        return None
    level = str(page.metrics.get("readability_level", ""))
    text_lang = next(
        (
            code
            for code, name in FORMULAS.items()
            if page.metrics.get("readability_formula") == name
        ),
        "",
    )
    if not text_lang:
        if level in [name for name, _ in NL_LEVELS]:
            text_lang = "nl"
        elif level.startswith("grade "):
            text_lang = "en"
        else:
            text_lang = primary_language(page.lang)
    if text_lang == "nl":
        return "nl", level if level in [name for name, _ in NL_LEVELS] else nl_level(ease)
    if text_lang == "en":
        grade = page.metrics.get("grade")
        if isinstance(grade, int | float) and not isinstance(grade, bool):
            whole = whole_grade(grade)
        elif level.startswith("grade ") and level[6:].isdigit():
            whole = int(level[6:])
        else:  # a report from before the `grade` metric: Flesch's table
            whole = en_grade(ease)
        return "en", f"grade {en_bin(whole)}"
    return None


def _grades(index: int, num: Formatter) -> str:
    """The grades of the chart's group at `index`: "5 or lower" is "≤ 5", then "6" … "10",
    "11–12", "13–14", "15+"."""
    top = EN_BINS[index]
    low = EN_BINS[index - 1] + 1 if index else None
    if low is None:
        return f"≤ {num(top)}"
    if index == len(EN_BINS) - 1:
        return f"{num(low)}+"
    return num(top) if low == top else f"{num(low)}–{num(top)}"


def age_chart(result: AuditResult, lang: str, num: Formatter) -> Chart:
    """Audited HTML pages by the age of their newest date (last updated, else published) on
    the audit day: under 3 months, 3–12 months, 1–2 years, over 2 years, or no date."""
    t = strings(lang)
    today = audit_day(result)
    counts = dict.fromkeys(AGE_BUCKETS, 0)
    for page in content_pages(result):
        counts[age_bucket(page_date(page), today)] += 1
    bars = tuple(
        Bar(
            key,
            t[f"chart.age.{key}"],
            (Segment("unknown" if key == "unknown" else "neutral", t["chart.pages"], n),),
            (num(n),),
        )
        for key, n in counts.items()
    )
    total = sum(counts.values())
    return Chart(
        id="chart-age",
        title=t["chart.age.title"],
        summary=t["chart.age.summary"].format(
            total=num(total),
            recent=num(counts["recent"]),
            old=num(counts["two_years"] + counts["older"]),
            unknown=num(counts["unknown"]),
            day=today.isoformat(),
        ),
        head=(t["chart.age.head"], t["chart.pages"]),
        bars=bars,
        empty=t["chart.age.empty"],
    )


def audit_day(result: AuditResult) -> date:
    """The audit day ("today") for the age of pages: the pinned `now`, else the start."""
    now = result.config.get("now")
    if isinstance(now, datetime):
        return now.date()
    if isinstance(now, date):
        return now
    if isinstance(now, str) and now:
        try:
            return datetime.fromisoformat(now).date()
        except ValueError:
            pass
    return result.started_at.date()


def content_pages(result: AuditResult) -> list[PageResult]:
    """The pages that were audited as HTML: loaded, no error status, not a document."""
    return [
        p
        for p in result.pages
        if not p.error and "html" in (p.content_type or "") and (p.status or 200) < 400
    ]


def page_date(page: PageResult) -> date | None:
    """The newer of `last_updated` and `published` (as `stale-page` judges), if any."""
    found = []
    for name in ("last_updated", "published"):
        value = page.metrics.get(name)
        if isinstance(value, str) and value:
            try:
                found.append(date.fromisoformat(value[:10]))
            except ValueError:
                continue
    return max(found, default=None)


def age_bucket(when: date | None, today: date) -> str:
    """The age bucket of a date on `today`, by calendar: a date in the future counts as new."""
    if when is None:
        return "unknown"
    if when > _months_before(today, 3):
        return "recent"
    if when > _months_before(today, 12):
        return "year"
    if when > _months_before(today, 24):
        return "two_years"
    return "older"


def _months_before(day: date, months: int) -> date:
    month = day.month - 1 - months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def depth_chart(result: AuditResult, lang: str, num: Formatter) -> Chart:
    """HTML pages by the fewest clicks to the contact page (`contact_depth`): 0, 1, 2, 3,
    4 or more, or no route; the target is `contact-route-depth`'s `max_clicks`."""
    t = strings(lang)
    default = inspect.signature(contact_route_depth.run).parameters["max_clicks"].default
    max_clicks = max(
        0, _int(_check_options(result, "contact-route-depth").get("max_clicks"), default)
    )
    top = max(DEPTH_BUCKETS_MIN, max_clicks + 1)  # the "N or more" bucket
    counts = dict.fromkeys([*range(top + 1), None], 0)
    for page in result.pages:
        if "contact_depth" not in page.metrics:
            continue
        depth = page.metrics["contact_depth"]
        if isinstance(depth, bool) or not isinstance(depth, int) or depth < 0:
            counts[None] += 1
        else:
            counts[min(depth, top)] += 1

    def label(depth: int | None) -> str:
        if depth is None:
            return t["chart.depth.none"]
        if depth == top:
            return t["chart.depth.more"].format(n=num(top))
        key = {0: "zero", 1: "one"}.get(depth, "many")
        return t[f"chart.depth.{key}"].format(n=num(depth))

    bars = []
    for depth, n in counts.items():
        meets = depth is not None and depth <= max_clicks
        bars.append(
            Bar(
                "none" if depth is None else str(depth),
                label(depth),
                (Segment("ok" if meets else "over", t["chart.pages"], n),),
                (num(n), t["yes"] if meets else t["no"]),
            )
        )
    total = sum(counts.values())
    near = sum(n for depth, n in counts.items() if depth is not None and depth <= max_clicks)
    target = t["chart.depth.one" if max_clicks == 1 else "chart.depth.many"].format(
        n=num(max_clicks)
    )
    return Chart(
        id="chart-contact-depth",
        title=t["chart.depth.title"],
        summary=t["chart.depth.summary"].format(
            near=num(near),
            total=num(total),
            target=target,
            far=num(total - near - counts[None]),
            none=num(counts[None]),
        ),
        head=(t["chart.depth.head"], t["chart.pages"], t["chart.target_met"]),
        bars=tuple(bars),
        empty=t["chart.depth.empty"],
        target_after=max_clicks,
        target_label=t["chart.depth.target"].format(target=target),
    )


def _check_options(result: AuditResult, check_id: str) -> Mapping[str, Any]:
    options = result.config.get("check_options")
    found = options.get(check_id) if isinstance(options, Mapping) else None
    return found if isinstance(found, Mapping) else {}


def _int(value: Any, default: int) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else default


# --------------------------------------------------------------------------------------------
# The picture
# --------------------------------------------------------------------------------------------


def text_width(text: str, size: float = FONT) -> float:
    """A generous estimate of the width of `text` at `size` (no font metrics in Python)."""
    return len(text) * size * CHAR


def fit(text: str, width: float, size: float = FONT) -> str:
    """`text`, shortened with an ellipsis to fit `width` (the table has it in full)."""
    most = max(1, int(width / (size * CHAR)))
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def _n(value: float) -> str:
    """A coordinate: at most one decimal, no trailing zeros."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def svg_markup(chart: Chart, num: Formatter) -> Markup:
    """The chart as an inline SVG with its text alternative; empty when there is no data
    (the template then shows `chart.empty` instead)."""
    if not chart.has_data:
        return Markup("")
    label_w = min(LABEL_MAX, max(LABEL_MIN, max(text_width(b.label) for b in chart.bars) + 12))
    if chart.target_label:
        label_w = min(LABEL_MAX, max(label_w, text_width(chart.target_label, SMALL) + 12))
    value_w = max(text_width(num(b.total)) for b in chart.bars) + 12
    area = WIDTH - label_w - value_w - PAD
    most = max(b.total for b in chart.bars)
    parts: list[Markup] = []
    y = PAD
    for index, bar in enumerate(chart.bars):
        parts.append(_bar(bar, label_w, y, area * bar.total / most, num))
        y += ROW
        if index == chart.target_after and index < len(chart.bars) - 1:
            parts.append(_target_line(chart.target_label, label_w, y, WIDTH - PAD))
            y += TARGET_BAND
    if chart.legend:
        legend, height = _legend(chart.legend, y + PAD)
        parts.append(legend)
        y += PAD + height
    height = _n(y + PAD)
    return Markup(
        '<svg class="chart" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" '
        'aria-labelledby="{id}-title {id}-desc" focusable="false">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>'
        "{body}</svg>"
    ).format(
        w=WIDTH,
        h=height,
        id=chart.id,
        title=chart.title,
        desc=chart.summary,
        body=Markup("").join(parts),
    )


def _bar(bar: Bar, label_w: float, y: float, length: float, num: Formatter) -> Markup:
    """One row: the label, the segments left to right, the total after the bar."""
    top = y + (ROW - BAR) / 2
    baseline = y + ROW / 2 + FONT * 0.35
    out = [
        Markup(
            '<text x="{x}" y="{y}" text-anchor="end" font-size="{s}" fill="{c}">{t}</text>'
        ).format(x=_n(label_w - 8), y=_n(baseline), s=FONT, c=INK, t=fit(bar.label, label_w - 12))
    ]
    shown = [s for s in bar.segments if s.value]
    x = label_w
    for i, segment in enumerate(shown):
        width = max(3.0, length * segment.value / bar.total) if bar.total else 0.0
        drawn = width - GAP if i < len(shown) - 1 and width > GAP + 1 else width
        fill, stroke, ink = COLOURS[segment.key]
        out.append(
            Markup(
                '<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="{f}" stroke="{s}" '
                'stroke-width="1"><title>{t}</title></rect>'
            ).format(
                x=_n(x + 0.5),
                y=_n(top + 0.5),
                w=_n(max(drawn - 1, 1)),
                h=BAR - 1,
                f=fill,
                s=stroke,
                t=f"{segment.label}: {num(segment.value)}",
            )
        )
        count = num(segment.value)
        if len(shown) > 1 and drawn >= text_width(count, SMALL) + 6:
            out.append(
                Markup(
                    '<text x="{x}" y="{y}" text-anchor="middle" font-size="{s}" fill="{c}">'
                    "{t}</text>"
                ).format(x=_n(x + drawn / 2), y=_n(baseline), s=SMALL, c=ink, t=count)
            )
        x += width
    out.append(
        Markup(
            '<text x="{x}" y="{y}" font-size="{s}" font-weight="700" fill="{c}">{t}</text>'
        ).format(x=_n(label_w + length + 6), y=_n(baseline), s=FONT, c=INK, t=num(bar.total))
    )
    return Markup('<g class="bar">{}</g>').format(Markup("").join(out))


def _target_line(label: str, label_w: float, y: float, right: float) -> Markup:
    """A dashed line between the rows that meet the target and those that do not."""
    middle = y + TARGET_BAND / 2
    return Markup(
        '<g class="target"><line x1="{x1}" y1="{y}" x2="{x2}" y2="{y}" stroke="{c}" '
        'stroke-width="2" stroke-dasharray="6 4"/>'
        '<text x="{tx}" y="{ty}" text-anchor="end" font-size="{s}" font-weight="700" '
        'fill="{c}">{t}</text></g>'
    ).format(
        x1=_n(label_w),
        x2=_n(right),
        y=_n(middle),
        c=INK,
        tx=_n(label_w - 8),
        ty=_n(middle + SMALL * 0.35),
        s=SMALL,
        t=fit(label, label_w - 12, SMALL),
    )


def _legend(items: Sequence[Segment], y: float) -> tuple[Markup, float]:
    """Swatches with their names, wrapped over lines; returns the markup and its height."""
    out, x, line = [], PAD, 0
    for item in items:
        width = 14 + 6 + text_width(item.label, SMALL) + 16
        if x > PAD and x + width > WIDTH - PAD:
            x, line = PAD, line + 1
        fill, stroke, _ink = COLOURS[item.key]
        top = y + line * (SMALL + 10)
        out.append(
            Markup(
                '<rect x="{x}" y="{y}" width="13" height="13" fill="{f}" stroke="{s}" '
                'stroke-width="1"/><text x="{tx}" y="{ty}" font-size="{fs}" fill="{c}">{t}</text>'
            ).format(
                x=_n(x + 0.5),
                y=_n(top + 0.5),
                f=fill,
                s=stroke,
                tx=_n(x + 20),
                ty=_n(top + 11),
                fs=SMALL,
                c=INK,
                t=item.label,
            )
        )
        x += width
    height = (line + 1) * (SMALL + 10)
    return Markup('<g class="legend">{}</g>').format(Markup("").join(out)), height
