#!/usr/bin/env -S uv run --script
# /// script
# requires-python = ">=3.10"
# dependencies = ["cookiecutter>=2.6"]
# ///
"""Grow a project made with `layout=module` into the `layout=library` form, keeping everything you wrote.

    uv run scripts/grow_to_library.py PATH/TO/PROJECT [--force]

Run it from a clone of this template: `uv run` installs its own dependencies (above). Commit the
project's work first (`--force` grows it anyway): it is rewritten in place, `git diff` shows how.
It bakes this template (with `bake.py` beside it) from the project's recorded answers as the module
it was and as a library, moves `src/<pkg>.py` to `src/<pkg>/core.py` behind an `__init__.py` that
re-exports its public names, and merges every other file the library form changes into yours three
ways, keeping your edits; your tests stay. Where your edits and the library form change the same lines, nothing is
changed and it says what the library form changes there. README.md, "Growing a module", has more.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import json
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from bake import TEMPLATE, Refused, bake, verbatim
from cookiecutter.exceptions import CookiecutterException

# The lines a module project ends with to run its command line; a package's `__main__.py` does that.
MAIN_BLOCK = b'\n\nif __name__ == "__main__":\n    main()\n'
# Keys of an answers file that describe one run of cookiecutter or cruft, not the project.
RUN_KEYS = frozenset({"_template", "_checkout", "_commit", "_output_dir", "_repo_dir"})


# A project's files three ways: yours, the module form, the library form (path -> content).
Trees = tuple[dict[str, bytes], dict[str, bytes], dict[str, bytes]]


class GrowError(Exception):
    """A reason the project cannot grow; nothing in it has been changed."""


def read_answers(project: Path) -> dict[str, object]:
    """Return the answers `project` was made with, from `.cookiecutter.json` or `.cruft.json`."""
    replay = project / ".cookiecutter.json"
    if replay.is_file():
        return json.loads(replay.read_text(encoding="utf-8"))["cookiecutter"]
    cruft = project / ".cruft.json"
    if cruft.is_file():
        return json.loads(cruft.read_text(encoding="utf-8"))["context"]["cookiecutter"]
    msg = f"{project} has neither .cookiecutter.json nor .cruft.json, so its answers are unknown."
    raise GrowError(msg)


def answer_context(answers: dict[str, object], layout: str) -> dict[str, object]:
    """Return the `extra_context` that makes cookiecutter bake `answers` in `layout`.

    Values derived from other answers are derived again (they change with the layout); the rest,
    such as the year in the LICENSE, keep what was recorded; new questions take their defaults.
    """
    chosen = {**answers, "layout": layout}
    variables = json.loads((TEMPLATE / "cookiecutter.json").read_text(encoding="utf-8"))
    context: dict[str, object] = {}
    for key, raw in variables.items():
        derived = key.startswith("__") and "cookiecutter" in json.dumps(raw)
        internal = key.startswith("_") and not key.startswith("__")
        if key not in chosen or derived or internal or isinstance(raw, dict):
            continue
        value = chosen[key]
        # A choice or a yes/no goes in as it is (cookiecutter checks it); free text as a literal.
        context[key] = value if isinstance(raw, (list, bool)) else verbatim(str(value))
    return context


def bake_form(answers: dict[str, object], layout: str, workdir: Path) -> Path:
    """Bake this template with `answers` in `layout` under `workdir`; return the new project's path."""
    try:
        return bake(answer_context(answers, layout), workdir / layout)
    except (CookiecutterException, Refused) as error:
        msg = f"cookiecutter could not bake the {layout} form of the project's answers: {error}"
        raise GrowError(msg) from error


def tree(root: Path) -> dict[str, bytes]:
    """Return every file of a freshly baked project as POSIX relative path -> content (not git's, in `.git/`)."""
    paths = (path.relative_to(root) for path in root.rglob("*") if path.is_file())
    return {path.as_posix(): (root / path).read_bytes() for path in paths if path.parts[0] != ".git"}


