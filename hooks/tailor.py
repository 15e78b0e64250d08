"""Finish a new project, for both engines: remove the directories the answers leave empty, run `git init`, say what next.

Cookiecutter runs it from `hooks/post_gen_project.py`; copier runs it as its task after a copy, and
as its migrations: before an update, to say what the template's releases changed in between, and
after, to say what is left to do (all from the template's directory, so that copier's echo of the
command holds no temporary path):

    python hooks/tailor.py PROJECT ANSWERS_FILE
    python hooks/tailor.py --updating FROM TO
    python hooks/tailor.py --updated PROJECT

Files come and go by their names; a directory cannot (CONTRIBUTING.md). The answers arrive as data,
never as code. Standard library only: it runs in the user's interpreter (copier's task reads copier's
record with PyYAML, which copier itself depends on).
"""

from __future__ import annotations

import argparse
import json
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TEMPLATE))
import answer_rules  # what copier needs beside it, for the update command
import releases  # the template's CHANGELOG.md, read with the standard library

# answer -> value -> directories (relative to the new project, innermost first) that it leaves empty.
EMPTY_DIRECTORIES = {
    "layout": {"module": ["src/{package_name}"]},
    "docs": {"none": ["docs"]},
    "ci": {"gitlab": [".github/workflows", ".github"], "none": [".github/workflows", ".github"]},
}
# The questions, and their defaults: an author or description left at its default is a placeholder.
QUESTIONS = json.loads((TEMPLATE / "cookiecutter.json").read_text(encoding="utf-8"))
# Where a printed command stands: on a line of its own, indented, as a user copies it.
COMMAND = "    "
# How each engine's user brings the template's later changes in; plain cookiecutter has no update.
UPDATE = {
    "copier": shlex.join(
        [
            "uvx",
            *(part for package in answer_rules.COPIER_WITH for part in ("--with", package)),
            "copier",
            "update",
            "--trust",
            "--defaults",
        ]
    ),
    "cruft": "uvx cruft update -y",
}
# What is new after the first commit and a first `uv run pytest`: uv's lock, and cruft's record, which
# cruft writes after this runs. An update needs them committed: it refuses a work tree that is not clean.
UNCOMMITTED = {"cookiecutter": "uv.lock", "copier": "uv.lock", "cruft": "uv.lock .cruft.json"}
# How an update ends, on either engine.
FINISH_UPDATE = [
    "Review the update with `git diff`, then commit it:",
    f"{COMMAND}git add --all && git commit -m 'Update from the template'",
]
# What to do once `cruft update` has applied the template's changes.
AFTER_CRUFT = [
    "Cruft applies the template's changes next. Where git reports a conflict (U <file>) or leaves a <file>.rej,",
    "resolve it (between the <<<<<<< and >>>>>>> markers; by hand for a .rej, then delete it).",
    *FINISH_UPDATE,
]


def directories_to_remove(answers: dict) -> list[str]:
    """Return the directories the answers leave empty, with names filled in."""
    return [
        path.format(**answers) for key, by_value in EMPTY_DIRECTORIES.items() for path in by_value.get(answers[key], [])
    ]


def remove_empty_directories(project: Path, relative_paths: list[str]) -> None:
    """Remove each directory under `project`; one already gone is fine, one with files in it fails."""
    for relative in relative_paths:
        if (project / relative).is_dir():
            (project / relative).rmdir()


