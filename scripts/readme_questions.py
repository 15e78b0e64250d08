"""Write what README's questions table says of each choice question, from cookiecutter.json.

    uv run scripts/readme_questions.py    # rewrite README.md's rows of the choice questions

A choice question's row (`| `key` | default | what it is |`) gets its default, the first value, and
its last cell opens with every value in cookiecutter.json's order (`a`, `b` or `c`); the words after
the values, and the other rows, are written by hand. A test fails when README.md is not current.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent.parent
README = TEMPLATE / "README.md"
VARIABLES = json.loads((TEMPLATE / "cookiecutter.json").read_text(encoding="utf-8"))
CHOICES = {key: values for key, values in VARIABLES.items() if isinstance(values, list) and not key.startswith("_")}
# The values a row's last cell opens with: code spans joined by `, ` and ` or `.
LISTED = re.compile(r"`[^`]+`(?:(?:, | or )`[^`]+`)*")


def listed(values: list[str]) -> str:
    """Return values as README lists them: `a`, `b` or `c`."""
    spans = [f"`{value}`" for value in values]
    return ", ".join(spans[:-1]) + " or " + spans[-1] if len(spans) > 1 else spans[0]


def row(line: str, key: str) -> str:
    """Return the table row `line` of the choice question `key`, its default and values as cookiecutter.json has them."""
    answer, _, said = line.strip().strip("|").strip().split(" | ", 2)
    opening = LISTED.match(said)
    rest = said[opening.end() :] if opening else f": {said}"
    return f"| {answer} | `{CHOICES[key][0]}` | {listed(CHOICES[key])}{rest} |\n"


def readme(text: str) -> str:
    """Return README's text with the row of each choice question as cookiecutter.json has it."""
    lines = text.splitlines(keepends=True)
    for index, line in enumerate(lines):
        key = next((key for key in CHOICES if line.startswith(f"| `{key}` |")), None)
        if key:
            lines[index] = row(line, key)
    return "".join(lines)


if __name__ == "__main__":
    README.write_text(readme(README.read_text(encoding="utf-8")), encoding="utf-8")
