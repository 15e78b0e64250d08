"""Remove the directories the answers left empty, then run `git init` when asked to.

A file that an answer does not want has a name that renders empty, so cookiecutter never writes
it. A directory cannot be left out that way (cookiecutter refuses a directory name that renders
empty), so the directories that come and go (the library's package for a module, docs/, .github/)
are made empty and this table removes them. It runs on every bake, so it imports nothing Python
has not loaded at start-up (`os`, `sys`), uses no shell, works on any platform, and running it
twice changes nothing more.
"""

import os
import sys

# The answers this hook acts on, rendered as Python string literals: choices and a checked name.
ANSWERS = {
    "layout": {{cookiecutter.layout | py}},
    "docs": {{cookiecutter.docs | py}},
    "ci": {{cookiecutter.ci | py}},
    "package_name": {{cookiecutter.package_name | py}},
}
GIT_INIT = {{cookiecutter.git_init is true}}

# answer -> value -> directories (relative to the new project, `/`-separated, innermost first) that
# this value leaves empty.
EMPTY_DIRECTORIES = {
    "layout": {"module": ["src/{package_name}"]},
    "docs": {"none": ["docs"]},
    "ci": {"gitlab": [".github/workflows", ".github"], "none": [".github/workflows", ".github"]},
}


def directories_to_remove(answers: dict[str, str]) -> list[str]:
    """Return the directories the answers leave empty, with names filled in."""
    return [
        path.format(**answers) for key, by_value in EMPTY_DIRECTORIES.items() for path in by_value.get(answers[key], [])
    ]


def remove_empty_directories(project: str, relative_paths: list[str]) -> None:
    """Remove each directory under `project`; one already gone is fine, one with files in it fails."""
    for relative in relative_paths:
        path = os.path.join(project, *relative.split("/"))
        if os.path.isdir(path):
            os.rmdir(path)


def git_init(project: str) -> None:
    """Make `project` a git repository (no commit, no network), or say why it was skipped."""
    # Imported only here: most bakes do not ask for git, and every import costs every bake.
    import shutil
    import subprocess

    git = shutil.which("git")
    if git is None:
        print("git_init: git is not installed, so the project is not a git repository yet.")
        return
    subprocess.run([git, "init", "--quiet", project], check=True)


def main() -> int:
    """Tailor the new project (the current directory) to the answers."""
    project = os.getcwd()
    remove_empty_directories(project, directories_to_remove(ANSWERS))
    if GIT_INIT:
        git_init(project)
    return 0


def remove_this_copy() -> None:
    """Delete the rendered copy of this file that cookiecutter runs from the temp directory, and leaves."""
    try:
        os.remove(__file__)
    except OSError:  # already gone: nothing to clean up
        pass


if __name__ == "__main__":
    try:
        status = main()
    finally:
        remove_this_copy()
    sys.exit(status)
