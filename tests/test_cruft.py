"""The template works with cruft: `cruft update` brings a template change into a project and keeps its user's edits.

Each test copies the template into a git repository of its own, makes a project from it with
`cruft create`, and commits changes to both sides the way a template's maintainers and a
project's users do. `cruft check` tells whether a project is up to date with its template.
A refused answer ends with how to run the same cruft command again with the answers fixed.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import tailor
from conftest import PROJECT_TREE, choices
from gitrepo import GIT_IDENTITY, commit, edit, run

CRUFT = [sys.executable, "-m", "cruft"]
USER_FUNCTION = '''

def shout(text: str) -> str:
    """Return `text` in capitals."""
    return text.upper()
'''


SHOUT_EXTENSION = """

class Shout(Extension):
    def __init__(self, environment):
        super().__init__(environment)
        environment.filters["shout"] = str.upper
"""


def run_as_printed(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run `command` as a user pastes it into a POSIX shell, whose PATH has this environment's `cruft`."""
    env = os.environ | GIT_IDENTITY | {"PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]])}
    return subprocess.run(command, shell=True, cwd=cwd, env=env, capture_output=True, text=True, check=False)


def cruft_create(template_repo: Path, out: Path, **answers: object) -> Path:
    """Make a project from `template_repo` with cruft, commit it, and return its path."""
    result = run(
        *CRUFT, "create", "--no-input", "--output-dir", str(out), "--extra-context", json.dumps(answers),
        str(template_repo), cwd=out.parent,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    (project,) = out.iterdir()
    commit(project, "Generated with cruft")
    return project


def check(project: Path) -> subprocess.CompletedProcess[str]:
    """Run `cruft check` in `project`."""
    return run(*CRUFT, "check", cwd=project)


@pytest.mark.parametrize("layout", choices("layout"))
def test_update_brings_a_template_change_and_keeps_the_users_edit(template_repo, tmp_path, layout: str) -> None:
    project = cruft_create(template_repo, tmp_path / "out", layout=layout)
    cruft_state = json.loads((project / ".cruft.json").read_text(encoding="utf-8"))
    package = cruft_state["context"]["cookiecutter"]["package_name"]
    code = project / "src" / (f"{package}.py" if layout == "module" else f"{package}/core.py")
    assert check(project).returncode == 0

    with code.open("a", encoding="utf-8") as file:
        file.write(USER_FUNCTION)
    commit(project, "The user's own function")

    # The template changes the same module the user edited (at its top) and pyproject.toml.
    tree = template_repo / PROJECT_TREE.name
    (template_code,) = (tree / "src").rglob(
        "{% if cookiecutter.layout == 'module' %}{{cookiecutter.package_name}}.py{% endif %}"
        if layout == "module"
        else "{% if cookiecutter.layout == 'library' %}core.py{% endif %}"
    )
    edit(template_code, lambda text: "# Improved by the template.\n" + text)
    edit(tree / "pyproject.toml", lambda text: text + "\n[tool.template-change]\nseen = true\n")
    commit(template_repo, "A template change")
    outdated = check(project)
    assert outdated.returncode == 1
    assert "out of date" in outdated.stdout

    update = run(*CRUFT, "update", "--skip-apply-ask", cwd=project)
    assert update.returncode == 0, update.stdout + update.stderr
    text = code.read_text(encoding="utf-8")
    assert text.startswith("# Improved by the template.\n")
    assert text.endswith(USER_FUNCTION)
    assert "[tool.template-change]\nseen = true\n" in (project / "pyproject.toml").read_text(encoding="utf-8")
    assert not list(project.rglob("*.rej"))
    assert check(project).returncode == 0


def test_update_takes_a_changed_local_extension(template_repo, tmp_path) -> None:
    """A template change may add to `local_extensions.py`; cruft renders both commits in one process."""
    project = cruft_create(template_repo, tmp_path / "out")
    edit(template_repo / "local_extensions.py", lambda text: text + SHOUT_EXTENSION)
    edit(
        template_repo / "cookiecutter.json",
        lambda text: text.replace(
            '"local_extensions.FormatFilters"', '"local_extensions.FormatFilters", "local_extensions.Shout"'
        ),
    )
    edit(
        template_repo / PROJECT_TREE.name / "CHANGELOG.md",
        lambda text: text + "\n{{ cookiecutter.project_name | shout }}\n",
    )
    commit(template_repo, "A new filter, used")

    update = run(*CRUFT, "update", "--skip-apply-ask", cwd=project)
    assert update.returncode == 0, update.stdout + update.stderr
    assert (project / "CHANGELOG.md").read_text(encoding="utf-8").endswith("\nMY PROJECT\n")
    assert check(project).returncode == 0


def change(answer: str, value: object, *, made_with: dict[str, object] | None = None, arrive=(), leave=(), text=()):
    """Return a test case: `answer` becomes `value`; `arrive`/`leave` are paths, `text` is (path, text) pairs."""
    return pytest.param(
        answer,
        value,
        made_with or {},
        set(arrive),
        set(leave),
        dict(text),
        id="-".join(map(str, [answer, value, *(made_with or {}).values()])),
    )


# Each answer a project can change later with `cruft update --variables-to-update`, from the default.
ANSWER_CHANGES = [
    change(
        "ci", "gitlab", arrive={".gitlab-ci.yml", "renovate.json"},
        leave={".github/workflows/ci.yml", ".github/workflows/release.yml", ".github/dependabot.yml", ".github"},
    ),
    change(
        "docs", "mkdocs", arrive={"mkdocs.yml", "docs/index.md", "docs/api.md"},
        leave={"docs/conf.py", "docs/index.rst", "docs/api.rst"},
    ),
    change("docs", "none", leave={"docs", ".readthedocs.yaml"}),
    change(
        "license", "Proprietary", leave={"CONTRIBUTING.md", "SECURITY.md", ".github/workflows/release.yml"},
        text={"pyproject.toml": 'license = "LicenseRef-Proprietary"', "LICENSE": "All rights reserved"},
    ),
    change("pre_commit", False, leave={".pre-commit-config.yaml"}),
    change("cli", "none", leave={"src/{package}/cli.py", "src/{package}/__main__.py", "tests/test_cli.py"}),
    change("cli", "click", text={"src/{package}/cli.py": "import click", "pyproject.toml": '"click>=8.1"'}),
    change("python_min", "3.13", text={"pyproject.toml": 'requires-python = ">=3.13"'}),
    change("build_backend", "hatchling", text={"pyproject.toml": 'build-backend = "hatchling.build"'}),
    change(
        "versioning", "vcs", made_with={"build_backend": "hatchling"},
        text={"pyproject.toml": 'dynamic = ["version"]'},
    ),
    change(
        "cli", "click", made_with={"layout": "module"},
        text={"src/{package}.py": "import click", "pyproject.toml": '"click>=8.1"'},
    ),
]  # fmt: skip


def test_an_update_merges_when_the_user_committed_only_after_editing(template_repo, tmp_path) -> None:
    # As a new user does: create, edit the module, commit, change an answer. The project's first
    # commit (made at creation) holds what cruft merges against, so nothing is half applied.
    out = tmp_path / "out"
    made = run(*CRUFT, "create", "--no-input", "--output-dir", str(out), "--extra-context",
               json.dumps({"project_name": "Tidy", "layout": "module"}), str(template_repo), cwd=tmp_path)  # fmt: skip
    assert made.returncode == 0, made.stdout + made.stderr
    project = out / "tidy"
    # cruft create closes as cookiecutter does: where the project is, how to take it to green.
    assert f"Made tidy in {project}." in made.stdout
    assert f"{tailor.COMMAND}cd {project} && uv run pytest\n" in made.stdout
    module = project / "src" / "tidy.py"
    edit(module, lambda text: text + USER_FUNCTION)
    commit(project, "My function")
    update = run(*CRUFT, "update", "-y", "--variables-to-update", json.dumps({"cli": "click"}), cwd=project)
    assert update.returncode == 0, update.stdout + update.stderr
    assert "lacks the necessary blob" not in update.stdout + update.stderr
    text = module.read_text(encoding="utf-8")
    assert "import click" in text
    assert text.endswith(USER_FUNCTION)
    assert not list(project.rglob("*.rej"))


@pytest.mark.parametrize(("answer", "value", "made_with", "arrive", "leave", "text"), ANSWER_CHANGES)
def test_changing_an_answer_brings_its_files_and_keeps_the_users_code(
    template_repo, tmp_path, answer, value, made_with, arrive, leave, text
) -> None:
    project = cruft_create(template_repo, tmp_path / "out", **made_with)
    package = json.loads((project / ".cruft.json").read_text(encoding="utf-8"))["context"]["cookiecutter"][
        "package_name"
    ]
    module = made_with.get("layout") == "module"
    core = project / "src" / (f"{package}.py" if module else f"{package}/core.py")
    with core.open("a", encoding="utf-8") as file:
        file.write(USER_FUNCTION)
    (project / "NOTES.md").write_text("# The user's notes\n", encoding="utf-8")
    commit(project, "The user's own code")

    update = run(
        *CRUFT, "update", "--skip-apply-ask", "--variables-to-update", json.dumps({answer: value}), cwd=project
    )
    assert update.returncode == 0, update.stdout + update.stderr
    assert core.read_text(encoding="utf-8").endswith(USER_FUNCTION)
    assert (project / "NOTES.md").read_text(encoding="utf-8") == "# The user's notes\n"
    assert [p for p in arrive if not (project / p.format(package=package)).is_file()] == []
    assert [p for p in leave if (project / p.format(package=package)).exists()] == []
    for path, expected in text.items():
        assert expected in (project / path.format(package=package)).read_text(encoding="utf-8"), path
    assert not list(project.rglob("*.rej"))
    for answers in (".cruft.json", ".cookiecutter.json"):
        recorded = json.loads((project / answers).read_text(encoding="utf-8"))
        assert recorded.get("context", recorded)["cookiecutter"][answer] == value, answers
    assert check(project).returncode == 0


@pytest.mark.parametrize(
    ("answers", "said"),
    [
        ({"package_name": "json"}, "ERROR: package_name 'json' would shadow the standard-library module"),
        (
            {"project_name": "{{ cycler.__init__.__globals__.os.system('touch MARKER') }}"},
            'ERROR: project_name "{{ cycler.__init__',
        ),
    ],
    ids=["bad-answer", "hostile-answer"],
)
def test_cruft_create_refuses_at_once_runs_nothing_and_writes_nothing(
    template_repo: Path, tmp_path: Path, answers: dict[str, str], said: str
) -> None:
    marker = tmp_path / "MARKER"
    answers = {key: value.replace("MARKER", str(marker)) for key, value in answers.items()}
    out = tmp_path / "out"
    out.mkdir()
    result = run(
        *CRUFT, "create", "--no-input", "--output-dir", str(out), "--extra-context", json.dumps(answers),
        str(template_repo), cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 1
    assert said in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert not marker.exists()
    assert list(out.iterdir()) == []


@pytest.mark.skipif(os.name == "nt", reason="the printed command is pasted into a POSIX shell")
def test_a_refused_cruft_create_prints_the_cruft_create_that_makes_the_project(template_repo, tmp_path) -> None:
    answers = {"package_name": "json", "cli": "click", "project_name": "{% raw %}Tidy {{ x }}{% endraw %}"}
    result = run(
        *CRUFT, "create", "--no-input", "--output-dir", "out", "--extra-context", json.dumps(answers),
        str(template_repo), cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 1
    command = result.stderr.strip().splitlines()[-1].strip()
    words = shlex.split(command)
    # The template's address as given, not cruft's deleted copy of it.
    assert (words[:5], words[-1]) == (["cruft", "create", "--no-input", "--output-dir", "out"], str(template_repo))
    again = run_as_printed(command, cwd=tmp_path)
    assert again.returncode == 0, again.stdout + again.stderr
    (project,) = (tmp_path / "out").iterdir()
    context = json.loads((project / ".cruft.json").read_text(encoding="utf-8"))["context"]["cookiecutter"]
    assert (context["project_name"], context["package_name"], context["cli"]) == ("Tidy {{ x }}", "py_json", "click")


def test_a_refused_cruft_update_says_what_to_run_it_again_with(template_repo, tmp_path) -> None:
    project = cruft_create(template_repo, tmp_path / "out")
    update = [*CRUFT, "update", "--skip-apply-ask"]
    result = run(*update, "--variables-to-update", json.dumps({"version": "1.0-RC1"}), cwd=project)
    assert result.returncode == 1
    assert "ERROR: version '1.0-RC1' is a PEP 440 version, but not in the canonical spelling" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    command = result.stderr.strip().splitlines()[-1].strip()
    words = shlex.split(command)
    assert (words[:3], words[-2:]) == (["cruft", "update", "-y"], ["--variables-to-update", '{"version": "1.0rc1"}'])
    again = run_as_printed(command, cwd=project)
    assert again.returncode == 0, again.stdout + again.stderr
    assert json.loads((project / ".cruft.json").read_text(encoding="utf-8"))["context"]["cookiecutter"]["version"] == (
        "1.0rc1"
    )
    assert 'version = "1.0rc1"' in (project / "pyproject.toml").read_text(encoding="utf-8")
