"""Show what one answer changes: bake each of its values, every other answer fixed, and compare.

    uv run scripts/compare.py ANSWER [key=value ...] [--output-dir DIR]
    uv run scripts/compare.py layout > docs/layouts.md

Each value is baked by `bake.py` and its wheel built (for `layout`, a user's `mypy --strict` runs against
each); the Markdown report opens with a verdict, then shows only what differs. The projects stay in DIR.
"""

from __future__ import annotations

import argparse
import difflib
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
from pathlib import Path
from typing import Any

from bake import VARIABLES, Refused, bake, files

WIDTH = 100
DIFF_LINES = 30  # a changed file's diff is cut after this many lines
QUESTIONS = {key: value for key, value in VARIABLES.items() if not key.startswith("_")}
# A user's code: it imports the project, asks mypy what `greet` is, and misuses it (line 4).
CONSUMER = 'from {package} import greet\n\nreveal_type(greet)\nwrong: int = greet("Ada")  # returns a str\n'
# Run in the consumer's venv: what `import <package>` gives (`__all__`, then the submodules).
PROBE = (
    "import importlib, pkgutil, sys; m = importlib.import_module(sys.argv[1]); "
    "print(' '.join(getattr(m, '__all__', []))); "
    "print(' '.join(sorted(i.name for i in pkgutil.iter_modules(getattr(m, '__path__', [])))))"
)


class CompareError(Exception):
    """A problem the user can fix; its message says what and how."""


def values_of(key: str) -> list[Any]:
    """Return every value of the question `key`, its default first."""
    default = QUESTIONS.get(key)
    if isinstance(default, bool):
        return [default, not default]
    if isinstance(default, list):
        return default
    choices = ", ".join(k for k, v in QUESTIONS.items() if isinstance(v, (list, bool)))
    raise CompareError(f"{key!r} is not a choice of the template; compare one of: {choices}.")


def parse_answers(pairs: list[str], compared: str) -> dict[str, str]:
    """Return `key=value` pairs as a dict; refuse unknown keys and the answer being compared."""
    answers = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep:
            raise CompareError(f"answer {pair!r} is not key=value; for example project_name='Tidy Names'.")
        if key == compared:
            raise CompareError(f"{key}= is the answer compared: every value of it is baked. Drop it.")
        if key not in QUESTIONS:
            raise CompareError(f"unknown answer {key!r}; the template asks for: {', '.join(QUESTIONS)}.")
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

    def __init__(self, label: str, root: Path) -> None:
        """Record the project's files, then build its wheel beside it."""
        self.label, self.root, self.files = label, root, files(root)
        dist = root.parent / "dist"
        run(["uv", "build", "--quiet", "--wheel", "--out-dir", str(dist)], root)
        (self.wheel,) = dist.glob("*.whl")
        with zipfile.ZipFile(self.wheel) as archive:
            self.wheel_files = {n: archive.read(n) for n in archive.namelist() if not n.endswith("/")}


def clip(line: str, width: int = WIDTH) -> str:
    """Return `line` cut to `width` columns, marked with … when cut."""
    return line if len(line) <= width else line[: width - 1] + "…"


def fenced(lang: str, lines: list[str]) -> list[str]:
    """Return `lines` as a Markdown code block, its fence longer than any backticks inside."""
    fence = "`" * max([3, *(len(run) + 1 for line in lines for run in re.findall(r"`+", line))])
    return [fence + lang, *lines, fence, ""]


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    """Return a Markdown table (a `|` in a cell, as in `str | None`, escaped)."""
    lines = [header, ["---"] * len(header), *([cell.replace("|", "\\|") for cell in row] for row in rows)]
    return ["| " + " | ".join(line) + " |" for line in lines]


