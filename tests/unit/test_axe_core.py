import json

import pytest

from auditor import axe_core
from auditor.axe_core import AXE_CORE_VERSION, axe_build, install
from auditor.probes.axe import axe_options


@pytest.fixture(autouse=True)
def fresh(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv(axe_core.ENV_VAR, raising=False)
    axe_build.cache_clear()
    yield
    axe_build.cache_clear()


def fake_install(version: str) -> None:
    package = axe_core.cache_dir() / "node_modules" / "axe-core"
    package.mkdir(parents=True)
    (package / "package.json").write_text(json.dumps({"version": version}))
    (package / "axe.min.js").write_text(f"/*! axe v{version} */ window.axe = {{}};")


def test_pinned_npm_build_is_used_when_installed():
    fake_install(AXE_CORE_VERSION)
    build = axe_build()
    assert (build.version, build.source) == (AXE_CORE_VERSION, "npm")


def test_another_version_in_the_cache_is_not_used():
    fake_install("4.0.0")
    build = axe_build()
    assert build.source == "bundled" and build.version != "4.0.0"


def test_explicit_build_wins(monkeypatch, tmp_path):
    script = tmp_path / "axe.js"
    script.write_text("/*! axe v9.9.9 */")
    monkeypatch.setenv(axe_core.ENV_VAR, str(script))
    assert (axe_build().version, axe_build().source) == ("9.9.9", axe_core.ENV_VAR)


def test_install_without_npm_says_what_to_do(monkeypatch):
    monkeypatch.setenv("PATH", "")
    with pytest.raises(RuntimeError, match="npm not found"):
        install()


def test_standard_and_best_practice_tags():
    assert axe_options("wcag21aa")["runOnly"]["values"] == [
        "wcag2a",
        "wcag2aa",
        "wcag21a",
        "wcag21aa",
    ]
    assert "wcag22aa" in axe_options("wcag22aa")["runOnly"]["values"]
    assert axe_options("en301549")["runOnly"]["values"] == ["EN-301-549"]
    assert axe_options("wcag22aa", best_practice=True)["runOnly"]["values"][-1] == "best-practice"
