"""Grow a project made with `layout=module` into the `layout=library` form, keeping everything you wrote.

Usage, in a clone of this template (`uv run` gives it the template's cookiecutter):

    uv run scripts/grow_to_library.py PATH/TO/PROJECT

It reads the answers the project was made with (`.cookiecutter.json`, or `.cruft.json` for a
project made with cruft), bakes this template twice into a temporary directory with those
answers, once as the module the project started as and once as a library, and then:

- moves your module `src/<pkg>.py` to `src/<pkg>/core.py`, and writes `src/<pkg>/__init__.py`,
  which re-exports the module's public names, so `from <pkg> import ...` keeps working;
- with a command line, writes `cli.py` (re-exporting your `main`) and the library's `__main__.py`,
  and drops the module's own `if __name__ == "__main__":` block, which `__main__.py` replaces;
- adds `py.typed`, and merges every other file the library form changes (`pyproject.toml`,
  `README.md`, `.cookiecutter.json`, ...) three ways: your edits to them stay;
- keeps your tests; the library's sample modules and their tests are not added: your code is the
  package's core.

Where your edits and the library form change the same lines, it changes nothing at all and says
which file and what the library form changes there. Standard library only; it runs cookiecutter
(from this interpreter, or from PATH) and, for the three-way merge, `git merge-file`.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import importlib.util
import json
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent.parent
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
    msg = (
        f"{project} has neither .cookiecutter.json nor .cruft.json, so its answers are unknown. "
        "Generate a project with the same answers from this template and copy its .cookiecutter.json in."
    )
    raise GrowError(msg)


def jinja_literal(text: str) -> str:
    """Return Jinja source that renders to exactly `text`.

    Cookiecutter renders every answer given on its command line as Jinja, so free text goes in as
    a Jinja string literal: escaped like a JSON string, with `{`, `}`, `%` and `#` written as hex
    escapes too, so nothing in it can open a tag. Jinja reads those escapes back, and non-ASCII
    characters stay as they are.
    """
    body = json.dumps(text, ensure_ascii=False)[1:-1]
    for char in "{}%#":
        body = body.replace(char, f"\\x{ord(char):02x}")
    return '{{ "' + body + '" }}'


def answer_arguments(answers: dict[str, object], layout: str, template: Path) -> list[str]:
    """Return the `key=value` arguments that make cookiecutter bake `answers` in `layout`.

    Values derived from other answers (in `cookiecutter.json`, private values that mention
    `cookiecutter.`) are left for the template to derive again, since they change with the
    layout; values derived from nothing, such as the year in the LICENSE, keep what was recorded.
    New questions the template has gained since take their defaults. `git init` is not run.
    """
    chosen = {**answers, "layout": layout, "git_init": False}
    variables = json.loads((template / "cookiecutter.json").read_text(encoding="utf-8"))
    arguments = []
    for key, raw in variables.items():
        derived = key.startswith("__") and "cookiecutter" in json.dumps(raw)
        internal = key.startswith("_") and not key.startswith("__")
        if key not in chosen or derived or internal or isinstance(raw, dict):
            continue
        value = chosen[key]
        if isinstance(raw, list):  # a choice: cookiecutter checks it is one of the template's values
            arguments.append(f"{key}={value}")
        elif isinstance(raw, bool):
            arguments.append(f"{key}={'yes' if value else 'no'}")
        else:
            arguments.append(f"{key}={jinja_literal(str(value))}")
    return arguments


def cookiecutter_command() -> list[str]:
    """Return the command that runs cookiecutter: this interpreter's, or the one on PATH."""
    if importlib.util.find_spec("cookiecutter") is not None:
        return [sys.executable, "-m", "cookiecutter"]
    found = shutil.which("cookiecutter")
    if found is None:
        msg = "cookiecutter is not installed: run this script with `uv run` in a clone of the template."
        raise GrowError(msg)
    return [found]


