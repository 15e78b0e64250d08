"""If cookiecutter changes what the extension reads from its call stack, bad answers are still refused.

`local_extensions.py` reads the variables of two running cookiecutter functions: those of
`cookiecutter.prompt.prompt_for_config` (`no_input`, `context`, `prompts`, `key`, `raw`) to ask a
person again, and those of `cookiecutter.main.cookiecutter` (`template`, `output_dir`) to print the
command that bakes the project. Each test runs cookiecutter's command line in a child process made
the way a next release might be: one of those functions with its variables renamed, or moved away
from where the extension looks for it. Then asking again switches off, and the check at the end of
the questions still refuses a bad answer with a clear message, no traceback and nothing written,
while good answers still make the project.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pexpect
import pytest
from conftest import TEMPLATE, clean_env
from pseudo_terminal import DUMB, spawn

# Python run first in the child process, before cookiecutter's command line.
CHANGES = {
    "prompt-variables-renamed": """
import cookiecutter.main, cookiecutter.prompt
ask = cookiecutter.prompt.prompt_for_config
def prompt_for_config(ctx, skip_questions=False):
    return ask(ctx, skip_questions)
cookiecutter.prompt.prompt_for_config = cookiecutter.main.prompt_for_config = prompt_for_config
""",
    "prompt-moved": """
import cookiecutter.main, cookiecutter.prompt
del cookiecutter.prompt.prompt_for_config  # cookiecutter.main keeps the function it imported
""",
    "main-variables-renamed": """
import cookiecutter.cli, cookiecutter.main
make = cookiecutter.main.cookiecutter
def cookiecutter_(template_path, *arguments, **options):
    return make(template_path, *arguments, **options)
cookiecutter.main.cookiecutter = cookiecutter.cli.cookiecutter = cookiecutter_
""",
}
CLI = "\nfrom cookiecutter.cli import main\nmain(prog_name='cookiecutter')\n"


def command(change: str, *arguments: str) -> list[str]:
    """Return the command line that runs cookiecutter's command line, changed by `change`, with `arguments`."""
    return [sys.executable, "-c", CHANGES[change] + CLI, *arguments]


def run(change: str, tmp_path: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """Run changed cookiecutter with `--no-input`, `arguments` and a config of its own, into `tmp_path / "out"`."""
    config = tmp_path / "config.yaml"
    config.write_text(f"replay_dir: '{tmp_path / 'replay'}'\n", encoding="utf-8")
    return subprocess.run(
        command(change, "--no-input", "--config-file", str(config), "-o", str(tmp_path / "out"), *arguments),
        capture_output=True, text=True, encoding="utf-8", check=False, env=clean_env(), cwd=tmp_path,
    )  # fmt: skip


@pytest.mark.parametrize("change", CHANGES)
def test_a_bad_answer_is_refused_clearly(tmp_path: Path, change: str) -> None:
    result = run(change, tmp_path, str(TEMPLATE), "package_name=json", "cli=click")
    assert result.returncode == 1
    assert "ERROR: package_name 'json' would shadow the standard-library module" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stderr.rstrip().endswith("package_name=py_json cli=click")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("change", CHANGES)
def test_an_answer_that_reaches_into_python_is_refused_clearly(tmp_path: Path, change: str) -> None:
    hostile = "project_name={{ cycler.__init__.__globals__.os.system('true') }}"
    result = run(change, tmp_path, str(TEMPLATE), hostile)
    assert result.returncode == 1
    assert "reaches into Python's internals" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("change", CHANGES)
def test_good_answers_make_the_project(tmp_path: Path, change: str) -> None:
    result = run(change, tmp_path, str(TEMPLATE), "package_name=tidy", "cli=click")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "my-project" / "src" / "tidy" / "cli.py").is_file()


@pytest.mark.parametrize("change", ["prompt-variables-renamed", "prompt-moved"])
def test_a_person_is_not_asked_again_but_refused_at_the_end(tmp_path: Path, change: str) -> None:
    env = clean_env() | {"NO_COLOR": "1"}
    program, *arguments = command(change, "-o", str(tmp_path / "out"), str(TEMPLATE))
    child = spawn(program, arguments, term=DUMB, env=env, timeout=30, dimensions=(60, 250))
    for typed in ("", "", "json"):  # Enter for the name and the distribution name, then a bad import name
        child.expect(r"\): ")
        child.sendline(typed)
    child.expect_exact("Layout")  # the next question: the bad import name is not asked again
    for _ in range(16):  # Enter for every other question
        child.expect(r"\): |\]: ")
        child.sendline("")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1
    assert "ERROR: package_name 'json' would shadow the standard-library module" in child.before
    assert "Not accepted" not in child.before
    assert "Traceback" not in child.before
    assert not (tmp_path / "out").exists()
