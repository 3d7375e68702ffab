"""URLs with a user name or password are refused, and the refusal never shows the secret."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from auditor.cli import main
from auditor.config import AuditConfig, ConfigError
from auditor.login import login_table_problems
from auditor.userinfo import has_userinfo, userinfo_problem

SECRET = "S3cr3t-pw"


def test_userinfo_is_found_in_the_authority_only() -> None:
    assert has_userinfo(f"http://alice:{SECRET}@help.example.nl/")
    assert has_userinfo("https://user@help.example.nl/")
    assert has_userinfo(f"https://:{SECRET}@help.example.nl:8443/x")
    assert has_userinfo(f"http://u:{SECRET}@[::1/")  # not even a valid URL
    assert not has_userinfo("https://help.example.nl/mail/a@b.nl?to=c@d.nl#@")
    assert not has_userinfo("https://help.example.nl")


def test_the_problem_names_the_host_but_no_credential() -> None:
    problem = userinfo_problem(f"http://admin:{SECRET}@help.example.nl:8080/x", "URL")
    assert problem is not None
    assert problem.startswith("URL: the URL for help.example.nl:8080 contains a user name")
    assert "--header 'Authorization: Basic …'" in problem
    assert SECRET not in problem and "admin" not in problem
    assert userinfo_problem("https://help.example.nl/", "URL") is None


def test_the_config_refuses_start_portal_and_login_urls_with_credentials() -> None:
    with pytest.raises(ConfigError, match=r"^URL: .*user name or password") as start:
        AuditConfig((f"https://u:{SECRET}@help.example.nl/",))
    with pytest.raises(ConfigError, match=r"^portal_urls: ") as portal:
        AuditConfig(
            ("https://help.example.nl/",),
            portal_urls=(f"https://u:{SECRET}@help.example.nl/mijn/",),
            auth_state="state.json",
        )
    login = {
        "url": f"https://u:{SECRET}@help.example.nl/inloggen",
        "username_selector": "#u",
        "password_selector": "#p",
        "submit_selector": "button",
        "username_env": "CX_USER",
        "password_env": "CX_PASSWORD",
        "logged_in_selector": "a",
    }
    (problem,) = login_table_problems(login)
    assert problem.startswith("login.url: ")
    for text in (str(start.value), str(portal.value), problem):
        assert SECRET not in text


@pytest.mark.parametrize(
    "args",
    [
        ["audit", f"http://alice:{SECRET}@127.0.0.1:9/"],
        ["audit", f"http://alice:{SECRET}@/"],  # no host either: still not echoed
        ["audit", "http://127.0.0.1:9/", "--portal-url", f"http://u:{SECRET}@127.0.0.1:9/m/"],
        ["login", f"http://alice:{SECRET}@127.0.0.1:9/", "--save", "s.json"],
    ],
)
def test_the_cli_refuses_in_one_line_without_the_secret(args: list[str]) -> None:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert result.output.count("\n") == 1
    assert "contains a user name or password" in result.output
    assert SECRET not in result.output and "alice" not in result.output


def test_a_config_file_portal_url_with_credentials_is_refused(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cx-audit.toml").write_text(
        f'portal_urls = ["https://u:{SECRET}@127.0.0.1:9/mijn/"]\nauth_state = "s.json"\n'
    )
    result = CliRunner().invoke(main, ["audit", "http://127.0.0.1:9/"])
    assert result.exit_code == 2
    assert "portal_urls: the URL for 127.0.0.1:9 contains a user name" in result.output
    assert SECRET not in result.output
