#!/usr/bin/env -S uv run --script
# /// script
# requires-python = ">=3.10"
# dependencies = ["cookiecutter>=2.6", "pyyaml>=6"]
# ///
"""Grow a project made with `layout=module` into the `layout=library` form, keeping everything you wrote.

    uv run scripts/grow_to_library.py PATH/TO/PROJECT [--force]

The project is rewritten in place: commit its work first (`--force` grows it anyway). The template's
module and library forms of its answers are merged into your files three ways (`git merge-file`); the
README says what moves where.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import json
import re
import shlex
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from bake import TEMPLATE, VARIABLES, Refused, bake, files, verbatim

sys.path.insert(0, str(TEMPLATE / "hooks"))
import tailor  # the next steps' commands, as a bake prints them

# The lines a module project ends with to run its command line; a package's `__main__.py` does that.
MAIN_BLOCK = b'\n\nif __name__ == "__main__":\n    main()\n'
# A project's files: POSIX relative path -> content.
Files = dict[str, bytes]


class GrowError(Exception):
    """A reason the project cannot grow; nothing in it has been changed."""


@dataclass
class Plan:
    """What growing a project changes, decided in full before any file is touched."""

    writes: dict[str, bytes] = field(default_factory=dict)
    deletes: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)


def bake_form(answers: dict[str, object], layout: str, workdir: Path) -> Files:
    """Bake `answers` in `layout`; return its files. Derived values are derived again, the rest kept as recorded."""
    chosen = {**answers, "layout": layout}
    context = {}
    for key, raw in VARIABLES.items():
        derived = key.startswith("__") and "cookiecutter" in json.dumps(raw)
        internal = key.startswith("_") and not key.startswith("__")
        if key in chosen and not (derived or internal or isinstance(raw, dict)):
            context[key] = chosen[key] if isinstance(raw, (list, bool)) else verbatim(str(chosen[key]))
    try:
        return files(bake(context, workdir / layout))
    except Refused as error:
        raise GrowError(f"cookiecutter could not bake the {layout} form of the project's answers: {error}") from error


def merge(ours: bytes, base: bytes, theirs: bytes, workdir: Path) -> bytes | None:
    """Return `base` with both our and their changes, or None where both change the same lines."""
    paths = [workdir / name for name in ("yours", "module form", "library form")]
    for path, data in zip(paths, (ours, base, theirs)):
        path.write_bytes(data)
    result = subprocess.run(["git", "merge-file", "--stdout", *map(str, paths)], capture_output=True, check=False)
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
    """Return the module docstring of `source` as written, quotes included (empty if it has none)."""
    text = source.decode("utf-8")
    first = ast.parse(text).body[0]
    return (ast.get_source_segment(text, first) or "") if isinstance(first, ast.Expr) else ""


def init_module(package: str, names: list[str], docstring: str) -> bytes:
    """Return an `__init__.py` that re-exports `names` from `<package>.core`, in ruff's own style."""
    if not names:
        return f"{docstring}\n\n__all__: list[str] = []\n".encode()
    imports = "".join(f"    {name},\n" for name in sorted(names, key=lambda name: sort_key(name, ignore_case=True)))
    exported = "".join(f"    {json.dumps(name)},\n" for name in names)
    return f"{docstring}\n\nfrom {package}.core import (\n{imports})\n\n__all__ = [\n{exported}]\n".encode()


def move_module(plan: Plan, package: str, module: bytes, template_module: bytes) -> list[str]:
    """Plan the move of the module to `core.py`, its template docstring rewritten; return its public names."""
    module_path, core_path = f"src/{package}.py", f"src/{package}/core.py"
    plan.deletes.append(module_path)
    if module.endswith(MAIN_BLOCK):
        module = module.removesuffix(MAIN_BLOCK)
        plan.notes.append(f"dropped the __main__ block from {core_path}: __main__.py runs main now")
    docstring = docstring_source(module)
    if docstring == docstring_source(template_module):
        about = docstring[3:-3].split("\n\n")[1:-1]  # between "The whole of ..." and "Everything ..."
        grown = "\n\n".join([f"The core of `{package}`, grown from its single module.", *about])
        grown += f"\n\n`{package}/__init__.py` re-exports its public names.\n"
        module = module.replace(docstring.encode(), f'"""{grown}"""'.encode(), 1)
    plan.writes[core_path] = module
    return public_names(module.decode("utf-8"))


def without_samples(theirs: Files, package: str) -> Files:
    """Return the library form without its API page entries for the sample modules growing leaves out."""
    kept = {"__init__", "__main__", "cli", "core"}
    modules = [p[len(f"src/{package}/") : -3] for p in theirs if re.fullmatch(rf"src/{package}/\w+\.py", p)]
    left_out = "|".join(re.escape(f"{package}.{name}") for name in modules if name not in kept)
    for path in {"docs/api.rst", "docs/api.md"} & theirs.keys():
        text = re.sub(rf"(?m)^(?:\.\. automodule::|:::) (?:{left_out})\n(?:[ ]+.*\n)*\n?", "", theirs[path].decode())
        theirs = {**theirs, path: (text.rstrip("\n") + "\n").encode()}
    return theirs


def add_package_files(plan: Plan, package: str, names: list[str], ours: Files, base: Files, theirs: Files) -> None:
    """Plan the files the library form adds: glue around your module, never its sample code."""
    package_dir = f"src/{package}/"
    for path in sorted(theirs.keys() - base.keys() - {f"{package_dir}core.py"}):
        if path == f"{package_dir}__init__.py":
            plan.writes[path] = init_module(package, names, docstring_source(theirs[path]))
        elif path == f"{package_dir}cli.py" and "main" in names:
            docstring = docstring_source(theirs[path])
            plan.writes[path] = f'{docstring}\n\nfrom {package}.core import main\n\n__all__ = ["main"]\n'.encode()
        elif path.startswith((package_dir, "tests/")) and path.endswith(".py") and path != f"{package_dir}__main__.py":
            plan.notes.append(f"left out the library form's sample {path}: your code takes its place")
        elif path.endswith("__main__.py") and "main" not in names:
            plan.notes.append(f"left out {path}: your module has no main to run")
        elif path not in ours or ours[path] == theirs[path]:
            plan.writes[path] = theirs[path]
        else:
            plan.conflicts.append(f"{path}: the library form adds this file, and yours differs from it")


def merge_changed_files(plan: Plan, ours: Files, base: Files, theirs: Files, workdir: Path) -> None:
    """Plan a three-way merge of every file the two forms share but write differently."""
    for path in sorted(path for path in theirs.keys() & base.keys() if theirs[path] != base[path]):
        if path not in ours:
            plan.notes.append(f"left out {path}: you removed it")
            continue
        merged = merge(ours[path], base[path], theirs[path], workdir)
        if merged is None:
            change = difflib.unified_diff(base[path].decode().splitlines(True), theirs[path].decode().splitlines(True))
            plan.conflicts.append(
                f"{path}: your edits and the library form change the same lines. The library form changes:\n"
                + "".join(change)
            )
        elif merged != ours[path]:
            plan.writes[path] = merged


def drop_module_files(plan: Plan, package: str, ours: Files, base: Files, theirs: Files) -> None:
    """Plan the removal of the other files only the module form has, unless they are tests or you edited them."""
    for path in sorted(base.keys() - theirs.keys() - {f"src/{package}.py"}):
        if not path.startswith("tests/") and ours.get(path) == base[path]:
            plan.deletes.append(path)


def record_in_cruft(plan: Plan, project: Path, library_replay: bytes) -> None:
    """Plan the new answers in `.cruft.json` (but cruft's `_template`), when cruft made the project."""
    cruft = project / ".cruft.json"
    if cruft.is_file():
        state = json.loads(cruft.read_text(encoding="utf-8"))
        answers = json.loads(library_replay)["cookiecutter"]
        state["context"]["cookiecutter"].update({k: v for k, v in answers.items() if k != "_template"})
        text = json.dumps(state, ensure_ascii=False, indent=2, separators=(",", ": "))  # as cruft writes it
        plan.writes[".cruft.json"] = f"{text}\n".encode()