def only_some(named: dict[str, set[str]]) -> list[str]:
    """Return the names not every label has, grouped by the labels that have them."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for name in sorted(set.union(*named.values()) - set.intersection(*named.values())):
        groups.setdefault(tuple(label for label, names in named.items() if name in names), []).append(name)
    return [
        line for labels, names in groups.items() for line in [f"only {', '.join(labels)}:", *("  " + n for n in names)]
    ]


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
    run(["uv", "venv", "--quiet", str(venv)], here)
    python = str(venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python"))
    run(["uv", "pip", "install", "--quiet", "--python", python, str(bake.wheel)], here)
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


def layout_facts(bakes: list[Bake]) -> tuple[list[str], list[str]]:
    """Return the verdict and the report lines of what `layout` changes in use, measured."""
    package = json.loads(bakes[0].files[".cookiecutter.json"])["cookiecutter"]["package_name"]
    used = {b.label: use_as_consumer(b, package) for b in bakes}
    verdict = [
        f"A user's `mypy --strict` sees `{package}.greet` from `{label}` as `{fact['revealed']}`: it "
        + ("skips the import as untyped (the wheel has no `py.typed`) and " if fact["skipped"] == "yes" else "")
        + ("reports the misuse." if fact["caught"] == "yes" else "lets the misuse pass.")
        for label, fact in used.items()
    ]
    header = ["wheel of", "import skipped as untyped", "`reveal_type(greet)`", "misuse reported", "mypy says"]
    checks = [[f"`{k}`", f["skipped"], f"`{f['revealed']}`", f["caught"], f"`{f['codes']}`"] for k, f in used.items()]
    names = [
        [f"`{k}`", f"`{f['names']}`", f"`{f['submodules']}`" if f["submodules"] else "none"] for k, f in used.items()
    ]
    lines = [
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
    return verdict, lines


def bake_all(key: str, answers: dict[str, str], output_dir: Path) -> tuple[list[Bake], dict[str, str]]:
    """Bake and build every value of `key` with `answers`; return the bakes, and the refused values' reasons."""
    bakes, refused = [], {}
    for value in values_of(key):
        label = f"{key}={json.dumps(value) if isinstance(value, bool) else value}"
        shutil.rmtree(output_dir / label, ignore_errors=True)
        try:
            root = bake({**answers, key: value}, output_dir / label)
        except Refused as refusal:
            refused[label] = str(refusal)
            continue
        bakes.append(Bake(label, root))
    if len(bakes) < 2:
        reasons = "".join(f"\n- {label}: {reason}" for label, reason in refused.items())
        raise CompareError(f"only {len(bakes)} value of {key} bakes with these answers; give others:{reasons}")
    return bakes, refused


def counted(base: Bake, other: Bake) -> str:
    """Return a verdict line: what `other` changes against `base`, counted."""
    more, fewer = len(set(other.files) - set(base.files)), len(set(base.files) - set(other.files))
    changed = sum(1 for f in set(other.files) & set(base.files) if other.files[f] != base.files[f])
    old, new = toml_tables(base.files["pyproject.toml"]), toml_tables(other.files["pyproject.toml"])
    in_toml = ", ".join(f"`{h}`" for h in {**old, **new} if old.get(h) != new.get(h)) or "none"
    in_wheel = len(set(other.wheel_files) ^ set(base.wheel_files))
    return (
        f"`{other.label}` against `{base.label}`: files +{more} -{fewer}, {changed} changed; "
        f"`pyproject.toml` tables that differ: {in_toml}; wheel files that differ: {in_wheel}."
    )


def report(key: str, answers: dict[str, str], bakes: list[Bake], refused: dict[str, str]) -> str:
    """Return the Markdown report: the verdict, then only what differs."""
    base, others = bakes[0], bakes[1:]
    verdict, facts = layout_facts(bakes) if key == "layout" else ([], [])
    verdict += [counted(base, other) for other in others]
    verdict += [f"`{label}` is refused by the template with these answers: {why}" for label, why in refused.items()]
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
        f"wheel built with `uv build --wheel`. Only what differs is shown, each value against `{base.label}`."
    )
    same_note = (
        f"{same} files are the same in every bake. `.cookiecutter.json` records the answers and `pyproject.toml`"
        f" is shown by table below; {'the other changed files:' if diffs else 'no other file changes.'}"
    )
    out = [f"# What `{key}` changes", ""]
    out += [textwrap.fill(line, WIDTH, initial_indent="- ", subsequent_indent="  ") for line in verdict]
    out += ["", textwrap.fill(intro, WIDTH), "", *facts, "## Files only some values have", ""]
    out += fenced("text", only_some({b.label: set(b.files) for b in bakes}) or ["(none)"])
    out += ["## Changed files", "", textwrap.fill(same_note, WIDTH), "", *diffs]
    out += ["## `pyproject.toml`: the tables that differ", "", "Each table's lines that not every value has:", ""]
    out += fenced("text", side_by_side({b.label: toml_tables(b.files["pyproject.toml"]) for b in bakes}))
    out += ["## What the wheel holds", "", "Its files that not every wheel has:", ""]
    out += fenced("text", only_some({b.label: set(b.wheel_files) for b in bakes}) or ["(none)"])
    return "\n".join(line.rstrip() for line in out).rstrip("\n") + "\n"


def main(argv: list[str] | None = None) -> int:
    """Parse the command line, compare, print the report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("answer", help="the question to compare: layout, build_backend, versioning, cli, ...")
    parser.add_argument("answers", nargs="*", metavar="key=value")
    parser.add_argument("--output-dir", type=Path)
    args = parser.parse_args(argv)
    try:
        answers = parse_answers(args.answers, args.answer)
        values_of(args.answer)
        output_dir = (args.output_dir or Path(tempfile.mkdtemp(prefix="compare-"))).resolve()
        text = report(args.answer, answers, *bake_all(args.answer, answers, output_dir))
    except CompareError as error:
        print(f"compare: {error}", file=sys.stderr)
        return 1
    print(f"compare: the baked projects are in {output_dir}", file=sys.stderr)
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
