"""Write copier.yml from cookiecutter.json: one list of questions for both engines.

    uv run scripts/copier_yml.py            # rewrite copier.yml
    uv run scripts/copier_yml.py --check    # exit 1 if copier.yml is not what it would write

Each visible variable of cookiecutter.json becomes a question with the same default, choices and
prompt text (`__prompts__`), checked by the same rules (`answer_rules.py`, through copier_extension.py).
Copier asks only what applies: `versioning` only with a backend that reads versions from git tags.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import yaml

TEMPLATE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TEMPLATE))
import answer_rules

VARIABLES = json.loads((TEMPLATE / "cookiecutter.json").read_text(encoding="utf-8"))
(TREE,) = (path.name for path in TEMPLATE.iterdir() if path.is_dir() and "cookiecutter.project_slug" in path.name)
# When copier asks a question; a question not asked takes its default (the first choice).
WHEN = {"versioning": f"{{{{ cookiecutter.build_backend in {list(answer_rules.VCS_BACKENDS)} }}}}"}
TAILOR = ["{{ _copier_python }}", "hooks/tailor.py"]
SETTINGS = {
    "_min_copier_version": "9.19",
    "_subdirectory": f"{{% raw %}}{TREE}{{% endraw %}}",
    "_templates_suffix": "",
    "_answers_file": ".copier-answers.yml",
    "_jinja_extensions": [
        "copier_template_extensions.TemplateExtensionLoader",
        "copier_extension.py:CookiecutterAnswers",
    ],
    "_envops": {"keep_trailing_newline": True, "undefined": "jinja2.StrictUndefined"},
    # After a copy (and a recopy) `hooks/tailor.py` finishes the project. It runs from the template, so
    # copier's echo of it holds no temporary path.
    "_tasks": [
        {
            "command": [*TAILOR, "{{ _copier_conf.dst_path | absolute }}", "{{ _copier_conf.answers_file }}"],
            "when": "{{ _copier_operation == 'copy' }}",
            "working_directory": "{{ _copier_conf.src_path }}",
        }
    ],
    # Before an update, what changed between the project's release and the new one; after it, what is left.
    "_migrations": [
        {
            "command": [*TAILOR, "--updating", "{{ _version_pep440_from }}", "{{ _version_pep440_to }}"],
            "when": "{{ _stage == 'before' }}",
            "working_directory": "{{ _copier_conf.src_path }}",
        },
        {
            "command": [*TAILOR, "--updated", "{{ _copier_conf.dst_path | absolute }}"],
            "working_directory": "{{ _copier_conf.src_path }}",
        },
    ],
}


def question(key: str) -> dict:
    """Return copier's form of the cookiecutter question `key`."""
    default, prompt = VARIABLES[key], VARIABLES["__prompts__"][key]
    entry: dict = {"type": "bool" if isinstance(default, bool) else "str"}
    if isinstance(default, list):
        entry["help"] = prompt["__prompt__"]
        ruled = key in answer_rules.RULES or key in answer_rules.KEPT
        entry["choices"] = {
            prompt.get(value, value): {"value": value, "validator": f"{{{{ choice_problem('{key}', '{value}') }}}}"}
            if ruled
            else value
            for value in default
        }
        entry["default"] = default[0]
    else:
        entry["help"] = prompt
        entry["default"] = default
    if key in answer_rules.RULES or key in answer_rules.KEPT:
        entry["validator"] = f"{{{{ answer_problem('{key}') }}}}"
    if key in WHEN:
        entry["when"] = WHEN[key]
    return entry


def copier_yml() -> str:
    """Return the text of copier.yml."""
    questions = {key: question(key) for key in VARIABLES if not key.startswith("_")}
    header = "# Written by scripts/copier_yml.py from cookiecutter.json; edit that, then run the script.\n"
    return header + yaml.safe_dump(SETTINGS | questions, sort_keys=False, allow_unicode=True, width=110)


def main() -> None:
    """Write copier.yml, or with --check say whether it is current."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if copier.yml is not current")
    args = parser.parse_args()
    path = TEMPLATE / "copier.yml"
    if args.check:
        sys.exit(
            0
            if path.read_text(encoding="utf-8") == copier_yml()
            else "copier.yml is stale: uv run scripts/copier_yml.py"
        )
    path.write_text(copier_yml(), encoding="utf-8")


if __name__ == "__main__":
    main()
