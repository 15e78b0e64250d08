"""Answers given outside the prompts are rendered in Jinja's sandbox: they can never run code.

Cookiecutter renders `--no-input key=value` answers, the Python API's `extra_context` and a config
file's `default_context` as Jinja. Each hostile value below tries to reach Python's internals to
create a marker file: it must create nothing, write nothing, print no traceback, and be refused
with a message that names the answer; through the command line, the Python API and a replay file.
Plain Jinja that users rely on (arithmetic, filters, earlier answers) still renders.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import TEMPLATE, cookiecutter_cli
from cookiecutter.main import cookiecutter

# Each payload creates the file named MARKER if it runs: MARKER is replaced by a path in the test's directory.
HOSTILE = [
    "{{ cycler.__init__.__globals__.os.system('touch MARKER') }}",
    "{{ joiner.__init__.__globals__.os.popen('touch MARKER').read() }}",
    "{{ namespace.__init__.__globals__.os.system('touch MARKER') }}",
    "{{ lipsum.__globals__['os'].system('touch MARKER') }}",
    "{{ lipsum | attr('__globals__') }}",
    "{{ self.__init__.__globals__.__builtins__.open('MARKER', 'w') }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cookiecutter.__class__.mro() }}",
    "{{ range.__globals__ }}",
    "{{ ''['\\x5f\\x5fclass\\x5f\\x5f'] }}",
    "{{ '{0.__class__.__init__.__globals__}'.format(cookiecutter) }}",
    "{{ cookiecutter.update({'_extensions': []}) }}",
    "{% set x = cycler.__init__.__globals__.os.system('touch MARKER') %}x",
]


def config(tmp_path: Path, default_context: dict[str, str] | None = None) -> Path:
    """Return a cookiecutter config whose replay directory is under `tmp_path`."""
    path = tmp_path / "config.yaml"
    lines = [f"replay_dir: {json.dumps(str(tmp_path / 'replay'))}"]
    if default_context:
        lines += ["default_context:", *(f"  {key}: {json.dumps(value)}" for key, value in default_context.items())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def assert_nothing_ran_or_was_written(tmp_path: Path, marker: Path, output: str) -> None:
    """Assert the refusal: the marker never made, no project, no replay file, no traceback."""
    assert not marker.exists()
    assert not list(tmp_path.rglob(marker.name))
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []
    assert not (tmp_path / "replay").exists()
    assert "Traceback" not in output


@pytest.mark.parametrize("payload", HOSTILE)
def test_a_hostile_answer_on_the_command_line_runs_nothing(tmp_path: Path, payload: str) -> None:
    marker = tmp_path / "MARKER-cli"
    answer = "project_name=" + payload.replace("MARKER", str(marker))
    result = cookiecutter_cli(TEMPLATE, tmp_path / "out", tmp_path / "temp", answer)
    assert result.returncode == 1
    assert result.stderr.startswith("ERROR: project_name ")
    assert "reaches into Python's internals" in result.stderr
    assert_nothing_ran_or_was_written(tmp_path, marker, result.stdout + result.stderr)


@pytest.mark.parametrize("payload", HOSTILE)
def test_a_hostile_answer_through_the_python_api_runs_nothing(tmp_path: Path, capfd, payload: str) -> None:
    marker = tmp_path / "MARKER-api"
    answers = {"description": payload.replace("MARKER", str(marker))}
    with pytest.raises(SystemExit) as stopped:
        cookiecutter(
            str(TEMPLATE), no_input=True, extra_context=answers, output_dir=str(tmp_path / "out"),
            config_file=str(config(tmp_path)),
        )  # fmt: skip
    assert stopped.value.code == 1
    out, err = capfd.readouterr()
    assert err.startswith("ERROR: description ")
    assert_nothing_ran_or_was_written(tmp_path, marker, out + err)


def test_a_hostile_default_context_runs_nothing(tmp_path: Path, capfd) -> None:
    marker = tmp_path / "MARKER-config"
    settings = config(tmp_path, {"author_name": HOSTILE[0].replace("MARKER", str(marker))})
    with pytest.raises(SystemExit):
        cookiecutter(str(TEMPLATE), no_input=True, output_dir=str(tmp_path / "out"), config_file=str(settings))
    out, err = capfd.readouterr()
    assert err.startswith("ERROR: author_name ")
    assert_nothing_ran_or_was_written(tmp_path, marker, out + err)


def test_a_hostile_replay_file_runs_nothing(bake, tmp_path: Path) -> None:
    marker = tmp_path / "MARKER-replay"
    answers = json.loads(bake().read(".cookiecutter.json"))["cookiecutter"]
    # Replayed answers are not rendered; the slug names a directory that cookiecutter renders again.
    answers |= {key: HOSTILE[0].replace("MARKER", str(marker)) for key in ("project_name", "project_slug")}
    replay = tmp_path / "hostile.json"
    replay.write_text(json.dumps({"cookiecutter": answers}), encoding="utf-8")
    command = [
        sys.executable,
        "-m",
        "cookiecutter",
        "--replay-file",
        str(replay),
        "--config-file",
        str(config(tmp_path)),
    ]
    result = subprocess.run(
        [*command, "-o", str(tmp_path / "out"), str(TEMPLATE)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert "ERROR: project_slug " in result.stderr
    assert not marker.exists()
    assert "Traceback" not in result.stdout + result.stderr
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


LEGITIMATE = [
    ({"project_name": "Tidy Names", "project_slug": "{{ cookiecutter.project_name | lower | replace(' ', '-') }}"},
     "project_slug", "tidy-names"),
    ({"description": "{{ 6 * 7 }} tools for {{ cookiecutter.project_name }}"}, "description", "42 tools for My Project"),
    ({"keywords": "{{ ['names', 'tidy'] | sort | join(', ') }}"}, "keywords", "names, tidy"),
    ({"author_name": "{{ 'ada lovelace' | title }}"}, "author_name", "Ada Lovelace"),
    ({"homepage": "https://example.org/{{ cookiecutter.project_slug }}/{{ '%02d' % 7 }}"}, "homepage",
     "https://example.org/my-project/07"),
]  # fmt: skip


@pytest.mark.parametrize(("answers", "key", "rendered"), LEGITIMATE)
def test_plain_jinja_in_a_given_answer_still_renders(bake, answers: dict[str, str], key: str, rendered: str) -> None:
    project = bake(**answers)
    assert project[key] == rendered
    assert json.loads(project.read(".cookiecutter.json"))["cookiecutter"][key] == rendered


def test_jinja_given_on_top_of_a_config_files_answers_still_renders(tmp_path: Path) -> None:
    settings = config(
        tmp_path, {"project_name": "Tidy Names", "project_slug": "{{ cookiecutter.project_name | lower }}"}
    )
    project = cookiecutter(
        str(TEMPLATE), no_input=True, output_dir=str(tmp_path / "out"), config_file=str(settings),
        extra_context={"project_slug": "{{ cookiecutter.project_name | lower | replace(' ', '.') }}"},
    )  # fmt: skip
    assert Path(project).name == "tidy.names"
