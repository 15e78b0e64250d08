"""A project records its answers in `.cookiecutter.json`, and replaying that file makes it again.

`cookiecutter --replay-file .cookiecutter.json TEMPLATE` must give the same project byte for byte,
with free text that looks like Jinja, JSON or shell kept as typed: written once, never rendered again.
The file holds the answers and what a replay needs, not the run's paths nor the checks' empty results.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from bake import files
from conftest import ANSWER_KEYS, TEMPLATE, choices

# Cookiecutter renders `extra_context` once, so `{% raw %}` makes these answers literal text.
FREE_TEXT = {
    "project_name": '{% raw %}Zoë "Q" {{ 7*7 }} 🎉{% endraw %}',
    "description": '{% raw %}Says "hi" {% if x %}, `$(touch x)`, ]] # and {"json": 1}{% endraw %}',
    "author_name": "{% raw %}O'Brien {{ cookiecutter.version }}{% endraw %}",
}
RUN_KEYS = {"_output_dir", "_repo_dir", "_checkout", "_commit"}


def recorded(project_path: Path) -> dict[str, object]:
    """Return the answers recorded in the project's `.cookiecutter.json`."""
    data = json.loads((project_path / ".cookiecutter.json").read_text(encoding="utf-8"))
    assert list(data) == ["cookiecutter"]
    return data["cookiecutter"]


@pytest.mark.parametrize("layout", choices("layout"))
def test_answers_file_holds_every_answer_as_used(bake, layout: str) -> None:
    project = bake(layout=layout, **FREE_TEXT)
    answers = recorded(project.path)
    assert answers["project_name"] == 'Zoë "Q" {{ 7*7 }} 🎉'
    assert {key: answers[key] for key in ANSWER_KEYS} == {key: project[key] for key in ANSWER_KEYS}
    assert answers["layout"] == layout
    assert not RUN_KEYS & answers.keys(), "paths of the run that made the project were recorded"
    checks = [key for key in answers if key.startswith("__checked")]
    assert checks == [], "the checks' empty results were recorded"


@pytest.mark.parametrize("layout", choices("layout"))
def test_replay_makes_the_same_project(bake, tmp_path: Path, layout: str) -> None:
    project = bake(layout=layout, **FREE_TEXT)
    config = tmp_path / "config.yaml"
    config.write_text(f"replay_dir: {json.dumps(str(tmp_path / 'replay'))}\n", encoding="utf-8")
    template = str(recorded(project.path)["_template"])
    replay = [sys.executable, "-m", "cookiecutter", "--replay-file", str(project.path / ".cookiecutter.json")]
    result = subprocess.run(
        [*replay, "--config-file", str(config), "--output-dir", str(tmp_path / "out"), template],
        cwd=TEMPLATE,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    again = tmp_path / "out" / project.path.name
    assert files(again) == files(project.path)
    assert "{{ 7*7 }}" in (again / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("edit", "named"),
    [
        ({"package_name": "json"}, "package_name"),
        ({"python_min": "3.9"}, "python_min"),
        ({"project_slug": "../x"}, "project_slug"),
    ],
)
def test_a_hand_edited_replay_file_is_refused_before_anything_is_written(
    bake, tmp_path: Path, edit: dict[str, str], named: str
) -> None:
    replay_file = tmp_path / "edited.json"
    answers = recorded(bake().path) | edit
    replay_file.write_text(json.dumps({"cookiecutter": answers}, ensure_ascii=False), encoding="utf-8")
    config = tmp_path / "config.yaml"
    config.write_text(f"replay_dir: {json.dumps(str(tmp_path / 'replay'))}\n", encoding="utf-8")
    replay = [sys.executable, "-m", "cookiecutter", "--replay-file", str(replay_file), "--config-file", str(config)]
    result = subprocess.run(
        [*replay, "--output-dir", str(tmp_path / "out"), str(TEMPLATE)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert f"ERROR: {named} " in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []
