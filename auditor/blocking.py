"""Known trackers are not loaded (`block_trackers`, on by default).

Analytics, advertising and session-recording scripts cost the browser time and memory on every
page and render nothing a check reads. Chromium drops their requests itself
(`Network.setBlockedURLs` on a CDP session of each page): no request goes through Python or
the Playwright driver, unlike `page.route()`, which sends every request of the page there. A
blocked request still shows up in `probes["network"]` (it was asked for) and fails with the
reason `inspector`.

Kept deliberately out of the list, because a check could see the difference:
- tag managers (Google Tag Manager, Tealium, Adobe Launch): they also inject chat widgets,
  cookie banners and feedback forms that the escalation and feedback checks look for;
- web fonts on other hosts: the fallback font has other text metrics, and the layout probe
  measures text (reflow at 320 px, text at 200% zoom);
- media files: a video's size before and after its metadata loads differs;
- widgets that render content (chat, maps, video players, recommendation boxes, forms).
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.async_api import Page

    from auditor.config import AuditConfig

# Hosts (and their subdomains) that only measure or advertise.
TRACKER_HOSTS = (
    "google-analytics.com",
    "analytics.google.com",
    "doubleclick.net",
    "googlesyndication.com",
    "googleadservices.com",
    "connect.facebook.net",
    "hotjar.com",
    "hotjar.io",
    "clarity.ms",
    "bat.bing.com",
    "mouseflow.com",
    "fullstory.com",
    "cdn.segment.com",
    "api.segment.io",
    "cdn.mxpnl.com",
    "api-js.mixpanel.com",
    "cdn.amplitude.com",
    "api2.amplitude.com",
    "siteimproveanalytics.com",
    "siteimproveanalytics.io",
    "scorecardresearch.com",
    "quantserve.com",
    "adnxs.com",
    "criteo.com",
    "criteo.net",
    "snap.licdn.com",
    "px.ads.linkedin.com",
    "analytics.tiktok.com",
    "static.ads-twitter.com",
    "analytics.twitter.com",
    "js-agent.newrelic.com",
    "bam.nr-data.net",
    "static.cloudflareinsights.com",
    "plausible.io",
    "cdn.matomo.cloud",
)

_configured: weakref.WeakSet[Page] = weakref.WeakSet()


def blocked_url_patterns(hosts: tuple[str, ...] = TRACKER_HOSTS) -> list[str]:
    """Chromium's wildcard patterns for each host and its subdomains, with or without a port."""
    return [
        f"*://{prefix}{host}{port}/*"
        for host in hosts
        for prefix in ("", "*.")
        for port in ("", ":*")
    ]


async def block_trackers(page: Page, config: AuditConfig) -> None:
    """Make Chromium drop tracker requests of `page` from now on (once per page)."""
    if not config.block_trackers or page in _configured:
        return
    session = await page.context.new_cdp_session(page)
    await session.send("Network.enable")  # the block list applies only to an enabled agent
    await session.send("Network.setBlockedURLs", {"urls": blocked_url_patterns()})
    _configured.add(page)