def bake(answers: dict[str, object], layout: str, template: Path, workdir: Path) -> Path:
    """Bake `template` with `answers` in `layout` under `workdir`; return the new project's path."""
    config = workdir / "cookiecutter.yaml"  # keeps the user's replay directory untouched
    config.write_text(
        f"cookiecutters_dir: {json.dumps(str(workdir / 'cookiecutters'))}\n"
        f"replay_dir: {json.dumps(str(workdir / 'replay'))}\n",
        encoding="utf-8",
    )
    out = workdir / layout
    command = [*cookiecutter_command(), "--no-input", "--config-file", str(config), "--output-dir", str(out)]
    result = subprocess.run(  # fixed argv, no shell
        [*command, str(template), *answer_arguments(answers, layout, template)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    if result.returncode != 0:
        msg = f"cookiecutter could not bake the {layout} form of the project's answers:\n{result.stderr}"
        raise GrowError(msg)
    (project,) = out.iterdir()
    return project


def tree(root: Path) -> dict[str, bytes]:
    """Return every file of a freshly baked project as POSIX relative path -> content."""
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in root.rglob("*") if path.is_file()}


def merge(ours: bytes, base: bytes, theirs: bytes, workdir: Path) -> bytes | None:
    """Return `base` with both our and their changes, or None where both change the same lines."""
    if ours in (base, theirs):
        return theirs
    if theirs == base:
        return ours
    git = shutil.which("git")
    if git is None:
        return None
    names = []
    for name, data in (("yours", ours), ("module form", base), ("library form", theirs)):
        path = workdir / "merge" / name
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
        names.append(str(path))
    result = subprocess.run([git, "merge-file", "--stdout", *names], capture_output=True, check=False)
    return result.stdout if result.returncode == 0 else None


def changes(base: bytes, theirs: bytes, path: str) -> str:
    """Return what the library form changes in `path`, as a unified diff."""
    lines = difflib.unified_diff(
        base.decode("utf-8").splitlines(keepends=True),
        theirs.decode("utf-8").splitlines(keepends=True),
        f"{path} (module form)",
        f"{path} (library form)",
    )
    return "".join(lines)


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


def move_module(plan: Plan, package: str, module: bytes) -> list[str]:
    """Plan the move of the module to `core.py`; return its public names."""
    module_path, core_path = f"src/{package}.py", f"src/{package}/core.py"
    plan.deletes.append(module_path)
    plan.notes.append(f"moved {module_path} to {core_path}")
    for block in (MAIN_BLOCK, MAIN_BLOCK.replace(b"\n", b"\r\n")):
        if module.endswith(block):
            module = module.removesuffix(block)
            plan.notes.append(f"dropped the __main__ block from {core_path}: __main__.py runs main now")
    plan.writes[core_path] = module
    return public_names(module.decode("utf-8"))


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
                f"The library form changes:\n{changes(base[path], theirs[path], path)}"
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


def grow(project: Path, template: Path = TEMPLATE) -> list[str]:
    """Grow the module project at `project` into a library; return what was done, line by line."""
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
        module_form = bake(answers, "module", template, workdir)
        library_form = bake(answers, "library", template, workdir)
        base, theirs = tree(module_form), tree(library_form)
        # Only the files the two forms hold are read from the project (not its .venv, say).
        ours = {
            path: (project / path).read_bytes() for path in base.keys() | theirs.keys() if (project / path).is_file()
        }
        trees = (ours, base, theirs)
        plan = Plan()
        names = move_module(plan, package, trees[0][f"src/{package}.py"])
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
    parser.add_argument("--template", type=Path, default=TEMPLATE, help="the template (default: this clone)")
    args = parser.parse_args(argv)
    try:
        notes = grow(args.project.resolve(), args.template.resolve())
    except GrowError as error:
        print(f"grow_to_library: {error}", file=sys.stderr)
        return 1
    print(f"{args.project} is now a library:")
    for note in notes:
        print(f"  - {note}")
    print("Next: `uv sync`, then `uv run pytest`, `uv run ruff check` and `uv run mypy`, and commit.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
