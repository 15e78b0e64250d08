"""`copier update` brings a later template commit into a project and keeps its user's committed edits.

Each test copies the template into a git repository of its own (as tests/test_cruft.py does), makes
a project from it with copier's command line, commits, edits, and updates: a template change
arrives, a changed answer brings its files and keeps the user's code, and an answer no update can
change (the layout) is refused with nothing changed, on copier's route and on cruft's.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
import yaml
from conftest import PROJECT_TREE, TEMPLATE
from gitrepo import commit, edit, run
from test_cruft import CRUFT, USER_FUNCTION, cruft_create

COPIER = [sys.executable, "-m", "copier"]


def copier_copy(template: Path, project: Path, *data: str) -> Path:
    """Make a project from `template` with copier, commit it as made, and return its path."""
    pairs = [arg for pair in data for arg in ("--data", pair)]
    result = run(
        *COPIER, "copy", "--trust", "--defaults", "--quiet", *pairs, str(template), str(project), cwd=project.parent
    )
    assert result.returncode == 0, result.stdout + result.stderr
    commit(project, "Made with copier")
    return project


def update(project: Path, *data: str) -> tuple[int, str]:
    """Run `copier update --trust --defaults` with `--data` pairs in `project`; return its status and output."""
    pairs = [arg for pair in data for arg in ("--data", pair)]
    result = run(*COPIER, "update", "--trust", "--defaults", "--quiet", *pairs, cwd=project)
    return result.returncode, result.stdout + result.stderr


def conflicts(project: Path) -> list[str]:
    """Return the files of `project` with a rejected hunk or a conflict marker."""
    paths = [path for path in project.rglob("*") if path.is_file() and ".git" not in path.parts]
    return [
        p.name for p in paths if p.suffix == ".rej" or "<<<<<<< " in p.read_text(encoding="utf-8", errors="replace")
    ]


def edit_then_update(project: Path, template_repo: Path) -> Path:
    """Commit a user's edit to the module, commit a template change, update; check both are there; return the module."""
    module = project / "src" / "tidy.py"
    edit(module, lambda text: text + USER_FUNCTION)
    commit(project, "The user's own function")
    edit(template_repo / PROJECT_TREE.name / "CHANGELOG.md", lambda text: text + "\nA line from the template.\n")
    commit(template_repo, "A template change")

    status, output = update(project)
    assert status == 0, output
    assert module.read_text(encoding="utf-8").endswith(USER_FUNCTION)
    assert (project / "CHANGELOG.md").read_text(encoding="utf-8").endswith("A line from the template.\n")
    assert conflicts(project) == []
    return module


def test_update_brings_a_template_change_and_keeps_the_users_edit(template_repo: Path, tmp_path: Path) -> None:
    project = copier_copy(template_repo, tmp_path / "tidy", "project_name=Tidy", "layout=module")
    edit_then_update(project, template_repo)
    recorded = yaml.safe_load((project / ".copier-answers.yml").read_text(encoding="utf-8"))
    head = run("git", "rev-parse", "HEAD", cwd=template_repo).stdout.strip()
    assert head.startswith(recorded["_commit"])


@pytest.mark.parametrize("layout", ["module", "library"])
def test_changing_an_answer_brings_its_files_and_keeps_the_users_code(
    template_repo: Path, tmp_path: Path, layout: str
) -> None:
    project = copier_copy(template_repo, tmp_path / "tidy", "project_name=Tidy", f"layout={layout}")
    code = project / "src" / ("tidy.py" if layout == "module" else "tidy/core.py")
    edit(code, lambda text: text + USER_FUNCTION)
    commit(project, "The user's own function")

    status, output = update(project, "cli=click", "ci=gitlab")
    assert status == 0, output
    assert code.read_text(encoding="utf-8").endswith(USER_FUNCTION)
    cli = project / "src" / ("tidy.py" if layout == "module" else "tidy/cli.py")
    assert "import click" in cli.read_text(encoding="utf-8")
    assert (project / ".gitlab-ci.yml").is_file()
    assert not (project / ".github").exists()
    assert conflicts(project) == []


def test_the_layout_cannot_change_through_a_copier_update(template_repo: Path, tmp_path: Path) -> None:
    project = copier_copy(template_repo, tmp_path / "tidy", "project_name=Tidy", "layout=module")
    status, output = update(project, "layout=library")
    assert status == 1
    assert "layout cannot change through an update ('module' to 'library')" in output
    assert "grow_to_library.py" in output
    assert "Traceback" not in output
    assert run("git", "status", "--porcelain", cwd=project).stdout == ""


def test_the_layout_cannot_change_through_a_cruft_update(template_repo: Path, tmp_path: Path) -> None:
    project = cruft_create(template_repo, tmp_path / "out", layout="library")
    result = run(*CRUFT, "update", "-y", "--variables-to-update", json.dumps({"layout": "module"}), cwd=project)
    assert result.returncode != 0
    assert "layout cannot change through an update ('library' to 'module')" in result.stdout + result.stderr
    assert run("git", "status", "--porcelain", cwd=project).stdout == ""
    assert (
        project / "src" / json.loads((project / ".cruft.json").read_text())["context"]["cookiecutter"]["package_name"]
    ).is_dir()


@pytest.mark.parametrize("engine", ["cookiecutter", "cruft"])
def test_a_cookiecutter_or_cruft_project_moves_to_copier_updates(
    template_repo: Path, tmp_path: Path, engine: str
) -> None:
    made = run("git", "rev-parse", "HEAD", cwd=template_repo).stdout.strip()
    if engine == "cruft":
        project = cruft_create(template_repo, tmp_path / "out", project_name="Tidy", layout="module")
        moved = run(sys.executable, str(TEMPLATE / "scripts" / "to_copier.py"), str(project), cwd=tmp_path)
    else:
        command = ["-m", "cookiecutter", "--no-input", "-o", str(tmp_path / "out"), str(template_repo)]
        assert run(sys.executable, *command, "project_name=Tidy", "layout=module", cwd=tmp_path).returncode == 0
        project = tmp_path / "out" / "tidy"
        commit(project, "Made with cookiecutter")
        refused = run(sys.executable, str(TEMPLATE / "scripts" / "to_copier.py"), str(project), cwd=tmp_path)
        assert refused.returncode == 1
        assert "give it with --vcs-ref" in refused.stderr
        moved = run(
            sys.executable, str(TEMPLATE / "scripts" / "to_copier.py"), str(project), "--vcs-ref", made, cwd=tmp_path
        )
    assert moved.returncode == 0, moved.stderr
    assert not (project / ".cookiecutter.json").exists()
    assert not (project / ".cruft.json").exists()
    commit(project, "Updates by copier")
    edit_then_update(project, template_repo)
    assert yaml.safe_load((project / ".copier-answers.yml").read_text(encoding="utf-8"))["layout"] == "module"
