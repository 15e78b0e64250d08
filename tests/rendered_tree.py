"""Which files and directories a bake must hold, read from the template tree itself.

The template's own file names are the one list of which files each answer brings: a file that
comes and goes is named `{% if <condition> %}name{% endif %}`, and cookiecutter skips a file whose
name renders empty. Here each path of the tree is rendered with a bake's answers the way
cookiecutter renders it (its `StrictEnvironment`, the template's extensions loaded), and the
directories the post-generation hook's table removes are left out, so the structure tests expect
exactly what the names promise. What the names must promise (a module project is one module, a
library ships `py.typed`, `docs=none` has no docs/) the tests assert by hand beside it.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Any

import tailor
from conftest import PROJECT_TREE
from cookiecutter.environment import StrictEnvironment


def _environment(answers: dict[str, Any]) -> StrictEnvironment:
    """Return cookiecutter's Jinja environment for `answers` (a bake's `context`), extensions loaded."""
    return StrictEnvironment(context={"cookiecutter": answers}, keep_trailing_newline=True)


def _render(paths: list[Path], answers: dict[str, Any]) -> set[str]:
    """Return `paths` (in the template tree) with their names rendered, those that render empty left out."""
    env = _environment(answers)
    names = (path.relative_to(PROJECT_TREE).as_posix() for path in paths)
    rendered = {env.from_string(name).render(cookiecutter=answers) for name in names}
    # An empty name renders as its parent directory, with a trailing slash (`docs/`).
    return {path for path in rendered if path and not path.endswith("/")}


def rendered_files(answers: dict[str, Any]) -> set[str]:
    """Return the files a project baked with `answers` holds: POSIX paths relative to its root."""
    return _render([path for path in PROJECT_TREE.rglob("*") if path.is_file()], answers)


def rendered_directories(answers: dict[str, Any]) -> set[str]:
    """Return the directories a project baked with `answers` holds: the tree's, less those the hook removes."""
    made = _render([path for path in PROJECT_TREE.rglob("*") if path.is_dir()], answers)
    removed = set(tailor.directories_to_remove(answers))
    return made - removed


def parents(files: set[str]) -> set[str]:
    """Return every directory that holds one of `files`, at any depth, as POSIX relative paths."""
    return {parent.as_posix() for file in files for parent in PurePosixPath(file).parents if parent.parts}
