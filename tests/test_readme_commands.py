"""README.md's commands work as written: each command it gives a user runs and makes what README says.

The commands are read out of README.md itself, so a README edit that breaks one fails here: the `$ `
lines of its console blocks, the commands of its "Keep a project current" table, the `key=value`
example under "Two commands" and the Jinja answer under "Naming rules". Only the placeholders
README documents are replaced (`PLACEHOLDERS`, below). Each command runs in bash as a user pastes
it, in a fresh clone of this repository (its files as this checkout has them, committed and tagged
as the release CHANGELOG.md names) or in a project an earlier command made, and
each test checks what the command made: the answers recorded, the files, what an update brought.

How they run here, where the command text cannot say:
- uv runs offline (`UV_OFFLINE=1`), from its cache (filled by the dev environment's `uv sync` and
  earlier runs); a command that finds something missing there runs again online, once.
- A command that asks questions is answered in a pseudo-terminal (pexpect) set up as a common
  terminal emulator (`pseudo_terminal.XTERM`), Enter to each.
- The table's copier commands get the `uvx --with ...` prefix of its `copier copy`, as README says.
- A template change is a line in the clone's project CHANGELOG.md, released as the next version
  (`gitrepo.release`: copier updates to the newest tag).

Not run: the commands that run this template's test suite or a baked project's own tools, and
shorthands that name a command given in full elsewhere (`NOT_RUN` says which, and why); a test fails
when README gives a command this module neither runs nor lists there. The comparisons, which build
each project's wheel and run mypy, are the slow tier (`green`).
"""

from __future__ import annotations

import ast
import io
import json
import re
import shlex
import subprocess
from pathlib import Path

import jinja2
import pexpect
import pytest
import yaml
from conftest import TEMPLATE, clean_env
from gitrepo import GIT_IDENTITY, commit, edit, next_minor, run
from gitrepo import release as release_as
from pseudo_terminal import XTERM, spawn

import releases

README = (TEMPLATE / "README.md").read_text(encoding="utf-8")
# The template's release (a clone is tagged so) and the next one, which `release()` makes.
RELEASED = releases.version()
NEXT = next_minor(RELEASED)
# The placeholders README's commands hold, and what stands for each here. Nothing else in a command changes.
PLACEHOLDERS = (
    "TEMPLATE",  # this repository's path or git URL: a fresh clone
    "DEST",  # the new project's directory: `my-project`, the name the console block gives
    "path/to/my-project",  # a project made by an earlier README command
    "https://raw.githubusercontent.com/OWNER/REPO/HEAD/scripts/compare.py",  # a lone copy of that file
    "gh:OWNER/REPO",  # the repository's address: `git+file://` of the repository the clone came from
)
# Commands README gives that this module does not run, and why.
NOT_RUN = {
    "uv run pytest": "runs this template's test suite (or, in a baked project, its own tests)",
    'uv run pytest -m "not green"': "runs this template's fast tier",
    "uvx nox -s tests": "a baked project's own tool: the slow tier runs every nox session",
    "uv run pytest --cov": "a baked project's own tests: tests/test_routes.py runs them so",
    "uv sync": "a baked project's own tool: the slow tier runs it",
    "uvx --with ...": "shorthand for the `uvx --with` prefix of `copier copy`, run with each copier command",
    "copier copy": "shorthand for the `copier copy` command given in full",
    "copier recopy --force": "shorthand for the table's `copier recopy` command",
    "git init": "what the template does with `git_init=yes`: every bake here checks its first commit",
    "git mv": "part of renaming a project by hand",
    "git diff": "shows what `copier recopy` changed: the test reads `git status`",
}
PROGRAMS = ("uv", "uvx", "copier", "cruft", "cookiecutter", "git")
ONLINE = clean_env() | GIT_IDENTITY | {"NO_COLOR": "1"}
ENV = ONLINE | {"UV_OFFLINE": "1"}
# What uv says when its cache lacks a package the command needs, offline.
OFFLINE_MISS = "network was disabled"
# A question each engine asks, in a terminal, between styles (ANSI): cookiecutter numbers them and
# ends each with its default or choices and `: `; copier draws a microphone and, once answered, draws
# the question again with its answer.
STYLE = r"(?:\x1b\[[\d;]*m)*"
COOKIECUTTER_QUESTION, COOKIECUTTER_READY = rf"\[(\d+)/\d+\]{STYLE} ", rf"[)\]]{STYLE}: "
COPIER_QUESTION = rf"🎤{STYLE} ([^\x1b\r\n]+)[\x1b\r]"
TEMPLATE_CHANGE = "A line from the template's next release."
USER_LINE = "\n# A line its user wrote.\n"


