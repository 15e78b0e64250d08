"""`copier update` brings a later template commit into a project and keeps its user's committed edits.

Each test copies the template into a git repository of its own (as tests/test_cruft.py does), makes
a project from it with copier's command line, commits, edits, and updates: a template change
arrives, a changed answer brings its files and keeps the user's code, an update that conflicts says
which files and how to finish, and an answer no update can change (`answer_rules.KEPT`: the layout,
the names) is refused with nothing changed and the user's code still there, on every route: copier's
questions in a terminal (where the other layout is shown disabled), `--data`, `copier recopy`, a
hand-edited record, and cruft's `--variables-to-update` and questions.
"""

from __future__ import annotations

import io
import json
import os
import shlex
import sys
from pathlib import Path

import copier_yml
import pytest
import tailor
import yaml
from conftest import PROJECT_TREE, TEMPLATE, clean_env
from gitrepo import GIT_IDENTITY, commit, edit, run
from pexpect import EOF
from pseudo_terminal import DUMB, XTERM, spawn
from test_copier import help_text
from test_cruft import CRUFT, USER_FUNCTION, cruft_create, run_as_printed

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


# What each refusal of a changed layout says to do instead, by the layout the project has.
INSTEAD = {"module": "grow it into a library with the template's scripts/grow_to_library.py",
           "library": "make a new project with layout=module and move your code into it: no update or script turns"}  # fmt: skip
OTHER = {"module": "library", "library": "module"}


def with_users_code(template_repo: Path, tmp_path: Path, layout: str) -> tuple[Path, Path]:
    """Make a project in `layout` with copier, commit a function of its user's; return the project and that file."""
    project = copier_copy(template_repo, tmp_path / "tidy", "project_name=Tidy", f"layout={layout}")
    code = project / "src" / ("tidy.py" if layout == "module" else "tidy/core.py")
    edit(code, lambda text: text + USER_FUNCTION)
    commit(project, "The user's own function")
    return project, code


def unchanged(project: Path, code: Path) -> None:
    """Assert that the project still has its user's code, and nothing uncommitted: its record of the answers neither."""
    assert code.read_text(encoding="utf-8").endswith(USER_FUNCTION)
    assert run("git", "status", "--porcelain", cwd=project).stdout == ""


@pytest.mark.parametrize("layout", ["module", "library"])
def test_the_layout_cannot_change_through_a_copier_update(template_repo: Path, tmp_path: Path, layout: str) -> None:
    project, code = with_users_code(template_repo, tmp_path, layout)
    status, output = update(project, f"layout={OTHER[layout]}")
    assert status == 1
    assert f"layout cannot change through an update ({layout!r} to {OTHER[layout]!r})" in output
    assert INSTEAD[layout] in output
    assert "Traceback" not in output
    unchanged(project, code)
    # The last line is the update with the layout the project has: it runs as printed.
    command = output.rstrip().splitlines()[-1].strip()
    assert {"update", f"layout={layout}"} <= set(shlex.split(command))
    assert f"layout={OTHER[layout]}" not in shlex.split(command)
    again = run_as_printed(command, cwd=project)
    assert again.returncode == 0, again.stdout + again.stderr
    unchanged(project, code)


@pytest.mark.parametrize("layout", ["module", "library"])
def test_an_update_in_a_terminal_shows_the_other_layout_disabled_and_keeps_the_code(
    template_repo: Path, tmp_path: Path, layout: str
) -> None:
    project, code = with_users_code(template_repo, tmp_path, layout)
    env = {key: value for key, value in os.environ.items() if key != "VIRTUAL_ENV"} | GIT_IDENTITY
    child = spawn(sys.executable, ["-m", "copier", "update", "--trust"], term=XTERM, env=env, cwd=project,
                  dimensions=(60, 300))  # fmt: skip
    child.logfile_read = transcript = io.StringIO()
    # Every question is asked again, with the project's answers as defaults; flit-core reads no git tags.
    for key in (key for key in copier_yml.VARIABLES if key[0] != "_" and key != "versioning"):
        child.expect_exact(help_text(key))
        if key == "layout":
            # Copier runs no validator on a select question: the other layout is disabled, with the reason.
            child.expect_exact(f"layout cannot change through an update ({layout!r} to {OTHER[layout]!r})")
            child.expect_exact(INSTEAD[layout][:40])
            child.send("\x1b[B")  # Down, towards the other layout: it stays on the project's
        child.send("\r")
    child.expect(EOF)
    child.close()
    assert child.exitstatus == 0, transcript.getvalue()
    unchanged(project, code)


def test_copier_recopy_cannot_change_the_layout(template_repo: Path, tmp_path: Path) -> None:
    project, code = with_users_code(template_repo, tmp_path, "library")
    result = run(*COPIER, "recopy", "--trust", "--force", "--quiet", "--data", "layout=module", cwd=project)
    assert result.returncode == 1
    assert INSTEAD["library"] in result.stderr
    assert "Traceback" not in result.stderr
    unchanged(project, code)


def test_a_hand_edited_record_cannot_change_the_layout(template_repo: Path, tmp_path: Path) -> None:
    project, code = with_users_code(template_repo, tmp_path, "module")
    edit(project / ".copier-answers.yml", lambda text: text.replace("layout: module\n", "layout: library\n"))
    commit(project, "Wished for a library")
    status, output = update(project)
    assert status == 1
    assert (
        ".copier-answers.yml says layout 'library', but the project holds src/tidy.py: the record was edited" in output
    )
    assert "Put back layout: module in .copier-answers.yml" in output
    assert "Traceback" not in output
    assert code.read_text(encoding="utf-8").endswith(USER_FUNCTION)
    assert run("git", "status", "--porcelain", cwd=project).stdout == ""


