"""Jinja filters that turn a user's free text into safe source text for each target format.

Cookiecutter loads this module through `_extensions` in cookiecutter.json. Every answer a user
types reaches a generated file through one of these filters, so a quote, a backslash, a newline
or an emoji can never break the TOML, Python, YAML or reStructuredText it lands in, and is kept
exactly as typed.
It imports only the standard library and what cookiecutter itself depends on (jinja2, slugify):
cookiecutter loads it in the user's interpreter on every bake.
"""

from __future__ import annotations

import atexit
import hashlib
import importlib.util
import json
import marshal
import os
import re
import sys
import unicodedata
from pathlib import Path

import jinja2
from jinja2.ext import Extension
from slugify import slugify


def _load_checks():
    """Import the pre-generation hook (unrendered, as data-free Python) for its checks."""
    spec = importlib.util.spec_from_file_location(
        "_pre_gen_checks", Path(__file__).parent / "hooks" / "pre_gen_project.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# The rules the pre-generation hook enforces: the default names below are derived to pass them.
CHECKS = _load_checks()

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


def toml_list(value: object) -> str:
    """Return `value` as a TOML array of strings: a list as it is, text split at commas.

    `["click>=8.1"]` -> `["click>=8.1"]`; `"cli, greeting"` -> `["cli", "greeting"]`.
    """
    items = value if isinstance(value, (list, tuple)) else str(value).split(",")
    return "[" + ", ".join(toml_string(str(item).strip()) for item in items if str(item).strip()) + "]"


def build_requires(build_system: dict, versioning: object) -> str:
    """Return a backend's `build-system.requires` as a TOML array, with its git-tag plugin for `vcs`.

    `build_system` is an entry of `_build_systems` in cookiecutter.json. A backend without a plugin
    gets its plain requirements; the pre-generation hook refuses that pair with a message.
    """
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
    """Return `value` as a reStructuredText section title: the escaped text, then its underline.

    The underline is as wide as the title's columns (East Asian wide characters take two), as
    docutils requires; an empty title becomes `Documentation`.
    """
    title = rst_text(value) or "Documentation"
    width = sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in title)
    return f"{title}\n{underline * width}"


def distribution_name(value: object) -> str:
    """Derive a distribution name from a human project name (`Café Tools!` -> `cafe-tools`).

    The result always passes the pre-generation checks: ASCII, cut at a word boundary to the
    length limit, and `my-project` when nothing usable is left (an emoji-only name).
    """
    slug = slugify(str(value), max_length=CHECKS.MAX_DISTRIBUTION_NAME, word_boundary=True, save_order=True)
    return _first_valid(CHECKS.check_project_slug, slug, f"py-{slug}", "my-project")


def import_name(value: object) -> str:
    """Derive a usable Python import name from a distribution name (`cafe-tools` -> `cafe_tools`).

    The result always passes the pre-generation checks: a name that would start with a digit, be a
    keyword, or shadow a standard-library module or the project's own files or tools gets a `py_`
    prefix (`3d-tools` -> `py_3d_tools`, `json` -> `py_json`); a long one is cut at an underscore.
    """
    name = re.sub(r"[^a-z0-9]+", "_", slugify(str(value)).lower()).strip("_")
    return _first_valid(
        CHECKS.check_package_name,
        _cut(name, "_", CHECKS.MAX_PACKAGE_NAME),
        _cut(f"py_{name}", "_", CHECKS.MAX_PACKAGE_NAME),
        "my_project",
    )


def _cut(name: str, separator: str, limit: int) -> str:
    """Return `name` cut to at most `limit` characters, at the last `separator` if there is one."""
    if len(name) <= limit:
        return name
    head = name[: limit + 1]
    return (head.rsplit(separator, 1)[0] if separator in head.strip(separator) else head[:limit]).rstrip(separator)


def _first_valid(check, *candidates: str) -> str:
    """Return the first candidate `check` accepts (the last one always is)."""
    return next(candidate for candidate in candidates if check(candidate) is None)


def directory_name(value: object) -> str:
    """Return `value` when it is a valid distribution name, else a harmless stand-in.

    The new project's directory is named with this: cookiecutter creates that directory before the
    pre-generation hook can refuse the answer, so a slug such as `../x` or `/tmp/x` must never
    reach the file system as a path. A refused slug gets a single-component stand-in name, which
    cookiecutter deletes again when the hook fails. It is a Jinja function there, not a filter:
    a `|` in a path cannot be checked out on Windows.
    """
    text = str(value)
    if CHECKS.check_project_slug(text) is None:
        return text
    return "refused-project-slug-" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]


# What this file held when Python imported it; see `FormatFilters`.
_IMPORTED_SOURCE = Path(__file__).read_bytes()


