"""Cookiecutter's adapter: the sandbox, the shared filters registered, the answers checked as they are typed.

Cookiecutter loads it through `_extensions` in cookiecutter.json, in the user's interpreter: it imports
only the standard library, cookiecutter and jinja2, and the template's engine-free modules
(`answer_formats.py`, `answer_rules.py`, `releases.py`); importing it only defines what is below. CONTRIBUTING.md
says when each check runs, and why.
"""

from __future__ import annotations

import inspect
import json
import shlex
import sys
from pathlib import Path
from typing import NoReturn

from cookiecutter import prompt
from jinja2 import pass_context
from jinja2.ext import Extension
from jinja2.sandbox import ImmutableSandboxedEnvironment, safe_range

import answer_formats
import answer_rules
import releases


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
    """Refuse answers that break a rule, all at once, ending with how to make the project with them fixed."""
    found = answer_rules.problems(context["cookiecutter"])
    if found:
        _refuse_answers(context, found)
    return ""


@pass_context
def directory_name(context, slug: object) -> str:
    """Return the project's directory name once every answer passes: the last gate on every route.

    Cookiecutter renders this name before it writes anything or runs a hook, whatever route the
    answers took (a replay file skips the questions and their checks).

    `cruft update` renders in the project it updates, beside the answers it recorded (`.cruft.json`):
    an answer that no update can change (`answer_rules.KEPT`, such as the layout) is refused there too.
    """
    answers = context["cookiecutter"]
    found = answer_rules.problems(answers)
    update = _call_of("cruft._commands.update", "update")
    record = Path(update["project_dir"] if update else ".", ".cruft.json")
    if record.is_file():
        recorded = json.loads(record.read_text(encoding="utf-8")).get("context", {}).get("cookiecutter", {})
        found += answer_rules.kept_problems(record.parent, record, recorded, answers)
    if found:
        _refuse_answers(context, found)
    return str(slug)


@pass_context
def made_by(context) -> str:
    """Return which command renders the template now: `cookiecutter` or `cruft` for a person's project,
    `cruft update` for the render of the template's new commit that cruft compares with the old one,
    or '' for cruft's other renders.

    Cookiecutter's own bakes record `_output_dir`; `cruft create` is on the stack for its bake. Cruft
    renders the template again only to compare (update, diff, check): nothing to tailor there, and
    a git repository inside would break its diff.
    """
    if _call_of("cruft._commands.create", "create") is not None:
        return "cruft"
    if "_output_dir" in context["cookiecutter"]:
        return "cookiecutter"
    render = _call_of("cruft._commands.utils.generate", "cookiecutter_template") or {}
    updating = _call_of("cruft._commands.update", "update") is not None
    return "cruft update" if updating and render.get("update_deleted_paths") is False else ""


def cruft_updates_from() -> str:
    """Return the template commit that `cruft update` updates the project from (`.cruft.json`'s), or '' elsewhere."""
    update = _call_of("cruft._commands.update", "update") or {}
    return str(update.get("cruft_state", {}).get("commit", ""))


def _refuse_answers(context, found: list[answer_rules.Problem]) -> NoReturn:
    """Refuse the answers for the problems `found`, ending with how to make the project with them fixed.

    That keeps the answers given, however they came (those that differ from the default cookiecutter.json
    derives from the answers before them), each bad one fixed; a default derived from a bad one is derived again.
    """
    answers = context["cookiecutter"]
    defaults = json.loads(Path(__file__).with_name("cookiecutter.json").read_text(encoding="utf-8"))
    keys = [key for key in defaults if not key.startswith("_") and key in answers]
    given = {key: answers[key] for key in keys if answers[key] != _default(context, defaults[key])}
    derived = {key for key in keys if isinstance(defaults[key], str) and "{{" in defaults[key]}
    shown = [problem for problem in found if problem.key in given or problem.key not in derived] or found
    fixes = {key: value for problem in shown for key, value in problem.fix.items()}
    fixed = given | fixes
    if not all(problem.fix for problem in shown):
        _refuse([problem.message for problem in shown], "Fix the record as said, then run the same command again.")
    _refuse([problem.message for problem in shown], _rerun({key: fixed[key] for key in keys if key in fixed}, fixes))


