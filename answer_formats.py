"""The filters that write answers into each format a project holds, shared by both engines.

Cookiecutter (`local_extensions.py`) and copier (`copier_extension.py`) register `FILTERS` and
`FUNCTIONS` with their Jinja environments. This module imports neither engine: only the standard
library, python-slugify (cookiecutter's own dependency; copier's command brings it),
`answer_rules.py` and `releases.py`. Importing it only defines what is below.
"""

from __future__ import annotations

import datetime
import json
import re
import unicodedata

from slugify import slugify

import answer_rules
import releases

_TOML_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}
_TOML_NEEDS_ESCAPE = re.compile(r'["\\\x00-\x1f\x7f]')


def toml_string(value: object) -> str:
    """Return `value` as a TOML basic string literal, quotes included (`"..."`)."""

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        return _TOML_ESCAPES.get(char, f"\\u{ord(char):04X}")

    return '"' + _TOML_NEEDS_ESCAPE.sub(escape, str(value)) + '"'


def toml_list(value: object) -> str:
    """Return `value` as a TOML array of strings: a list as it is, text split at commas (`a, b` -> `["a", "b"]`)."""
    items = value if isinstance(value, (list, tuple)) else str(value).split(",")
    return "[" + ", ".join(toml_string(str(item).strip()) for item in items if str(item).strip()) + "]"


def build_requires(build_system: dict, versioning: object) -> str:
    """Return an entry of `_build_systems`' requirements as a TOML array, with its git-tag plugin for `vcs`."""
    plugins = build_system.get("vcs", []) if versioning == "vcs" else []
    return toml_list([*build_system["requires"], *plugins])


def python_string(value: object) -> str:
    """Return `value` as a Python string literal, quotes included, preferring double quotes."""
    text = str(value)
    literal = repr(text)
    if literal.startswith("'") and '"' not in text:
        # Same escapes, other quotes: what `ruff format` would write.
        literal = '"' + literal[1:-1].replace("\\'", "'") + '"'
    return literal


# Lines that ruff's pydocstyle rules (D4xx) would read as a section header, such as "Examples".
_SECTION_NAMES = frozenset(
    {
        "args", "arguments", "attention", "attributes", "caution", "danger", "error", "example",
        "examples", "extended summary", "hint", "important", "keyword args", "keyword arguments",
        "methods", "note", "notes", "other args", "other arguments", "other params", "other parameters",
        "params", "parameters", "raise", "raises", "receives", "references", "return", "returns",
        "see also", "short summary", "tip", "todo", "warning", "warnings", "warns", "yield", "yields",
    }
)  # fmt: skip


def _escape(char: str) -> str:
    r"""Return `char` as a Python escape that ruff's D301 accepts (`\N{...}` or `\u....`)."""
    name = unicodedata.name(char, "")
    return f"\\N{{{name}}}" if name else f"\\u{ord(char):04x}"


def docstring_text(value: object) -> str:
    r"""Return `value` as text to place between triple double quotes, read back exactly as typed.

    Plain prose passes through unchanged. Anything a docstring cannot hold literally is written as
    a named or numbered Unicode escape (`\N{REVERSE SOLIDUS}`, `\u0009`), the only escapes ruff's
    D301 allows outside a raw string: backslashes, a quote next to another or at a line's end,
    control characters, whitespace `ruff format` would strip from a line's ends, and the first
    letter of a line that pydocstyle would take for a section header ("Examples").
    """
    out: list[str] = []
    for line in str(value).split("\n"):
        chars = []
        for index, char in enumerate(line):
            at_end = index in (0, len(line) - 1)
            if (
                char == "\\"
                or (char == '"' and (line[index + 1 : index + 2] in ('"', "") or line[index - 1 : index] == '"'))
                or unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp")
                or (char.isspace() and char != "\u3000" and at_end)
            ):
                chars.append(_escape(char))
            else:
                chars.append(char)
        if chars and " ".join(line.split()).rstrip(":").lower() in _SECTION_NAMES:
            chars[len(line) - len(line.lstrip())] = _escape(line.lstrip()[0])
        out.append("".join(chars))
    return "\n".join(out)


