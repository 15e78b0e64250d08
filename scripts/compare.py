#!/usr/bin/env -S uv run --script
# /// script
# requires-python = ">=3.11"
# dependencies = ["cookiecutter>=2.6", "mypy>=1.15"]
# ///
"""Show what one answer changes: bake each of its values, every other answer fixed, and compare.

    uv run scripts/compare.py ANSWER [key=value ...] [--template ADDRESS] [--output-dir DIR]
    uv run scripts/compare.py layout > docs/layouts.md

ADDRESS is what cookiecutter bakes from (a path, a git URL, gh:owner/repo); by default, the template
this script is in. Each value is baked by that template's own `scripts/bake.py` and its wheel built.
The Markdown report opens with a verdict for each value, in words: the template's label for it, then
the facts that differ, read from the baked projects, what the person choosing feels first (whether a
project can move to another value later, answers the template then refuses, what users install,
Python, commands, license, what a user's type checker sees, code, build, files). Then it shows only
what differs. The projects stay in DIR if given, else nothing is left behind.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import difflib
import importlib.util
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import zipfile
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import tomllib
from cookiecutter.config import BUILTIN_ABBREVIATIONS
from cookiecutter.exceptions import CookiecutterException
from cookiecutter.repository import determine_repo_dir

WIDTH = 100
DIFF_LINES = 30  # a changed file's diff is cut after this many lines
HERE = Path(__file__).resolve().parent.parent  # the template this script is in, if it is in one
# A user's code: it imports the project, asks mypy what `greet` is, and misuses it (line 4).
CONSUMER = 'from {package} import greet\n\nreveal_type(greet)\nwrong: int = greet("Ada")  # returns a str\n'
# Run in the consumer's venv: what `import <package>` gives (`__all__`, then the submodules).
PROBE = (
    "import importlib, pkgutil, sys; m = importlib.import_module(sys.argv[1]); "
    "print(' '.join(getattr(m, '__all__', []))); "
    "print(' '.join(sorted(i.name for i in pkgutil.iter_modules(getattr(m, '__path__', [])))))"
)
PRIVATE = "Private :: Do Not Upload"
# An answer as a script's summary names it: a script of the template whose summary (its docstring's first
# paragraph) names `key=A`, then `key=B`, takes a project made with A to B.
NAMED_ANSWER = re.compile(r"`(\w+)=([^`\s]+)`")
UV = os.environ.get("UV", "uv")  # the uv that runs this script (`uv run` says which), else the one on PATH


class CompareError(Exception):
    """A problem the user can fix; its message says what and how."""


def load(path: Path) -> ModuleType:
    """Import the file at `path` as a module of its own (not put in `sys.modules`)."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    if spec is None or spec.loader is None or not path.is_file():
        raise CompareError(f"{path} is missing: compare bakes with the helper and rules of this template's kind.")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass
class Template:
    """The template compared: its directory, its bake helper (`scripts/bake.py`) and its answer rules."""

    root: Path
    helper: ModuleType
    rules: ModuleType

    @classmethod
    def at(cls, root: Path) -> Template:
        """Return the template in directory `root`, with its own helper and rules."""
        return cls(root, load(root / "scripts" / "bake.py"), load(root / "answer_rules.py"))

    @property
    def questions(self) -> dict[str, Any]:
        """Return the questions a user answers (`cookiecutter.json`'s visible variables) and their defaults."""
        return {key: value for key, value in self.helper.VARIABLES.items() if not key.startswith("_")}

    @property
    def choices(self) -> dict[str, list[Any]]:
        """Return every question that has a fixed set of values, with its values, the default first."""
        found = {}
        for key, default in self.questions.items():
            if isinstance(default, bool):
                found[key] = [default, not default]
            elif isinstance(default, list):
                found[key] = default
        return found

    @property
    def kept(self) -> dict[str, str]:
        """Return the answers no update may change (the rules' `KEPT`), with how to change each instead."""
        return getattr(self.rules, "KEPT", {})

    def moves(self, key: str) -> dict[str, dict[str, str]]:
        """Return which script of the template takes a project from one value of `key` to another.

        As {from: {to: 'scripts/name.py'}}, values spelled as typed, read from each script's summary.
        """
        found: dict[str, dict[str, str]] = {}
        for path in sorted((self.root / "scripts").glob("*.py")):
            summary = (ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or "").split("\n\n")[0]
            named = [value for name, value in NAMED_ANSWER.findall(summary) if name == key]
            if len(named) == 2 and named[0] != named[1]:
                found.setdefault(named[0], {})[named[1]] = path.relative_to(self.root).as_posix()
        return found

    def label(self, key: str, value: Any) -> str:
        """Return the template's own words for `value` of `key` (its `__prompts__` label), without the value."""
        prompt = self.helper.VARIABLES.get("__prompts__", {}).get(key)
        text = prompt.get(str(value), "") if isinstance(prompt, dict) else ""
        return text.removeprefix(str(value)).lstrip(": ")


