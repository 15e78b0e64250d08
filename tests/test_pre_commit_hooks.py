"""A fresh project passes its own pre-commit file-hygiene hooks, and its pre-commit config is valid.

Slow tier: the hooks come from PyPI (pre-commit-hooks, at the version the config pins) and run on
copies of every covering row's files, as pre-commit would run them on a first `--all-files`.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import clean_env
from tooling import ROWS

HOOKS_REPO = "https://github.com/pre-commit/pre-commit-hooks"
# Hook ids whose console script has another name; file types each hook is given (default: all).
SCRIPTS = {"trailing-whitespace": "trailing-whitespace-fixer"}
SUFFIXES = {"check-yaml": (".yml", ".yaml"), "check-toml": (".toml",)}


def uvx(*command: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run `uvx *command` outside the template's own environment."""
    return subprocess.run(["uvx", *command], cwd=cwd, capture_output=True, text=True, env=clean_env(), check=False)


@pytest.fixture(scope="module")
def baked(bake, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Return copies of every covering row's project (hooks that fix files must not touch the cache)."""
    root = tmp_path_factory.mktemp("hygiene")
    subprocess.run(["git", "init", "--quiet", str(root)], check=True)  # some hooks ask git about files
    return [Path(shutil.copytree(bake(**row).path, root / str(index))) for index, row in enumerate(ROWS)]


def hygiene_hooks(projects: list[Path]) -> tuple[str, list[str]]:
    """Return the pinned version of pre-commit-hooks and the hook ids the configs use."""
    configs = [yaml.safe_load((p / ".pre-commit-config.yaml").read_text(encoding="utf-8")) for p in projects]
    repos = [repo for config in configs if config for repo in config["repos"] if repo["repo"] == HOOKS_REPO]
    assert repos, "no row has a pre-commit config"
    assert len({repo["rev"] for repo in repos}) == 1
    return repos[0]["rev"].lstrip("v"), sorted({hook["id"] for repo in repos for hook in repo["hooks"]})


@pytest.mark.green
def test_every_file_passes_the_hygiene_hooks(baked: list[Path]) -> None:
    version, hook_ids = hygiene_hooks([p for p in baked if (p / ".pre-commit-config.yaml").exists()])
    files = sorted(str(f) for project in baked for f in project.rglob("*") if f.is_file())
    for hook in hook_ids:
        chosen = [f for f in files if f.endswith(SUFFIXES.get(hook, ""))]
        command = ("--from", f"pre-commit-hooks=={version}", SCRIPTS.get(hook, hook), *chosen)
        result = uvx(*command, cwd=baked[0].parent)
        assert result.returncode == 0, f"{hook}:\n{result.stdout}{result.stderr}"


@pytest.mark.green
def test_pre_commit_accepts_the_config(baked: list[Path]) -> None:
    configs = [str(p / ".pre-commit-config.yaml") for p in baked if (p / ".pre-commit-config.yaml").exists()]
    result = uvx("pre-commit", "validate-config", *configs)
    assert result.returncode == 0, result.stdout + result.stderr
