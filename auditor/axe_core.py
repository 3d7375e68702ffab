"""Which axe-core build runs: a pinned release from the npm registry, else the bundled one.

A CI gate must not turn red because axe-core released new rules, so the version is pinned
here and changed on purpose. `cx-audit setup` installs it with npm into the user's cache;
where npm is missing, the axe-core bundled in axe-playwright-python is the fallback. The
version and source that ran are recorded in report.json.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path

from axe_playwright_python.base import AXE_SCRIPT as BUNDLED_SCRIPT

AXE_CORE_VERSION = "4.14.1"
ENV_VAR = "CX_AUDIT_AXE"


@dataclasses.dataclass(frozen=True)
class AxeBuild:
    version: str
    source: str  # "npm", "bundled" or CX_AUDIT_AXE
    script: str = dataclasses.field(repr=False)


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "cx-audit" / f"axe-core-{AXE_CORE_VERSION}"


def _installed_script(directory: Path) -> Path | None:
    package = directory / "node_modules" / "axe-core"
    try:
        version = json.loads((package / "package.json").read_text("utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        return None
    script = package / "axe.min.js"
    return script if version == AXE_CORE_VERSION and script.is_file() else None


def script_version(script: str) -> str:
    match = re.search(r"axe v([\d.]+)", script[:500])
    return match[1] if match else "unknown"


@cache
def axe_build() -> AxeBuild:
    explicit = os.environ.get(ENV_VAR)
    if explicit and Path(explicit).is_file():
        script = Path(explicit).read_text("utf-8")
        return AxeBuild(script_version(script), ENV_VAR, script)
    installed = _installed_script(cache_dir())
    if installed is not None:
        return AxeBuild(AXE_CORE_VERSION, "npm", installed.read_text("utf-8"))
    return AxeBuild(script_version(BUNDLED_SCRIPT), "bundled", BUNDLED_SCRIPT)


def install(directory: Path | None = None) -> Path:
    """npm-install the pinned axe-core; returns its axe.min.js. Raises RuntimeError with
    what to do when npm is missing or fails."""
    directory = directory or cache_dir()
    found = _installed_script(directory)
    if found is not None:
        return found
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError(
            f"npm not found: cannot install axe-core {AXE_CORE_VERSION}; install Node.js, or "
            "keep using the axe-core bundled with axe-playwright-python"
        )
    directory.mkdir(parents=True, exist_ok=True)
    command = [
        npm,
        "install",
        "--prefix",
        str(directory),
        "--no-save",
        "--no-audit",
        "--no-fund",
        "--ignore-scripts",
        "--loglevel=error",
        f"axe-core@{AXE_CORE_VERSION}",
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    found = _installed_script(directory)
    if done.returncode != 0 or found is None:
        reason = (done.stderr.strip().splitlines() or ["no axe.min.js after install"])[-1]
        raise RuntimeError(f"npm could not install axe-core {AXE_CORE_VERSION}: {reason}")
    axe_build.cache_clear()
    return found
