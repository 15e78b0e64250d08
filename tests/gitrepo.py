"""Git helpers for the tests that update projects: run a command as a fixed user, commit, edit a file."""

from __future__ import annotations

import datetime
import os
import re
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable


def edit(path: Path, change: Callable[[str], str]) -> None:
    """Rewrite the text file at `path` with `change`; fail if it changes nothing."""
    text = path.read_text(encoding="utf-8")
    assert change(text) != text, f"the edit to {path.name} changed nothing"
    path.write_text(change(text), encoding="utf-8")


GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.com",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.com",
}


def run(*command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run `command` in `cwd` with a fixed git identity; return what it did."""
    env = os.environ | GIT_IDENTITY
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", check=False)


def commit(repo: Path, message: str) -> None:
    """Commit everything in `repo`, making it a git repository first if it is not one."""
    if not (repo / ".git").exists():
        assert run("git", "init", "--quiet", cwd=repo).returncode == 0
    assert run("git", "add", "--all", cwd=repo).returncode == 0
    result = run("git", "commit", "--quiet", "--allow-empty", "--message", message, cwd=repo)
    assert result.returncode == 0, result.stdout + result.stderr


def next_minor(version: str) -> str:
    """Return the release after `version` that adds something: `1.2.3` -> `1.3.0`."""
    major, minor, _ = version.split(".")
    return f"{major}.{int(minor) + 1}.0"


def release(template: Path, version: str, change: str) -> None:
    """Release the template in the git repository `template` at `version`, as CONTRIBUTING.md says and CI tags.

    `change` is the changelog's line under a new heading below `## [Unreleased]`; pyproject.toml takes the
    version; everything is committed (the template's own change too), and tagged `v<version>`.
    """
    today = datetime.date.today().isoformat()
    heading = f"## [{version}] - {today}\n\n### Changed\n\n- {change}\n"
    edit(template / "CHANGELOG.md", lambda text: text.replace("## [Unreleased]\n", f"## [Unreleased]\n\n{heading}", 1))
    edit(template / "pyproject.toml", lambda text: re.sub(r'(?m)^version = ".*"$', f'version = "{version}"', text, 1))
    commit(template, f"Release {version}")
    assert run("git", "tag", f"v{version}", cwd=template).returncode == 0
