import os
import stat

import pytest

from auditor import browser
from auditor.browser import ENV_VAR, BrowserNotFound, find_browser


def executable(tmp_path, name="chrome"):
    path = tmp_path / name
    path.write_text("#!/bin/sh\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


def test_explicit_path_wins(tmp_path):
    path = executable(tmp_path)
    choice = find_browser(path, managed_executable=path, env={})
    assert (choice.executable, choice.source) == (path, "--browser")


def test_env_var_is_used(tmp_path):
    path = executable(tmp_path)
    assert find_browser(env={ENV_VAR: path}).executable == path


def test_playwright_managed_before_system(tmp_path):
    managed = executable(tmp_path, "managed")
    choice = find_browser(env={}, managed_executable=managed, candidates=(os.sys.executable,))
    assert (choice.executable, choice.source) == (None, "playwright")


def test_system_candidate_when_no_managed_browser(tmp_path):
    path = executable(tmp_path)
    choice = find_browser(
        env={},
        managed_executable=str(tmp_path / "missing"),
        candidates=(str(tmp_path / "nope"), path),
    )
    assert (choice.executable, choice.source) == (path, "system")


def test_missing_explicit_browser_says_what_to_do(tmp_path):
    with pytest.raises(BrowserNotFound, match="playwright install chromium"):
        find_browser(str(tmp_path / "nothing"), env={})


def test_nothing_found_says_what_to_do(tmp_path):
    with pytest.raises(BrowserNotFound, match=ENV_VAR):
        find_browser(env={}, managed_executable=None, candidates=(str(tmp_path / "none"),))


def test_audits_prefer_the_headless_shell_and_the_login_window_the_full_browser(
    tmp_path, monkeypatch
):
    shell = executable(tmp_path, "chromium-headless-shell")
    full = executable(tmp_path, "chromium")
    monkeypatch.setattr(browser, "HEADLESS_SHELLS", (str(tmp_path / "missing"), shell))
    monkeypatch.setattr(browser, "SYSTEM_CANDIDATES", (full,))
    assert find_browser(env={}, managed_executable=None).executable == shell
    assert find_browser(env={}, managed_executable=None, window=True).executable == full
    monkeypatch.setattr(browser, "HEADLESS_SHELLS", (str(tmp_path / "missing"),))
    assert find_browser(env={}, managed_executable=None).executable == full
