"""The oldest cookiecutter the README supports bakes, refuses and asks again as the newest does.

The newest is the one `uv.lock` holds, which every other test uses. The oldest is the floor of
`cookiecutter` in this repository's `pyproject.toml`, installed in a venv of its own (slow tier).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import tomllib
from conftest import TEMPLATE, clean_env

FLOOR = next(
    re.fullmatch(r"cookiecutter>=([0-9.]+)", requirement).group(1)
    for requirement in tomllib.loads((TEMPLATE / "pyproject.toml").read_text(encoding="utf-8"))["dependency-groups"][
        "dev"
    ]
    if isinstance(requirement, str) and requirement.startswith("cookiecutter>=")
)

pytestmark = pytest.mark.green


@pytest.fixture(scope="module")
def oldest(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Return a Python whose cookiecutter is the oldest release of the floor's minor version."""
    venv = tmp_path_factory.mktemp("oldest") / "venv"
    subprocess.run(["uv", "venv", "--quiet", "--python", sys.executable, str(venv)], check=True, env=clean_env())
    python = str(venv / ("Scripts" if os.name == "nt" else "bin") / "python")
    install = ["uv", "pip", "install", "--quiet", "--python", python, "--resolution", "lowest-direct"]
    subprocess.run([*install, f"cookiecutter=={FLOOR}.*"], check=True, env=clean_env())
    return python


def cookiecutter(python: str, out: Path, *answers: str) -> subprocess.CompletedProcess[str]:
    """Bake the template with `python`'s cookiecutter and `--no-input` answers into `out`."""
    command = [python, "-m", "cookiecutter", "--no-input", "-o", str(out), str(TEMPLATE), *answers]
    return subprocess.run(command, capture_output=True, text=True, encoding="utf-8", check=False, env=clean_env())


def tree(root: Path) -> dict[str, bytes]:
    """Return every file under `root`, but git's own, as relative POSIX path -> content."""
    files = (p for p in sorted(root.rglob("*")) if p.is_file() and ".git" not in p.relative_to(root).parts)
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in files}


def test_the_floor_is_what_the_venv_runs(oldest: str) -> None:
    version = subprocess.run(
        [oldest, "-c", "import cookiecutter; print(cookiecutter.__version__)"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert version.stdout.strip() == f"{FLOOR}.0"


@pytest.mark.parametrize("layout", ["library", "module"])
def test_the_oldest_bakes_what_the_newest_bakes(oldest: str, tmp_path: Path, layout: str) -> None:
    for python, where in ((oldest, "oldest"), (sys.executable, "newest")):
        result = cookiecutter(python, tmp_path / where, f"layout={layout}", "cli=click")
        assert result.returncode == 0, result.stderr
    assert tree(tmp_path / "oldest") == tree(tmp_path / "newest")


def test_the_oldest_refuses_with_a_command_and_no_traceback(oldest: str, tmp_path: Path) -> None:
    result = cookiecutter(oldest, tmp_path / "out", "package_name=json", "versioning=vcs")
    assert result.returncode == 1
    assert "ERROR: package_name 'json' would shadow the standard-library module" in result.stderr
    assert "ERROR: versioning 'vcs' needs a build backend that reads the version from git tags" in result.stderr
    assert result.stderr.rstrip().endswith("package_name=py_json versioning=static")
    assert "Traceback" not in result.stdout + result.stderr
    assert not (tmp_path / "out").exists()


def test_the_oldest_asks_again_at_once(oldest: str, tmp_path: Path) -> None:
    from test_prompting import Terminal, re_ask_a_bad_import_name

    re_ask_a_bad_import_name(Terminal(tmp_path / "out", oldest), tmp_path)