def section(title: str) -> str:
    """Return the text of README's `## title` section."""
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", README, flags=re.MULTILINE | re.DOTALL)
    assert match, f"README.md has no section '## {title}'"
    return match[1]


def console(text: str) -> list[str]:
    """Return the commands of the console blocks in `text`: their `$ ` lines, without a trailing comment."""
    blocks = re.findall(r"^```console\n(.*?)^```", text, flags=re.MULTILINE | re.DOTALL)
    lines = [line[2:] for block in blocks for line in block.splitlines() if line.startswith("$ ")]
    return [re.sub(r"\s+#\s.*$", "", line) for line in lines]


def spans(text: str) -> list[str]:
    """Return the inline code of `text` outside its fenced blocks."""
    return re.findall(r"`([^`\n]+)`", re.sub(r"^```.*?^```", "", text, flags=re.MULTILINE | re.DOTALL))


def one(commands: list[str], *words: str) -> str:
    """Return the one command of `commands` that holds every one of `words`."""
    found = [command for command in commands if all(word in command.split() for word in words)]
    assert len(found) == 1, f"README.md should give one command with {words}; it gives {found}"
    return found[0]


def table(title: str) -> dict[tuple[str, str], list[str]]:
    """Return the first table of README's section `title` as (row label, column) -> the cell's inline code."""
    rows = [line.strip().strip("|").split("|") for line in section(title).splitlines() if line.startswith("|")]
    header, _, *body = ([cell.strip() for cell in row] for row in rows)
    return {(row[0], column): spans(cell) for row in body for column, cell in zip(header[1:], row[1:], strict=True)}


TWO_COMMANDS = console(section("Two commands"))
BAKE = one(TWO_COMMANDS, "cookiecutter", "--no-input")
COPIER_COPY = one(TWO_COMMANDS, "copier", "copy")
(BAKE_WITH_ANSWERS,) = (span for span in spans(section("Two commands")) if span.startswith(BAKE + " "))
(JINJA_ANSWER,) = (span for span in spans(section("Naming rules")) if "{{" in span)
COMPARE = console(section("Compare before you choose"))
COMPARE_LAYOUT = one(COMPARE, "scripts/compare.py", "layout")
COMPARE_BACKENDS = one(COMPARE, "scripts/compare.py", "build_backend")
COMPARE_ANYWHERE = one(COMPARE, "--template")
CURRENT = table("Keep a project current")
COPIER_PREFIX = COPIER_COPY[: COPIER_COPY.index("copier copy")]
(COOKIECUTTER_MAKE,), (COPIER_MAKE,) = CURRENT["make", "cookiecutter"], CURRENT["make", "copier"]
(COOKIECUTTER_AGAIN,) = CURRENT["make again, same answers", "cookiecutter"]
(COPIER_AGAIN,) = CURRENT["make again, same answers", "copier"]
CRUFT_UPDATE, CRUFT_CREATE = CURRENT["bring the template's changes", "cookiecutter"]
(COPIER_UPDATE,) = CURRENT["bring the template's changes", "copier"]
(CRUFT_CHANGE,), (COPIER_CHANGE,) = CURRENT["change an answer", "cookiecutter"], CURRENT["change an answer", "copier"]
KEEP_CURRENT = console(section("Keep a project current"))
TO_COPIER = one(KEEP_CURRENT, "scripts/to_copier.py")
GROW = one(KEEP_CURRENT, "scripts/grow_to_library.py")
RUN = {
    BAKE, COPIER_COPY, BAKE_WITH_ANSWERS, COMPARE_LAYOUT, COMPARE_BACKENDS, COMPARE_ANYWHERE, COOKIECUTTER_MAKE,
    COPIER_MAKE, COOKIECUTTER_AGAIN, COPIER_AGAIN, CRUFT_UPDATE, CRUFT_CREATE, COPIER_UPDATE, CRUFT_CHANGE,
    COPIER_CHANGE, TO_COPIER, GROW,
}  # fmt: skip


