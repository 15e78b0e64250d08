"""Every template file passes the generated project's own file-hygiene hooks as it is written.

The hooks of pre-commit-hooks in the project's `.pre-commit-config.yaml` that judge a file's text
alone (end of file, trailing whitespace, line endings, merge-conflict markers) run, with the
project's arguments, on a copy of every file of the template tree and of `templates/`, before any
rendering: fast, and no combination baked. What only a render makes (a line that ends in an answer
left empty) is found by the slow tier, which runs every hook on the baked rows
(test_pre_commit_hooks.py).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import PROJECT_TREE, TEMPLATE
from gitrepo import run
from test_pre_commit_hooks import HOOKS, PRE_COMMIT_HOOKS
from validators import tool

# The hooks whose verdict on a template file is their verdict on what it renders to.
TEXT_HOOKS = ("end-of-file-fixer", "trailing-whitespace", "mixed-line-ending", "check-merge-conflict")


def template_files() -> list[str]:
    """Return the files of the template tree and its includes, as git lists them (tracked or to be)."""
    command = ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", PROJECT_TREE.name, "templates"]
    listed = run(*command, cwd=TEMPLATE)
    assert listed.returncode == 0, listed.stderr
    return sorted(name for name in listed.stdout.split("\0") if name and (TEMPLATE / name).is_file())


@pytest.mark.parametrize("hook_id", TEXT_HOOKS)
def test_every_template_file_passes_the_projects_hook(bake, tmp_path: Path, hook_id: str) -> None:
    config = yaml.safe_load(bake().read(".pre-commit-config.yaml"))
    (repo,) = [repo for repo in config["repos"] if repo["repo"] == PRE_COMMIT_HOOKS]
    (hook,) = [hook for hook in repo["hooks"] if hook["id"] == hook_id]
    copies = {}
    for index, name in enumerate(template_files()):
        copies[tmp_path / str(index)] = name
        shutil.copyfile(TEMPLATE / name, tmp_path / str(index))
    before = {copy: copy.read_bytes() for copy in copies}
    command = [tool(HOOKS[PRE_COMMIT_HOOKS][hook_id].command[0]), *hook.get("args", []), *map(str, copies)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    changed = [name for copy, name in copies.items() if copy.read_bytes() != before[copy]]
    output = result.stdout + result.stderr
    for copy in sorted(copies, key=lambda copy: -len(str(copy))):  # `10` before `1`
        output = output.replace(str(copy), copies[copy])
    assert (result.returncode, changed) == (0, []), output
