"""Every route people take to a generated project's tests and command line is green, and says the same.

Slow tier (`green`), for both layouts and each command-line choice, after `uv sync`: the whole suite
passes, every collected test, whether run as `uv run pytest`, `python -m pytest` and plain `pytest`
in the activated `.venv`, or `uv run --isolated pytest`, none of them measuring coverage, and `uv run pytest --cov`
covers every line; part of it (`-k normalize`, one test file or test) passes too, with `--cov`, as the
coverage floor is only the whole suite's (`--cov --cov-fail-under=100`, the nox `tests` session's,
which still fails that part); `python -m <package> --version` and the installed command
print the distribution's name and version, as the README shows. And the `uv` commands that
CONTRIBUTING and the README's "Develop" section give run green, in the order they give them.
"""

from __future__ import annotations

import itertools
import os
import re
import subprocess
from pathlib import Path

import pytest
from conftest import BakedProject, choices, find_python
from greencheck import venv_bin

ROUTES = [
    pytest.param({"layout": layout, "cli": cli}, id=f"{layout}-{cli}")
    for layout, cli in itertools.product(choices("layout"), choices("cli"))
]


def activated(project: BakedProject) -> dict[str, str]:
    """Return the environment of a shell in which the project's `.venv` is activated."""
    venv = project.path / ".venv"
    env = dict(project._env)
    env["VIRTUAL_ENV"] = str(venv)
    env["PATH"] = os.pathsep.join([str(venv_bin(venv, "python").parent), env.get("PATH", "")])
    return env