def git_init(project: Path, answers: dict) -> tuple[bool, str]:
    """Make `project` a git repository whose first commit is the project as generated; return whether, and what happened.

    Updates merge the template's changes three ways against that commit: cruft's applies only part
    of a change without it. The commit is the user's (git's own identity), or the author's answers
    where git has none. A project that is a repository already (made again in place: `copier
    recopy`, cookiecutter's `-f`) gets no commit: what changed is the user's to review. Nor does one
    inside another repository's work tree (a clone of this template, a monorepo) that does not ignore
    it: a repository within would break that one's `git add --all` (copier runs it on a template
    with uncommitted files). No network, no hooks run.
    """
    if (project / ".git").exists():
        return False, "It is a git repository already, so nothing was committed: `git status` shows what changed."
    git = shutil.which("git")
    if git is None:
        return False, "git is not installed, so the project is not a git repository yet: run `git init` later."
    outer = subprocess.run(
        [git, "rev-parse", "--show-toplevel"], cwd=project, capture_output=True, text=True, check=False
    )
    if outer.returncode == 0:
        ignored = subprocess.run([git, "check-ignore", "--quiet", str(project)], cwd=outer.stdout.strip(), check=False)
        if ignored.returncode != 0:
            return False, (
                f"It lies inside the git repository {outer.stdout.strip()}, so it is not a repository of its own "
                "(one within would break that one's `git add --all`): commit it there, or make it elsewhere."
            )
    result = subprocess.run([git, "init", "--quiet", str(project)], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        return False, f"`git init` failed, so the project is not a git repository yet: {result.stderr.strip()}"
    result = subprocess.run([git, "-C", str(project), "add", "--all"], capture_output=True, text=True, check=False)
    if result.returncode == 0:
        commit = ["commit", "--quiet", "--no-verify", "--message", "Generated from cookiecutter-pylayout"]
        result = subprocess.run([git, "-C", str(project), *commit], capture_output=True, text=True, check=False)
        if result.returncode != 0:  # git knows no identity here: the author's answers
            name, email = (" ".join(str(answers[key]).split()) for key in ("author_name", "author_email"))
            identity = ["-c", f"user.name={name}", "-c", f"user.email={email}"]
            command = [git, "-C", str(project), *identity, *commit]
            result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        return False, (
            f"It is a new git repository, but its first commit failed ({(result.stderr or result.stdout).strip()}): "
            "commit the project as generated before you edit it, since updates merge against it."
        )
    return True, "It is a new git repository; its first commit is the project as generated."


def placeholders(answers: dict) -> list[str]:
    """Return the answers still at a placeholder that a release would publish, as `key 'value'`.

    Those are the author's name and description left as the template wrote them, and addresses at
    example.com (RFC 2606).
    """
    found = [key for key in ("author_name", "description") if answers.get(key) == QUESTIONS[key]]
    found += [key for key in ("author_email", "homepage") if _at_example_com(str(answers.get(key, "")))]
    return [f"{key} {answers[key]!r}" for key in found]


def _at_example_com(address: str) -> bool:
    """Return whether an email address or URL is at example.com."""
    host = address.rpartition("@")[2] if "://" not in address else address.split("://", 1)[1].split("/", 1)[0]
    return host.lower() == "example.com" or host.lower().endswith(".example.com")


def next_steps(project: Path, answers: dict, engine: str, committed: bool) -> list[str]:
    """Return the lines a user reads after the bake: where, how to green, what is left to fill in, how to update.

    Each command stands on a line of its own and works as pasted, in order, in a shell with uv.
    """
    lines = [f"Made {answers['project_slug']} in {project}."]
    if committed:
        lines += [
            f"Next, run its tests, then commit {UNCOMMITTED[engine].replace(' ', ' and ')} (an update needs a clean work tree):",
            f"{COMMAND}cd {shlex.quote(str(project))} && uv run pytest",
            f"{COMMAND}git add {UNCOMMITTED[engine]} && git commit -m {shlex.quote('Lock the dependencies')}",
        ]
    else:
        lines += ["Next, run its tests:", f"{COMMAND}cd {shlex.quote(str(project))} && uv run pytest"]
    found = placeholders(answers)
    if found:
        lines.append("Still placeholders, published with a release (edit pyproject.toml and README.md):")
        lines += [f"  {placeholder}" for placeholder in found]
    if engine in UPDATE:
        lines += ["Later, bring in the template's changes (with your work committed):", f"{COMMAND}{UPDATE[engine]}"]
    later = ["compare other answers"]
    later += ["grow it into a library"] * (answers["layout"] == "module")
    later += ["move it to copier to take the template's changes"] * (engine not in UPDATE)
    lines.append(f"To {', '.join(later[:-1])}{' or ' * (len(later) > 1)}{later[-1]}: see the template's README.")
    return lines


def tailor(project: Path, answers: dict, engine: str) -> list[str]:
    """Tailor the new `project` to `answers`, which `engine` made; return the lines to print."""
    remove_empty_directories(project, directories_to_remove(answers))
    committed, made = git_init(project, answers) if answers["git_init"] else (False, "")
    lines = next_steps(project, answers, engine, committed)
    return [lines[0], made, *lines[1:]] if made else lines


def left_to_do(project: Path) -> list[str]:
    """Return what copier's update left to do in `project`: the conflicts to resolve, if any, then to review and commit."""
    unmerged = subprocess.run(
        ["git", "diff", "--name-only", "--diff-filter=U"], cwd=project, capture_output=True, text=True, check=False
    ).stdout.split()
    rejected = [path.relative_to(project).as_posix() for path in sorted(project.rglob("*.rej"))]
    lines = []
    if unmerged or rejected:
        lines.append("The update left conflicts for you to resolve:")
        lines += [f"  {path}: between the <<<<<<< and >>>>>>> markers" for path in unmerged]
        lines += [f"  {path}: changes that did not apply; make them by hand, then delete it" for path in rejected]
    return lines + FINISH_UPDATE


def what_changed(old: str | None, new: str, pending: bool = False) -> list[str]:
    """Return what an update from release `old` to `new` brings: the entries of CHANGELOG.md in between.

    `old` and `new` are versions or tags (`1.2.0`, `v1.2.0`, `1.2.0.post3+g1a2b3c`); `old` is None for a
    project that recorded none. With `pending` (cruft updates to the template's newest commit, past its
    newest release) the changes not yet released come first. A project already there is told so; a
    template whose `new` is no release in its changelog (a clone without tags) says nothing.
    """
    text = releases.CHANGELOG.read_text(encoding="utf-8")
    old, new = old and old.removeprefix("v"), new.removeprefix("v")
    made = {releases.release_of(entry.name) for entry in releases.released(text)}
    if releases.release_of(new) not in made:
        return []
    entries = releases.between(text, old, new)
    later = releases.unreleased(text) if pending else None
    if not entries and later is None:
        return [f"The project is already at the template's newest release, {new}: the template brings no change."]
    since = f"release {old}" if old and releases.release_of(old) in made else "before the template's first release"
    to = f"release {new}" + (" and the changes not yet released" if later else "")
    return [
        f"The template moves from {since} to {to}. What changed, from its CHANGELOG.md:",
        *(entry.text for entry in ([later] if later else []) + entries),
    ]


def release_of_commit(commit: str) -> str | None:
    """Return the release tag (`v1.2.0`) that the template's `commit` is or follows, or None before the first."""
    described = subprocess.run(
        ["git", "describe", "--tags", "--abbrev=0", "--match", "v[0-9]*", commit],
        cwd=TEMPLATE,
        capture_output=True,
        text=True,
        check=False,
    )
    return described.stdout.strip() if described.returncode == 0 else None


def before_cruft_applies(commit: str) -> list[str]:
    """Return what `cruft update` from the template's `commit` brings, and what to do after it applies it.

    Cruft updates to the template's newest commit, and runs nothing after it applies the change: this
    is said in its render of the new commit, before. Releases are the template's tags, as for copier.
    """
    new = release_of_commit("HEAD")
    return [*(what_changed(release_of_commit(commit), new, pending=True) if new else []), *AFTER_CRUFT]


def copier_answers(path: Path) -> dict:
    """Return the answers copier recorded at `path`, with PyYAML: copier, which runs this, depends on it."""
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8"))


def main() -> None:
    """Copier's task and migrations: finish the new project, or say what an update brings and what it left; print."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path, nargs="?", help="the project's directory")
    parser.add_argument("answers_file", nargs="?", help="copier's record of the answers, in the project")
    parser.add_argument("--updating", nargs=2, metavar=("FROM", "TO"), help="before an update: what changed")
    parser.add_argument("--updated", action="store_true", help="after an update: say what is left to do")
    args = parser.parse_args()
    if args.updating:
        old, new = args.updating  # copier's versions: past a release (`--vcs-ref HEAD`) comes what it has not released
        lines = what_changed(old, new, pending=releases.RELEASE.fullmatch(new) is None)
    elif args.updated:
        lines = left_to_do(args.project)
    else:
        lines = tailor(args.project, copier_answers(args.project / args.answers_file), "copier")
    if lines:
        print("\n".join(lines))


if __name__ == "__main__":
    main()
