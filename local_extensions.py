"""The template's Jinja extension: the sandbox, the filters that write answers safely, the answer checks.

Cookiecutter loads it through `_extensions` in cookiecutter.json, in the user's interpreter: it imports
only the standard library, what cookiecutter depends on (jinja2, slugify) and `answer_rules.py`, and
importing it only defines what is below. CONTRIBUTING.md says when each check runs, and why.
"""

from __future__ import annotations

import inspect
import json
import os
import re
import shlex
import shutil
import sys
import unicodedata
from pathlib import Path

from cookiecutter import prompt
from jinja2 import pass_context
from jinja2.ext import Extension
from jinja2.sandbox import ImmutableSandboxedEnvironment, safe_range
from slugify import slugify

import answer_rules

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


def _call_of(module: str, name: str) -> dict | None:
    """Return the variables of the innermost running call of the function `name` of `module`, or None.

    None also when that module is not loaded or has no such function (another release, another
    program): every caller then does without what it would have read.
    """
    code = getattr(inspect.unwrap(getattr(sys.modules.get(module), name, None)), "__code__", None)
    frame = sys._getframe(1)
    while frame is not None and frame.f_code is not code:
        frame = frame.f_back
    return frame.f_locals if frame is not None else None


def _questions() -> tuple[dict, dict] | None:
    """Return the questions cookiecutter asks (their raw values) and its prompts, when a person answers them.

    None under `--no-input`, when stdin is not a terminal (a pipe cannot answer a question it did not
    expect), and when cookiecutter's `prompt_for_config` is not on the stack with the variables read here.
    """
    call = _call_of("cookiecutter.prompt", "prompt_for_config")
    try:
        no_input, questions, prompts = call["no_input"], call["context"]["cookiecutter"], call["prompts"]
    except (KeyError, TypeError):
        return None
    if no_input or not (sys.stdin and sys.stdin.isatty()) or not isinstance(questions, dict):
        return None
    return questions, prompts


@pass_context
def check_answer(context, key: str) -> str:
    """Run the rules that follow question `key`; while one fails, say why and ask the question again.

    Only when a person is answering (`_questions`). The question keeps its `[n/N]` place, numbered
    as cookiecutter's `prompt_for_config` numbers them (the visible questions, those of a dict last).
    """
    answers, asking = context["cookiecutter"], _questions()
    if asking is None or key not in answers or key not in asking[0]:
        return ""
    questions, prompts = asking
    raw = questions[key]
    visible = [name for name in questions if not name.startswith("_")]
    numbered = [name for name in visible if not isinstance(questions[name], dict)]
    prefix = f"  [dim][{numbered.index(key) + 1}/{len(visible)}][/] "
    while found := answer_rules.problems(answers, after=key):
        for problem in found:
            print(f"  Not accepted: {problem.message}")
        if isinstance(raw, list):
            # Only the choices that pass, the fix first: it is the default that Enter takes.
            fits = [value for value in raw if not answer_rules.problems(answers | {key: value}, after=key)]
            choices = sorted(fits, key=lambda value: value != found[0].fix.get(key))
            answers[key] = prompt.read_user_choice(key, choices, prompts, prefix)
            continue
        default = found[0].fix.get(key, answers[key])
        if not str(answers[key]).strip():
            # Nothing given: offer what cookiecutter offered at first, the template's own default, if it passes.
            offered = context.environment.from_string(str(raw)).render(cookiecutter=answers)
            default = default if answer_rules.problems(answers | {key: offered}, after=key) else offered
        answers[key] = prompt.read_user_variable(key, default, prompts, prefix)
    return ""


@pass_context
def check_answers(context) -> str:
    """Refuse answers that break a rule, all at once, ending with how to make the project with them fixed.

    That keeps the answers given, however they came (those that differ from the default cookiecutter.json
    derives from the answers before them), each bad one fixed; a default derived from a bad one is derived again.
    """
    answers = context["cookiecutter"]
    found = answer_rules.problems(answers)
    if found:
        defaults = json.loads(Path(__file__).with_name("cookiecutter.json").read_text(encoding="utf-8"))
        keys = [key for key in defaults if not key.startswith("_") and key in answers]
        given = {key: answers[key] for key in keys if answers[key] != _default(context, defaults[key])}
        derived = {key for key in keys if isinstance(defaults[key], str) and "{{" in defaults[key]}
        shown = [problem for problem in found if problem.key in given or problem.key not in derived] or found
        fixed = given | {key: value for problem in shown for key, value in problem.fix.items()}
        _refuse([problem.message for problem in shown], _rerun({key: fixed[key] for key in keys if key in fixed}))
    return ""


@pass_context
def directory_name(context, slug: object) -> str:
    """Return the project's directory name once every answer passes: a replay file skips the questions."""
    found = answer_rules.problems(context["cookiecutter"])
    if found:
        _refuse([problem.message for problem in found], "Fix them in the replay file, then run again.")
    return str(slug)


def _refuse(messages: list[str], advice: str) -> None:
    """Print the messages and `advice` to stderr, then stop cookiecutter: no traceback, no file written."""
    print(
        "\n".join([*(f"ERROR: {message}" for message in messages), f"No project was generated. {advice}"]),
        file=sys.stderr,
    )
    raise SystemExit(1)


def _default(context, value: object) -> object:
    """Return the answer cookiecutter.json's `value` gives when none is given: a choice's first, text rendered."""
    if isinstance(value, list):
        return value[0]
    if isinstance(value, str):
        return context.environment.from_string(value).render(cookiecutter=context["cookiecutter"])
    return value


