"""Remove what the answers did not choose, then run `git init` when asked to.

A file that an answer does not want has a name that renders empty, so cookiecutter never writes
it; a directory cannot be left out by its name alone, so the directories that come and go (the
library's package for a module, docs/, .github/) are left empty and this table removes them. It is applied with `pathlib` and `shutil` (no shell, stdlib only, any platform), and
running it twice changes nothing more. The answers arrive as JSON data in `ANSWERS`.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

# `tojson` escapes every ' in the answers, so ''' cannot end this string early: keep the quotes.
ANSWERS = json.loads(r'''{{ cookiecutter | tojson }}''')  # fmt: skip

# answer -> value -> paths (relative to the new project) that this value does not want.
REMOVE = {
    "layout": {
        # The library's files have names that render empty for a module, so cookiecutter writes
        # none of them; only their directory is left, empty.
        "module": ["src/{package_name}"],
        "library": [],
    },
    "docs": {"none": ["docs"]},
    "ci": {"gitlab": [".github"], "none": [".github"]},
}


def paths_to_remove(answers: dict[str, object]) -> list[str]:
    """Return the relative paths the answers do not want, with names filled in."""
    return [path.format(**answers) for key, by_value in REMOVE.items() for path in by_value.get(str(answers[key]), [])]


def remove(project: Path, relative_paths: list[str]) -> None:
    """Delete each path under `project`, file or directory; a path already gone is fine."""
    for relative in relative_paths:
        path = project / relative
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)


def git_init(project: Path) -> None:
    """Make `project` a git repository (no commit, no network), or say why it was skipped."""
    git = shutil.which("git")
    if git is None:
        print("git_init: git is not installed, so the project is not a git repository yet.")
        return
    import subprocess  # only here: most bakes do not ask for git, and every import costs them

    subprocess.run([git, "init", "--quiet", str(project)], check=True)


def main() -> int:
    """Tailor the new project (the current directory) to the answers."""
    project = Path.cwd()
    remove(project, paths_to_remove(ANSWERS))
    if ANSWERS["git_init"] is True:
        git_init(project)
    return 0


if __name__ == "__main__":
    sys.exit(main())