class FormatFilters(Extension):
    """Registers the filters above with cookiecutter's Jinja environment.

    `cruft update` renders two commits of the template from one checkout in one process, so Python
    imports this file once, at the older commit, and the newer commit would get the older filters
    (cruft issue #253). So when the file has changed since, it runs again in this module first, as
    `importlib.reload` would, and its newer class does the work. Listed first in `_extensions`, it
    also makes extension classes the newer file adds importable.
    """

    def __init__(self, environment):
        super().__init__(environment)
        source = Path(__file__).read_bytes()
        if source != _IMPORTED_SOURCE:
            exec(compile(source, __file__, "exec"), globals())  # noqa: S102 - this file, newer
            FormatFilters(environment)
            return
        environment.filters.update(
            toml=toml_string,
            toml_list=toml_list,
            build_requires=build_requires,
            py=python_string,
            docstring=docstring_text,
            yaml=yaml_string,
            one_line=one_line,
            confusables=confusables,
            rst=rst_text,
            rst_heading=rst_heading,
            distribution_name=distribution_name,
            import_name=import_name,
            # Also a filter: older commits name their directory with it, and `cruft update` renders them.
            directory_name=directory_name,
        )
        environment.globals.update(directory_name=directory_name)


def _compiled_templates_file() -> Path | None:
    """Return where compiled templates are kept: Jinja's own bytecode-cache directory, or None.

    That is `_jinja2-cache-<uid>/` in the temp directory, which Jinja creates readable by this user
    only and refuses to use otherwise (on Windows, the per-user temp directory itself). Compiled code
    is only valid for this Jinja and this Python, so both name the file.
    """
    try:
        directory = jinja2.FileSystemBytecodeCache().directory
    except (OSError, RuntimeError):  # no safe directory: compile every time, as without this cache
        return None
    return Path(directory) / f"cookiecutter-pylayout-jinja{jinja2.__version__}-{sys.implementation.cache_tag}.marshal"


def _load_compiled(path: Path | None) -> dict:
    """Return the compiled templates a previous bake kept in `path`; an unreadable file keeps none."""
    try:
        compiled = marshal.loads(path.read_bytes()) if path else {}
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return compiled if isinstance(compiled, dict) else {}


_COMPILED_FILE = _compiled_templates_file()
# (syntax, name, filename, source) -> code object: what earlier bakes compiled, and what this one did.
_COMPILED = _load_compiled(_COMPILED_FILE)
_USED: dict = {}
_KEEP_AT_MOST = 4


@atexit.register
def _keep_compiled() -> None:
    """Add what this process compiled to the file, replacing it whole; older copies of a file are dropped.

    Entries from earlier bakes stay (another layout's files, say), unless this bake compiled another
    text for the same template file; if the file holds more than `_KEEP_AT_MOST` times what this bake
    used, only this bake's entries stay, so edits to the template never make it grow for good.
    """
    if _COMPILED_FILE is None or _USED.keys() <= _COMPILED.keys():
        return
    compiled_now = {key[1:3] for key in _USED if key[1] is not None}
    kept = {key: code for key, code in _COMPILED.items() if key[1:3] not in compiled_now} | _USED
    if len(kept) > _KEEP_AT_MOST * len(_USED):
        kept = _USED
    partial = _COMPILED_FILE.with_name(f"{_COMPILED_FILE.name}.{os.getpid()}")
    try:
        partial.write_bytes(marshal.dumps(kept))
        os.replace(partial, _COMPILED_FILE)
    except OSError:
        partial.unlink(missing_ok=True)


def _syntax(environment: jinja2.Environment) -> tuple:
    """Return what, besides its text, a template's compiled code depends on in `environment`."""
    return (
        environment.block_start_string, environment.block_end_string,
        environment.variable_start_string, environment.variable_end_string,
        environment.comment_start_string, environment.comment_end_string,
        environment.line_statement_prefix, environment.line_comment_prefix,
        environment.trim_blocks, environment.lstrip_blocks,
        environment.newline_sequence, environment.keep_trailing_newline,
        environment.optimized, environment.is_async, repr(environment.finalize),
        tuple(sorted(environment.extensions)),
    )  # fmt: skip


class CompiledTemplates(Extension):
    """Keeps each template's compiled code from one bake to the next, as Python keeps `.pyc` files.

    Jinja compiles every template it renders, and a bake renders about 130: each file of the project,
    each file and directory name, each default answer and each choice. Compiling is most of a bake's
    own time, and its result depends only on the template's text and the environment's syntax, so
    this keeps the code of what a bake compiled in one file (see `_compiled_templates_file`) and the
    next bake reuses it. The text is part of the key, so an edited template compiles again; the file
    stays small (see `_keep_compiled`); deleting it costs one slower bake.
    """

    def __init__(self, environment: jinja2.Environment) -> None:
        super().__init__(environment)
        compile_source = environment.compile

        def compile(source, name=None, filename=None, raw=False, defer_init=False):
            # Raw source (Python text, not code) is not kept, nor absolute paths: cookiecutter renders
            # each directory's full path in the output directory, which differs from bake to bake.
            if raw or defer_init or not isinstance(source, str) or os.path.isabs(source):
                return compile_source(source, name, filename, raw, defer_init)
            # The environment is complete by the first compile (not yet while it loads extensions).
            key = (_syntax(environment), name, filename, source)
            code = _COMPILED.get(key) or compile_source(source, name, filename)
            _USED[key] = code
            return code

        environment.compile = compile