def merge(ours: bytes, base: bytes, theirs: bytes, workdir: Path) -> bytes | None:
    """Return `base` with both our and their changes, or None where both change the same lines."""
    if ours in (base, theirs) or theirs == base:
        return theirs if ours in (base, theirs) else ours
    names = [workdir / name for name in ("yours", "module form", "library form")]
    for name, data in zip(names, (ours, base, theirs)):
        name.write_bytes(data)
    git = shutil.which("git") or "git"
    result = subprocess.run([git, "merge-file", "--stdout", *map(str, names)], capture_output=True, check=False)
    return result.stdout if result.returncode == 0 else None


def sort_key(name: str, *, ignore_case: bool) -> tuple[object, ...]:
    """Order names as ruff's isort and RUF022 do: constants, classes, the rest; naturally."""
    kind = 0 if len(name) > 1 and name.isupper() else 1 if name[:1].isupper() else 2

    def natural(text: str) -> list[tuple[int, int | str]]:
        return [(0, int(part)) if part.isdigit() else (1, part) for part in re.split(r"(\d+)", text) if part]

    return (kind, natural(name.lower()) if ignore_case else [], natural(name))


def public_names(source: str) -> list[str]:
    """Return the module's `__all__`, or else its public top-level names (and `__version__`)."""
    names: list[str] = []
    for node in ast.parse(source).body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.append(node.name)
            continue
        targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
        for target in targets:
            if not isinstance(target, ast.Name):
                continue
            if target.id == "__all__" and isinstance(node.value, (ast.List, ast.Tuple)):
                return [item.value for item in node.value.elts if isinstance(item, ast.Constant)]
            names.append(target.id)
    found = [name for name in names if not name.startswith("_") or name == "__version__"]
    return sorted(dict.fromkeys(found), key=lambda name: sort_key(name, ignore_case=False))


def docstring_source(source: bytes) -> str:
    """Return the module docstring of `source` as written, quotes included."""
    text = source.decode("utf-8")
    first = ast.parse(text).body[0]
    segment = ast.get_source_segment(text, first) if isinstance(first, ast.Expr) else None
    return segment or '"""The public API of the package."""'


def init_module(package: str, names: list[str], docstring: str) -> bytes:
    """Return an `__init__.py` that re-exports `names` from `<package>.core`, in ruff's own style."""
    if not names:
        return f"{docstring}\n\n__all__: list[str] = []\n".encode()
    imports = "".join(f"    {name},\n" for name in sorted(names, key=lambda name: sort_key(name, ignore_case=True)))
    exported = "".join(f"    {json.dumps(name)},\n" for name in names)
    return f"{docstring}\n\nfrom {package}.core import (\n{imports})\n\n__all__ = [\n{exported}]\n".encode()


@dataclass
class Plan:
    """What growing a project changes, decided in full before any file is touched."""

    writes: dict[str, bytes] = field(default_factory=dict)
    deletes: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)


def move_module(plan: Plan, package: str, module: bytes, template_module: bytes) -> list[str]:
    """Plan the move of the module to `core.py`; return its public names.

    A docstring still as the template wrote it says the module is the whole project; it is
    rewritten to say what `core.py` is now, keeping its paragraph about the project.
    """
    module_path, core_path = f"src/{package}.py", f"src/{package}/core.py"
    plan.deletes.append(module_path)
    plan.notes.append(f"moved {module_path} to {core_path}")
    if module.endswith(MAIN_BLOCK):
        module = module.removesuffix(MAIN_BLOCK)
        plan.notes.append(f"dropped the __main__ block from {core_path}: __main__.py runs main now")
    docstring = docstring_source(module)
    if docstring == docstring_source(template_module):
        about = docstring[3:-3].split("\n\n")[1:-1]  # between "The whole of ..." and "Everything ..."
        grown = "\n\n".join([f"The core of `{package}`, grown from its single module.", *about])
        grown += f"\n\n`{package}/__init__.py` re-exports its public names.\n"
        module = module.replace(docstring.encode(), f'"""{grown}"""'.encode(), 1)
        plan.notes.append(f"rewrote the docstring of {core_path}: it is no longer the whole project")
    plan.writes[core_path] = module
    return public_names(module.decode("utf-8"))


