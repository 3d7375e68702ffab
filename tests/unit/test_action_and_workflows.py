"""The GitHub Action (action.yml), the project's workflows and the CI examples in docs/examples,
checked with real linters, and the action's audit script run against a stub cx-audit.

- actionlint (with shellcheck on `run:` scripts) lints every workflow. It does not read action
  metadata files, so the action's composite steps are also linted as the steps of a synthetic
  workflow whose `workflow_dispatch` inputs mirror the action's inputs; and the example workflow
  is linted once more with `uses: ./`, so its `with:` keys are checked against action.yml.
- check-jsonschema validates against the SchemaStore schemas vendored in the package
  (`--builtin-schema vendor.*`): nothing is downloaded, and the tests run with the proxy
  variables pointing at a closed port so any attempt to go online fails.

The YAML is read with ruamel.yaml, a dependency of check-jsonschema.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ACTION = ROOT / "action.yml"
EXAMPLE_WORKFLOW = ROOT / "docs" / "examples" / "github-workflow.yml"
EXAMPLE_GITLAB = ROOT / "docs" / "examples" / "gitlab-ci.yml"
WORKFLOWS = [*sorted((ROOT / ".github" / "workflows").glob("*.y*ml")), EXAMPLE_WORKFLOW]

# Any network access by a linter goes to a closed port and fails.
OFFLINE = {
    "HTTP_PROXY": "http://127.0.0.1:9",
    "HTTPS_PROXY": "http://127.0.0.1:9",
    "ALL_PROXY": "http://127.0.0.1:9",
    "http_proxy": "http://127.0.0.1:9",
    "https_proxy": "http://127.0.0.1:9",
    "NO_PROXY": "",
    "no_proxy": "",
}

INPUT_IN_EXPRESSION = re.compile(r"\$\{\{[^}]*?\binputs\.")
INPUT_REFERENCE = re.compile(r"\binputs\.([A-Za-z0-9_-]+)")


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def tool(name: str) -> str:
    """The linter from this venv (or the PATH). Missing: a failure on CI, else a skip."""
    found = shutil.which(
        name, path=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    )
    if found is None:
        message = f"{name} is not installed: pip install -e '.[test]'"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


def run(args: list[str], cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args,
        cwd=cwd,
        env={**os.environ, **OFFLINE, "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def actionlint(*files: Path, cwd: Path = ROOT):
    args = [tool("actionlint"), "-no-color", "-oneline", "-shellcheck", tool("shellcheck")]
    return run([*args, *map(str, files)], cwd=cwd)


def check_jsonschema(schema: str, path: Path, *extra: str):
    return run([tool("check-jsonschema"), "--builtin-schema", schema, *extra, str(path)])


def yaml():
    from ruamel.yaml import YAML

    return YAML()


def load(path: Path):
    return yaml().load(path.read_text(encoding="utf-8"))


def strings(node) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from strings(key)
            yield from strings(value)
    elif isinstance(node, list):
        for item in node:
            yield from strings(item)


def steps_of(doc) -> Iterator[tuple[str, dict]]:
    """(where, step) for every step of an action (runs.steps) or workflow (jobs.*.steps)."""
    runs = doc.get("runs") or {}
    for i, step in enumerate(runs.get("steps") or []):
        yield f"runs.steps[{i}]", step
    for job_id, job in (doc.get("jobs") or {}).items():
        for i, step in enumerate(job.get("steps") or []):
            yield f"jobs.{job_id}.steps[{i}]", step


def inputs_interpolated_in_run(doc) -> list[str]:
    """Steps whose `run:` script expands `${{ inputs.* }}` itself (script injection)."""
    return [
        f"{where} ({step.get('name', step.get('id', ''))})"
        for where, step in steps_of(doc)
        if INPUT_IN_EXPRESSION.search(str(step.get("run", "")))
    ]


# --- actionlint -----------------------------------------------------------------------------


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=rel)
def test_actionlint(workflow):
    result = actionlint(workflow)
    assert result.returncode == 0, result.stdout + result.stderr


def action_as_workflow() -> str:
    """action.yml's composite steps as a job of a workflow with the same inputs."""
    action = load(ACTION)
    inputs = {
        name: {
            "type": "string",
            "required": bool(spec.get("required", False)),
            "default": str(spec.get("default", "")),
        }
        for name, spec in action["inputs"].items()
    }
    workflow = {
        "name": "cx-audit action steps",
        "on": {"workflow_dispatch": {"inputs": inputs}},
        "permissions": {"contents": "read", "security-events": "write"},
        "jobs": {"action": {"runs-on": "ubuntu-latest", "steps": action["runs"]["steps"]}},
    }
    out = io.StringIO()
    yaml().dump(workflow, out)
    return out.getvalue()


