"""Copier's adapter: the template tree renders as it does under cookiecutter, and the same rules check the answers.

Copier loads this file through copier-template-extensions (`_jinja_extensions` in copier.yml). Its
environment gets what cookiecutter's has: the shared filters (`answer_formats.py`), the answers as
`cookiecutter.*` with cookiecutter.json's private values derived from them by the same expressions,
and `templates/` to include from. The questions' validators call `answer_rules.py` through
`answer_problem()` and `choice_problem()`. Importing it only defines what is below.
"""

from __future__ import annotations

import importlib
import json
import shlex
import sys
from pathlib import Path
from typing import NoReturn

import yaml
from copier_template_extensions import ContextHook
from jinja2 import pass_context

TEMPLATE = Path(__file__).resolve().parent
SHARED_MODULES = ("answer_rules", "releases", "answer_formats")


def import_shared_modules() -> dict:
    """Import the engine-free modules from beside this file, afresh.

    Copier puts no template on `sys.path`, and `copier update` renders two commits of the template in
    one process: each must use its own files, so they are forgotten once imported.
    """
    sys.path.insert(0, str(TEMPLATE))
    try:
        return {name: importlib.import_module(name) for name in SHARED_MODULES}
    finally:
        sys.path.remove(str(TEMPLATE))
        for name in SHARED_MODULES:
            sys.modules.pop(name, None)


class CookiecutterAnswers(ContextHook):
    """Gives copier's environment the filters, the `cookiecutter` namespace and the answer checks."""

    def __init__(self, environment) -> None:
        super().__init__(environment)
        modules = import_shared_modules()
        self.rules = modules["answer_rules"]
        variables = json.loads((TEMPLATE / "cookiecutter.json").read_text(encoding="utf-8"))
        self.questions = [key for key in variables if not key.startswith("_")]
        # The data cookiecutter.json keeps for the files (`_build_systems`, ...), and the values it derives.
        self.data = {key: value for key, value in variables.items() if key.startswith("_") and not key.startswith("__")}
        environment.filters.update(modules["answer_formats"].FILTERS)
        environment.globals.update(modules["answer_formats"].FUNCTIONS)
        environment.globals.update(answer_problem=self.answer_problem, choice_problem=self.choice_problem)
        # The task's argument: copier renders the project's path as given, relative to where it runs.
        environment.filters["absolute"] = lambda path: str(Path(path).absolute())
        environment.loader.searchpath.append(str(TEMPLATE / "templates"))
        self.derived = {
            key: source
            for key, source in variables.items()
            if key.startswith("__") and not key.startswith(("__checked", "__prompts__"))
        }

    def hook(self, context: dict) -> None:
        """Add `cookiecutter`: the answers so far, the template's data, and once all are answered, the derived values."""
        answers = {key: context[key] for key in self.questions if key in context}
        namespace = answers | self.data
        if len(answers) == len(self.questions):
            for key, source in self.derived.items():
                namespace[key] = self.environment.from_string(source).render(cookiecutter=namespace)
        context["cookiecutter"] = namespace
        if "_copier_conf" in context and all(key in answers for key in self.rules.KEPT):
            # The last gate, whatever route the answers took, before a question is asked or a file written:
            # copier drops a recorded answer that its question now refuses and takes the default instead.
            found = self.kept_problems(context, answers)
            if found:
                self.refuse(found)

    @pass_context
    def answer_problem(self, context, key: str) -> str:
        """Return what the rules that follow question `key` find wrong with the answers so far ('' if nothing)."""
        return self.choice_problem(context, key, context["cookiecutter"][key])

    @pass_context
    def choice_problem(self, context, key: str, value: object) -> str:
        """Return why `value` for question `key` does not fit the answers so far ('' if it does).

        In a project that exists (an update, a recopy), an answer of `answer_rules.KEPT` must stay as it is:
        a select question shows the other choices disabled with the reason, since copier runs no
        question-level validator there.
        """
        answers = context["cookiecutter"] | {key: value}
        found = self.rules.problems(answers, after=key) + self.kept_problems(context, {key: value})
        return self.refuse_given(context, key, value, found)

    def kept_problems(self, context, answers: dict) -> list:
        """Return what `answers` would change of the `KEPT` answers of the project copier writes into, if it exists."""
        conf = context["_copier_conf"]
        record = Path(conf["dst_path"], conf["answers_file"])
        if not record.is_file():
            return []
        recorded = yaml.safe_load(record.read_text(encoding="utf-8")) or {}
        return self.rules.kept_problems(Path(conf["dst_path"]), record, recorded, answers)

    def refuse_given(self, context, key: str, value: object, found: list) -> str:
        """Return the problems' messages, to ask again; but stop copier if `value` was given with `--data`.

        Copier shows a refused `--data` answer as a traceback: this says why and prints the command
        to run instead, and exits before anything is written, as the cookiecutter route does.
        """
        data = context["_copier_conf"]["data"]
        if found and data.get(key) == value:
            self.refuse(found)
        return " ".join(problem.message for problem in found)

    def refuse(self, found: list) -> NoReturn:
        """Print the problems and the copier command that runs again with their fixes, then stop: nothing is changed."""
        lines = [f"ERROR: {problem.message}" for problem in found]
        if all(problem.fix for problem in found):
            fixes = {name: fix for problem in found for name, fix in problem.fix.items()}
            command = rerun(self.rules.started_as("copier", self.rules.COPIER_WITH), sys.argv[1:], fixes)
            lines += ["Nothing was changed. Run it again with the answers fixed:", f"  {shlex.join(command)}"]
        else:
            lines += ["Nothing was changed. Fix the record as said, then run the same command again."]
        print("\n".join(lines), file=sys.stderr)
        raise SystemExit(1)


def rerun(program: list[str], arguments: list[str], fixes: dict) -> list[str]:
    """Return `program` with the copier `arguments` it ran with, each `--data` that `fixes` replace left out, and theirs.

    The fixes follow the subcommand (`copy`, `recopy`, `update`).
    """
    kept, args = [], iter(arguments)
    for arg in args:
        if arg in ("-d", "--data"):
            pair = next(args, "")
        elif arg.startswith("--data="):
            pair = arg.removeprefix("--data=")
        else:
            kept.append(arg)
            continue
        if pair.partition("=")[0] not in fixes:
            kept += ["--data", pair]
    given = [part for name, fix in fixes.items() for part in ("--data", f"{name}={fix}")]
    at = next((i + 1 for i, arg in enumerate(kept) if arg in ("copy", "recopy", "update")), 0)
    return [*program, *kept[:at], *given, *kept[at:]]
