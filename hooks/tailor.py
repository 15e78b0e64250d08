"""Finish a new project, for both engines: remove the directories the answers leave empty, run `git init`, say what next.

Cookiecutter runs it from `hooks/post_gen_project.py`; copier runs it as its task, in the new project:

    python hooks/tailor.py --engine copier --operation copy ANSWERS_JSON

Files come and go by their names; a directory cannot (CONTRIBUTING.md). The answers arrive as JSON
data, never as code. Standard library only: it runs in the user's interpreter.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
from pathlib import Path

# answer -> value -> directories (relative to the new project, innermost first) that it leaves empty.
EMPTY_DIRECTORIES = {
    "layout": {"module": ["src/{package_name}"]},
    "docs": {"none": ["docs"]},
    "ci": {"gitlab": [".github/workflows", ".github"], "none": [".github/workflows", ".github"]},
}
# The questions, and their defaults: an author or description left at its default is a placeholder.
QUESTIONS = json.loads((Path(__file__).resolve().parent.parent / "cookiecutter.json").read_text(encoding="utf-8"))
# How each engine's user brings the template's later changes in, for the last line of the next steps.
UPDATE = {"cookiecutter": "update from the template", "copier": "update from the template with `copier update`"}


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


def git_init(project: Path, answers: dict) -> str:
    """Make `project` a git repository whose first commit is the project as generated; return what happened.

    Updates merge the template's changes three ways against that commit: cruft's applies only part
    of a change without it. The commit is the user's (git's own identity), or the author's answers
    where git has none. A project that is a repository already (made again in place: `copier
    recopy`, cookiecutter's `-f`) gets no commit: what changed is the user's to review. No network,
    no hooks run.
    """
    if (project / ".git").exists():
        return "It is a git repository already, so nothing was committed: `git status` shows what changed."
    git = shutil.which("git")
    if git is None:
        return "git is not installed, so the project is not a git repository yet: run `git init` later."
    result = subprocess.run([git, "init", "--quiet", str(project)], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        return f"`git init` failed, so the project is not a git repository yet: {result.stderr.strip()}"
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
        return (
            f"It is a new git repository, but its first commit failed ({(result.stderr or result.stdout).strip()}): "
            "commit the project as generated before you edit it, since updates merge against it."
        )
    return "It is a new git repository; its first commit is the project as generated."


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


def next_steps(project: Path, answers: dict, engine: str) -> list[str]:
    """Return the few lines a user reads after the bake: where, how to green, what is left to fill in."""
    lines = [f"Made {answers['project_slug']} in {project}.", f"Next: cd {project} && uv run pytest"]
    found = placeholders(answers)
    if found:
        lines.append("Still placeholders, published with a release (edit pyproject.toml and README.md):")
        lines += [f"  {placeholder}" for placeholder in found]
    grow = ", or grow into a library" if answers["layout"] == "module" else ""
    lines.append(f"Later: compare other answers, {UPDATE[engine]}{grow}: see the template's README.")
    return lines


def tailor(project: Path, answers: dict, engine: str, operation: str = "copy") -> list[str]:
    """Tailor `project` to `answers`; return the lines to print.

    An update (copier's) does nothing here: copier applies it as a diff, which leaves no empty directory.
    """
    if operation != "copy":
        return []
    remove_empty_directories(project, directories_to_remove(answers))
    lines = next_steps(project, answers, engine)
    if answers["git_init"]:
        lines.insert(1, git_init(project, answers))
    return lines


def main() -> None:
    """Tailor the current directory, as copier's task; print the next steps."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", choices=sorted(UPDATE), required=True)
    parser.add_argument("--operation", default="copy", help="copier's _copier_operation: copy or update")
    parser.add_argument("answers", type=json.loads, help="every answer, as a JSON object")
    args = parser.parse_args()
    print("\n".join(tailor(Path.cwd(), args.answers, args.engine, args.operation)))


if __name__ == "__main__":
    main()
