"""Cookiecutter's adapter: the sandbox, the shared filters registered, the answers checked as they are typed.

Cookiecutter loads it through `_extensions` in cookiecutter.json, in the user's interpreter: it imports
only the standard library, cookiecutter and jinja2, and the template's engine-free modules
(`answer_formats.py`, `answer_rules.py`); importing it only defines what is below. CONTRIBUTING.md
says when each check runs, and why.
"""

from __future__ import annotations

import json
import shlex
import shutil
import sys
from pathlib import Path

from cookiecutter import prompt
from cookiecutter.main import cookiecutter as cookiecutter_main
from jinja2 import pass_context
from jinja2.ext import Extension
from jinja2.sandbox import ImmutableSandboxedEnvironment, safe_range

import answer_formats
import answer_rules


def _call_of(function) -> dict | None:
    """Return the variables of the innermost call of `function` on the stack (`no_input` lives only there)."""
    frame = sys._getframe(1)
    while frame is not None and frame.f_code is not function.__code__:
        frame = frame.f_back
    return frame.f_locals if frame is not None else None


@pass_context
def check_answer(context, key: str) -> str:
    """Run the rules that follow question `key`; while one fails, say why and ask the question again.

    Only when a person is answering: cookiecutter may ask (no `--no-input`) and stdin is a terminal.
    """
    answers = context["cookiecutter"]
    asking = _call_of(prompt.prompt_for_config)
    if asking is None or asking["no_input"] or not (sys.stdin and sys.stdin.isatty()) or key not in answers:
        return ""
    while found := answer_rules.problems(answers, after=key):
        for problem in found:
            print(f"  Not accepted: {problem.message}")
        raw = asking["context"]["cookiecutter"][key]
        if isinstance(raw, list):
            # Only the choices that pass, the fix first: it is the default that Enter takes.
            fits = [value for value in raw if not answer_rules.problems(answers | {key: value}, after=key)]
            choices = sorted(fits, key=lambda value: value != found[0].fix.get(key))
            answers[key] = prompt.read_user_choice(key, choices, asking["prompts"], "  ")
        else:
            default = found[0].fix.get(key, answers[key])
            answers[key] = prompt.read_user_variable(key, default, asking["prompts"], "  ")
    return ""


@pass_context
def check_answers(context) -> str:
    """Refuse answers that break a rule, all at once, ending with a command that bakes the project.

    It keeps the answers given (raw value not the default), fixed; a default derived from a bad one is derived again.
    """
    answers = context["cookiecutter"]
    found = answer_rules.problems(answers)
    if found:
        defaults = json.loads(Path(__file__).with_name("cookiecutter.json").read_text(encoding="utf-8"))
        raw = _call_of(prompt.prompt_for_config)["context"]["cookiecutter"]
        first = {key: _first(value) for key, value in raw.items()}
        given = {key: first[key] for key in answers if key in defaults and first[key] != _first(defaults[key])}
        derived = {key for key, value in defaults.items() if isinstance(value, str) and "{{" in value}
        shown = [problem for problem in found if problem.key in given or problem.key not in derived] or found
        fixed = given | {key: value for problem in shown for key, value in problem.fix.items()}
        pairs = [f"{key}={_as_given(fixed[key])}" for key in defaults if key in fixed and not key.startswith("_")]
        command = shlex.join([*_cookiecutter_command(), *pairs])
        _refuse([problem.message for problem in shown], f"Run it again with the answers fixed:\n  {command}")
    return ""


@pass_context
def directory_name(context, slug: object) -> str:
    """Return the project's directory name once every answer passes: a replay file skips the questions.

    `cruft update` runs in the project it updates, beside the answers it recorded (`.cruft.json`): an
    answer that no update can change (`answer_rules.KEPT`, such as the layout) is refused there too.
    """
    answers = context["cookiecutter"]
    found = answer_rules.problems(answers)
    record = Path(".cruft.json")
    if record.is_file():
        recorded = json.loads(record.read_text(encoding="utf-8")).get("context", {}).get("cookiecutter", {})
        found += answer_rules.changed_kept_answers(recorded, answers)
    if found:
        _refuse([problem.message for problem in found], "Fix them in the replay file or the update, then run again.")
    return str(slug)


def _refuse(messages: list[str], advice: str) -> None:
    """Print the messages and `advice` to stderr, then stop cookiecutter: no traceback, no file written."""
    print(
        "\n".join([*(f"ERROR: {message}" for message in messages), f"No project was generated. {advice}"]),
        file=sys.stderr,
    )
    raise SystemExit(1)


def _cookiecutter_command() -> list[str]:
    """Return the command line that bakes this template again, with the run's output directory, if known."""
    program = ["cookiecutter"] if shutil.which("cookiecutter") else ["uvx", "cookiecutter"]
    run = _call_of(cookiecutter_main)
    if run is None:  # cruft, or another caller of cookiecutter's functions
        return [*program, "--no-input", str(Path(__file__).parent)]
    output = ["-o", str(run["output_dir"])] if str(run["output_dir"]) != "." else []
    return [*program, "--no-input", *output, str(run["template"])]


def _first(value: object) -> object:
    """Return a choice's default (its first value), or `value` itself."""
    return value[0] if isinstance(value, list) else value


def _as_given(value: object) -> str:
    """Return `value` as `--no-input key=value` takes it (`yes` and `no` for booleans)."""
    return {True: "yes", False: "no"}[value] if isinstance(value, bool) else str(value)


class AnswerSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, whose refusal stops the bake at once and names the answer (SECURITY.md).

    Plain Jinja passes; attributes that start with `_`, functions' internals and methods that change data do not.
    """

    def unsafe_undefined(self, obj: object, attribute: str):
        """Refuse at once, instead of returning an undefined value that fails only where it is used."""
        call = _call_of(prompt.prompt_for_config)
        named = f"{call['key']} {call['raw']!r}" if call else "an answer"
        reason = (
            f"{named} reaches into Python's internals (attribute {attribute!r} of an object of type "
            f"{type(obj).__name__}), which no answer may. Give plain text, or Jinja that only uses "
            "other answers and filters, e.g. {{ cookiecutter.project_name | lower }}."
        )
        _refuse([reason], "")


class FormatFilters(Extension):
    """Sandboxes cookiecutter's Jinja environment and registers the shared filters and the checks above with it.

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
        environment.filters.update(answer_formats.FILTERS)
        environment.globals.update(answer_formats.FUNCTIONS)
        environment.globals.update(
            check_answer=check_answer,
            check_answers=check_answers,
            directory_name=directory_name,
            template_directory=str(Path(__file__).parent),
        )
        for module in (__name__, answer_formats.__name__, answer_rules.__name__):
            sys.modules.pop(module, None)
