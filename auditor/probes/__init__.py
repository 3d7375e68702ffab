"""Probes: what checks need beyond the DOM, collected while the page is open.

A check names the probes it reads (`Check.needs`); gather runs only those, in the order of
`PAGE_PROBES`: probes that leave the page as they found it first (axe), probes that move
focus or change the viewport last, each restoring what it changed. A probe returns plain
JSON-able data, stored under its name in `PageSnapshot.probes`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from auditor.probes.axe import run_axe
from auditor.probes.focus import run_focus
from auditor.probes.layout import run_layout

if TYPE_CHECKING:
    from playwright.async_api import Page

    from auditor.config import AuditConfig


@dataclasses.dataclass(frozen=True)
class PageProbe:
    name: str
    run: Callable[[Page, AuditConfig], Awaitable[Any]]


PAGE_PROBES: tuple[PageProbe, ...] = (
    PageProbe("axe", run_axe),
    PageProbe("layout", run_layout),
    PageProbe("focus", run_focus),
)
