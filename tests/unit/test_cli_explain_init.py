from click.testing import CliRunner

from auditor.cli import STARTER_CONFIG, main
from auditor.config_file import load_config
from checks import ALL_CHECKS


def test_explain_prints_the_docs_and_options():
    result = CliRunner().invoke(main, ["explain", "jargon-term"])
    assert result.exit_code == 0
    assert result.output.startswith("jargon-term (language, moderate)")
    assert "Why is this bad?" in result.output and "allow=" in result.output


def test_explain_axe_rule_and_unknown_id():
    assert "axe (accessibility" in CliRunner().invoke(main, ["explain", "axe/image-alt"]).output
    result = CliRunner().invoke(main, ["explain", "jargon-trem"])
    assert result.exit_code == 2
    assert "did you mean 'jargon-term'?" in result.output


def test_init_writes_a_valid_starter_file_once(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(main, ["init"]).exit_code == 0
    written = (tmp_path / "cx-audit.toml").read_text()
    assert written == STARTER_CONFIG
    assert load_config(tmp_path / "cx-audit.toml", {c.id: c.options for c in ALL_CHECKS})
    again = CliRunner().invoke(main, ["init"])
    assert again.exit_code == 2 and "--force" in again.output
    uncommented = "\n".join(
        line.removeprefix("# ")
        for line in written.splitlines()
        if line.startswith(("# max", "# [checks", "# avoid", "# allow"))
    )
    (tmp_path / "cx-audit.toml").write_text(uncommented)
    found = load_config(tmp_path / "cx-audit.toml", {c.id: c.options for c in ALL_CHECKS})
    assert found.values["max_pages"] == 100 and found.check_options["jargon-term"]["allow"]