def substitute(command: str, values: dict[str, str | Path]) -> str:
    """Return `command` with each placeholder in `values` replaced by its value, quoted for the shell.

    Every placeholder the command holds must be given a value, and only placeholders README documents.
    """
    for placeholder, value in values.items():
        assert placeholder in PLACEHOLDERS, f"{placeholder} is not a placeholder README documents"
        command = re.sub(rf"(?<![\w/.-]){re.escape(placeholder)}(?![\w/.-])", shlex.quote(str(value)), command)
    left = [name for name in PLACEHOLDERS if re.search(rf"(?<![\w/.-]){re.escape(name)}(?![\w/.-])", command)]
    assert left == [], f"no value given for {left} in `{command}`"
    return command


def copier_command(command: str) -> str:
    """Return the table's copier command as it runs: with the `uvx --with ...` of `copier copy` in front."""
    return COPIER_PREFIX + command if command.startswith("copier ") else command


def shell(command: str, cwd: Path) -> str:
    """Run `command` in bash in `cwd` as pasted; fail with its output unless it succeeds; return what it printed."""
    for env in (ENV, ONLINE):
        done = subprocess.run(["bash", "-c", command], cwd=cwd, env=env, capture_output=True, text=True, check=False)
        if OFFLINE_MISS not in done.stderr:
            break
    assert done.returncode == 0, f"`{command}` exited {done.returncode} in {cwd}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def answer_with_enter(command: str, cwd: Path, question: str, ready: str | None = None) -> list[str]:
    """Run `command` in a pseudo-terminal, press Enter at each question; return the questions, once each.

    `question` matches a question (its group 1 names it); `ready`, if given, what ends its line.
    """
    for env in (ENV, ONLINE):
        child = spawn("bash", ["-c", command], term=XTERM, env=env, cwd=cwd)
        child.logfile_read = transcript = io.StringIO()
        asked: list[str] = []
        while child.expect([question, pexpect.EOF]) == 0:
            if asked and child.match[1] == asked[-1]:
                continue  # copier draws an answered question again
            asked.append(child.match[1])
            if ready:
                child.expect(ready)
            child.sendline("")
        child.close()
        if OFFLINE_MISS not in transcript.getvalue():
            break
    assert child.exitstatus == 0, f"`{command}` exited {child.exitstatus}:\n{transcript.getvalue()}"
    return asked


def cookiecutter_answers(project: Path, record: str = ".cookiecutter.json") -> dict[str, object]:
    """Return the answers a cookiecutter (or cruft) project recorded."""
    data = json.loads((project / record).read_text(encoding="utf-8"))
    return data["context"]["cookiecutter"] if record == ".cruft.json" else data["cookiecutter"]


def copier_answers(project: Path) -> dict[str, object]:
    """Return the answers a copier project recorded."""
    return yaml.safe_load((project / ".copier-answers.yml").read_text(encoding="utf-8"))


