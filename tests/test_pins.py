"""`scripts/pins.py` finds the template's stale pins and rewrites them, offline, from this repo's uv.lock.

A copy of the template gets four deliberately stale pins, one of each kind: a build backend's upper
bound, a tool minimum of the generated project, a pre-commit hook's `rev:` and a GitHub Action.
The report must name each with the newest version, and `--write` must bring each to the newest.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import tomllib
from conftest import PROJECT_TREE, TEMPLATE

PINS = TEMPLATE / "scripts" / "pins.py"
LOCKED = {p["name"]: p["version"] for p in tomllib.loads((TEMPLATE / "uv.lock").read_text("utf-8"))["package"]}
# The repo's own workflow pins checkout by commit; the script takes that as the newest offline.
(CHECKOUT,) = set(
    re.findall(r"actions/checkout@([0-9a-f]{40})  # v([\d.]+)", (TEMPLATE / ".github/workflows/tests.yml").read_text())
)
OLD_SHA = "0" * 40


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the pin report on the template copy at `root`."""
    command = [sys.executable, str(PINS), "--root", str(root), *args]
    return subprocess.run(command, capture_output=True, text=True, encoding="utf-8", check=False)


def rewrite(path: Path, pattern: str, new: str) -> None:
    """Replace every match of `pattern` in `path` by `new`; fail if there is none."""
    text, count = re.subn(pattern, new, path.read_text(encoding="utf-8"))
    assert count, f"{pattern} not in {path.name}"
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def stale(tmp_path: Path) -> dict[str, Path]:
    """Return a copy of the template with four stale pins, by kind of pin."""
    root = tmp_path / "template"
    shutil.copytree(TEMPLATE / PROJECT_TREE.name, root / PROJECT_TREE.name)
    shutil.copytree(TEMPLATE / ".github", root / ".github")
    for name in ("cookiecutter.json", "uv.lock"):
        shutil.copyfile(TEMPLATE / name, root / name)
    files = {
        "upper": root / "cookiecutter.json",
        "minimum": root / PROJECT_TREE.name / "pyproject.toml",
        "rev": next((root / PROJECT_TREE.name).glob("*.pre-commit-config.yaml*")),
        "action": next((root / PROJECT_TREE.name / ".github" / "workflows").glob("*ci.yml*")),
    }
    rewrite(files["upper"], r'"hatchling>=1\.27,<\d+"', '"hatchling>=1.27,<1"')
    rewrite(files["minimum"], r'"ruff>=[\d.]+"', '"ruff>=0.1.0"')
    rewrite(files["rev"], r"(ruff-pre-commit\n\s+rev: )v[\d.]+", r"\g<1>v0.1.0")
    rewrite(files["action"], r"actions/checkout@[0-9a-f]{40}  # v[\d.]+", f"actions/checkout@{OLD_SHA}  # v1.0.0")
    return files


def test_report_names_each_stale_pin_with_the_locked_newest(stale) -> None:
    result = run(stale["upper"].parent)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    expected = [
        f"cookiecutter.json: hatchling <1  excludes {LOCKED['hatchling']}",
        f"pyproject.toml: ruff 0.1.0  lags {LOCKED['ruff']}",
        f"pre-commit-config.yaml{{% endif %}}: ruff v0.1.0  lags {LOCKED['ruff']}",
        f"ci.yml{{% endif %}}: github:actions/checkout 1.0.0  lags {CHECKOUT[1]}",
    ]
    assert [line for line in expected if not any(other.endswith(line) for other in lines)] == []


def test_write_brings_each_stale_pin_to_the_newest(stale) -> None:
    assert run(stale["upper"].parent, "--write").returncode == 0
    major = LOCKED["hatchling"].split(".")[0]
    assert f'"hatchling>=1.27,<{int(major) + 1}"' in stale["upper"].read_text(encoding="utf-8")
    assert f'"ruff>={LOCKED["ruff"]}"' in stale["minimum"].read_text(encoding="utf-8")
    assert f"rev: v{LOCKED['ruff']}\n" in stale["rev"].read_text(encoding="utf-8")
    workflow = stale["action"].read_text(encoding="utf-8")
    assert f"actions/checkout@{CHECKOUT[0]}  # v{CHECKOUT[1]}" in workflow
    assert OLD_SHA not in workflow
    assert "lags" not in run(stale["upper"].parent).stdout
