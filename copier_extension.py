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
import sys
from pathlib import Path

import yaml
from copier_template_extensions import ContextHook
from jinja2 import pass_context

TEMPLATE = Path(__file__).resolve().parent
SHARED_MODULES = ("answer_rules", "answer_formats")


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
        environment.globals.update(
            answer_problem=self.answer_problem, choice_problem=self.choice_problem, kept_problem=self.kept_problem
        )
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

    @pass_context
    def answer_problem(self, context, key: str) -> str:
        """Return what the rules that follow question `key` find wrong with the answers so far ('' if nothing)."""
        found = self.rules.problems(context["cookiecutter"], after=key)
        return self.refuse_given(context, key, context["cookiecutter"][key], found)

    @pass_context
    def choice_problem(self, context, key: str, value: object) -> str:
        """Return why choice `value` of question `key` does not fit the answers so far ('' if it does)."""
        found = self.rules.problems(context["cookiecutter"] | {key: value}, after=key)
        return self.refuse_given(context, key, value, found)

    @pass_context
    def kept_problem(self, context, key: str) -> str:
        """Return why question `key` cannot change through an update of this project ('' if it does not change)."""
        conf = context["_copier_conf"]
        record = Path(conf["dst_path"], conf["answers_file"])
        recorded = yaml.safe_load(record.read_text(encoding="utf-8")) if record.is_file() else {}
        found = self.rules.changed_kept_answers(recorded or {}, {key: context["cookiecutter"][key]})
        return self.refuse_given(context, key, context["cookiecutter"][key], found)

    @staticmethod
    def refuse_given(context, key: str, value: object, found: list) -> str:
        """Return the problems' messages, to ask again; but stop copier if `value` was given with `--data`.

        Copier shows a refused `--data` answer as a traceback: this says why and what to type instead,
        and exits before anything is written, as the cookiecutter route does.
        """
        data = context["_copier_conf"]["data"]
        if found and data.get(key) == value:
            fixes = " ".join(f"--data {name}={fix}" for problem in found for name, fix in problem.fix.items())
            lines = [
                *(f"ERROR: {problem.message}" for problem in found),
                f"Nothing was written. Run it again with {fixes}",
            ]
            print("\n".join(lines), file=sys.stderr)
            raise SystemExit(1)
        return " ".join(problem.message for problem in found)