def questions(answers: dict[str, object]) -> dict[str, object]:
    """Return the answers to questions: without the private values and the engine's own keys."""
    return {key: value for key, value in answers.items() if not key.startswith("_")}


def files(root: Path) -> dict[str, bytes]:
    """Return every file under `root` but git's own, as relative POSIX path -> content."""
    paths = (p for p in sorted(root.rglob("*")) if p.is_file() and ".git" not in p.relative_to(root).parts)
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in paths}


def release(clone: Path) -> None:
    """Change the template in `clone` and release it as the next version, `NEXT`."""
    (changelog,) = clone.glob("*cookiecutter.project_slug*/CHANGELOG.md")
    edit(changelog, lambda text: text + f"\n{TEMPLATE_CHANGE}\n")
    release_as(clone, NEXT, "A project's CHANGELOG.md ends with a line from the template's next release.")


def functions(*paths: Path) -> set[str]:
    """Return the names of the functions the Python files at `paths` define at their top level."""
    trees = (ast.parse(path.read_text(encoding="utf-8")) for path in paths)
    return {node.name for tree in trees for node in tree.body if isinstance(node, ast.FunctionDef)}


def claimed(pattern: str) -> int:
    """Return the number README gives where `pattern` (a regular expression with one group) matches it."""
    match = re.search(pattern, README)
    assert match, f"README.md no longer says /{pattern}/"
    return int(match[1])


def test_every_command_readme_gives_is_run_here_or_said_why_not() -> None:
    commands = console(README) + [span for span in spans(README) if span.split()[0] in PROGRAMS]
    assert {command for command in commands if command not in RUN} - set(NOT_RUN) == set()
    assert set(NOT_RUN) <= set(commands), "NOT_RUN lists a command README no longer gives"


def test_the_default_bake_makes_the_default_project_in_out(clone: Path) -> None:
    shell(BAKE, cwd=clone)
    project = clone / "out" / "my-project"
    answers = cookiecutter_answers(project)
    assert (answers["project_name"], answers["layout"], answers["package_name"]) == (
        "My Project",
        "library",
        "my_project",
    )
    assert (project / "src" / "my_project" / "__init__.py").is_file()
    assert run("git", "log", "--format=%s", cwd=project).stdout.splitlines() == ["Generated from cookiecutter-pylayout"]


def test_answers_given_as_key_value_make_their_project(clone: Path) -> None:
    shell(BAKE_WITH_ANSWERS, cwd=clone)
    project = clone / "out" / "my-project"
    given = dict(word.split("=", 1) for word in shlex.split(BAKE_WITH_ANSWERS) if "=" in word)
    assert given, "the example gives no answer"
    answers = cookiecutter_answers(project)
    assert {key: answers[key] for key in given} == given
    assert (project / "src" / "my_project.py").is_file() == (given.get("layout") == "module")


def test_the_jinja_answer_is_rendered_with_the_other_answers(clone: Path) -> None:
    # A name with a space: the example must work for any name, not only for one already a valid slug.
    key, expression = JINJA_ANSWER.split("=", 1)
    shell(f"{BAKE} {shlex.quote('project_name=Tidy Names')} {shlex.quote(JINJA_ANSWER)}", cwd=clone)
    (project,) = (clone / "out").iterdir()
    answers = cookiecutter_answers(project)
    assert answers["project_name"] == "Tidy Names"
    assert answers[key] == jinja2.Template(expression).render(cookiecutter=answers)
    assert "{" not in str(answers[key])


def copier_make(clone: Path, cwd: Path) -> tuple[Path, list[str]]:
    """Run README's `copier copy` into `my-project`, Enter at each question; return the project and the questions."""
    asked = answer_with_enter(substitute(COPIER_COPY, {"TEMPLATE": clone}), cwd, COPIER_QUESTION)
    return cwd / "my-project", asked


