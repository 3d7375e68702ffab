"""`cx-audit login URL --save FILE`: a headed browser window to log in by hand, tested under
xvfb-run (a virtual X display); without any display it says so in one line."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import textwrap

import pytest

from auditor.demo import SESSION_COOKIE, Portal, serve_site
from auditor.login import load_storage_state
from tests.e2e.conftest import ROOT, cx_audit

pytestmark = pytest.mark.e2e
XVFB = shutil.which("xvfb-run")
needs_xvfb = pytest.mark.skipif(
    XVFB is None,
    reason="xvfb-run is missing (apt-get install xvfb; `make test` installs it as root on "
    "Debian): the headed login window needs a display",
)
NO_DISPLAY = {"DISPLAY": "", "WAYLAND_DISPLAY": ""}


def under_xvfb(
    args: list[str], *, stdin: str = "", timeout: float = 180
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in NO_DISPLAY}
    return subprocess.run(
        [str(XVFB), "-a", sys.executable, *args],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
        cwd=ROOT,
        env=env,
    )


def test_without_a_display_it_says_so_in_one_line(tmp_path):
    target = tmp_path / "state.json"
    run = cx_audit("login", "http://127.0.0.1:9/mijn/", "--save", str(target), env=NO_DISPLAY)
    assert run.returncode == 2
    [line] = run.stderr.strip().splitlines()
    assert line.startswith("cx-audit: error: no display to open a browser window on")
    assert "xvfb-run" in line and "[login]" in line
    assert not target.exists()


@needs_xvfb
def test_enter_saves_the_session_of_the_window(tmp_path):
    target = tmp_path / "state.json"
    with serve_site() as (base_url, requests):
        run = under_xvfb(
            ["-m", "auditor", "login", f"{base_url}mijn/", "--save", str(target)], stdin="\n"
        )
        seen = list(requests)
    assert run.returncode == 0, run.stderr
    assert "Saved the session to" in run.stderr and "Enter pressed" in run.stderr
    assert load_storage_state(target) == {"cookies": [], "origins": []}  # nobody logged in
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert ("GET", "/mijn/") in seen  # the window opened the portal (and was sent to login)


PERSON = """
import asyncio, sys
from pathlib import Path
from auditor.demo import DEMO_PASSWORD, DEMO_USERNAME
from auditor.login_window import save_login_state

async def log_in(page):  # what the person does in the window
    await page.fill("#username", DEMO_USERNAME)
    await page.fill("#password", DEMO_PASSWORD)
    await page.click("form.login-form button[type=submit]")

print(save_login_state(sys.argv[1], Path(sys.argv[2]), until_selector=sys.argv[3],
                       timeout=60, on_open=log_in)["reason"])
"""


@needs_xvfb
def test_a_session_logged_in_by_hand_is_saved_once_the_portal_shows(tmp_path):
    target = tmp_path / "state.json"
    portal = Portal()
    with serve_site(portal=portal) as (base_url, _requests):
        run = under_xvfb(
            [
                "-c",
                textwrap.dedent(PERSON),
                f"{base_url}mijn/",
                str(target),
                "a[href='/mijn/uitloggen']",
            ]
        )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "logged in (selector)"
    state = load_storage_state(target)
    [cookie] = [c for c in state["cookies"] if c["name"] == SESSION_COOKIE]
    assert cookie["value"] in portal.sessions and cookie["httpOnly"]
    assert json.loads(target.read_text("utf-8")) == state