def without_samples(theirs: dict[str, bytes], package: str) -> dict[str, bytes]:
    """Return the library form without its API page entries for the sample modules growing leaves out."""
    kept = {"__init__", "__main__", "cli", "core"}
    modules = [p[len(f"src/{package}/") : -3] for p in theirs if re.fullmatch(rf"src/{package}/\w+\.py", p)]
    left_out = "|".join(re.escape(f"{package}.{name}") for name in modules if name not in kept)
    pages = {path: data for path, data in theirs.items() if path in {"docs/api.rst", "docs/api.md"}}
    for path, data in pages.items():
        text = re.sub(rf"(?m)^(?:\.\. automodule::|:::) (?:{left_out})\n(?:[ ]+.*\n)*\n?", "", data.decode("utf-8"))
        theirs = {**theirs, path: (text.rstrip("\n") + "\n").encode()}
    return theirs


def add_package_files(plan: Plan, package: str, names: list[str], trees: Trees) -> None:
    """Plan the files the library form adds: glue around your module, never its sample code."""
    ours, base, theirs = trees
    package_dir = f"src/{package}/"
    has_main = "main" in names
    for path in sorted(theirs.keys() - base.keys()):
        if path == f"{package_dir}core.py":
            continue
        if path == f"{package_dir}__init__.py":
            plan.writes[path] = init_module(package, names, docstring_source(theirs[path]))
            plan.notes.append(f"wrote {path}, re-exporting {', '.join(names) or 'nothing'} from {package}.core")
        elif path == f"{package_dir}cli.py" and has_main:
            docstring = docstring_source(theirs[path])
            plan.writes[path] = f'{docstring}\n\nfrom {package}.core import main\n\n__all__ = ["main"]\n'.encode()
            plan.notes.append(f"wrote {path}, re-exporting main from {package}.core")
        elif path.startswith((package_dir, "tests/")) and path.endswith(".py") and path != f"{package_dir}__main__.py":
            plan.notes.append(f"left out the library form's sample {path}: your code takes its place")
        elif path.endswith("__main__.py") and not has_main:
            plan.notes.append(f"left out {path}: your module has no main to run")
        elif path not in ours or ours[path] == theirs[path]:
            plan.writes[path] = theirs[path]
            plan.notes.append(f"added {path}")
        else:
            plan.conflicts.append(f"{path}: the library form adds this file, and yours differs from it")


def merge_changed_files(plan: Plan, trees: Trees, workdir: Path) -> None:
    """Plan a three-way merge of every file the two forms share but write differently."""
    ours, base, theirs = trees
    for path in sorted(theirs.keys() & base.keys()):
        if theirs[path] == base[path]:
            continue
        if path not in ours:
            plan.notes.append(f"left out {path}: you removed it")
            continue
        merged = merge(ours[path], base[path], theirs[path], workdir)
        if merged is None:
            plan.conflicts.append(
                f"{path}: your edits and the library form change the same lines. "
                "The library form changes:\n"
                + "".join(difflib.unified_diff(*(d.decode().splitlines(True) for d in (base[path], theirs[path]))))
            )
        elif merged != ours[path]:
            plan.writes[path] = merged
            kept = "" if ours[path] == base[path] else ", keeping what you changed"
            plan.notes.append(f"merged the library form of {path} into yours{kept}")


def drop_module_files(plan: Plan, package: str, trees: Trees) -> None:
    """Plan what happens to the other files only the module form has: tests stay, the rest goes."""
    ours, base, theirs = trees
    for path in sorted(base.keys() - theirs.keys() - {f"src/{package}.py"}):
        if path.startswith("tests/"):
            plan.notes.append(f"kept {path}: your tests")
        elif path in ours and ours[path] == base[path]:
            plan.deletes.append(path)
            plan.notes.append(f"removed {path}: the library form has no such file")