def retitle(project: Path, template_repo: Path) -> None:
    """Commit a new first line of README.md in the project, and another in the template: an update conflicts."""
    edit(project / "README.md", lambda text: "# Tidy, as its user calls it\n" + text.split("\n", 1)[1])
    commit(project, "The user's title")
    edit(
        template_repo / PROJECT_TREE.name / "README.md",
        lambda text: "# The template's title\n" + text.split("\n", 1)[1],
    )
    commit(template_repo, "A template change to the same line")


def test_an_update_that_conflicts_names_the_files_and_how_to_finish(template_repo: Path, tmp_path: Path) -> None:
    project, _ = with_users_code(template_repo, tmp_path, "module")
    retitle(project, template_repo)
    result = run(*COPIER, "update", "--trust", "--defaults", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert run("git", "status", "--porcelain", cwd=project).stdout.splitlines() == [
        " M .copier-answers.yml",
        "UU README.md",
    ]
    said = result.stdout.splitlines()
    assert said == [
        "The update left conflicts for you to resolve:",
        "  README.md: between the <<<<<<< and >>>>>>> markers",
        *tailor.FINISH_UPDATE,
    ]
    # Copier echoes the command it runs: the template's script and the project, no temporary path, no answers.
    before, after = [line for line in result.stderr.splitlines() if "Running task" in line]
    assert after.endswith(f"['{sys.executable}', 'hooks/tailor.py', '--updated', '{project}']")
    assert f"['{sys.executable}', 'hooks/tailor.py', '--updating', " in before


@pytest.mark.parametrize("layout", ["module", "library"])
def test_the_layout_cannot_change_through_a_cruft_update(template_repo: Path, tmp_path: Path, layout: str) -> None:
    project = cruft_users_code(template_repo, tmp_path, layout)
    changed = json.dumps({"layout": OTHER[layout]})
    result = run(*CRUFT, "update", "-y", "--variables-to-update", changed, cwd=project)
    assert result.returncode == 1
    assert f"layout cannot change through an update ({layout!r} to {OTHER[layout]!r})" in result.stderr
    assert INSTEAD[layout] in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    unchanged(project, code_of(project, layout))
    # The last line is the same update with the layout the project has: it runs as printed.
    command = result.stderr.rstrip().splitlines()[-1].strip()
    assert shlex.split(command)[-2:] == ["--variables-to-update", json.dumps({"layout": layout})]
    again = run_as_printed(command, cwd=project)
    assert again.returncode == 0, again.stdout + again.stderr
    assert code_of(project, layout).read_text(encoding="utf-8").endswith(USER_FUNCTION)


def cruft_users_code(template_repo: Path, tmp_path: Path, layout: str) -> Path:
    """Make a project `tidy` in `layout` with cruft, commit a function of its user's and cruft's record; return it."""
    project = cruft_create(template_repo, tmp_path / "out", project_name="Tidy", layout=layout)
    edit(code_of(project, layout), lambda text: text + USER_FUNCTION)
    commit(project, "The user's own function")
    return project


def code_of(project: Path, layout: str) -> Path:
    """Return the module that holds the user's code in project `tidy`."""
    return project / "src" / ("tidy.py" if layout == "module" else "tidy/core.py")


@pytest.mark.parametrize("layout", ["module", "library"])
def test_cruft_asking_the_questions_again_cannot_change_the_layout(
    template_repo: Path, tmp_path: Path, layout: str
) -> None:
    project = cruft_users_code(template_repo, tmp_path, layout)
    env = clean_env() | GIT_IDENTITY | {"NO_COLOR": "1"}
    child = spawn(sys.executable, ["-m", "cruft", "update", "--cookiecutter-input", "-y"], term=DUMB, env=env,
                  cwd=project, dimensions=(60, 250))  # fmt: skip
    child.logfile_read = transcript = io.StringIO()
    # Cruft offers the project's answers first: Enter keeps each, and 2 picks the other layout.
    while child.expect([r"\): |\]: ", EOF]) == 0:
        child.sendline("2" if "Layout:" in child.before else "")
    child.close()
    assert child.exitstatus == 1, transcript.getvalue()
    said = transcript.getvalue()
    assert f"ERROR: layout cannot change through an update ({layout!r} to {OTHER[layout]!r})" in said
    assert INSTEAD[layout] in " ".join(said.split())
    assert "Nothing was changed." in said
    unchanged(project, code_of(project, layout))


def test_a_cruft_update_that_conflicts_says_how_to_finish(template_repo: Path, tmp_path: Path) -> None:
    project = cruft_users_code(template_repo, tmp_path, "module")
    retitle(project, template_repo)
    result = run(*CRUFT, "update", "-y", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "UU README.md" in run("git", "status", "--porcelain", cwd=project).stdout.splitlines()
    # Git names the file; the template's render of the new commit, before cruft applies it, says how to finish.
    assert "Applied patch to 'README.md' with conflicts." in result.stderr
    assert result.stdout.splitlines()[: len(tailor.AFTER_CRUFT)] == tailor.AFTER_CRUFT


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
        # It records its release, which this template (no tag) does not have: refused, with the releases it has.
        assert refused.returncode == 1
        assert refused.stderr.endswith("give --vcs-ref one it has (releases: none yet).\n")
        moved = run(
            sys.executable, str(TEMPLATE / "scripts" / "to_copier.py"), str(project), "--vcs-ref", made, cwd=tmp_path
        )
    assert moved.returncode == 0, moved.stderr
    assert not (project / ".cookiecutter.json").exists()
    assert not (project / ".cruft.json").exists()
    commit(project, "Updates by copier")
    edit_then_update(project, template_repo)
    assert yaml.safe_load((project / ".copier-answers.yml").read_text(encoding="utf-8"))["layout"] == "module"