def fetch(address: str | None, clone_to: Path) -> tuple[Path, bool]:
    """Return the template directory at `address` as cookiecutter finds it (cloned into `clone_to` if
    a git address), and whether it must be removed afterwards (an unzipped zip file).
    """
    if address is None:
        if not (HERE / "cookiecutter.json").is_file():
            raise CompareError("give the template's address: --template PATH, GIT-URL or gh:OWNER/REPO.")
        return HERE, False
    try:
        root, unzipped = determine_repo_dir(address, BUILTIN_ABBREVIATIONS, clone_to, None, no_input=True)
    except (CookiecutterException, subprocess.CalledProcessError) as error:
        raise CompareError(f"no template at {address!r}: {error}") from None
    return Path(root).resolve(), unzipped


def spelled(value: Any) -> str:
    """Return a value as a user types it after `key=` (`true`, not `True`)."""
    return json.dumps(value) if isinstance(value, bool) else str(value)


def values_of(template: Template, key: str) -> list[Any]:
    """Return every value of the question `key`, its default first."""
    found = template.choices
    if key not in found:
        raise CompareError(f"{key!r} is not a choice of the template; compare one of: {', '.join(found)}.")
    return found[key]


def parse_answers(template: Template, pairs: list[str], compared: str) -> dict[str, str]:
    """Return `key=value` pairs as a dict; refuse unknown keys and the answer being compared."""
    answers = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep:
            raise CompareError(f"answer {pair!r} is not key=value; for example project_name='Tidy Names'.")
        if key == compared:
            raise CompareError(f"{key}= is the answer compared: every value of it is baked. Drop it.")
        if key not in template.questions:
            raise CompareError(f"unknown answer {key!r}; the template asks for: {', '.join(template.questions)}.")
        answers[key] = value
    return answers


def run(command: list[str], cwd: Path, *, check: bool = True) -> str:
    """Run `command` outside this environment's venv; return its output (raise CompareError if it fails)."""
    env = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME"}}
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if check and result.returncode != 0:
        raise CompareError(f"`{' '.join(command)}` failed in {cwd}:\n{result.stdout}{result.stderr}")
    return result.stdout


class Bake:
    """One value baked: the project's files, and the files of the wheel built from it."""

    def __init__(self, label: str, root: Path, files: dict[str, bytes]) -> None:
        """Keep the project's `files`, then build its wheel beside it, with this Python (it is pure Python).

        The wheel is built from a copy: backends leave files where they build (`build/`, `.pdm-build/`).
        """
        self.label, self.root, self.files = label, root, files
        dist, copy = root.parent / "dist", root.parent / "build"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(root, copy)
        try:
            run([UV, "build", "--quiet", "--wheel", "--python", sys.executable, "--out-dir", str(dist)], copy)
        finally:
            shutil.rmtree(copy)
        (self.wheel,) = dist.glob("*.whl")
        with zipfile.ZipFile(self.wheel) as archive:
            self.wheel_files = {n: archive.read(n) for n in archive.namelist() if not n.endswith("/")}


