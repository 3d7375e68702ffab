import pytest

from auditor.config import ConfigError
from auditor.config_file import find_config, load_config
from checks import ALL_CHECKS

OPTIONS = {check.id: check.options for check in ALL_CHECKS}


def write(tmp_path, text, name="cx-audit.toml"):
    path = tmp_path / name
    path.write_text(text)
    return path


def test_values_and_check_options_are_read(tmp_path):
    path = write(
        tmp_path,
        """
max-pages = 300
exclude = ["*/nieuws/*"]
timeout = 10
fail_on = "critical"
now = 2026-01-31
headers = { "X-Env" = "staging" }
[checks.jargon-term]
avoid = { incassomachtiging = "automatische afschrijving" }
allow = ["Mijn Omgeving"]
""",
    )
    found = load_config(path, OPTIONS)
    assert found.values["max_pages"] == 300
    assert found.values["exclude"] == ("*/nieuws/*",)
    assert found.values["timeout"] == 10.0
    assert found.values["now"].isoformat().startswith("2026-01-31")
    assert found.check_options["jargon-term"]["allow"] == ["Mijn Omgeving"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("max_page = 3\n", "cx-audit.toml:1: unknown key 'max_page'; did you mean 'max_pages'?"),
        ("\n\nmax_pages = 'veel'\n", "cx-audit.toml:3: max_pages must be a whole number"),
        (
            "[checks.jargon-trem]\nallow = []\n",
            "unknown check 'jargon-trem'; did you mean 'jargon-term'?",
        ),
        (
            "[checks.jargon-term]\nalow = []\n",
            "unknown option of jargon-term 'alow'; did you mean 'allow'?",
        ),
        ("[checks.readability-level]\nmin_words = 'x'\n", "min_words must be like 100"),
        ("max_pages = \n", "not valid TOML"),
    ],
)
def test_mistakes_name_file_line_and_fix(tmp_path, text, message):
    with pytest.raises(ConfigError) as error:
        load_config(write(tmp_path, text), OPTIONS)
    assert message in str(error.value)


def test_found_from_a_subfolder_and_in_pyproject(tmp_path):
    write(tmp_path, "[tool.cx-audit]\nmax_pages = 7\n", name="pyproject.toml")
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    path = find_config(sub)
    assert path == tmp_path / "pyproject.toml"
    assert load_config(path, OPTIONS).values == {"max_pages": 7}
    write(tmp_path / "a", "max_pages = 9\n")
    assert find_config(sub) == tmp_path / "a" / "cx-audit.toml"


def test_pyproject_without_our_table_is_not_a_config(tmp_path):
    write(tmp_path, "[tool.ruff]\nline-length = 100\n", name="pyproject.toml")
    assert find_config(tmp_path) is None


def test_gate_settings_are_read(tmp_path):
    path = write(
        tmp_path,
        """
baseline = "cx-audit-baseline.json"
exclude-selectors = ["#cookie-banner", ".chat-widget"]
[per-url-ignores]
"*/archief/*" = ["outdated", "axe/region"]
[max-issues]
language = 20
accessibility = 0
""",
    )
    values = load_config(path, OPTIONS).values
    assert values["per_url_ignores"] == {"*/archief/*": ("outdated", "axe/region")}
    assert values["max_issues"] == {"language": 20, "accessibility": 0}
    assert values["exclude_selectors"] == ("#cookie-banner", ".chat-widget")
    assert values["baseline"] == "cx-audit-baseline.json"


def test_budget_must_be_a_number(tmp_path):
    path = write(tmp_path, '[max_issues]\nlanguage = "many"\n')
    with pytest.raises(ConfigError, match=r"max_issues\.language must be a whole number"):
        load_config(path, OPTIONS)


def test_the_readme_example_is_a_valid_settings_file(tmp_path):
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8")
    example = re.search(r"```toml\n(.*?)```", readme, re.S).group(1)
    found = load_config(write(tmp_path, example), OPTIONS)
    assert found.values["max_issues"] == {"accessibility": 0, "language": 25}
    assert "stale-page" in found.check_options