def _rerun(answers: dict[str, object]) -> str:
    """Return how to make the project with `answers`: the command that started this run, as far as it is known."""
    again = "Run it again with the answers fixed:\n  "
    pairs = [f"{key}={_as_given(value)}" for key, value in answers.items()]
    extra = json.dumps({key: _as_given(value) for key, value in answers.items()}, ensure_ascii=False)
    run = _call_of("cookiecutter.main", "cookiecutter") or {}
    if "template" in run:
        options = _options(run, output="-o")
        return again + shlex.join([*_cookiecutter_program(), "--no-input", *options, str(run["template"]), *pairs])
    create = _call_of("cruft._commands.create", "create") or {}
    if "template_git_url" in create:
        options = _options(create, output="--output-dir")
        address = str(create["template_git_url"])
        return again + shlex.join(["cruft", "create", "--no-input", *options, "--extra-context", extra, address])
    if _call_of("cruft._commands.update", "update") is not None:
        return f"Run the same cruft update again with the answers fixed:\n  --variables-to-update {shlex.quote(extra)}"
    if "cruft" in sys.modules:
        return (
            f"Run the same cruft command again with the answers fixed:\n  --extra-context {shlex.quote(extra)}\n"
            f"for cruft create, or for cruft update:\n  --variables-to-update {shlex.quote(extra)}"
        )
    return f"Run the same command again with --no-input and the answers fixed:\n  {shlex.join(pairs)}"


def _options(call: dict, output: str) -> list[str]:
    """Return the options of the run `call` that make the same project: where, from what, with which config."""
    flags = {"output_dir": output, "checkout": "--checkout", "directory": "--directory", "config_file": "--config-file"}
    values = {flag: str(call[name]) for name, flag in flags.items() if call.get(name) is not None}
    return [part for flag, value in values.items() if value != "." for part in (flag, value)]


def _cookiecutter_program() -> list[str]:
    """Return the command that started cookiecutter, as the user's shell can run it again."""
    script = Path(sys.argv[0])
    if script.stem != "cookiecutter":  # `python -m cookiecutter`, the Python API, pytest-cookies
        return ["cookiecutter"] if shutil.which("cookiecutter") else [sys.executable, "-m", "cookiecutter"]
    if any((parent / "CACHEDIR.TAG").is_file() for parent in Path(sys.prefix).parents):
        return ["uvx", "cookiecutter"]  # an environment inside uv's cache: `uvx` made it for this run
    venv = os.environ.get("VIRTUAL_ENV")
    if os.environ.get("UV") and venv and Path(venv).resolve() == Path(sys.prefix).resolve():
        return ["uv", "run", "cookiecutter"]  # `uv run` (which sets both) in a project that has cookiecutter
    on_path = shutil.which(script.name)
    return [script.stem] if on_path and Path(on_path).resolve() == script.resolve() else [str(script)]


def _as_given(value: object) -> str:
    """Return `value` as `--no-input key=value` gives it: `yes`/`no`, or text whose Jinja renders to itself.

    Cookiecutter renders given answers as Jinja: text that could open a tag goes between `{% raw %}`
    and `{% endraw %}`, or, if it holds `endraw` itself, has each `{` written `{{ "{" }}`.
    """
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = str(value)
    if not any(opener in text for opener in ("{{", "{%", "{#")):
        return text
    return "{% raw %}" + text + "{% endraw %}" if "endraw" not in text else text.replace("{", '{{ "{" }}')


class AnswerSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, whose refusal stops the bake at once and names the answer (SECURITY.md).

    Plain Jinja passes; attributes that start with `_`, functions' internals and methods that change data do not.
    """

    def unsafe_undefined(self, obj: object, attribute: str):
        """Refuse at once, instead of returning an undefined value that fails only where it is used."""
        call = _call_of("cookiecutter.prompt", "prompt_for_config") or {}
        named = f"{call['key']} {call['raw']!r}" if {"key", "raw"} <= call.keys() else "an answer"
        reason = (
            f"{named} reaches into Python's internals (attribute {attribute!r} of an object of type "
            f"{type(obj).__name__}), which no answer may. Give plain text, or Jinja that only uses "
            "other answers and filters, e.g. {{ cookiecutter.project_name | lower }}."
        )
        _refuse([reason], "")


class FormatFilters(Extension):
    """Sandboxes cookiecutter's Jinja environment and registers the filters and checks above with it.

    `cruft update` renders two commits in one process (cruft issue #253): forgetting the modules
    once loaded makes the next environment import the files as they are then.
    """

    def __init__(self, environment) -> None:
        super().__init__(environment)
        # Every template of the bake renders in the sandbox, set up as `SandboxedEnvironment.__init__` does.
        environment.__class__ = type(f"Sandboxed{type(environment).__name__}", (AnswerSandbox, type(environment)), {})
        environment.globals["range"] = safe_range
        environment.binop_table = AnswerSandbox.default_binop_table.copy()
        environment.unop_table = AnswerSandbox.default_unop_table.copy()
        environment.filters.update(
            toml=toml_string,
            toml_list=toml_list,
            build_requires=build_requires,
            py=python_string,
            docstring=docstring_text,
            yaml=yaml_string,
            json=json_text,
            one_line=one_line,
            confusables=confusables,
            rst=rst_text,
            rst_heading=rst_heading,
            distribution_name=distribution_name,
            import_name=import_name,
        )
        environment.globals.update(
            check_answer=check_answer,
            check_answers=check_answers,
            directory_name=directory_name,
            template_directory=str(Path(__file__).parent),
        )
        sys.modules.pop(__name__, None)
        sys.modules.pop(answer_rules.__name__, None)