def clip(line: str, width: int = WIDTH) -> str:
    """Return `line` cut to `width` columns at a word's end, marked with … when cut."""
    if len(line) <= width:
        return line
    cut = line[: width - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut.strip() else cut) + "…"


def fenced(lang: str, lines: list[str]) -> list[str]:
    """Return `lines` as a Markdown code block, its fence longer than any backticks inside."""
    fence = "`" * max([3, *(len(run) + 1 for line in lines for run in re.findall(r"`+", line))])
    return [fence + lang, *lines, fence, ""]


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    """Return a Markdown table (a `|` in a cell, as in `str | None`, escaped)."""
    lines = [header, ["---"] * len(header), *([cell.replace("|", "\\|") for cell in row] for row in rows)]
    return ["| " + " | ".join(line) + " |" for line in lines]


def only_some(named: dict[str, set[str]]) -> list[str]:
    """Return the names not every label has, grouped under the labels that have them (wrapped to WIDTH)."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for name in sorted(set.union(*named.values()) - set.intersection(*named.values())):
        groups.setdefault(tuple(label for label, names in named.items() if name in names), []).append(name)
    lines = []
    for labels, names in groups.items():
        lines += textwrap.wrap(f"only {', '.join(labels)}:", WIDTH, break_on_hyphens=False)
        lines += ["  " + name for name in names]
    return lines


def toml_tables(data: bytes) -> dict[str, list[str]]:
    """Return a TOML file's non-blank lines by table header (`[tool.flit.module]`)."""
    tables: dict[str, list[str]] = {"": []}
    current = ""
    for line in data.decode().splitlines():
        if re.fullmatch(r"\[\[?[^\]=\"]+\]\]?", line.strip()):
            current = line.strip()
            tables.setdefault(current, [])
        elif line.strip():
            tables[current].append(line)
    return {header: lines for header, lines in tables.items() if header or lines}


