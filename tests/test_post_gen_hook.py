"""Finishing a project (`hooks/tailor.py`, run by both engines) removes exactly the directories the answers
left empty, git-inits on request and names the placeholders; cookiecutter's hook hands it the answers as data."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import tailor
from conftest import COOKIECUTTER_JSON, TEMPLATE, cookiecutter_cli
from hookutil import load_hook


def test_hook_source_is_valid_python_before_rendering() -> None:
    compile((TEMPLATE / "hooks" / "post_gen_project.py").read_text(encoding="utf-8"), "post", "exec")


HOSTILE = "'''\"\"\" \\ \\' \\n ]] # $(touch x) `id` 🐍 漢字 עברית {{ 7*7 }} \x00 \ud800"


def test_answers_arrive_as_data_however_hostile() -> None:
    edited = {"project_name": HOSTILE, "description": HOSTILE, "author_name": HOSTILE}
    hook = load_hook("post_gen_project", edited=edited)
    assert {key: hook.ANSWERS[key] for key in edited} == edited
    assert Path(hook.TEMPLATE) == TEMPLATE


def test_module_layout_removes_the_package_and_its_tests() -> None:
    hook = load_hook("post_gen_project", project_name="Tidy", layout="module")
    assert tailor.directories_to_remove(hook.ANSWERS) == ["src/tidy"]


def test_library_layout_removes_nothing() -> None:
    hook = load_hook("post_gen_project", layout="library")
    assert tailor.directories_to_remove(hook.ANSWERS) == []


def test_remove_deletes_empty_directories_and_is_idempotent(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "src" / "pkg").mkdir(parents=True)
    (project / ".github" / "workflows").mkdir(parents=True)
    for _ in range(2):
        tailor.remove_empty_directories(project, ["src/pkg", ".github/workflows", ".github", "missing"])
    assert sorted(p.relative_to(project).as_posix() for p in project.rglob("*")) == ["src"]


def test_remove_refuses_a_directory_with_files(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "index.md").write_text("kept")
    with pytest.raises(OSError):
        tailor.remove_empty_directories(project, ["docs"])
    assert (project / "docs" / "index.md").read_text() == "kept"


ANSWERS = {"author_name": "Zoë\nO’Brien", "author_email": "zoe@example.org"}


def git_log(project: Path, fmt: str = "%s") -> list[str]:
    """Return `git log` of `project`, one line a commit in `fmt`."""
    log = subprocess.run(
        ["git", "-C", str(project), "log", f"--format={fmt}"], capture_output=True, text=True, check=True
    )
    return log.stdout.splitlines()


@pytest.mark.parametrize("configured", [True, False], ids=["git-identity", "no-git-identity"])
def test_git_init_commits_the_project_as_generated(tmp_path: Path, monkeypatch, configured: bool) -> None:
    config = tmp_path / "gitconfig"
    config.write_text("[user]\n\tname = Configured\n\temail = configured@example.org\n" if configured else "")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL"):
        monkeypatch.delenv(name, raising=False)
    project = tmp_path / "project"
    (project / "src").mkdir(parents=True)
    (project / "src" / "tidy.py").write_text('"""Tidy."""\n')
    assert tailor.git_init(project, ANSWERS) == (
        True,
        "It is a new git repository; its first commit is the project as generated.",
    )
    author = "Configured <configured@example.org>" if configured else "Zoë O’Brien <zoe@example.org>"
    assert git_log(project, "%an <%ae> %s") == [f"{author} Generated from cookiecutter-pylayout"]
    tracked = subprocess.run(["git", "-C", str(project), "ls-files"], capture_output=True, text=True, check=True)
    assert tracked.stdout.splitlines() == ["src/tidy.py"]


def test_git_init_commits_nothing_in_a_repository_already_there(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "src").mkdir(parents=True)
    subprocess.run(["git", "init", "--quiet", str(project)], check=True)
    (project / "src" / "tidy.py").write_text('"""Tidy again."""\n')
    committed, said = tailor.git_init(project, ANSWERS)
    assert not committed
    assert said.startswith("It is a git repository already, so nothing was committed")
    head = ["git", "-C", str(project), "rev-parse", "--verify", "--quiet", "HEAD"]
    assert subprocess.run(head, capture_output=True, check=False).returncode != 0, "a commit was made"


def test_git_init_without_git_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    project = tmp_path / "project"
    project.mkdir()
    committed, said = tailor.git_init(project, ANSWERS)
    assert not committed
    assert said.startswith("git is not installed, so the project is not a git repository yet")
    assert not (project / ".git").exists()


@pytest.mark.parametrize("ignored", [False, True], ids=["tracked-there", "ignored-there"])
def test_a_project_inside_another_repository_is_a_repository_of_its_own_only_where_that_one_ignores_it(
    tmp_path: Path, ignored: bool
) -> None:
    # A repository inside another's work tree breaks that one's `git add --all`, which copier runs
    # on a template clone with uncommitted files: so a project made in a clone of this template
    # (or in a monorepo) is left to that repository, unless it ignores the place (README's `out/`).
    outer = tmp_path / "clone"
    subprocess.run(["git", "init", "--quiet", str(outer)], check=True)
    (outer / ".gitignore").write_text("/out/\n" if ignored else "")
    project = outer / "out" / "project"
    (project / "src").mkdir(parents=True)
    (project / "src" / "tidy.py").write_text('"""Tidy."""\n')
    committed, said = tailor.git_init(project, ANSWERS)
    assert committed == ignored == (project / ".git").is_dir()
    if not ignored:
        assert said.startswith(f"It lies inside the git repository {outer}, so it is not a repository of its own")
        added = subprocess.run(
            ["git", "-C", str(outer), "add", "--all", "--dry-run"], capture_output=True, text=True, check=True
        )
        assert "add 'out/project/src/tidy.py'" in added.stdout.splitlines()


@pytest.mark.parametrize(("git_init", "is_repo"), [(True, True), (False, False)])
def test_git_init_answer_is_honoured(bake, git_init: bool, is_repo: bool) -> None:
    project = bake(git_init=git_init)
    assert (project.path / ".git").is_dir() == is_repo


@pytest.mark.parametrize(
    ("answers", "removed"),
    [
        ({"docs": "none", "ci": "github"}, ["docs"]),
        ({"docs": "sphinx", "ci": "gitlab"}, [".github/workflows", ".github"]),
        ({"docs": "mkdocs", "ci": "none"}, [".github/workflows", ".github"]),
        ({"docs": "none", "ci": "none"}, ["docs", ".github/workflows", ".github"]),
    ],
)
def test_tooling_answers_remove_the_directories_they_do_not_want(answers, removed) -> None:
    hook = load_hook("post_gen_project", layout="library", **answers)
    assert tailor.directories_to_remove(hook.ANSWERS) == removed


@pytest.mark.parametrize(
    ("answers", "placeholders"),
    [
        ({}, ["author_name", "description", "author_email", "homepage"]),
        (
            {"author_name": "Ada", "author_email": "ada@lovelace.dev", "description": "Tidy names.",
             "homepage": "https://github.com/ada/tidy"},
            [],
        ),
    ],
)  # fmt: skip
def test_next_steps_fit_a_screen_and_name_the_placeholders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys, answers, placeholders
) -> None:
    hook = load_hook("post_gen_project", {"_output_dir": str(tmp_path)}, git_init=True, **answers)
    project = tmp_path / "my-project"
    project.mkdir()
    (project / "README.md").write_text("# My Project\n")
    monkeypatch.chdir(project)
    assert hook.main() == 0
    assert (project / ".git").is_dir()
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) <= 12
    assert lines[0] == f"Made my-project in {project}."
    assert lines[1] == "It is a new git repository; its first commit is the project as generated."
    assert git_log(project) == ["Generated from cookiecutter-pylayout"]
    status = subprocess.run(
        ["git", "-C", str(project), "status", "--porcelain"], capture_output=True, text=True, check=True
    )
    assert status.stdout == ""
    assert commands(lines) == [
        f"cd {project} && uv run pytest",
        "git add uv.lock && git commit -m 'Lock the dependencies'",
    ]
    listed = [line.split()[0] for line in lines if line.startswith("  ") and not line.startswith(tailor.COMMAND)]
    assert listed == placeholders
    # Plain cookiecutter has no update of its own: the README says how to move to copier's.
    assert (
        lines[-1]
        == "To compare other answers or move it to copier to take the template's changes: see the template's README."
    )


def commands(lines: list[str]) -> list[str]:
    """Return the commands among printed lines: those that stand alone, indented as `tailor.COMMAND`."""
    return [line.removeprefix(tailor.COMMAND) for line in lines if line.startswith(tailor.COMMAND)]


@pytest.mark.parametrize(
    ("engine", "uncommitted", "update"),
    [
        ("copier", "uv.lock", "uvx --with copier-template-extensions --with python-slugify copier update --trust --defaults"),
        ("cruft", "uv.lock .cruft.json", "uvx cruft update -y"),
    ],
)  # fmt: skip
def test_each_engine_is_told_what_to_commit_and_how_it_updates(
    tmp_path: Path, engine: str, uncommitted: str, update: str
) -> None:
    answers = load_hook("post_gen_project", layout="module", git_init=True).ANSWERS
    (tmp_path / "README.md").write_text("# Tidy\n")
    lines = tailor.tailor(tmp_path, answers, engine)
    assert commands(lines) == [
        f"cd {tmp_path} && uv run pytest",
        f"git add {uncommitted} && git commit -m 'Lock the dependencies'",
        update,
    ]
    assert lines[-1] == "To compare other answers or grow it into a library: see the template's README."


def test_without_a_repository_there_is_nothing_to_commit(tmp_path: Path) -> None:
    answers = load_hook("post_gen_project", git_init=False).ANSWERS
    assert commands(tailor.tailor(tmp_path, answers, "copier"))[:-1] == [f"cd {tmp_path} && uv run pytest"]


def test_a_module_is_told_it_can_grow_and_cruft_renders_print_nothing(tmp_path: Path, monkeypatch, capsys) -> None:
    project = tmp_path / "my-project"
    project.mkdir()
    monkeypatch.chdir(project)
    module = load_hook("post_gen_project", {"_output_dir": str(tmp_path)}, layout="module", git_init=False)
    assert module.main() == 0
    assert "grow it into a library" in capsys.readouterr().out.splitlines()[-1]
    # cruft renders the template into throwaway directories, without `_output_dir`: no next steps there.
    assert load_hook("post_gen_project", layout="module", git_init=False).main() == 0
    assert capsys.readouterr().out == ""


def test_after_an_update_the_conflicts_are_named_with_how_to_finish(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    git = ["git", "-C", str(project), "-c", "user.name=T", "-c", "user.email=t@example.org"]
    subprocess.run(["git", "init", "--quiet", str(project)], check=True)
    (project / "README.md").write_text("base\n")
    subprocess.run([*git, "add", "README.md"], check=True)
    subprocess.run([*git, "commit", "--quiet", "-m", "base"], check=True)
    clean = tailor.left_to_do(project)
    assert clean == [
        "Review the update with `git diff`, then commit it:",
        f"{tailor.COMMAND}git add --all && git commit -m 'Update from the template'",
    ]
    # A conflict as `git merge` and `git apply --3way` leave it (unmerged in the index), and a rejected hunk.
    for branch, text in (("theirs", "theirs\n"), ("ours", "ours\n")):
        subprocess.run(
            [*git, "checkout", "--quiet", "-b", branch, "HEAD" if branch == "theirs" else "HEAD~1"], check=True
        )
        (project / "README.md").write_text(text)
        subprocess.run([*git, "commit", "--quiet", "-am", branch], check=True)
    subprocess.run([*git, "merge", "--quiet", "theirs"], capture_output=True, check=False)
    (project / "docs").mkdir()
    (project / "docs" / "conf.py.rej").write_text("@@ -1 +1 @@\n")
    assert tailor.left_to_do(project) == [
        "The update left conflicts for you to resolve:",
        "  README.md: between the <<<<<<< and >>>>>>> markers",
        "  docs/conf.py.rej: changes that did not apply; make them by hand, then delete it",
        *clean,
    ]


@pytest.mark.parametrize(
    ("answers", "placeholders"),
    [
        ({}, ["author_name 'Your Name'", "description 'A short description of what this project does.'",
              "author_email 'you@example.com'", "homepage 'https://example.com/my-project'"]),
        ({"author_name": "Ada", "description": "Tools.", "author_email": "ada@lovelace.dev",
          "homepage": "https://docs.example.com/x"}, ["homepage 'https://docs.example.com/x'"]),
        ({"author_name": "Ada", "description": "Tools.", "author_email": "ada@example.org",
          "homepage": "https://github.com/ada/x"}, []),
    ],
)  # fmt: skip
def test_placeholders_are_the_defaults_and_example_com(answers: dict[str, str], placeholders: list[str]) -> None:
    defaults = {"author_name": "Your Name", "description": "A short description of what this project does."}
    answers = defaults | {"author_email": "you@example.com", "homepage": "https://example.com/my-project"} | answers
    assert defaults == {key: COOKIECUTTER_JSON[key] for key in defaults}
    assert tailor.placeholders(answers) == placeholders


def test_a_project_made_in_a_clone_of_the_template_leaves_copier_and_cruft_working_from_it(
    template_repo: Path, tmp_path: Path
) -> None:
    # Cookiecutter's default output is the current directory: a user in the clone makes a stray
    # project there. Without a repository of its own inside the clone, copier and cruft still run from it.
    made = cookiecutter_cli(template_repo, template_repo, tmp_path / "temp", "project_name=Stray")
    assert made.returncode == 0, made.stderr
    assert (template_repo / "stray" / "pyproject.toml").is_file()
    assert not (template_repo / "stray" / ".git").exists()
    copier = [sys.executable, "-m", "copier", "copy", "--trust", "--defaults", "--quiet", str(template_repo), "copied"]
    copied = subprocess.run(copier, cwd=tmp_path, capture_output=True, text=True, check=False)
    assert copied.returncode == 0, copied.stderr
    assert (tmp_path / "copied" / "pyproject.toml").is_file()
    cruft = [sys.executable, "-m", "cruft", "create", "--no-input", "--output-dir", "crufted", str(template_repo)]
    crufted = subprocess.run(cruft, cwd=tmp_path, capture_output=True, text=True, check=False)
    assert crufted.returncode == 0, crufted.stderr
    assert (tmp_path / "crufted" / "my-project" / "pyproject.toml").is_file()
