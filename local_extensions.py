"""Jinja filters that turn a user's free text into safe source text for each target format.

Cookiecutter loads this module through `_extensions` in cookiecutter.json. Every answer a user
types reaches a generated file through one of these filters, so a quote, a backslash, a newline
or an emoji can never break the TOML, Python or YAML it lands in, and is kept exactly as typed.
It imports only the standard library and what cookiecutter itself depends on (jinja2, slugify):
cookiecutter loads it in the user's interpreter on every bake.
"""

from __future__ import annotations

import json
import keyword
import re
import sys

from jinja2.ext import Extension
from slugify import slugify

# Names a generated project's own files already use at the top of the import path.
RESERVED_NAMES = frozenset({"src", "tests", "test", "setup", "conftest", "docs", "build", "dist"})

# TOML basic strings and JSON agree except on what must be escaped: TOML forbids every control
# character but tab (U+0000-U+001F and U+007F) and lone surrogates, and has no `\/` escape.
_TOML_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}
_TOML_NEEDS_ESCAPE = re.compile(r'["\\\x00-\x1f\x7f]')


def toml_string(value: object) -> str:
    """Return `value` as a TOML basic string literal, quotes included (`"..."`)."""

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        return _TOML_ESCAPES.get(char, f"\\u{ord(char):04X}")

    return '"' + _TOML_NEEDS_ESCAPE.sub(escape, str(value)) + '"'


def python_string(value: object) -> str:
    """Return `value` as a Python string literal, quotes included, preferring double quotes."""
    text = str(value)
    literal = repr(text)
    if literal.startswith("'") and '"' not in text:
        # Same escapes, other quotes: what `ruff format` would write.
        literal = '"' + literal[1:-1].replace("\\'", "'") + '"'
    return literal


def docstring_text(value: object) -> str:
    """Return `value` as text to place between triple double quotes, read back exactly as typed.

    Plain prose passes through unchanged. Anything a docstring cannot hold literally (backslashes,
    quotes that would end it, control characters, whitespace that `ruff format` would strip) is
    written as an escape, so `__doc__` still holds exactly what was typed. Escapes are Unicode ones
    (`\\N{REVERSE SOLIDUS}`, `\\u0009`): pydocstyle (ruff's D301) asks for a raw docstring for any
    other backslash, and a raw docstring cannot hold an escape.
    """
    text = str(value)
    out: list[str] = []
    for line_number, line in enumerate(text.split("\n")):
        chars = []
        for index, char in enumerate(line):
            if char == "\\":
                chars.append("\\N{REVERSE SOLIDUS}")
            elif char == '"' and (line[index + 1 : index + 2] in ('"', "") or line[index - 1 : index] == '"'):
                chars.append("\\N{QUOTATION MARK}")
            elif char == "\t" or (ord(char) < 0x20) or char == "\x7f" or 0x80 <= ord(char) < 0xA0:
                chars.append(f"\\u{ord(char):04x}")
            elif char == " " and (index == 0 or index == len(line) - 1):
                chars.append("\\N{SPACE}")
            elif char.isspace() and char not in " \u3000" and (index == 0 or index == len(line) - 1) or char in "\u2028\u2029\x85":
                chars.append(f"\\u{ord(char):04x}")
            else:
                chars.append(char)
        if line_number:
            out.append("\n")
        out.append("".join(chars))
    return "".join(out)


def yaml_string(value: object) -> str:
    """Return `value` as a YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(str(value), ensure_ascii=False).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def distribution_name(value: object) -> str:
    """Derive a PEP 508 distribution name from a human project name (`Café Tools!` -> `cafe-tools`)."""
    return slugify(str(value)) or "my-project"


def import_name(value: object) -> str:
    """Derive a usable Python import name from a distribution name (`cafe-tools` -> `cafe_tools`).

    The result is always accepted by the pre-generation checks: a name that would start with a
    digit, be a keyword, or shadow a standard-library module or the project's own files gets a
    `py_` prefix (`3d-tools` -> `py_3d_tools`, `json` -> `py_json`).
    """
    name = re.sub(r"[^a-z0-9]+", "_", slugify(str(value)).lower()).strip("_")
    if (
        not name.isidentifier()
        or keyword.iskeyword(name)
        or keyword.issoftkeyword(name)
        or name in sys.stdlib_module_names
        or name in RESERVED_NAMES
    ):
        name = f"py_{name}".rstrip("_")
    return name


class FormatFilters(Extension):
    """Registers the filters above with cookiecutter's Jinja environment."""

    def __init__(self, environment):
        super().__init__(environment)
        environment.filters.update(
            toml=toml_string,
            py=python_string,
            docstring=docstring_text,
            yaml=yaml_string,
            distribution_name=distribution_name,
            import_name=import_name,
        )