def side_by_side(blocks: dict[str, dict[str, list[str]]]) -> list[str]:
    """Return, per label, the named blocks not all labels have alike, as columns (more rows when 100 are not enough).

    A block shows its name and the lines not every label's block has.
    """
    columns: dict[str, list[list[str]]] = {label: [] for label in blocks}
    for name in dict.fromkeys(n for named in blocks.values() for n in named):
        kept = [named.get(name) for named in blocks.values()]
        if any(lines != kept[0] for lines in kept):
            common = set.intersection(*(set(lines or []) for lines in kept))
            for label, lines in zip(blocks, kept):
                columns[label].append([] if lines is None else [name, *(x for x in lines if x not in common)])
    width = min(WIDTH, max([*map(len, columns), *(len(x) for c in columns.values() for b in c for x in b)]))
    per_row = max(1, (WIDTH + 2) // (width + 2))
    labels, out = list(columns), []
    for start in range(0, len(labels), per_row):
        row = labels[start : start + per_row]
        out.append("  ".join(label.ljust(width) for label in row).rstrip())
        for cells in zip(*(columns[label] for label in row)):
            if any(cells):
                for line in itertools.zip_longest(*(cell or ["(none)"] for cell in cells), fillvalue=""):
                    out.append("  ".join(clip(part, width).ljust(width) for part in line).rstrip())
                out.append("")
    return out[:-1]


def diff(old: Bake, new: Bake, relative: str) -> list[str]:
    """Return the unified diff of one file between two bakes, cut to DIFF_LINES lines of 100 columns."""
    old_lines, new_lines = old.files[relative].decode().splitlines(), new.files[relative].decode().splitlines()
    names = f"{old.label}/{relative}", f"{new.label}/{relative}"
    lines = [*difflib.unified_diff(old_lines, new_lines, *names, n=1, lineterm="")]
    cut = [clip(line) for line in lines[:DIFF_LINES]]
    return cut + ([f"… and {len(lines) - DIFF_LINES} lines more"] if len(lines) > DIFF_LINES else [])


def use_as_consumer(bake: Bake, package: str) -> dict[str, str]:
    """Install the wheel alone into a fresh venv; import it there, and type-check a consumer against it."""
    here, venv = bake.root.parent, bake.root.parent / "venv"
    run([UV, "venv", "--quiet", str(venv)], here)
    python = str(venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python"))
    run([UV, "pip", "install", "--quiet", "--python", python, str(bake.wheel)], here)
    names, submodules = run([python, "-c", PROBE, package], here).split("\n")[:2]
    (here / "consumer.py").write_text(CONSUMER.format(package=package), encoding="utf-8")
    mypy = [sys.executable, "-m", "mypy", "--strict", "--config-file=", "--no-color-output", "--no-error-summary"]
    mypy += ["--cache-dir", str(venv / ".mypy_cache"), "--python-executable", python, "consumer.py"]
    output = run(mypy, here, check=False)
    revealed = re.search(r'Revealed type is "(.*)"', output)
    if revealed is None:
        raise CompareError(f"mypy did not run on the consumer of {bake.label}:\n{output}")
    return {
        "names": names,
        "submodules": submodules,
        "revealed": revealed.group(1),
        "codes": " ".join(sorted(set(re.findall(r"\[([a-z-]+)\]$", output, re.MULTILINE)))),
        "skipped": "yes" if "[import-untyped]" in output else "no",
        "caught": "yes" if "consumer.py:4: error:" in output else "no",
    }


def answers_of(bake: Bake) -> dict[str, Any]:
    """Return the answers the project was baked with, as it records them (`.cookiecutter.json`)."""
    return json.loads(bake.files[".cookiecutter.json"])["cookiecutter"]


def consumers(bakes: list[Bake]) -> dict[str, dict[str, str]]:
    """Return what a user's type checker sees in each wheel, when some wheels ship `py.typed` and some not."""
    typed = {any(name.endswith("/py.typed") for name in b.wheel_files) for b in bakes}
    if len(typed) < 2:
        return {}
    package = answers_of(bakes[0])["package_name"]
    return {b.label: use_as_consumer(b, package) for b in bakes}


def code_list(items: list[str]) -> str:
    """Return items as `a`, `b`, `c`."""
    return ", ".join(f"`{item}`" for item in items)


def python_files(bake: Bake, folder: str) -> str:
    """Return how many Python files, of how many lines, the project has under `folder`."""
    found = [data for name, data in bake.files.items() if name.startswith(f"{folder}/") and name.endswith(".py")]
    lines = sum(len(data.splitlines()) for data in found)
    return f"{counted(len(found), 'Python file')} under `{folder}/`, {counted(lines, 'line')}"


def counted(number: int, noun: str) -> str:
    """Return `3 files`, `1 file`."""
    return f"{number} {noun}{'s' * (number != 1)}"


def grouped(names: set[str], every: set[str]) -> str:
    """Return file names as `a`, `b`, a folder whose files (of `every`) are all in `names` as `dir/` (3 files)."""
    by_folder: dict[str, list[str]] = {}
    for name in sorted(names):
        by_folder.setdefault(name.rpartition("/")[0], []).append(name)
    shown = []
    for folder, inside in by_folder.items():
        if folder and len(inside) > 1 and len(inside) == sum(1 for n in every if n.rpartition("/")[0] == folder):
            shown.append(f"`{folder}/` ({len(inside)} files)")
        else:
            shown += [f"`{name}`" for name in inside]
    return ", ".join(shown)


def ruled_out(template: Template, key: str, answers: dict[str, Any]) -> list[str]:
    """Return the answers to other questions (`other=value`) that the template's rules refuse with `answers`."""
    return [
        f"{other}={spelled(value)}"
        for other, values in template.choices.items()
        if other != key
        for value in values
        if value != answers.get(other) and template.rules.problems({**answers, other: value})
    ]


def later(template: Template, key: str, value: str) -> list[str]:
    """Return what can take a project made with `key=value` to another value, when no update can (`KEPT`).

    A script of the template that does is a step forward; a value that none reaches from this one is one way.
    """
    if key not in template.kept:
        return []
    moves = template.moves(key).get(value, {})
    said = [
        f"a step forward stays open: `{script}` takes a project from it to `{key}={to}` later, keeping the "
        "user's code (an update cannot)"
        for to, script in moves.items()
    ]
    stuck = [f"{key}={other}" for other in map(spelled, values_of(template, key)) if other not in {value, *moves}]
    if stuck:
        said.append(
            f"it is one way: neither an update nor a script of the template takes a project from it to {code_list(stuck)}"
        )
    return said


def facts(template: Template, key: str, bakes: list[Bake], seen: dict[str, dict[str, str]]) -> dict[str, list[str]]:
    """Return, for each bake, the facts that not every bake shares, in words, what a chooser feels first."""
    refusals = {b.label: ruled_out(template, key, answers_of(b)) for b in bakes}
    everywhere = set.intersection(*(set(answers) for answers in refusals.values()))
    pyprojects = {b.label: tomllib.loads(b.files["pyproject.toml"].decode()) for b in bakes}
    group_names = dict.fromkeys(name for p in pyprojects.values() for name in p.get("dependency-groups", {}))
    every = set.union(*(set(b.files) for b in bakes))
    differing = every - set.intersection(*(set(b.files) for b in bakes))
    found: dict[str, dict[str, str]] = {}
    for bake in bakes:
        answers, pyproject = answers_of(bake), pyprojects[bake.label]
        project, build = pyproject.get("project", {}), pyproject.get("build-system", {})
        said: dict[str, str] = {"later": "; ".join(later(template, key, bake.label.partition("=")[2]))}
        only = [answer for answer in refusals[bake.label] if answer not in everywhere]
        said["refuses"] = f"with it the template refuses {code_list(only) if only else 'nothing the others allow'}"
        requires = project.get("dependencies", [])
        said["requires"] = f"users install {code_list(requires) if requires else 'no other package'} with it"
        minors = [c.rpartition(" :: ")[2] for c in project.get("classifiers", []) if re.search(r":: 3\.\d+$", c)]
        said["python"] = f"it runs on Python `{project.get('requires-python')}` (classifiers: {', '.join(minors)})"
        commands = list(project.get("scripts", {}))
        said["commands"] = f"it installs the command {code_list(commands)}" if commands else "it installs no command"
        said["license"] = f"its license is `{project.get('license')}`" + (
            f" and PyPI refuses its upload (`{PRIVATE}`)" if PRIVATE in project.get("classifiers", []) else ""
        )
        if bake.label in seen:
            fact = seen[bake.label]
            said["typed"] = (
                f"a user's `mypy --strict` sees `{answers['package_name']}.greet` as `{fact['revealed']}`: it "
                + ("skips the import as untyped (the wheel has no `py.typed`) and " if fact["skipped"] == "yes" else "")
                + ("reports a misuse" if fact["caught"] == "yes" else "lets a misuse pass")
            )
        said["code"] = f"its code is {python_files(bake, 'src')}"
        said["tests"] = f"its tests are {python_files(bake, 'tests')}"
        shipped = [name for name in bake.wheel_files if ".dist-info/" not in name]
        said["wheel"] = f"its wheel installs {counted(len(shipped), 'file')}"
        said["version"] = (
            f"its version is written in `pyproject.toml` (`{project['version']}`)"
            if "version" in project
            else f"its version is `dynamic`, set when it is built (this wheel: `{bake.wheel.name.split('-')[1]}`)"
        )
        said["build"] = f"`{build.get('build-backend')}` builds it, from {code_list(build.get('requires', []))}"
        groups = pyproject.get("dependency-groups", {})
        for name in group_names:
            entries = [e if isinstance(e, str) else json.dumps(e) for e in groups.get(name, [])]
            said[f"group {name}"] = (
                f"its `{name}` dependency group installs {code_list(entries)}"
                if name in groups
                else f"it has no `{name}` dependency group"
            )
        brings = set(bake.files) & differing
        lacks = {name for name in differing - set(bake.files) if all(name in b.files for b in bakes if b is not bake)}
        if brings:
            said["files"] = f"it brings {grouped(brings, set(bake.files))}"
        else:
            said["files"] = f"it lacks {grouped(lacks, every)}" if lacks else "it brings no file of its own"
        said["git"] = "it is a git repository" if (bake.root / ".git").is_dir() else "it is not a git repository"
        found[bake.label] = said
    kept = [name for name in found[bakes[0].label] if len({said[name] for said in found.values()}) > 1]
    return {label: [said[name] for name in kept if said[name]] for label, said in found.items()}


def fill(text: str) -> str:
    """Return `text` as a Markdown list item wrapped to WIDTH columns (never inside a word or a name)."""
    return textwrap.fill(
        text, WIDTH, initial_indent="- ", subsequent_indent="  ", break_long_words=False, break_on_hyphens=False
    )


def verdict(template: Template, key: str, bakes: list[Bake], refused: dict[str, str], seen: dict) -> list[str]:
    """Return the report's opening: the question, then each value in the template's words and the facts that differ."""
    prompt = template.helper.VARIABLES.get("__prompts__", {}).get(key, key)
    question = prompt["__prompt__"] if isinstance(prompt, dict) else prompt
    out = [textwrap.fill(question, WIDTH, initial_indent="> ", subsequent_indent="> "), ""]
    said = facts(template, key, bakes, seen)
    for label in [*(b.label for b in bakes), *refused]:
        words = prose(template.label(key, label.partition("=")[2]))
        if label in refused:
            found = [f"the template refuses it with these answers: {prose(refused[label])}"]
        else:
            found = said[label] or ["no fact read here differs for it (see the changed files below)"]
        sentence = "; ".join(found)
        out.append(
            fill(f"`{label}`: " + (f"{ended(words)} " if words else "") + ended(sentence[0].upper() + sentence[1:]))
        )
    return out


def prose(text: str) -> str:
    """Return the template's words as Markdown text: `<` escaped, so that `<name>` is not taken for HTML."""
    return text.replace("<", "\\<")


def ended(sentence: str) -> str:
    """Return `sentence` with one full stop at its end (the template's refusals end with their own)."""
    return sentence if sentence.endswith(".") else sentence + "."


def consumer_section(package: str, seen: dict[str, dict[str, str]]) -> list[str]:
    """Return the report's section on what a user's type checker sees in each wheel, and what `import` gives."""
    header = ["wheel of", "import skipped as untyped", "`reveal_type(greet)`", "misuse reported", "mypy says"]
    checks = [[f"`{k}`", f["skipped"], f"`{f['revealed']}`", f["caught"], f"`{f['codes']}`"] for k, f in seen.items()]
    names = [
        [f"`{k}`", f"`{f['names']}`", f"`{f['submodules']}`" if f["submodules"] else "none"] for k, f in seen.items()
    ]
    return [
        "## What a user's type checker sees, and what `import` gives",
        "",
        "Each wheel was installed alone into a fresh venv, imported there, and `mypy --strict` checked this",
        "consumer file against it:",
        "",
        *fenced("python", CONSUMER.format(package=package).splitlines()),
        *table(header, checks),
        "",
        *table([f"`import {package}` from", "`__all__`", "submodules"], names),
        "",
    ]


def bake_all(template: Template, key: str, answers: dict[str, str], out: Path) -> tuple[list[Bake], dict[str, str]]:
    """Bake and build every value of `key` with `answers`; return the bakes, and the refused values' reasons."""
    bakes, refused = [], {}
    for value in values_of(template, key):
        label = f"{key}={spelled(value)}"
        shutil.rmtree(out / label, ignore_errors=True)
        try:
            root = template.helper.bake({**answers, key: value}, out / label, template=template.root)
        except template.helper.Refused as refusal:
            refused[label] = str(refusal)
            continue
        bakes.append(Bake(label, root, template.helper.files(root)))
    if len(bakes) < 2:
        reasons = "".join(f"\n- {label}: {reason}" for label, reason in refused.items())
        raise CompareError(f"only {len(bakes)} value of {key} bakes with these answers; give others:{reasons}")
    return bakes, refused


def report(template: Template, key: str, answers: dict[str, str], bakes: list[Bake], refused: dict[str, str]) -> str:
    """Return the Markdown report: the verdict, then only what differs."""
    base, others = bakes[0], bakes[1:]
    seen = consumers(bakes)
    given = ", ".join(f"`{k}={v}`" for k, v in answers.items()) or "none: the template's defaults"
    same = sum(1 for f in base.files if all(b.files.get(f) == base.files[f] for b in others))
    diffs = [
        line
        for other in others
        for relative in sorted(set(other.files) & set(base.files) - {".cookiecutter.json", "pyproject.toml"})
        if other.files[relative] != base.files[relative]
        for line in fenced("diff", diff(base, other, relative))
    ]
    intro = (
        f"Every value of `{key}` was baked by cookiecutter with the same other answers ({given}), and its "
        "wheel built with `uv build --wheel`. The words after each value are the template's own (its "
        "`cookiecutter.json`); the facts after them are read from the baked projects and their wheels, what "
        "the template refuses and which answers no update changes from its answer rules, and which of its "
        "scripts takes a project from one value to another from the scripts' summaries. Only what differs is shown, each value against "
        f"`{base.label}`."
    )
    same_note = (
        f"{same} files are the same in every bake. `.cookiecutter.json` records the answers and `pyproject.toml`"
        f" is shown by table below; {'the other changed files:' if diffs else 'no other file changes.'}"
    )
    out = [f"# What `{key}` changes", "", *verdict(template, key, bakes, refused, seen), ""]
    out += [textwrap.fill(intro, WIDTH), ""]
    if seen:
        out += consumer_section(answers_of(base)["package_name"], seen)
    out += ["## Files only some values have", ""]
    out += fenced("text", only_some({b.label: set(b.files) for b in bakes}) or ["(none)"])
    out += ["## Changed files", "", textwrap.fill(same_note, WIDTH), "", *diffs]
    out += ["## `pyproject.toml`: the tables that differ", "", "Each table's lines that not every value has:", ""]
    out += fenced("text", side_by_side({b.label: toml_tables(b.files["pyproject.toml"]) for b in bakes}))
    out += ["## What the wheel holds", "", "Its files that not every wheel has:", ""]
    out += fenced("text", only_some({b.label: set(b.wheel_files) for b in bakes}) or ["(none)"])
    return "\n".join(line.rstrip() for line in out).rstrip("\n") + "\n"


def compare(address: str | None, key: str, pairs: list[str], out: Path) -> str:
    """Fetch the template at `address`, bake every value of `key` into `out`, and return the report."""
    root, unzipped = fetch(address, out / "template")
    try:
        template = Template.at(root)
        answers = parse_answers(template, pairs, key)
        return report(template, key, answers, *bake_all(template, key, answers, out))
    finally:
        if unzipped:  # cookiecutter unzipped the template into a temporary folder of its own
            shutil.rmtree(root.parent)


def main(argv: list[str] | None = None) -> int:
    """Parse the command line, compare, print the report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("answer", help="the question to compare: layout, build_backend, versioning, cli, ...")
    parser.add_argument("answers", nargs="*", metavar="key=value", help="the other answers, fixed")
    parser.add_argument(
        "--template", metavar="ADDRESS", help="what cookiecutter bakes from: a path, a git URL, gh:OWNER/REPO"
    )
    parser.add_argument("--output-dir", type=Path, metavar="DIR", help="keep the baked projects and wheels here")
    args = parser.parse_args(argv)
    kept = (
        contextlib.nullcontext(args.output_dir) if args.output_dir else tempfile.TemporaryDirectory(prefix="compare-")
    )
    try:
        with kept as out:
            text = compare(args.template, args.answer, args.answers, Path(out).resolve())
    except CompareError as error:
        print(f"compare: {error}", file=sys.stderr)
        return 1
    if args.output_dir:
        print(f"compare: the baked projects are in {args.output_dir.resolve()}", file=sys.stderr)
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