def test_copier_copy_asks_only_what_applies_and_records_the_answers(clone: Path, tmp_path: Path) -> None:
    assert substitute(COPIER_MAKE, {"TEMPLATE": clone, "DEST": "my-project"}) == substitute(
        COPIER_COPY, {"TEMPLATE": clone}
    ), "the table's `make` with copier is no longer the console block's command: run it here too"
    project, asked = copier_make(clone, tmp_path)
    answers = copier_answers(project)
    assert len(asked) == len(questions(answers)) == claimed(r"copier asks (\d+) questions")
    assert (answers["_commit"], answers["project_name"], answers["layout"]) == (f"v{RELEASED}", "My Project", "library")
    assert (project / "src" / "my_project" / "__init__.py").is_file()
    assert run("git", "log", "--format=%s", cwd=project).stdout.splitlines() == ["Generated from cookiecutter-pylayout"]


def test_cookiecutter_asks_every_question_and_a_replay_makes_the_same_project(clone: Path, tmp_path: Path) -> None:
    make = substitute(COOKIECUTTER_MAKE, {"TEMPLATE": clone})
    numbers = answer_with_enter(make, tmp_path, COOKIECUTTER_QUESTION, COOKIECUTTER_READY)
    assert numbers == [str(n) for n in range(1, claimed(r"Cookiecutter asks all (\d+) questions") + 1)]
    project = tmp_path / "my-project"
    assert cookiecutter_answers(project)["project_name"] == "My Project"

    shell(substitute(COOKIECUTTER_AGAIN, {"TEMPLATE": clone}), cwd=tmp_path)
    again = tmp_path / "again" / "my-project"
    assert files(again) == files(project)


def test_copier_updates_bring_a_template_change_and_a_changed_answer_and_recopy_makes_it_again(
    clone: Path, tmp_path: Path
) -> None:
    project, _ = copier_make(clone, tmp_path)
    core = project / "src" / "my_project" / "core.py"
    edit(core, lambda text: text + USER_LINE)
    commit(project, "The user's edit")
    release(clone)

    shell(copier_command(COPIER_UPDATE), cwd=project)
    assert (project / "CHANGELOG.md").read_text(encoding="utf-8").endswith(f"{TEMPLATE_CHANGE}\n")
    assert core.read_text(encoding="utf-8").endswith(USER_LINE)
    assert copier_answers(project)["_commit"] == f"v{NEXT}"
    commit(project, "Updated")

    shell(copier_command(COPIER_CHANGE), cwd=project)
    assert copier_answers(project)["ci"] == "gitlab"
    assert (project / ".gitlab-ci.yml").is_file()
    assert not (project / ".github").exists()
    assert core.read_text(encoding="utf-8").endswith(USER_LINE)
    commit(project, "To GitLab")

    # Made again in place, with the answers it recorded: the template's files come back as it makes
    # them, the edit to one is replaced, and what changed is left for the user to see, not committed.
    (project / "SECURITY.md").unlink()
    commit(project, "The user removed a file")
    recorded = copier_answers(project)
    shell(copier_command(COPIER_AGAIN), cwd=project)
    assert copier_answers(project) == recorded
    assert (project / "SECURITY.md").is_file()
    assert not core.read_text(encoding="utf-8").endswith(USER_LINE)
    assert run("git", "log", "-1", "--format=%s", cwd=project).stdout.strip() == "The user removed a file"
    changed = run("git", "status", "--porcelain", cwd=project).stdout.splitlines()
    assert sorted(line[3:] for line in changed) == ["SECURITY.md", "src/my_project/core.py"]


