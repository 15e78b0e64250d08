#!/usr/bin/env -S uv run --script
# /// script
# requires-python = ">=3.10"
# dependencies = [
#   "cookiecutter>=2.6",
#   "mypy>=1.15",
#   "tomli>=1.1; python_version < '3.11'",
# ]
# ///
"""Bake one set of answers in both layouts and show, side by side, what the choice changes.

    uv run scripts/compare_layouts.py OUTPUT_DIR [key=value ...] [--markdown FILE] [--html FILE]

Both projects are baked into OUTPUT_DIR (`module/` and `library/`), both wheels are built with
`uv build`, and a consumer's `mypy --strict` is run against each installed wheel (`consumer/`).
Every line of the report is computed from those two projects and what was built and run from
them; nothing is described from memory. The Markdown output holds no paths, times or versions of
the machine, so the same answers always give the same page (`docs/layouts.md` is that page for
the default answers).
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import difflib
import html
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import textwrap
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

if TYPE_CHECKING:
    from collections.abc import Iterator

from cookiecutter.config import get_user_config
from cookiecutter.environment import StrictEnvironment
from cookiecutter.exceptions import CookiecutterException
from cookiecutter.generate import generate_context, generate_files
from cookiecutter.prompt import prompt_for_config, render_variable

TEMPLATE = Path(__file__).resolve().parent.parent
LAYOUTS = ("module", "library")
# The build backend's own configuration table, by the top-level module of `build-backend`.
BACKEND_TABLES = {
    "flit_core": "tool.flit",
    "hatchling": "tool.hatch",
    "setuptools": "tool.setuptools",
    "pdm": "tool.pdm",
    "uv_build": "tool.uv.build-backend",
    "poetry": "tool.poetry",
    "maturin": "tool.maturin",
}
ENTRY_POINT_TABLES = ("project.scripts", "project.gui-scripts", "project.entry-points")
# The public function the consumer experiment calls, and the type its result is wrongly given.
CONSUMER_FUNCTION = "greet"


class CompareError(Exception):
    """A problem the user can fix; its message says what and how."""


# --- the report: a list of sections, rendered for a terminal, as Markdown or as HTML -------------


@dataclass
class Para:
    """A paragraph; `code` spans are marked with backticks, as in Markdown."""

    text: str


@dataclass
class Table:
    """A table with a header row."""

    header: list[str]
    rows: list[list[str]]


@dataclass
class Code:
    """Preformatted text (a tool's output, a source file); `lang` names it for Markdown."""

    text: str
    lang: str = "text"


@dataclass
class Columns:
    """Preformatted blocks shown side by side, one per layout."""

    titles: list[str]
    blocks: list[list[str]]


Block = Para | Table | Code | Columns


@dataclass
class Section:
    """A titled part of the report."""

    title: str
    blocks: list[Block] = field(default_factory=list)


def side_by_side(columns: Columns, gap: int = 4) -> str:
    """Return the columns as plain text, each padded to its widest line."""
    blocks = [[title, "-" * len(title), *lines] for title, lines in zip(columns.titles, columns.blocks)]
    widths = [max(map(len, block)) + gap for block in blocks]
    height = max(map(len, blocks))
    rows = []
    for index in range(height):
        cells = [(block[index] if index < len(block) else "").ljust(width) for block, width in zip(blocks, widths)]
        rows.append("".join(cells).rstrip())
    return "\n".join(rows)


def render_text(sections: list[Section]) -> str:
    """Return the report for a terminal: plain text, 100 columns, tables aligned."""
    out: list[str] = []
    for section in sections:
        out += ["", section.title, "=" * len(section.title), ""]
        for block in section.blocks:
            if isinstance(block, Para):
                out += [textwrap.fill(block.text, 100), ""]
            elif isinstance(block, Table):
                table = [[cell.replace("\n", "; ") for cell in row] for row in [block.header, *block.rows]]
                widths = [max(len(row[i]) for row in table) for i in range(len(block.header))]
                for number, row in enumerate(table):
                    out.append("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
                    if number == 0:
                        out.append("  ".join("-" * width for width in widths))
                out.append("")
            elif isinstance(block, Code):
                out += [textwrap.indent(block.text, "    "), ""]
            else:
                out += [textwrap.indent(side_by_side(block), "    "), ""]
    return "\n".join(out).strip("\n") + "\n"


def markdown_cell(text: str) -> str:
    """Return `text` safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", "<br>")


def render_markdown(title: str, sections: list[Section]) -> str:
    """Return the report as a Markdown page."""
    out = [f"# {title}", ""]
    for section in sections:
        out += [f"## {section.title}", ""]
        for block in section.blocks:
            if isinstance(block, Para):
                out += [block.text, ""]
            elif isinstance(block, Table):
                out.append("| " + " | ".join(map(markdown_cell, block.header)) + " |")
                out.append("|" + " --- |" * len(block.header))
                out += ["| " + " | ".join(map(markdown_cell, row)) + " |" for row in block.rows]
                out.append("")
            elif isinstance(block, Code):
                out += [f"```{block.lang}", block.text, "```", ""]
            else:
                out += ["```text", side_by_side(block), "```", ""]
    return "\n".join(line.rstrip() for line in out).rstrip("\n") + "\n"


def html_inline(text: str) -> str:
    """Return `text` as HTML, with backtick spans as <code>."""
    parts = html.escape(text, quote=False).split("`")
    return "".join(f"<code>{part}</code>" if index % 2 else part for index, part in enumerate(parts))


HTML_STYLE = """
body { font-family: system-ui, sans-serif; max-width: 75rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
pre { background: #f6f8fa; padding: .75rem; overflow-x: auto; font-size: .875rem; }
code { background: #f6f8fa; padding: 0 .2rem; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border: 1px solid #d0d7de; padding: .25rem .5rem; text-align: left; vertical-align: top; }
.columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr)); gap: 1rem; }
.columns h3 { margin: 0; }
"""


def render_html(title: str, sections: list[Section]) -> str:
    """Return the report as one self-contained HTML page (inline style, no scripts, no links)."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        '<head><meta charset="utf-8">',
        f"<title>{html.escape(title)}</title>",
        f"<style>{HTML_STYLE}</style></head>",
        "<body>",
        f"<h1>{html_inline(title)}</h1>",
    ]
    for section in sections:
        out.append(f"<section><h2>{html_inline(section.title)}</h2>")
        for block in section.blocks:
            if isinstance(block, Para):
                out.append(f"<p>{html_inline(block.text)}</p>")
            elif isinstance(block, Table):
                out.append("<table><thead><tr>" + "".join(f"<th>{html_inline(c)}</th>" for c in block.header))
                out.append("</tr></thead><tbody>")
                for row in block.rows:
                    cells = ("<br>".join(map(html_inline, c.split("\n"))) for c in row)
                    out.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
                out.append("</tbody></table>")
            elif isinstance(block, Code):
                out.append(f"<pre>{html.escape(block.text, quote=False)}</pre>")
            else:
                out.append('<div class="columns">')
                for column_title, lines in zip(block.titles, block.blocks):
                    text = html.escape("\n".join(lines), quote=False)
                    out.append(f"<div><h3>{html_inline(column_title)}</h3><pre>{text}</pre></div>")
                out.append("</div>")
        out.append("</section>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


# --- answers and bakes ------------------------------------------------------------------------------


@contextlib.contextmanager
def template_on_path(template: Path) -> Iterator[None]:
    """Let cookiecutter import the template's Jinja extensions (`local_extensions.py`)."""
    sys.path.insert(0, str(template))
    try:
        yield
    finally:
        sys.path.remove(str(template))


def parse_answers(pairs: list[str], answer_keys: list[str]) -> dict[str, str]:
    """Return `key=value` pairs as a dict; refuse unknown keys and `layout` (both layouts are baked)."""
    answers = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep:
            msg = f"answer {pair!r} is not key=value; for example project_name='Tidy Names'."
            raise CompareError(msg)
        if key == "layout":
            msg = "layout= is not an answer here: both layouts are baked. Drop it."
            raise CompareError(msg)
        if key not in answer_keys:
            msg = f"unknown answer {key!r}; the template asks for: {', '.join(answer_keys)}."
            raise CompareError(msg)
        answers[key] = value
    return answers


def answer_keys_of(template: Path) -> list[str]:
    """Return the answers the template asks for (its visible variables), in its order."""
    try:
        variables = json.loads((template / "cookiecutter.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        msg = f"{template} is not a cookiecutter template ({error}); pass --template with this repository's path."
        raise CompareError(msg) from error
    return [key for key in variables if not key.startswith("_")]


def replay_answers(path: Path, answer_keys: list[str]) -> dict[str, Any]:
    """Return the answers a cookiecutter replay file holds, all but `layout`."""
    try:
        replayed = json.loads(path.read_text(encoding="utf-8"))["cookiecutter"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        msg = f"{path} is not a cookiecutter replay file ({error!r}); cookiecutter writes them to ~/.cookiecutter_replay/."
        raise CompareError(msg) from error
    return {key: value for key, value in replayed.items() if key in answer_keys and key != "layout"}


def resolve_context(
    template: Path, layout: str, answers: dict[str, Any], *, config_file: str | None, as_typed: bool
) -> dict[str, Any]:
    """Return the `cookiecutter` dict a bake with `answers` and `layout` uses, as cookiecutter builds it.

    Answers from the command line or a config file are rendered by Jinja, as `cookiecutter --no-input
    key=value` renders them. Answers from a replay file (`as_typed`) are used as they are, as
    cookiecutter's own replay uses them; only the template's private variables are rendered.
    """
    config = get_user_config(config_file=config_file, default_config=config_file is None)
    context_file = str(template / "cookiecutter.json")
    if not as_typed:
        context = generate_context(context_file, config["default_context"], {**answers, "layout": layout})
        return dict(prompt_for_config(context, no_input=True))
    context = generate_context(context_file, config["default_context"], {"layout": layout})
    context["cookiecutter"].pop("__prompts__", None)
    env = StrictEnvironment(context=context)
    resolved: dict[str, Any] = {}
    for key, raw in context["cookiecutter"].items():
        if key.startswith("_") and not key.startswith("__"):
            resolved[key] = raw
        elif key != "layout" and key in answers and not key.startswith("_"):
            resolved[key] = answers[key]
        else:
            resolved[key] = render_variable(env, raw[0] if isinstance(raw, list) else raw, resolved)
    return resolved


def bake(template: Path, context: dict[str, Any], output_dir: Path) -> Path:
    """Generate the project for `context` (hooks included) into `output_dir`; return its path."""
    full = {
        "cookiecutter": {**context, "_template": str(template), "_output_dir": str(output_dir.resolve())},
        "_cookiecutter": {k: v for k, v in context.items() if not k.startswith("_")},
    }
    try:
        return Path(generate_files(repo_dir=str(template), context=full, output_dir=str(output_dir)))
    except CookiecutterException as error:
        msg = f"baking layout={context['layout']} failed ({error}); the template's message above says which answer to change."
        raise CompareError(msg) from error


def tool_env() -> dict[str, str]:
    """Return the environment for uv and mypy runs: this script's own venv must not leak in."""
    return {key: value for key, value in os.environ.items() if key not in {"VIRTUAL_ENV", "PYTHONPATH"}}


def run(command: list[str], cwd: Path, *, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run `command`; on failure raise CompareError with its output."""
    try:
        result = subprocess.run(command, cwd=cwd, env=tool_env(), capture_output=True, text=True, check=False)
    except FileNotFoundError as error:
        msg = f"`{command[0]}` is not installed: install uv (https://docs.astral.sh/uv/) and try again."
        raise CompareError(msg) from error
    if check and result.returncode != 0:
        msg = f"`{' '.join(command)}` failed in {cwd}:\n{result.stdout}{result.stderr}"
        raise CompareError(msg)
    return result


# --- facts about one baked project ---------------------------------------------------------------


def line_count(path: Path) -> int:
    """Return the number of lines in a text file."""
    return len(path.read_text(encoding="utf-8", errors="replace").splitlines())


@dataclass
class Layout:
    """One baked project and what was built from it."""

    name: str
    root: Path
    context: dict[str, Any]
    files: list[str]
    wheel: Path | None = None

    @classmethod
    def of(cls, name: str, root: Path, context: dict[str, Any]) -> Layout:
        """Record the baked project's files (before anything is built beside them)."""
        files = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
        return cls(name, root, context, files)

    @property
    def package(self) -> str:
        """The import name."""
        return str(self.context["package_name"])

    def built_wheel(self) -> Path:
        """Return the wheel built from the project."""
        if self.wheel is None:
            msg = f"the {self.name} wheel has not been built"
            raise CompareError(msg)
        return self.wheel

    def pyproject(self) -> dict[str, Any]:
        """Return the parsed `pyproject.toml`."""
        return tomllib.loads((self.root / "pyproject.toml").read_text(encoding="utf-8"))

    def lines(self, relative: str) -> int:
        """Return the number of lines of one of the project's files."""
        return line_count(self.root / relative)

    def source_files(self) -> list[str]:
        """Return the Python files under `src/`."""
        return [f for f in self.files if f.startswith("src/") and f.endswith(".py")]

    def test_files(self) -> list[str]:
        """Return the Python files under `tests/`."""
        return [f for f in self.files if f.startswith("tests/") and f.endswith(".py")]

    def top_module(self) -> str:
        """Return the file users import: the single module, or the package's `__init__.py`."""
        single = f"src/{self.package}.py"
        return single if single in self.files else f"src/{self.package}/__init__.py"

    def tree(self) -> list[str]:
        """Return the project's file tree, each file with its line count."""
        nested: dict[str, Any] = {}
        for relative in self.files:
            node = nested
            *dirs, name = relative.split("/")
            for part in dirs:
                node = node.setdefault(part + "/", {})
            node[name] = self.lines(relative)
        lines = [f"{self.root.name}/"]

        def walk(node: dict[str, Any], prefix: str) -> None:
            names = sorted(node)
            for index, name in enumerate(names):
                last = index == len(names) - 1
                value = node[name]
                label = name if isinstance(value, dict) else f"{name} ({value})"
                lines.append(prefix + ("└── " if last else "├── ") + label)
                if isinstance(value, dict):
                    walk(value, prefix + ("    " if last else "│   "))

        walk(nested, "")
        return lines


def flatten(table: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Return a TOML document as `dotted.key -> value` (arrays of tables stay values)."""
    flat: dict[str, Any] = {}
    for key, value in table.items():
        part = key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else json.dumps(key)
        dotted = f"{prefix}.{part}" if prefix else part
        if isinstance(value, dict):
            flat |= flatten(value, dotted)
        else:
            flat[dotted] = value
    return flat


def show(value: Any) -> str:
    """Return a TOML value as code, as it reads in the file (compact)."""
    if value is None:
        return "(absent)"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    return f"`{json.dumps(value, ensure_ascii=False)}`"


def under(key: str, table: str) -> bool:
    """Return whether the dotted `key` lies in `table`."""
    return key == table or key.startswith(table + ".")


def backend_table(pyproject: dict[str, Any]) -> str | None:
    """Return the build backend's configuration table (`tool.flit`, ...), from `build-backend`."""
    backend = str(pyproject.get("build-system", {}).get("build-backend", ""))
    return BACKEND_TABLES.get(backend.split(".")[0])


def wheel_files(wheel: Path) -> list[str]:
    """Return every file in a wheel, sorted."""
    with zipfile.ZipFile(wheel) as archive:
        return sorted(archive.namelist())


def wheel_text(wheel: Path, suffix: str) -> str:
    """Return the text of the wheel's `.dist-info/<suffix>` file, or '' when it has none."""
    with zipfile.ZipFile(wheel) as archive:
        names = [n for n in archive.namelist() if n.split("/")[0].endswith(".dist-info") and n.endswith("/" + suffix)]
        return archive.read(names[0]).decode("utf-8") if names else ""


def importable(files: list[str]) -> list[str]:
    """Return the importable module names among a wheel's files."""
    modules = []
    for name in files:
        if name.endswith(".py") and ".dist-info/" not in name and ".data/" not in name:
            parts = name[: -len(".py")].split("/")
            if parts[-1] == "__init__":
                parts.pop()
            modules.append(".".join(parts))
    return sorted(modules)


def public_names(layout: Layout) -> list[str]:
    """Return `__all__` of the file users import."""
    tree = ast.parse((layout.root / layout.top_module()).read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            return sorted(ast.literal_eval(node.value))
    return []


def project_imports(layout: Layout, relative: str) -> list[str]:
    """Return the import statements of a file that import the project itself, as written."""
    tree = ast.parse((layout.root / relative).read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names = [node.module or ""]
        else:
            continue
        if any(name.split(".")[0] == layout.package for name in names):
            found.append(ast.unparse(node))
    return found


def runs_as_main(layout: Layout) -> str:
    """Return what makes `python -m <package>` work, read from the source."""
    main_file = f"src/{layout.package}/__main__.py"
    if main_file in layout.files:
        return f"`{main_file}`"
    tree = ast.parse((layout.root / layout.top_module()).read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.If) and "__name__" in ast.unparse(node.test) and "__main__" in ast.unparse(node.test):
            return f'the `if __name__ == "__main__":` block of `{layout.top_module()}`'
    return "nothing (no command line)"


# --- the consumer experiment -----------------------------------------------------------------------


@dataclass
class TypeCheck:
    """What a consumer's `mypy --strict` made of one installed wheel."""

    output: str
    revealed: str
    import_skipped: bool
    error_caught: bool


def consumer_source(package: str) -> str:
    """Return a consumer's file: it imports the project, asks mypy for a type, and misuses it."""
    return (
        f'"""A user\'s code: it imports `{package}`, asks mypy what `{CONSUMER_FUNCTION}` is, and misuses it."""\n'
        "\n"
        f"from {package} import {CONSUMER_FUNCTION}\n"
        "\n"
        f"reveal_type({CONSUMER_FUNCTION})\n"
        f'wrong: int = {CONSUMER_FUNCTION}("Ada")  # a type error: it returns a str\n'
    )


def type_check(consumer: Path, wheel: Path, venv: Path, python: str | None) -> TypeCheck:
    """Install `wheel` alone into a fresh `venv`, then run `mypy --strict` on `consumer` against it."""
    run(["uv", "venv", "--quiet", *(["--python", python] if python else []), str(venv)], consumer.parent)
    venv_python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    run(["uv", "pip", "install", "--quiet", "--python", str(venv_python), str(wheel)], consumer.parent)
    result = run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--config-file=",
            "--no-color-output",
            "--cache-dir",
            str(venv / ".mypy_cache"),
            "--python-executable",
            str(venv_python),
            consumer.name,
        ],
        consumer.parent,
        check=False,
    )
    output = result.stdout.strip()
    if result.returncode not in (0, 1) or "Revealed type is" not in output:
        msg = f"mypy did not run on {consumer}:\n{result.stdout}{result.stderr}"
        raise CompareError(msg)
    error_line = (
        consumer.read_text(encoding="utf-8")
        .splitlines()
        .index(f'wrong: int = {CONSUMER_FUNCTION}("Ada")  # a type error: it returns a str')
        + 1
    )
    revealed = re.search(r'Revealed type is "(.*)"', output)
    return TypeCheck(
        output=output,
        revealed=revealed.group(1) if revealed else "",
        import_skipped="[import-untyped]" in output or "[import-not-found]" in output,
        error_caught=f"{consumer.name}:{error_line}: error:" in output,
    )


# --- the comparison --------------------------------------------------------------------------------


@dataclass
class Comparison:
    """Both baked layouts, their wheels and the consumer's type checks."""

    module: Layout
    library: Layout
    checks: dict[str, TypeCheck]
    consumer: str

    @property
    def layouts(self) -> list[Layout]:
        """The two layouts, module first."""
        return [self.module, self.library]


def build_comparison(
    template: Path,
    output_dir: Path,
    answers: dict[str, Any],
    *,
    config_file: str | None,
    as_typed: bool,
    python: str | None = None,
    overwrite: bool = False,
) -> Comparison:
    """Bake, build and type-check both layouts under `output_dir`; return what was found."""
    output_dir = output_dir.resolve()
    parts = [output_dir / name for name in (*LAYOUTS, "consumer")]
    existing = [p for p in parts if p.exists()]
    if existing and not overwrite:
        msg = f"{existing[0]} already exists: pass --overwrite to replace it, or name another directory."
        raise CompareError(msg)
    for part in existing:
        shutil.rmtree(part)
    baked = {}
    with template_on_path(template):
        for name in LAYOUTS:
            context = resolve_context(template, name, answers, config_file=config_file, as_typed=as_typed)
            root = bake(template, context, output_dir / name)
            baked[name] = Layout.of(name, root, context)
    for layout in baked.values():
        dist = output_dir / layout.name / "dist"
        run(
            ["uv", "build", "--quiet", "--wheel", *(["--python", python] if python else []), "--out-dir", str(dist)],
            layout.root,
        )
        (layout.wheel,) = sorted(dist.glob("*.whl"))
    consumer_dir = output_dir / "consumer"
    consumer_dir.mkdir(parents=True)
    consumer = consumer_dir / "consumer.py"
    source = consumer_source(baked["module"].package)
    consumer.write_text(source, encoding="utf-8")
    checks = {
        name: type_check(consumer, layout.built_wheel(), consumer_dir / f"venv-{name}", python)
        for name, layout in baked.items()
    }
    return Comparison(baked["module"], baked["library"], checks, source)


def yes(flag: bool) -> str:
    """Return a table cell for a yes/no fact."""
    return "yes" if flag else "no"


def answers_section(comparison: Comparison, given: dict[str, Any], source: str) -> Section:
    """The answers both bakes used."""
    context = comparison.module.context
    rows = [[f"`{k}`", show(v)] for k, v in context.items() if not k.startswith("_") and k != "layout"]
    given_text = ", ".join(f"`{k}={v}`" for k, v in sorted(given.items())) if given else "none, all defaults"
    return Section(
        "The answers",
        [
            Para(
                f"Both projects were baked from the same answers, one with `layout=module`, one with `layout=library`. Answers from {source}: {given_text}."
            ),
            Table(["answer", "value"], rows),
        ],
    )


def trees_section(comparison: Comparison) -> Section:
    """The two file trees, side by side."""
    return Section(
        "The files",
        [
            Para("Each file with its number of lines."),
            Columns([f"layout={lay.name}" for lay in comparison.layouts], [lay.tree() for lay in comparison.layouts]),
        ],
    )


def pyproject_section(comparison: Comparison) -> Section:
    """What differs in `pyproject.toml`, grouped by what it configures."""
    module, library = (flatten(lay.pyproject()) for lay in comparison.layouts)
    backend = {table for lay in comparison.layouts if (table := backend_table(lay.pyproject()))}
    groups: list[tuple[str, list[str]]] = [
        ("build backend", ["build-system"]),
        ("packaging configuration", sorted(backend)),
        ("entry points", list(ENTRY_POINT_TABLES)),
    ]
    keys = sorted(set(module) | set(library))
    rows = []
    claimed: set[str] = set()
    for group, tables in groups:
        for key in keys:
            if any(under(key, t) for t in tables):
                claimed.add(key)
                same = module.get(key) == library.get(key)
                rows.append([group, f"`{key}`", show(module.get(key)), "same" if same else show(library.get(key))])
    others = [k for k in keys if k not in claimed]
    for key in others:
        a, b = module.get(key), library.get(key)
        if a == b:
            continue
        if isinstance(a, list) and isinstance(b, list):
            only_a = [x for x in a if x not in b]
            only_b = [x for x in b if x not in a]
            rows.append(
                ["other", f"`{key}`", *(f"only here: {show(only)}" if only else "-" for only in (only_a, only_b))]
            )
        else:
            rows.append(["other", f"`{key}`", show(a), show(b)])
    same_others = sum(1 for k in others if module.get(k) == library.get(k))
    texts = [(lay.root / "pyproject.toml").read_text(encoding="utf-8") for lay in comparison.layouts]
    diff = difflib.unified_diff(
        texts[0].splitlines(),
        texts[1].splitlines(),
        "layout=module/pyproject.toml",
        "layout=library/pyproject.toml",
        n=1,
        lineterm="",
    )
    mentions = {lay.name: "py.typed" in text for lay, text in zip(comparison.layouts, texts)}
    return Section(
        "pyproject.toml",
        [
            Para(
                "Every key of the build backend, its configuration and the entry points, and every other key that differs:"
            ),
            Table(["what", "key", "layout=module", "layout=library"], rows),
            Para("The same, as the lines of the two files that differ:"),
            Code("\n".join(diff), "diff"),
            Para(
                f"The other {same_others} keys are the same in both. `py.typed` is named in `pyproject.toml`: module {yes(mentions['module'])}, library {yes(mentions['library'])}; the wheels below show where it ships."
            ),
        ],
    )


def imports_section(comparison: Comparison) -> Section:
    """How users, the project's own code and its tests import it."""
    mod, lib = comparison.layouts
    rows = [
        [
            "public names (`__all__` of the file users import)",
            ", ".join(f"`{n}`" for n in public_names(mod)),
            ", ".join(f"`{n}`" for n in public_names(lib)),
        ],
        ["the file users import", f"`{mod.top_module()}`", f"`{lib.top_module()}`"],
        [
            "importable modules in the wheel",
            ", ".join(f"`{m}`" for m in importable(wheel_files(mod.built_wheel()))),
            ", ".join(f"`{m}`" for m in importable(wheel_files(lib.built_wheel()))),
        ],
        ["`python -m` runs", runs_as_main(mod), runs_as_main(lib)],
    ]
    code_rows = []
    for lay in comparison.layouts:
        for relative in lay.source_files():
            for statement in project_imports(lay, relative):
                code_rows.append([lay.name, f"`{relative}`", f"`{statement}`"])
    test_rows = []
    for lay in comparison.layouts:
        for relative in lay.test_files():
            statements = project_imports(lay, relative)
            test_rows.append([lay.name, f"`{relative}`", "\n".join(f"`{s}`" for s in statements) or "(none)"])
    blocks: list[Block] = [Table(["", "layout=module", "layout=library"], rows)]
    if code_rows:
        blocks += [
            Para("Imports of the project inside its own source files:"),
            Table(["layout", "file", "import"], code_rows),
        ]
    else:
        blocks.append(Para("Neither layout's source files import the project itself."))
    blocks += [
        Para("How each test module imports the project:"),
        Table(["layout", "test module", "imports"], test_rows),
    ]
    return Section("Imports", blocks)


def wheels_section(comparison: Comparison) -> Section:
    """What each wheel, built for real, holds."""
    columns = []
    rows: list[list[str]] = [[], [], [], []]
    for lay in comparison.layouts:
        wheel = lay.built_wheel()
        files = wheel_files(wheel)
        columns.append([wheel.name, *(f"  {f}" for f in files)])
        metadata = wheel_text(wheel, "METADATA")
        scripts = [line for line in wheel_text(wheel, "entry_points.txt").splitlines() if "=" in line]
        rows[0].append(yes(any(f.endswith("/py.typed") or f == "py.typed" for f in files)))
        rows[1].append(str(sum(1 for f in files if ".dist-info/" not in f)))
        rows[2].append("\n".join(f"`{s.strip()}`" for s in scripts) or "(none)")
        rows[3].append(yes("Classifier: Typing :: Typed" in metadata))
    labels = [
        "holds `py.typed`",
        "files outside `.dist-info`",
        "entry points (`entry_points.txt`)",
        "`Typing :: Typed` classifier",
    ]
    return Section(
        "The wheels",
        [
            Para("Built with `uv build --wheel` from each project:"),
            Columns([f"layout={lay.name}" for lay in comparison.layouts], columns),
            Table(["", "layout=module", "layout=library"], [[label, *row] for label, row in zip(labels, rows)]),
        ],
    )


def typing_section(comparison: Comparison) -> Section:
    """The consumer experiment: whose annotations a user's type checker reads."""
    blocks: list[Block] = [
        Para(
            "Each wheel was installed alone into a fresh venv, and `mypy --strict` checked this consumer file against it:"
        ),
        Code(comparison.consumer.rstrip("\n"), "python"),
    ]
    rows = [
        ["import skipped as untyped", *(yes(comparison.checks[n].import_skipped) for n in LAYOUTS)],
        [f"`reveal_type({CONSUMER_FUNCTION})`", *(f"`{comparison.checks[n].revealed}`" for n in LAYOUTS)],
        ["the type error is reported", *(yes(comparison.checks[n].error_caught) for n in LAYOUTS)],
    ]
    blocks.append(Table(["", "layout=module", "layout=library"], rows))
    for name in LAYOUTS:
        blocks += [Para(f"mypy's output, layout={name}:"), Code(comparison.checks[name].output)]
    return Section("What a user's type checker sees", blocks)


def sizes_section(comparison: Comparison) -> Section:
    """Files and lines, counted."""

    def counts(lay: Layout) -> list[int]:
        src, tests = lay.source_files(), lay.test_files()
        return [
            len(lay.files),
            len(src),
            sum(map(lay.lines, src)),
            len(tests),
            sum(map(lay.lines, tests)),
            sum(map(lay.lines, lay.files)),
        ]

    labels = [
        "files",
        "Python files in `src/`",
        "lines in `src/`",
        "test modules",
        "lines in `tests/`",
        "lines in all files",
    ]
    mod, lib = (counts(lay) for lay in comparison.layouts)
    return Section(
        "Sizes",
        [
            Table(
                ["", "layout=module", "layout=library"], [[lab, str(a), str(b)] for lab, a, b in zip(labels, mod, lib)]
            )
        ],
    )


def about_layout(readme: str) -> str:
    """Return the "About this layout" section of a generated README, without its heading."""
    match = re.search(r"^## About this layout\n(.*?)(?=^## |\Z)", readme, re.MULTILINE | re.DOTALL)
    return match.group(1).strip() if match else ""


def growth_section(comparison: Comparison) -> Section:
    """From module to library: the files that change, and the module project's own steps."""
    mod, lib = comparison.layouts
    only_mod = [f for f in mod.files if f not in lib.files]
    only_lib = [f for f in lib.files if f not in mod.files]
    module_steps = about_layout((mod.root / "README.md").read_text(encoding="utf-8"))
    return Section(
        "Growing from module to library",
        [
            Para(
                "Files the module project has and the library does not, and the other way round (the `pyproject.toml` changes are listed above):"
            ),
            Columns(["only layout=module", "only layout=library"], [only_mod or ["(none)"], only_lib or ["(none)"]]),
            Para('The module project\'s README says, under "About this layout":'),
            Code(module_steps),
        ],
    )


def report(comparison: Comparison, given: dict[str, Any], source: str) -> list[Section]:
    """Return every section of the comparison."""
    return [
        answers_section(comparison, given, source),
        trees_section(comparison),
        pyproject_section(comparison),
        imports_section(comparison),
        wheels_section(comparison),
        typing_section(comparison),
        sizes_section(comparison),
        growth_section(comparison),
    ]


TITLE = "Module or library: one set of answers, both layouts"


class MessageOnly(logging.Formatter):
    """Show cookiecutter's log messages (a failing hook's reason) without its tracebacks."""

    def format(self, record: logging.LogRecord) -> str:
        """Return the message alone."""
        return record.getMessage()


def main(argv: list[str] | None = None) -> int:
    """Parse the command line, compare the layouts, print and write the report."""
    parser = argparse.ArgumentParser(
        description="Bake the same answers as layout=module and layout=library, build both, and compare them.",
        epilog=f"Answers: {', '.join(answer_keys_of(TEMPLATE))}.",
    )
    parser.add_argument("output_dir", type=Path, help="where the two projects, their wheels and the type check go")
    parser.add_argument("answers", nargs="*", metavar="key=value", help="answers, as for cookiecutter --no-input")
    given = parser.add_mutually_exclusive_group()
    given.add_argument("--config-file", help="a cookiecutter user config file; its default_context gives answers")
    given.add_argument("--replay-file", type=Path, help="a cookiecutter replay file; its answers are used as typed")
    parser.add_argument(
        "--template", type=Path, default=TEMPLATE, help="the template directory (default: this repository)"
    )
    parser.add_argument("--python", help="the Python uv builds and installs with (default: uv's choice)")
    parser.add_argument("--overwrite", action="store_true", help="replace what an earlier run left in OUTPUT_DIR")
    parser.add_argument("--markdown", type=Path, metavar="FILE", help="also write the comparison as Markdown")
    parser.add_argument("--html", type=Path, metavar="FILE", help="also write it as a self-contained HTML page")
    args = parser.parse_args(argv)
    quiet_tracebacks = logging.StreamHandler()
    quiet_tracebacks.setFormatter(MessageOnly())
    logging.getLogger("cookiecutter").addHandler(quiet_tracebacks)
    try:
        answer_keys = answer_keys_of(args.template)
        answers: dict[str, Any] = parse_answers(args.answers, answer_keys)
        source = "the command line"
        if args.replay_file:
            if answers:
                parser.error("give answers either as key=value or in --replay-file, not both")
            answers = replay_answers(args.replay_file, answer_keys)
            source = f"the replay file {args.replay_file.name}"
        elif args.config_file:
            source = f"the config file {Path(args.config_file).name} and the command line"
        comparison = build_comparison(
            args.template.resolve(),
            args.output_dir,
            answers,
            config_file=args.config_file,
            as_typed=args.replay_file is not None,
            python=args.python,
            overwrite=args.overwrite,
        )
    except CompareError as error:
        print(f"compare_layouts: {error}", file=sys.stderr)
        return 1
    sections = report(comparison, answers, source)
    print(render_text(sections), end="")
    if args.markdown:
        args.markdown.write_text(render_markdown(TITLE, sections), encoding="utf-8")
    if args.html:
        args.html.write_text(render_html(TITLE, sections), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