def test_actionlint_on_the_action_steps(tmp_path):
    """Expressions, shellcheck on every script, and the inputs of the actions it uses."""
    synthetic = tmp_path / "action-steps.yml"
    synthetic.write_text(action_as_workflow(), encoding="utf-8")
    result = actionlint(synthetic, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr + synthetic.read_text()


def local_checkout(tmp_path: Path, workflow_text: str) -> Path:
    """A repository with action.yml at its root and the workflow using it as `./`."""
    (tmp_path / ".git").mkdir()  # how actionlint finds the project root
    shutil.copy(ACTION, tmp_path / "action.yml")
    workflow = tmp_path / ".github" / "workflows" / "cx-audit.yml"
    workflow.parent.mkdir(parents=True)
    workflow.write_text(workflow_text, encoding="utf-8")
    return workflow


def test_example_workflow_uses_the_actions_inputs(tmp_path):
    text = EXAMPLE_WORKFLOW.read_text(encoding="utf-8")
    assert "uses: your-org/cx-audit@v1" in text
    workflow = local_checkout(tmp_path, text.replace("your-org/cx-audit@v1", "./"))
    result = actionlint(workflow, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


BROKEN_WORKFLOWS = {
    # a misspelt key and no runs-on
    "syntax": "on: push\njobs:\n  a:\n    stepz:\n      - run: echo hi\n",
    # an attacker-controlled title expanded inside a script
    "injection": (
        "on: pull_request_target\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        '      - run: echo "${{ github.event.pull_request.title }}"\n'
    ),
    # shellcheck SC2086: an unquoted variable
    "unquoted": (
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ls $HOME\n"
    ),
}


@pytest.mark.parametrize("name", BROKEN_WORKFLOWS)
def test_actionlint_rejects_a_broken_workflow(tmp_path, name):
    broken = tmp_path / f"{name}.yml"
    broken.write_text(BROKEN_WORKFLOWS[name], encoding="utf-8")
    result = actionlint(broken, cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{name}.yml:" in result.stdout


def test_actionlint_rejects_an_unknown_input_of_the_action(tmp_path):
    text = EXAMPLE_WORKFLOW.read_text(encoding="utf-8")
    text = text.replace("your-org/cx-audit@v1", "./").replace("fail-on:", "fail-level:")
    workflow = local_checkout(tmp_path, text)
    result = actionlint(workflow, cwd=tmp_path)
    assert result.returncode == 1
    assert 'input "fail-level" is not defined' in result.stdout


# --- check-jsonschema with the vendored SchemaStore schemas ---------------------------------


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=rel)
def test_workflow_schema(workflow):
    result = check_jsonschema("vendor.github-workflows", workflow)
    assert result.returncode == 0, result.stdout + result.stderr


def test_action_schema():
    result = check_jsonschema("vendor.github-actions", ACTION)
    assert result.returncode == 0, result.stdout + result.stderr


def test_gitlab_example_schema():
    result = check_jsonschema("vendor.gitlab-ci", EXAMPLE_GITLAB, "--data-transform", "gitlab-ci")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("schema", "text"),
    [
        ("vendor.github-workflows", "on: push\njobs:\n  a:\n    stepz: []\n"),
        (
            "vendor.github-actions",
            # a composite `run:` step must name its shell
            "name: x\ndescription: x\nruns:\n  using: composite\n  steps:\n    - run: echo hi\n",
        ),
        (
            "vendor.gitlab-ci",
            "job:\n  script: [echo hi]\n  artifacts:\n    when: sometimes\n",
        ),
    ],
)
def test_check_jsonschema_rejects_broken_files(tmp_path, schema, text):
    broken = tmp_path / "broken.yml"
    broken.write_text(text, encoding="utf-8")
    result = check_jsonschema(schema, broken)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Schema validation errors" in result.stdout + result.stderr


# --- the action's own rules ------------------------------------------------------------------


def test_every_input_is_used_and_every_used_input_declared():
    action = load(ACTION)
    declared = set(action["inputs"])
    used = {m for s in strings(action["runs"]) for m in INPUT_REFERENCE.findall(s)}
    used |= {m for s in strings(action["outputs"]) for m in INPUT_REFERENCE.findall(s)}
    assert declared - used == set(), "inputs never used"
    assert used - declared == set(), "inputs used but not declared"


@pytest.mark.parametrize("path", [ACTION, *WORKFLOWS], ids=rel)
def test_no_run_script_interpolates_inputs(path):
    assert inputs_interpolated_in_run(load(path)) == []


def test_the_interpolation_check_finds_one():
    doc = yaml().load(
        "runs:\n  using: composite\n  steps:\n"
        "    - shell: bash\n      env:\n        URLS: ${{ inputs.urls }}\n"
        '      run: cx-audit audit "$URLS"\n'
        "    - name: bad\n      shell: bash\n"
        "      run: |\n        cx-audit audit ${{ inputs.urls }}\n"
    )
    assert inputs_interpolated_in_run(doc) == ["runs.steps[1] (bad)"]


def test_outputs_come_from_the_audit_step():
    action = load(ACTION)
    assert set(action["outputs"]) == {"exit-code", "report-dir", "sarif-file"}
    for name, spec in action["outputs"].items():
        assert spec["value"] == f"${{{{ steps.audit.outputs.{name} }}}}"


def test_uploads_always_run_and_the_gate_comes_last():
    steps = load(ACTION)["runs"]["steps"]
    uploaders = {"github/codeql-action/upload-sarif", "actions/upload-artifact"}
    uploads = [s for s in steps if str(s.get("uses", "")).split("@")[0] in uploaders]
    assert len(uploads) == 2
    assert all(str(s["if"]).startswith("always()") for s in uploads)
    assert steps[-1]["name"] == "Gate on the audit"
    assert 'exit "${CODE:-2}"' in steps[-1]["run"]


# --- the audit script, run against a stub cx-audit -------------------------------------------

STUB = """#!/usr/bin/env bash
printf '%s\\0' "$@" > "$STUB_ARGV"
mkdir -p "$OUTPUT"
echo "# cx-audit summary" > "$OUTPUT/report.md"
echo '{"version": "2.1.0"}' > "$OUTPUT/report.sarif"
if [ -n "$STUB_WRITES_SUMMARY" ]; then cat "$OUTPUT/report.md" >> "$GITHUB_STEP_SUMMARY"; fi
exit "${STUB_EXIT:-0}"
"""


def step(step_id: str | None = None, name: str | None = None) -> dict:
    for s in load(ACTION)["runs"]["steps"]:
        if (step_id and s.get("id") == step_id) or (name and s.get("name") == name):
            return s
    raise AssertionError(f"no step {step_id or name}")


def run_step(tmp_path: Path, the_step: dict, env: dict[str, str]):
    """Run a step's script the way GitHub runs `shell: bash` (bash -eo pipefail)."""
    script = tmp_path / "step.sh"
    script.write_text(str(the_step["run"]), encoding="utf-8")
    (tmp_path / "output").touch()
    (tmp_path / "summary").touch()
    base = {
        "PATH": os.environ["PATH"],
        "RUNNER_TEMP": str(tmp_path),
        "GITHUB_OUTPUT": str(tmp_path / "output"),
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary"),
        "STUB_ARGV": str(tmp_path / "argv"),
    }
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
        cwd=tmp_path,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.fixture
def stub_venv(tmp_path):
    bin_dir = tmp_path / "cx-audit-venv" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "cx-audit").write_text(STUB, encoding="utf-8")
    (bin_dir / "cx-audit").chmod(0o755)
    (bin_dir / "python").symlink_to(sys.executable)
    return bin_dir