def record_in_cruft(plan: Plan, project: Path, library_replay: bytes) -> None:
    """Plan the new answers in `.cruft.json`, when cruft made the project, so `cruft update` follows."""
    cruft = project / ".cruft.json"
    if not cruft.is_file():
        return
    state = json.loads(cruft.read_text(encoding="utf-8"))
    answers = json.loads(library_replay)["cookiecutter"]
    state["context"]["cookiecutter"].update({k: v for k, v in answers.items() if k not in RUN_KEYS})
    text = json.dumps(state, ensure_ascii=False, indent=2, separators=(",", ": "))  # as cruft writes it
    plan.writes[".cruft.json"] = f"{text}\n".encode()
    plan.notes.append("recorded the new answers in .cruft.json")


def uncommitted(project: Path) -> str | None:
    """Return why rewriting `project` could lose work (not in git, or changes not committed), or None."""
    git = shutil.which("git")
    status = (
        subprocess.run([git, "status", "--porcelain"], cwd=project, capture_output=True, check=False) if git else None
    )
    if status is None or status.returncode != 0:
        return "is not in a git repository, so nothing could show or undo what growing changes"
    return "has uncommitted changes (see `git status`)" if status.stdout.strip() else None


def grow(project: Path, *, force: bool = False) -> list[str]:
    """Grow the module project at `project` into a library; return what was done, line by line."""
    reason = None if force else uncommitted(project)
    if reason:
        msg = f"{project} {reason}. Commit your work first, or pass --force to grow it anyway."
        raise GrowError(msg)
    answers = read_answers(project)
    package = str(answers.get("package_name"))
    if answers.get("layout") != "module":
        msg = f"{project} was made with layout={answers.get('layout')}, not layout=module: there is nothing to grow."
        raise GrowError(msg)
    if not (project / "src" / f"{package}.py").is_file():
        msg = f"{project / 'src' / f'{package}.py'} is missing: the module to grow must be there."
        raise GrowError(msg)
    if (project / "src" / package).exists():
        msg = f"{project / 'src' / package} already exists: move it away, then grow the module."
        raise GrowError(msg)
    with tempfile.TemporaryDirectory(prefix="grow-") as temporary:
        workdir = Path(temporary)
        module_form = bake_form(answers, "module", workdir)
        library_form = bake_form(answers, "library", workdir)
        base, theirs = tree(module_form), without_samples(tree(library_form), package)
        # Only the files the two forms hold are read from the project (not its .venv, say).
        ours = {
            path: (project / path).read_bytes() for path in base.keys() | theirs.keys() if (project / path).is_file()
        }
        trees = (ours, base, theirs)
        plan = Plan()
        names = move_module(plan, package, ours[f"src/{package}.py"], base[f"src/{package}.py"])
        add_package_files(plan, package, names, trees)
        merge_changed_files(plan, trees, workdir)
        drop_module_files(plan, package, trees)
        record_in_cruft(plan, project, trees[2][".cookiecutter.json"])
    if plan.conflicts:
        msg = "\n".join(
            ["nothing was changed, because:", *plan.conflicts, "Make those changes by hand, or undo your edits there."]
        )
        raise GrowError(msg)
    for path, data in plan.writes.items():
        target = project / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    for path in plan.deletes:
        (project / path).unlink()
    return plan.notes


def main(argv: list[str] | None = None) -> int:
    """Grow the project named on the command line; print what was done, or why not."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path, help="the module project's directory")
    parser.add_argument("--force", action="store_true", help="grow a project with uncommitted work, or not in git")
    args = parser.parse_args(argv)
    try:
        notes = grow(args.project.resolve(), force=args.force)
    except GrowError as error:
        print(f"grow_to_library: {error}", file=sys.stderr)
        return 1
    print(f"{args.project} is now a library:")
    for note in notes:
        print(f"  - {note}")
    print(
        "Next, in the project: `uv run pytest`, then `uvx nox -s lint typecheck` (or `uv run --group lint ruff check`"
        " and `uv run --group lint mypy`) and `uvx nox -s docs` if it has docs; review `git diff`, and commit."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