def _refuse(messages: list[str], advice: str) -> NoReturn:
    """Print the messages and `advice` to stderr, then stop cookiecutter: no traceback, no file written."""
    print(
        "\n".join([*(f"ERROR: {message}" for message in messages), f"{_nothing_done()} {advice}"]),
        file=sys.stderr,
    )
    raise SystemExit(1)


def _nothing_done() -> str:
    """Return what a refusal leaves: no new project, or no change to the project that cruft updates."""
    return "Nothing was changed." if _call_of("cruft._commands.update", "update") else "No project was generated."


def _default(context, value: object) -> object:
    """Return the answer cookiecutter.json's `value` gives when none is given: a choice's first, text rendered."""
    if isinstance(value, list):
        return value[0]
    if isinstance(value, str):
        return context.environment.from_string(value).render(cookiecutter=context["cookiecutter"])
    return value


def _rerun(answers: dict[str, object], fixes: dict[str, object]) -> str:
    """Return how to make the project with `answers` (`fixes` among them): the command that started this run, as far as it is known."""
    again = "Run it again with the answers fixed:\n  "
    pairs = [f"{key}={_as_given(value)}" for key, value in answers.items()]
    extra = json.dumps({key: _as_given(value) for key, value in answers.items()}, ensure_ascii=False)
    run = _call_of("cookiecutter.main", "cookiecutter") or {}
    if "template" in run:
        options = _options(run, output="-o")
        program = answer_rules.started_as("cookiecutter")
        return again + shlex.join([*program, "--no-input", *options, str(run["template"]), *pairs])
    create = _call_of("cruft._commands.create", "create") or {}
    if "template_git_url" in create:
        options = _options(create, output="--output-dir")
        address = str(create["template_git_url"])
        program = answer_rules.started_as("cruft")
        return again + shlex.join([*program, "create", "--no-input", *options, "--extra-context", extra, address])
    update = _call_of("cruft._commands.update", "update")
    if update is not None:
        return again + shlex.join(_cruft_update(update, answers, fixes))
    if "cruft" in sys.modules:
        return (
            f"Run the same cruft command again with the answers fixed:\n  --extra-context {shlex.quote(extra)}\n"
            f"for cruft create, or for cruft update:\n  --variables-to-update {shlex.quote(extra)}"
        )
    return f"Run the same command again with --no-input and the answers fixed:\n  {shlex.join(pairs)}"


def _cruft_update(call: dict, answers: dict[str, object], fixes: dict[str, object]) -> list[str]:
    """Return the running `cruft update` `call` as a command, updating the variables it was given and the `fixes`."""
    switches = {"cookiecutter_input": "-i", "refresh_private_variables": "-r", "skip_apply_ask": "-y",
                "allow_untracked_files": "--allow-untracked-files"}  # fmt: skip
    command = [
        *answer_rules.started_as("cruft"),
        "update",
        *(flag for name, flag in switches.items() if call.get(name)),
    ]
    command += ["--not-strict"] * (call.get("strict") is False)
    for name in ("project_dir", "template_path", "checkout"):
        if call.get(name) not in (None, Path(".")):
            command += [f"--{name.replace('_', '-')}", str(call[name])]
    variables = {
        key: _as_given(value) for key, value in answers.items() if key in fixes or key in (call["extra_context"] or {})
    }
    return command + (["--variables-to-update", json.dumps(variables, ensure_ascii=False)] if variables else [])


def _options(call: dict, output: str) -> list[str]:
    """Return the options of the run `call` that make the same project: where, from what, with which config."""
    flags = {"output_dir": output, "checkout": "--checkout", "directory": "--directory", "config_file": "--config-file"}
    values = {flag: str(call[name]) for name, flag in flags.items() if call.get(name) is not None}
    return [part for flag, value in values.items() if value != "." for part in (flag, value)]


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
            made_by=made_by,
            cruft_updates_from=cruft_updates_from,
            template_directory=str(Path(__file__).parent),
        )
        for module in (__name__, answer_formats.__name__, answer_rules.__name__, releases.__name__):
            sys.modules.pop(module, None)