def test_cruft_updates_bring_a_template_change_and_a_changed_answer(clone: Path, tmp_path: Path) -> None:
    create = substitute(CRUFT_CREATE, {"TEMPLATE": clone})
    answer_with_enter(create, tmp_path, COOKIECUTTER_QUESTION, COOKIECUTTER_READY)
    project = tmp_path / "my-project"
    assert cookiecutter_answers(project, ".cruft.json")["project_name"] == "My Project"
    commit(project, "Record the template")  # as its closing lines say: tests/test_printed_commands.py
    release(clone)

    shell(CRUFT_UPDATE, cwd=project)
    assert (project / "CHANGELOG.md").read_text(encoding="utf-8").endswith(f"{TEMPLATE_CHANGE}\n")
    commit(project, "Updated")

    shell(CRUFT_CHANGE, cwd=project)
    assert cookiecutter_answers(project, ".cruft.json")["ci"] == "gitlab"
    assert (project / ".gitlab-ci.yml").is_file()
    assert not (project / ".github").exists()


def test_a_cookiecutter_project_moves_to_copier_and_copier_updates_it(clone: Path) -> None:
    shell(BAKE, cwd=clone)
    project = clone / "out" / "my-project"
    made_with = questions(cookiecutter_answers(project))
    shell(substitute(TO_COPIER, {"path/to/my-project": project}), cwd=clone)
    answers = copier_answers(project)
    assert not (project / ".cookiecutter.json").exists()
    assert (answers["_commit"], answers["_src_path"]) == (f"v{RELEASED}", str(clone))
    assert questions(answers).items() <= made_with.items()
    commit(project, "Updates by copier")
    release(clone)

    shell(copier_command(COPIER_UPDATE), cwd=project)
    assert (project / "CHANGELOG.md").read_text(encoding="utf-8").endswith(f"{TEMPLATE_CHANGE}\n")
    assert copier_answers(project)["_commit"] == f"v{NEXT}"


def test_a_module_project_grows_into_a_library(clone: Path) -> None:
    shell(BAKE_WITH_ANSWERS, cwd=clone)
    project = clone / "out" / "my-project"
    module = project / "src" / "my_project.py"
    before = functions(module)
    shell(substitute(GROW, {"path/to/my-project": project}), cwd=clone)
    package = project / "src" / "my_project"
    assert not module.exists()
    assert (package / "core.py").is_file()
    assert (package / "py.typed").is_file()
    after = functions(*package.glob("*.py"))
    assert before <= after, f"the module's functions {sorted(before - after)} are gone"
    assert cookiecutter_answers(project)["layout"] == "library"


@pytest.mark.green
def test_compare_layout_is_the_report_in_docs(clone: Path) -> None:
    report = shell(COMPARE_LAYOUT, cwd=clone)
    assert report == (clone / "docs" / "layouts.md").read_text(encoding="utf-8")


@pytest.mark.green
def test_compare_names_every_backend_with_the_answers_given(clone: Path) -> None:
    report = shell(COMPARE_BACKENDS, cwd=clone)
    given = [word for word in shlex.split(COMPARE_BACKENDS) if "=" in word]
    for backend in json.loads((clone / "cookiecutter.json").read_text(encoding="utf-8"))["build_backend"]:
        assert f"`build_backend={backend}`" in report
    for answer in given:
        assert f"`{answer}`" in report


@pytest.mark.green
def test_compare_from_anywhere_takes_the_repositorys_address(origin: Path, clone: Path, tmp_path: Path) -> None:
    # The address serves the one file: here it is that file, copied alone.
    fetched = tmp_path / "fetched" / "compare.py"
    fetched.parent.mkdir()
    fetched.write_bytes((clone / "scripts" / "compare.py").read_bytes())
    anywhere = tmp_path / "anywhere"
    anywhere.mkdir()
    command = substitute(
        COMPARE_ANYWHERE,
        {
            "https://raw.githubusercontent.com/OWNER/REPO/HEAD/scripts/compare.py": fetched,
            "gh:OWNER/REPO": f"git+{origin.as_uri()}",
        },
    )
    report = shell(command, cwd=anywhere)
    assert report == (clone / "docs" / "layouts.md").read_text(encoding="utf-8")
    assert list(anywhere.iterdir()) == []
