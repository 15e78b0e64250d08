"""README's questions table is cookiecutter.json's: a row per question, in its order, each choice its values.

`scripts/readme_questions.py` writes each choice question's default and values into its row; the
rest of every row is written by hand.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import readme_questions
from conftest import ANSWER_KEYS, COOKIECUTTER_JSON, TEMPLATE, choices

TEXT = readme_questions.README.read_text(encoding="utf-8")


def table_keys(text: str) -> list[str]:
    """Return the questions the rows of README's questions table name, in their order."""
    section = text.split("\n## The questions\n", 1)[1].split("\n## ", 1)[0]
    rows = [line.split(" | ")[0] for line in section.splitlines() if line.startswith("| `")]
    return [key for first_cell in rows for key in re.findall(r"`(\w+)`", first_cell)]


def test_the_table_has_a_row_per_question_in_cookiecutter_json_order() -> None:
    assert table_keys(TEXT) == [key for key in COOKIECUTTER_JSON if key in ANSWER_KEYS]


def test_each_choice_row_has_the_default_and_values_of_cookiecutter_json() -> None:
    assert readme_questions.readme(TEXT) == TEXT, "README.md is stale: uv run scripts/readme_questions.py"


def test_a_stale_row_gets_the_values_and_keeps_its_words() -> None:
    *others, last = choices("license")
    values = ", ".join(f"`{value}`" for value in others) + f" or `{last}`"
    stale = "| `license` | `GPL` | `MIT` or `Proprietary`: the LICENSE. |\n"
    assert readme_questions.readme(stale) == f"| `license` | `{others[0]}` | {values}: the LICENSE. |\n"
    # A new choice question's hand-written row gets its values in front.
    assert readme_questions.readme("| `ci` | no | Where it runs. |\n").endswith(" or `none`: Where it runs. |\n")


def test_the_script_rewrites_a_stale_readme_beside_it(tmp_path: Path) -> None:
    # The script, and the two files it reads, as they are laid out in the template.
    (tmp_path / "scripts").mkdir()
    for name in ("scripts/readme_questions.py", "cookiecutter.json"):
        shutil.copyfile(TEMPLATE / name, tmp_path / name)
    stale = TEXT.replace(readme_questions.listed(choices("cli")), "`argparse` or `none`")
    assert stale != TEXT
    (tmp_path / "README.md").write_text(stale, encoding="utf-8")
    done = subprocess.run([sys.executable, "scripts/readme_questions.py"], cwd=tmp_path, check=False)
    assert done.returncode == 0
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == TEXT