def grow(project: Path, *, force: bool = False) -> list[str]:
    """Grow the module project at `project` into a library; return what was done, line by line."""
    if not project.is_dir():
        raise GrowError(f"{project} is not a directory: give the path of a project made with layout=module.")
    status = subprocess.run(["git", "status", "--porcelain"], cwd=project, capture_output=True, check=False)
    if not force and (status.returncode != 0 or status.stdout.strip()):
        why = "is not in a git repository, so nothing could show or undo what growing changes"
        why = "has uncommitted changes (see `git status`)" if status.returncode == 0 else why
        raise GrowError(f"{project} {why}. Commit your work first, or pass --force to grow it anyway.")
    copier_answers = project / ".copier-answers.yml"
    if (project / ".cookiecutter.json").is_file():
        answers = json.loads((project / ".cookiecutter.json").read_text(encoding="utf-8"))["cookiecutter"]
    elif copier_answers.is_file():
        answers = yaml.safe_load(copier_answers.read_text(encoding="utf-8"))
    else:
        raise GrowError(
            f"{project} has neither .cookiecutter.json nor .copier-answers.yml, so its answers are unknown."
        )
    package, layout = answers["package_name"], answers.get("layout")
    if layout != "module":
        raise GrowError(f"{project} was made with layout={layout}, not layout=module: there is nothing to grow.")
    if not (project / "src" / f"{package}.py").is_file() or (project / "src" / package).exists():
        raise GrowError(f"growing moves src/{package}.py to src/{package}/: the first must exist, the second not.")
    with tempfile.TemporaryDirectory(prefix="grow-") as temporary:
        workdir = Path(temporary)
        base = bake_form(answers, "module", workdir)
        theirs = without_samples(bake_form(answers, "library", workdir), package)
        if copier_answers.is_file():  # copier keeps its own record: cookiecutter's does not join it
            del base[".cookiecutter.json"], theirs[".cookiecutter.json"]
        # Only the files the two forms hold are read from the project (not its .venv, say).
        paths = base.keys() | theirs.keys()
        ours = {path: (project / path).read_bytes() for path in paths if (project / path).is_file()}
        plan = Plan()
        names = move_module(plan, package, ours[f"src/{package}.py"], base[f"src/{package}.py"])
        add_package_files(plan, package, names, ours, base, theirs)
        merge_changed_files(plan, ours, base, theirs, workdir)
        drop_module_files(plan, package, ours, base, theirs)
        if copier_answers.is_file():
            text = copier_answers.read_text(encoding="utf-8")
            plan.writes[".copier-answers.yml"] = text.replace("\nlayout: module\n", "\nlayout: library\n").encode()
        else:
            record_in_cruft(plan, project, theirs[".cookiecutter.json"])
    if plan.conflicts:
        ending = "Make those changes by hand, or undo your edits there."
        raise GrowError("\n".join(["nothing was changed, because:", *plan.conflicts, ending]))
    for path, data in plan.writes.items():
        (project / path).parent.mkdir(parents=True, exist_ok=True)
        (project / path).write_bytes(data)
    for path in plan.deletes:
        (project / path).unlink()
    return [*(f"wrote {path}" for path in plan.writes), *(f"removed {path}" for path in plan.deletes), *plan.notes]


def main() -> int:
    """Grow the project named on the command line; print what was done, or why not."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--force", action="store_true", help="grow a project with uncommitted work, or not in git")
    args = parser.parse_args()
    try:
        notes = grow(args.project.resolve(), force=args.force)
    except GrowError as error:
        print(f"grow_to_library: {error}", file=sys.stderr)
        return 1
    print(f"{args.project} is now a library:")
    for note in notes:
        print(f"  - {note}")
    print("Next, check it (the tests, the linters, the type checker, the docs), review `git diff`, and commit it:")
    sessions = " ".join(
        session for session in ("lint", "typecheck", "docs") if session != "docs" or (args.project / "docs").is_dir()
    )
    print(f"{tailor.COMMAND}cd {shlex.quote(str(args.project.resolve()))} && uv run pytest && uvx nox -s {sessions}")
    print(f"{tailor.COMMAND}git add --all && git commit -m {shlex.quote('Grow into a library')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