def json_text(value: object, indent: int = 2) -> str:
    """Return `value` as JSON with sorted keys, its text as typed (`Café`, not cookiecutter's `Caf\\u00e9`)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, indent=indent)


def one_line(value: object) -> str:
    """Return `value` with each line break made a space: core metadata headers hold one line."""
    return " ".join(str(value).splitlines())


def confusables(*values: object) -> list[str]:
    """Return the characters of `values` that ruff's RUF001-RUF003 may take for ASCII look-alikes.

    That is every non-ASCII character that is not a letter or mark (dashes, typographic quotes,
    signs, full-width forms, unusual spaces), and every non-ASCII letter in a word that also holds
    ASCII letters, unless it is an ASCII letter with an accent (`é`). The generated project lists
    them as `allowed-confusables`: they are the user's own text, quoted in its docstrings.
    """
    found: dict[str, None] = {}
    for word in " ".join(str(value) for value in values).split():
        mixed = any(char.isascii() and char.isalpha() for char in word)
        for char in word:
            if char.isascii():
                continue
            letter = unicodedata.category(char)[0] in "LM" and unicodedata.normalize("NFKC", char) == char
            accented_ascii = unicodedata.normalize("NFKD", char)[0].isascii()
            if not letter or (mixed and not accented_ascii):
                found[char] = None
    return sorted(found)


# One character of a JSON string as written: an escape sequence or a plain character.
_JSON_CHAR = re.compile(r"\\u[0-9a-fA-F]{4}|\\.|.", re.DOTALL)


def yaml_string(value: object, width: int = 80, indent: int = 2) -> str:
    """Return `value` as a YAML double-quoted scalar (JSON strings are valid YAML), folded to `width`.

    A longer scalar goes on lines of at most `width` characters, indented by `indent`, broken after
    a space where there is one; each line but the last ends in an escaped line break (`\\`), which
    YAML drops with the next line's indentation, and a space that would start a line is escaped
    (`\\ `), so every character typed stays. After a key of up to 18 characters, no line is longer
    than the 100 columns the project's yamllint allows.
    """
    quoted = json.dumps(str(value), ensure_ascii=False).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    lines: list[list[str]] = [[]]
    for char in _JSON_CHAR.findall(quoted):
        line = lines[-1]
        if sum(map(len, line)) + len(char) >= width:
            spaces = [i for i, c in enumerate(line) if c == " " and i > 0]
            cut = spaces[-1] + 1 if spaces else len(line)
            lines[-1], rest = [*line[:cut], "\\"], line[cut:]
            lines.append(rest or (["\\ "] if char == " " else []))
            if not rest and char == " ":
                continue
        lines[-1].append(char)
    return ("\n" + " " * indent).join(map("".join, lines))


# reStructuredText reads a backslash before any character as "this character, literally".
_RST_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_RST_DROPPED = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def rst_text(value: object) -> str:
    """Return `value` as reStructuredText inline text that shows exactly the characters typed.

    Every ASCII punctuation mark is backslash-escaped, so no `*`, `` ` ``, `_`, `|` or leading
    `-`, `#.` or `..` can start markup; runs of whitespace (newlines too) become one space, as
    reStructuredText would show them; other control characters, which it cannot show, are dropped.
    """
    text = " ".join(_RST_DROPPED.sub("", str(value)).split())
    return _RST_PUNCTUATION.sub(r"\\\1", text)


def rst_heading(value: object, underline: str = "=") -> str:
    """Return `value` as a reStructuredText title (or `Documentation`), underlined as wide as docutils counts it.

    East Asian wide characters take two columns, combining marks none.
    """
    title = rst_text(value) or "Documentation"
    width = sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in title)
    return f"{title}\n{underline * width}"


def distribution_name(value: object) -> str:
    """Derive the default distribution name from a project's name; slugify spells `漢字` as `han-zi`."""
    slug = slugify(str(value), max_length=answer_rules.MAX_DISTRIBUTION_NAME, word_boundary=True, save_order=True)
    return answer_rules.distribution_name(slug)


def import_name(value: object) -> str:
    """Derive the default import name from a distribution name (`cafe-tools` -> `cafe_tools`, `json` -> `py_json`)."""
    return answer_rules.import_name(slugify(str(value)))


def current_year() -> str:
    """Return this year in UTC, for copyright lines (cookiecutter's own `{% now %}` tag is not copier's)."""
    return str(datetime.datetime.now(datetime.timezone.utc).year)


# What the template's files call each filter and function.
FILTERS = {
    "toml": toml_string,
    "toml_list": toml_list,
    "build_requires": build_requires,
    "py": python_string,
    "docstring": docstring_text,
    "yaml": yaml_string,
    "json": json_text,
    "one_line": one_line,
    "confusables": confusables,
    "rst": rst_text,
    "rst_heading": rst_heading,
    "distribution_name": distribution_name,
    "import_name": import_name,
}
FUNCTIONS = {"current_year": current_year, "template_version": releases.version}
