"""A fresh project passes its own pre-commit hooks, at the versions its config pins (slow tier).

pre-commit clones each hook's repository, and this machine reaches no git host; but most hook
repositories are a tool published on PyPI under the same version. So each hook whose tool is on PyPI
runs here from PyPI (`uvx --from <tool>==<rev>`), with the command its repository's hook runs, the
files of the types it takes and the `args` and `additional_dependencies` the config gives it, on
copies of every covering row, as a first `pre-commit run --all-files` would run it: a hook that
exits non-zero or changes a file fails. The hooks with no PyPI twin (pygrep-hooks) are in README,
"What to run by hand"; a hook repository this test does not know fails it, so none is skipped.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import clean_env
from tooling import ROWS, row_id
from validators import committed


@dataclass(frozen=True)
class Hook:
    """What one hook of a hook repository runs: its PyPI tool, command and file types."""

    tool: str
    command: tuple[str, ...]
    suffixes: tuple[str, ...] = ()  # files it takes (all when empty)
    pass_filenames: bool = True


PRE_COMMIT_HOOKS = "https://github.com/pre-commit/pre-commit-hooks"
PYTHON = (".py", ".pyi")
# Each hook repository's hooks (from its `.pre-commit-hooks.yaml` at the pinned rev).
HOOKS = {
    PRE_COMMIT_HOOKS: {
        "check-added-large-files": Hook("pre-commit-hooks", ("check-added-large-files",)),
        "check-case-conflict": Hook("pre-commit-hooks", ("check-case-conflict",)),
        "check-merge-conflict": Hook("pre-commit-hooks", ("check-merge-conflict",)),
        "check-toml": Hook("pre-commit-hooks", ("check-toml",), (".toml",)),
        "check-yaml": Hook("pre-commit-hooks", ("check-yaml",), (".yml", ".yaml")),
        "end-of-file-fixer": Hook("pre-commit-hooks", ("end-of-file-fixer",)),
        "mixed-line-ending": Hook("pre-commit-hooks", ("mixed-line-ending",)),
        "trailing-whitespace": Hook("pre-commit-hooks", ("trailing-whitespace-fixer",)),
    },
    "https://github.com/astral-sh/ruff-pre-commit": {
        "ruff-check": Hook("ruff", ("ruff", "check", "--force-exclude"), PYTHON),
        "ruff-format": Hook("ruff", ("ruff", "format", "--force-exclude"), PYTHON),
    },
    "https://github.com/pre-commit/mirrors-mypy": {"mypy": Hook("mypy", ("mypy",), PYTHON)},
    "https://github.com/codespell-project/codespell": {"codespell": Hook("codespell", ("codespell",))},
    "https://github.com/hukkin/mdformat": {"mdformat": Hook("mdformat", ("mdformat",), (".md",))},
    "https://github.com/adrienverge/yamllint": {"yamllint": Hook("yamllint", ("yamllint",), (".yml", ".yaml"))},
}
# Hook repositories with no tool on PyPI: README says to run them by hand.
BY_HAND = {"https://github.com/pre-commit/pygrep-hooks"}


def uvx(*command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run `uvx *command` outside the template's own environment."""
    return subprocess.run(["uvx", *command], cwd=cwd, capture_output=True, text=True, env=clean_env(), check=False)


# The covering rows that have a pre-commit config.
ROWS_WITH_HOOKS = [pytest.param(row, id=row_id(row)) for row in ROWS if row["pre_commit"]]


@pytest.fixture
def project(bake, tmp_path: Path, answers: dict[str, Any]) -> Path:
    """Return a copy of the row's project inside a git repository (some hooks ask git about files; hooks may fix files)."""
    subprocess.run(["git", "init", "--quiet", str(tmp_path)], check=True)
    return Path(shutil.copytree(bake(**answers).path, tmp_path / "project"))


def config(project: Path) -> dict[str, Any]:
    """Return the project's parsed `.pre-commit-config.yaml`."""
    return yaml.safe_load((project / ".pre-commit-config.yaml").read_text(encoding="utf-8"))


def hook_command(project: Path, repo: dict[str, Any], hook: dict[str, Any]) -> list[str]:
    """Return the `uvx` arguments that run `hook` of `repo` in `project` as pre-commit would."""
    known = HOOKS[repo["repo"]][hook["id"]]
    with_deps = [part for dep in hook.get("additional_dependencies", []) for part in ("--with", dep)]
    files = [
        f
        for f in contents(project)
        if f.endswith(known.suffixes or ("",))
        and re.search(hook.get("files", ""), f)
        and not re.search(hook.get("exclude", "^$"), f)
    ]
    passed = files if hook.get("pass_filenames", known.pass_filenames) else []
    tool = f"{known.tool}=={repo['rev'].removeprefix('v')}"
    return ["--from", tool, *with_deps, *known.command, *hook.get("args", []), *passed]


def contents(project: Path) -> dict[str, bytes]:
    """Return the files git would track in `project` (the ones pre-commit sees): path -> bytes."""
    return {f: (project / f).read_bytes() for f in committed(project)}


@pytest.mark.green
@pytest.mark.parametrize("answers", ROWS_WITH_HOOKS)
def test_every_file_passes_every_pinned_hook(project: Path) -> None:
    failures = []
    for repo in config(project)["repos"]:
        assert repo["repo"] in HOOKS or repo["repo"] in BY_HAND, f"no way to run {repo['repo']} here"
        for hook in repo["hooks"] if repo["repo"] in HOOKS else []:
            # As pre-commit: a hook fails when it exits non-zero or changes a file (a fix).
            before = contents(project)
            command = hook_command(project, repo, hook)
            result = uvx(*command, cwd=project)
            changed = sorted(f for f, data in contents(project).items() if before.get(f) != data)
            if result.returncode != 0 or changed:
                report = f"{result.stdout}{result.stderr}changed: {changed}"
                failures.append(f"{hook['id']}: {' '.join(command)}\n{report}")
    assert not failures, "\n".join(failures)


@pytest.mark.green
def test_pre_commit_accepts_the_config(bake, tmp_path: Path) -> None:
    configs = [str(bake(**param.values[0]).path / ".pre-commit-config.yaml") for param in ROWS_WITH_HOOKS]
    assert configs, "no covering row has a pre-commit config"
    result = uvx("pre-commit", "validate-config", *configs, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