def audit_env(**overrides: str) -> dict[str, str]:
    env = {
        "URLS": "https://help.example.nl/\nhttps://help.example.nl/en/",
        "FAIL_ON": "serious",
        "FORMAT": "html,json,sarif,md",
        "OUTPUT": "cx-audit-report",
        "CONFIG": "",
        "BASELINE": "",
        "MAX_PAGES": "",
        "REPORT_LANG": "",
        "EXTRA_ARGS": "",
    }
    return {**env, **overrides}


def outputs(tmp_path: Path) -> dict[str, str]:
    lines = (tmp_path / "output").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines)


def argv(tmp_path: Path) -> list[str]:
    return (tmp_path / "argv").read_text().split("\0")[:-1]


def test_audit_step_passes_every_option_and_keeps_the_exit_code(tmp_path, stub_venv):
    env = audit_env(
        CONFIG="cx audit.toml",
        BASELINE="cx-audit-baseline.json",
        MAX_PAGES="300",
        REPORT_LANG="en",
        EXTRA_ARGS="--exclude '*/nieuws/*' --header \"X-Env: staging 1\"",
        STUB_EXIT="1",
    )
    result = run_step(tmp_path, step("audit"), env)
    assert result.returncode == 0, result.stderr  # the gate step fails the job, later
    assert argv(tmp_path) == [
        "audit", "--output", "cx-audit-report", "--format", "html,json,sarif,md",
        "--fail-on", "serious", "--config", "cx audit.toml",
        "--baseline", "cx-audit-baseline.json", "--max-pages", "300", "--report-lang", "en",
        "--exclude", "*/nieuws/*", "--header", "X-Env: staging 1",
        "--", "https://help.example.nl/", "https://help.example.nl/en/",
    ]  # fmt: skip
    assert outputs(tmp_path) == {
        "exit-code": "1",
        "report-dir": "cx-audit-report",
        "sarif-file": "cx-audit-report/report.sarif",
    }


