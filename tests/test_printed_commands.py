"""What the template tells a person to run works as printed, and following it never runs into a refusal.

A new user makes a project as README says, on each engine (cookiecutter, `cruft create`, `copier
copy`), then runs the commands its closing lines give, in order, in one shell that has uv and git
and nothing else: its tests, the commit of what they and the engine leave uncommitted, and after
the template's next release the update printed there. A cookiecutter project moves to copier with
`to_copier.py` and a module grows into a library with `grow_to_library.py`, each followed by what it
prints. The commands are the indented lines (`tailor.COMMAND`) of what each printed, run as they are;
a refusal's last line is the command to run instead, run as printed too.
"""

from __future__ import annotations

import shlex
import subprocess
from pathlib import Path

import pytest
import tailor
from conftest import copy_template
from gitrepo import commit, edit, run
from test_readme_commands import (
    BAKE,
    COPIER_COPY,
    ENV,
    GROW,
    RELEASED,
    TEMPLATE_CHANGE,
    TO_COPIER,
    release,
    shell,
    substitute,
)

USER_LINE = "\n# A line its user wrote.\n"


@pytest.fixture(scope="module")
def origin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a git repository holding this checkout's template, one commit deep, tagged as its release."""
    repo = copy_template(tmp_path_factory.mktemp("origin") / "cookiecutter-pylayout")
    assert run("git", "tag", f"v{RELEASED}", cwd=repo).returncode == 0
    return repo


@pytest.fixture
def clone(origin: Path, tmp_path: Path) -> Path:
    """Return a fresh clone of the template, as a user has it."""
    clone = tmp_path / "cookiecutter-pylayout"
    assert run("git", "clone", "--quiet", str(origin), str(clone), cwd=tmp_path).returncode == 0
    return clone


def commands(printed: str) -> list[str]:
    """Return the commands in what was printed: the lines indented as `tailor.COMMAND`, as a user copies them."""
    return [line.removeprefix(tailor.COMMAND) for line in printed.splitlines() if line.startswith(tailor.COMMAND)]


def follow(printed: str, cwd: Path, *, but_the_last: bool = False) -> list[str]:
    """Run the printed commands in order in one shell started in `cwd` (a `cd` holds for the next); return them.

    With `but_the_last`, the last one (the update, for after the template's next release) is left out.
    """
    steps = commands(printed)[: -1 if but_the_last else None]
    assert steps, f"nothing to run in:\n{printed}"
    shell("set -e\n" + "\n".join(steps), cwd=cwd)
    return steps


def is_clean(project: Path) -> bool:
    """Return whether `project` has nothing uncommitted, as updates need."""
    return run("git", "status", "--porcelain", cwd=project).stdout == ""


def test_a_cookiecutter_project_follows_its_steps_to_copier_updates(clone: Path) -> None:
    project = clone / "out" / "my-project"
    steps = follow(shell(BAKE, cwd=clone), cwd=clone)
    assert steps == [f"cd {project} && uv run pytest", "git add uv.lock && git commit -m 'Lock the dependencies'"]
    assert is_clean(project)

    moved = shell(substitute(TO_COPIER, {"path/to/my-project": project}), cwd=clone)
    follow(moved, cwd=clone, but_the_last=True)
    assert is_clean(project)
    edit(project / "src" / "my_project" / "core.py", lambda text: text + USER_LINE)
    commit(project, "The user's edit")
    release(clone)
    (update,) = commands(moved)[-1:]
    shell(update, cwd=project)
    assert (project / "CHANGELOG.md").read_text(encoding="utf-8").endswith(f"{TEMPLATE_CHANGE}\n")
    assert (project / "src" / "my_project" / "core.py").read_text(encoding="utf-8").endswith(USER_LINE)


@pytest.mark.parametrize("engine", ["cruft", "copier"])
def test_a_project_follows_its_steps_to_an_update(clone: Path, tmp_path: Path, engine: str) -> None:
    make = {
        "cruft": f"uvx cruft create --no-input {shlex.quote(str(clone))}",
        "copier": substitute(COPIER_COPY, {"TEMPLATE": clone}) + " --defaults",
    }[engine]
    project = tmp_path / "my-project"
    printed = shell(make, cwd=tmp_path)
    follow(printed, cwd=tmp_path, but_the_last=True)
    assert is_clean(project), "the steps leave something uncommitted: the update would refuse"
    edit(project / "src" / "my_project" / "core.py", lambda text: text + USER_LINE)
    commit(project, "The user's edit")
    release(clone)
    (update,) = commands(printed)[-1:]
    assert update == tailor.UPDATE[engine]
    said = shell(update, cwd=project)
    assert (project / "CHANGELOG.md").read_text(encoding="utf-8").endswith(f"{TEMPLATE_CHANGE}\n")
    assert (project / "src" / "my_project" / "core.py").read_text(encoding="utf-8").endswith(USER_LINE)
    follow(said, cwd=project)  # what the update says to do last: commit it
    assert is_clean(project)


@pytest.mark.green
def test_a_module_follows_its_steps_and_grows_into_a_library(clone: Path) -> None:
    project = clone / "out" / "my-project"
    follow(shell(f"{BAKE} layout=module", cwd=clone), cwd=clone)
    grown = shell(substitute(GROW, {"path/to/my-project": project}), cwd=clone)
    steps = follow(grown, cwd=clone)
    assert steps[0].startswith(f"cd {project} && uv run pytest && uvx nox -s lint typecheck")
    assert (project / "src" / "my_project" / "core.py").is_file()
    assert is_clean(project)


def test_a_refused_copier_answer_ends_with_the_copier_command_that_makes_the_project(
    clone: Path, tmp_path: Path
) -> None:
    refused = subprocess.run(
        ["bash", "-c", substitute(COPIER_COPY, {"TEMPLATE": clone}) + " --defaults --data 'project_name=Café Tools' --data package_name=json"],
        cwd=tmp_path, env=ENV, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert refused.returncode == 1, refused.stderr
    assert not (tmp_path / "my-project").exists()
    *_, advice, command = refused.stderr.rstrip().splitlines()
    assert advice == "Nothing was changed. Run it again with the answers fixed:"
    words = shlex.split(command)
    # As it was started (uvx with what the template needs), the answer with a space one argument, the bad one fixed.
    assert words[: words.index("copy")] == shlex.split(COPIER_COPY)[: shlex.split(COPIER_COPY).index("copy")]
    assert {"project_name=Café Tools", "package_name=py_json"} <= set(words)
    assert "package_name=json" not in words
    shell(command.strip(), cwd=tmp_path)
    assert 'name = "cafe-tools"' in (tmp_path / "my-project" / "pyproject.toml").read_text(encoding="utf-8")