def run(project: BakedProject, *command: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run `command` in the project (clean or given environment); return it whatever its exit code."""
    return subprocess.run(
        command,
        cwd=project.path,
        env=env or project._env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def passed(result: subprocess.CompletedProcess[str]) -> int:
    """Return how many tests a pytest run passed; fail with its output if any failed or errored."""
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert not re.search(r"\b\d+ (failed|error)", output), output
    found = re.search(r"\b(\d+) passed\b", output)
    assert found, output
    return int(found[1])


def synced(bake, answers: dict[str, str]) -> BakedProject:
    """Return the project baked with `answers`, its `.venv` made by a plain `uv sync`."""
    project = bake(**answers)
    python = find_python(project["python_min"])
    if python is None:
        pytest.skip(f"no Python {project['python_min']} interpreter on this machine")
    project.run("uv", "sync", "--quiet", "--python", python)
    return project


@pytest.mark.green
@pytest.mark.parametrize("answers", ROUTES)
def test_every_route_runs_the_whole_suite(bake, answers: dict[str, str]) -> None:
    project = synced(bake, answers)
    collected = run(project, str(venv_bin(project.path / ".venv", "pytest")), "--collect-only", "-q")
    count = int(re.search(r"^(\d+) tests? collected", collected.stdout, re.MULTILINE)[1])
    shell = activated(project)
    routes = {
        "uv run pytest": run(project, "uv", "run", "pytest"),
        "python -m pytest (activated)": run(project, "python", "-m", "pytest", env=shell),
        "pytest (activated)": run(project, "pytest", env=shell),
        ".venv/bin/python -m pytest": run(project, str(venv_bin(project.path / ".venv", "python")), "-m", "pytest"),
        "uv run --isolated pytest": run(project, "uv", "run", "--isolated", "pytest"),
    }
    assert {route: passed(result) for route, result in routes.items()} == dict.fromkeys(routes, count)
    # No route measures coverage unless asked; asked (README's `uv run pytest --cov`), the whole suite covers every line.
    for route, result in routes.items():
        assert "TOTAL" not in result.stdout, (route, result.stdout)
    covered = run(project, "uv", "run", "pytest", "--cov")
    assert passed(covered) == count
    assert re.search(r"^TOTAL\s.*\s100%$", covered.stdout, re.MULTILINE), covered.stdout


@pytest.mark.green
@pytest.mark.parametrize("answers", ROUTES)
def test_part_of_the_suite_passes_and_only_the_whole_keeps_the_floor(bake, answers: dict[str, str]) -> None:
    project = synced(bake, answers)
    pytest_exe = str(venv_bin(project.path / ".venv", "pytest"))
    # One test file or one test, and a keyword: each leaves some code to the other tests.
    if answers["layout"] == "library":
        one = "tests/test_names.py"
    else:
        one = f"tests/test_{project['package_name']}.py::test_greet_uses_the_cleaned_name"
    for selection in ([one], ["-k", "normalize"]):
        assert passed(run(project, pytest_exe, *selection)) > 0
        # `--cov` last: a path right after it would be taken as the code to measure.
        result = run(project, pytest_exe, *selection, "--cov")
        assert passed(result) > 0
        total = re.search(r"^TOTAL\s.*\s(\d+)%$", result.stdout, re.MULTILINE)
        assert total and int(total[1]) < 100, result.stdout  # a part: coverage reported, not enforced
        # The nox `tests` session's flag: on the same part it fails, so the floor still holds there.
        floor = run(project, pytest_exe, *selection, "--cov", "--cov-fail-under=100")
        assert floor.returncode != 0
        assert "Required test coverage of 100% not reached" in floor.stdout, floor.stdout


@pytest.mark.green
@pytest.mark.parametrize("answers", [p for p in ROUTES if p.values[0]["cli"] != "none"])
def test_the_command_prints_its_distribution_name_and_version(bake, answers: dict[str, str]) -> None:
    project = synced(bake, answers)
    venv = project.path / ".venv"
    expected = f"{project['project_slug']} {project['version']}\n"
    outputs = {
        "python -m": run(project, str(venv_bin(venv, "python")), "-m", project["package_name"], "--version"),
        "script": run(project, str(venv_bin(venv, project["project_slug"])), "--version"),
        "uv run": run(project, "uv", "run", project["project_slug"], "--version"),
    }
    assert {how: (r.returncode, r.stdout) for how, r in outputs.items()} == dict.fromkeys(outputs, (0, expected))
    usage = run(project, str(venv_bin(venv, "python")), "-m", project["package_name"], "   ")
    assert usage.returncode == 2
    assert f"usage: {project['project_slug']} " in usage.stderr.lower(), usage.stderr


def documented_uv_commands(text: str) -> list[list[str]]:
    """Return the `$ uv ...` commands of a Markdown file's console blocks, comments left out."""
    commands = []
    for line in text.splitlines():
        if line.startswith("$ uv "):
            command = line[2:].split("#", 1)[0].split()
            commands.append(command)
    return commands


@pytest.mark.green
@pytest.mark.parametrize("layout", choices("layout"))
def test_the_documented_uv_commands_run_green(bake, tmp_path: Path, layout: str) -> None:
    project = bake(layout=layout)
    python = find_python(project["python_min"])
    if python is None:
        pytest.skip(f"no Python {project['python_min']} interpreter on this machine")
    # The README's "Develop" section (its layout section's grow command runs from a template clone).
    develop = project.read("README.md").split("\n## Develop\n")[1].split("\n## ")[0]
    commands = documented_uv_commands(project.read("CONTRIBUTING.md")) + documented_uv_commands(develop)
    assert ["uv", "sync", "--all-groups"] in commands
    assert ["uv", "run", "pytest"] in commands
    outputs = {}
    for command in commands:
        # `uv build` writes into a temp directory, so the shared bake keeps no dist/.
        extra = ["--out-dir", str(tmp_path / "dist")] if command[:2] == ["uv", "build"] else []
        outputs[" ".join(command)] = project.run(*command, *extra)
    assert re.search(r"\b[1-9]\d* passed\b", outputs["uv run pytest"])
    assert re.search(r"^TOTAL\s.*\s100%$", outputs["uv run pytest --cov"], re.MULTILINE)
    assert "All checks passed!" in outputs["uv run --group lint ruff check"]
    assert "Success: no issues found" in outputs["uv run --group lint mypy"]
    assert sorted(p.suffix for p in (tmp_path / "dist").iterdir() if p.suffix) == [".gz", ".whl"]
