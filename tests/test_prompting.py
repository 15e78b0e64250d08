"""A person answering the questions in a terminal: a bad answer is caught the moment it is typed.

Each test drives cookiecutter's real prompts in a pseudo-terminal (pexpect), as a user types: the
reason is shown, the same question is asked again before the next one, in its place in the count
(`[3/19]`) and offering the fix, or the template's own default for an answer left blank; earlier
answers are kept, later defaults follow the corrected answer, and the project is made with it. No
run prints a traceback.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pexpect
import pytest
from conftest import COOKIECUTTER_JSON, TEMPLATE, clean_env
from pseudo_terminal import DUMB, spawn

import answer_rules

QUESTIONS = {
    "project_name": "Project name",
    "project_slug": "Distribution name",
    "package_name": "Import name",
    "layout": "Layout",
    "description": "One-line description",
    "keywords": "Keywords",
    "author_name": "Author name",
    "author_email": "Author email",
    "homepage": "Home page URL",
    "version": "First version",
    "python_min": "Oldest Python",
    "license": "License",
    "cli": "Command-line interface",
    "build_backend": "Build backend",
    "versioning": "Where the version comes from",
    "git_init": "Run `git init`",
    "docs": "Documentation site",
    "ci": "Continuous integration",
    "pre_commit": "Add a pre-commit configuration",
}


class Terminal:
    """cookiecutter asking its questions in a pseudo-terminal, and what it showed."""

    def __init__(self, output: Path, python: str = sys.executable) -> None:
        env = clean_env() | {"NO_COLOR": "1"}
        command = ["-m", "cookiecutter", "-o", str(output), str(TEMPLATE)]
        self.child = spawn(python, command, term=DUMB, env=env, timeout=30, dimensions=(60, 250))
        self.shown = ""

    def answer(self, key: str, typed: str = "") -> str:
        """Wait for question `key`, type `typed` (Enter alone takes the default); return what came before it."""
        self.child.expect_exact(QUESTIONS[key])
        before = self.child.before
        self.child.expect(r"\): |\]: ")  # the end of the question line: its default or its choices
        self.shown += before + QUESTIONS[key] + self.child.before + self.child.after
        self.child.sendline(typed)
        return before

    def finish(self) -> int:
        """Wait for cookiecutter to end; return its exit status."""
        self.child.expect(pexpect.EOF)
        self.shown += self.child.before
        self.child.close()
        return self.child.exitstatus


def recorded(output: Path) -> dict[str, object]:
    """Return the answers recorded by the one project in `output`."""
    (project,) = output.iterdir()
    return json.loads((project / ".cookiecutter.json").read_text(encoding="utf-8"))["cookiecutter"]


@pytest.fixture
def terminal(tmp_path: Path) -> Terminal:
    return Terminal(tmp_path / "out")


def test_a_bad_import_name_is_asked_again_before_the_next_question(terminal: Terminal, tmp_path: Path) -> None:
    re_ask_a_bad_import_name(terminal, tmp_path)


def re_ask_a_bad_import_name(terminal: Terminal, tmp_path: Path) -> None:
    """Type a bad import name, then a good one; check the question came again at once and the project."""
    terminal.answer("project_name", "Tidy Names")
    terminal.answer("project_slug")
    terminal.answer("package_name", "json")
    # Asked again, with the reason and the fix as its default, before the layout is asked.
    before = terminal.answer("package_name", "tidy")
    assert "Not accepted: package_name 'json' would shadow the standard-library module" in before
    assert QUESTIONS["layout"] not in before
    for key in list(QUESTIONS)[3:]:
        terminal.answer(key)
    assert terminal.finish() == 0
    assert "(py_json)" in terminal.shown.split("Not accepted")[1]
    answers = recorded(tmp_path / "out")
    assert (answers["project_name"], answers["project_slug"], answers["package_name"]) == (
        "Tidy Names",
        "tidy-names",
        "tidy",
    )
    assert (tmp_path / "out" / "tidy-names" / "src" / "tidy" / "__init__.py").is_file()
    assert "Traceback" not in terminal.shown


def test_a_backend_that_cannot_build_the_layout_is_asked_again_at_the_second_answer(
    terminal: Terminal, tmp_path: Path
) -> None:
    terminal.answer("project_name")
    terminal.answer("project_slug")
    terminal.answer("package_name")
    terminal.answer("layout", "2")  # module
    for key in list(QUESTIONS)[4:13]:
        terminal.answer(key)
    terminal.answer("build_backend", "5")  # uv_build
    before = terminal.answer("build_backend", "2")  # hatchling
    assert "Not accepted: build_backend 'uv_build' cannot build layout=module" in before
    for key in list(QUESTIONS)[14:]:
        terminal.answer(key)
    assert terminal.finish() == 0
    answers = recorded(tmp_path / "out")
    assert (answers["layout"], answers["build_backend"]) == ("module", "hatchling")
    assert (tmp_path / "out" / "my-project" / "src" / "my_project.py").is_file()
    assert "Traceback" not in terminal.shown


def test_later_defaults_follow_a_corrected_answer(terminal: Terminal, tmp_path: Path) -> None:
    terminal.answer("project_name", "Tidy Names")
    terminal.answer("project_slug", "tidy names")
    before = terminal.answer("project_slug", "neat-names")
    assert "Not accepted: project_slug 'tidy names' is not a valid distribution name" in before
    terminal.answer("package_name")
    terminal.answer("layout")
    terminal.answer("description")
    terminal.answer("keywords")
    assert "(neat, names)" in terminal.shown.rsplit(QUESTIONS["keywords"], 1)[1]
    for key in list(QUESTIONS)[6:9]:
        terminal.answer(key)
    assert "(https://example.com/neat-names)" in terminal.shown.rsplit(QUESTIONS["homepage"], 1)[1]
    for key in list(QUESTIONS)[9:]:
        terminal.answer(key)
    assert terminal.finish() == 0
    answers = recorded(tmp_path / "out")
    assert answers["package_name"] == "neat_names"
    assert answers["homepage"] == "https://example.com/neat-names"
    assert "homepage" not in terminal.shown.split("Not accepted")[-1].split("\n")[0]
    assert terminal.shown.count("Not accepted") == 1


def test_a_person_is_not_asked_under_no_input(tmp_path: Path) -> None:
    env = clean_env() | {"NO_COLOR": "1"}
    command = ["-m", "cookiecutter", "--no-input", "-o", str(tmp_path / "out"), str(TEMPLATE), "package_name=json"]
    child = spawn(sys.executable, command, term=DUMB, env=env, timeout=30)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1
    assert "ERROR: package_name 'json'" in child.before
    assert "Import name" not in child.before
    assert "Traceback" not in child.before
    assert not (tmp_path / "out").exists()


def test_a_refused_choice_is_asked_again_with_only_the_choices_that_fit_the_fix_first(
    terminal: Terminal, tmp_path: Path
) -> None:
    for key in list(QUESTIONS)[:13]:
        terminal.answer(key)
    terminal.answer("build_backend")  # Enter: flit-core, which reads no version from git
    terminal.answer("versioning", "2")  # vcs
    before = terminal.answer("versioning")  # Enter: the only choice that fits
    assert "Not accepted: versioning 'vcs' needs a build backend that reads the version from git tags" in before
    offered = terminal.shown.rsplit(QUESTIONS["versioning"], 1)[1]
    assert "static:" in offered.split("\n")[1]
    assert "vcs:" not in offered
    for key in list(QUESTIONS)[15:]:
        terminal.answer(key)
    assert terminal.finish() == 0
    assert recorded(tmp_path / "out")["versioning"] == "static"


def test_a_question_asked_again_keeps_its_place_in_the_count(terminal: Terminal) -> None:
    terminal.answer("project_name")
    terminal.answer("project_slug")
    first = terminal.answer("package_name", "json")
    again = terminal.answer("package_name", "tidy")
    assert "Not accepted" in again
    total = len(QUESTIONS)
    assert first.endswith(f"[3/{total}] ")
    assert again.endswith(f"[3/{total}] ")
    for key in list(QUESTIONS)[3:]:
        terminal.answer(key)
    assert terminal.finish() == 0


def test_a_blank_answer_is_asked_again_offering_the_templates_default(terminal: Terminal, tmp_path: Path) -> None:
    terminal.answer("project_name", "   ")
    before = terminal.answer("project_name")  # Enter: takes what is offered
    assert "Not accepted: project_name is empty" in before
    offered = terminal.shown.rsplit(QUESTIONS["project_name"], 1)[1]
    assert f"({COOKIECUTTER_JSON['project_name']})" in offered
    assert answer_rules.EXAMPLES["project_name"] not in offered
    for key in list(QUESTIONS)[1:]:
        terminal.answer(key)
    assert terminal.finish() == 0
    assert recorded(tmp_path / "out")["project_name"] == COOKIECUTTER_JSON["project_name"]