def test_audit_step_expands_nothing_from_its_inputs(tmp_path, stub_venv):
    env = audit_env(
        URLS="https://a.example/ $(touch pwned1) `touch pwned2`",
        EXTRA_ARGS="--exclude $(touch pwned3) ';touch pwned4'",
    )
    result = run_step(tmp_path, step("audit"), env)
    assert result.returncode == 0, result.stderr
    assert not list(tmp_path.glob("pwned*"))
    args = argv(tmp_path)
    assert args[args.index("--exclude") :] == [
        "--exclude", "$(touch", "pwned3)", ";touch pwned4",
        "--", "https://a.example/", "$(touch", "pwned1)", "`touch", "pwned2`",
    ]  # fmt: skip


@pytest.mark.parametrize("cli_writes_summary", [False, True])
def test_the_job_summary_gets_report_md_once(tmp_path, stub_venv, cli_writes_summary):
    env = audit_env(STUB_WRITES_SUMMARY="1" if cli_writes_summary else "")
    result = run_step(tmp_path, step("audit"), env)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "summary").read_text() == "# cx-audit summary\n"


@pytest.mark.parametrize(
    "env", [audit_env(URLS=" \n "), audit_env(EXTRA_ARGS="--exclude 'unbalanced")]
)
def test_bad_inputs_are_a_usage_error(tmp_path, stub_venv, env):
    result = run_step(tmp_path, step("audit"), env)
    assert result.returncode == 0, result.stderr
    assert "::error::" in result.stdout
    assert outputs(tmp_path)["exit-code"] == "2"
    assert not (tmp_path / "argv").exists()


@pytest.mark.parametrize("code", ["1", "2", "130"])
def test_the_gate_exits_with_the_audits_code(tmp_path, code):
    gate = step(name="Gate on the audit")
    assert gate["if"] == "steps.audit.outputs.exit-code != '0'"
    result = run_step(tmp_path, gate, {"CODE": code, "FAIL_ON": "serious"})
    assert result.returncode == int(code)
    assert result.stdout.startswith("::error::")


# --- the README shows exactly the linted examples ---------------------------------------------


@pytest.mark.parametrize("example", [EXAMPLE_WORKFLOW, EXAMPLE_GITLAB], ids=rel)
def test_readme_shows_the_example(example):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"```yaml\n{example.read_text(encoding='utf-8')}```" in readme
