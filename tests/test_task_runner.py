"""CI, Read the Docs, pre-commit and the README run the same nox sessions the noxfile defines.

The noxfile is read with `ast` (its sessions, what each runs, its list of Pythons), the CI files
with a YAML parser, and the two are compared: no CI step may run a command of its own.
"""

from __future__ import annotations

import ast
import re
import shlex
from typing import Any

import pytest
import yaml
from conftest import choices
from tooling import FACTORS, ROW_PARAMS, ROWS, all_pairs, pairs, values

NOX_CALL = re.compile(r'^uvx nox -s "?(?P<session>[\w-]+?)(?P<python>-\$PYTHON)?"?(?: -- .*)?$')
GITHUB_OSES = {"ubuntu-latest", "macos-latest", "windows-latest"}


def supported_pythons(python_min: str) -> list[str]:
    """Return the Pythons a project supports, from `python_min` to 3.14."""
    return [f"3.{minor}" for minor in range(int(python_min.split(".")[1]), 15)]


def noxfile(project: Any) -> dict[str, Any]:
    """Return the noxfile's sessions (name -> the commands it runs, as argv lists) and PYTHONS."""
    tree = ast.parse(project.read("noxfile.py"))
    pythons = next(
        ast.literal_eval(node.value)
        for node in tree.body
        if isinstance(node, ast.Assign) and [t.id for t in node.targets if isinstance(t, ast.Name)] == ["PYTHONS"]
    )
    sessions = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and any(
            ast.unparse(d).startswith("nox.session") for d in node.decorator_list
        ):
            sessions[node.name] = [
                [arg.value for arg in call.args if isinstance(arg, ast.Constant)]
                for call in ast.walk(node)
                if isinstance(call, ast.Call) and ast.unparse(call.func) == "session.run"
            ]
    return {"sessions": sessions, "pythons": pythons}


def nox_session(command: str) -> str:
    """Return the session that a CI command runs; fail if the command is not a nox session."""
    match = NOX_CALL.match(command.strip())
    assert match, f"{command!r} is not `uvx nox -s <session>`"
    return match["session"]


@pytest.mark.parametrize("python_min", choices("python_min"))
def test_noxfile_tests_every_supported_python(bake, python_min: str) -> None:
    assert noxfile(bake(python_min=python_min))["pythons"] == supported_pythons(python_min)


@pytest.mark.parametrize("answers", ROW_PARAMS)
def test_noxfile_has_a_session_per_task(bake, answers: dict[str, Any]) -> None:
    sessions = noxfile(bake(**answers))["sessions"]
    expected = {"tests", "lint", "typecheck", "build"} | ({"docs"} if answers["docs"] != "none" else set())
    assert set(sessions) == expected
    assert sessions["lint"] == [["ruff", "check"], ["ruff", "format", "--check"]]
    assert sessions["typecheck"] == [["mypy"]]
    assert sessions["tests"] == [["pytest"]]
    assert sessions["build"] == [["uv", "build", "--clear"]]


@pytest.mark.parametrize("python_min", ["3.10", "3.13"])
@pytest.mark.parametrize("answers", [r for r in ROW_PARAMS if r.values[0]["ci"] == "github"])
def test_github_ci_runs_every_session_and_nothing_else(bake, answers: dict[str, Any], python_min: str) -> None:
    project = bake(**answers, python_min=python_min)
    nox = noxfile(project)
    jobs = yaml.safe_load(project.read(".github/workflows/ci.yml"))["jobs"]
    runs = [step["run"] for job in jobs.values() for step in job["steps"] if "run" in step]
    assert {nox_session(run) for run in runs} == set(nox["sessions"])
    matrix = jobs["tests"]["strategy"]["matrix"]
    assert set(matrix["os"]) == GITHUB_OSES
    assert matrix["python"] == nox["pythons"]
    (tests_run,) = [step for step in jobs["tests"]["steps"] if "run" in step]
    assert tests_run["env"]["PYTHON"] == "${{ matrix.python }}"
    assert tests_run["run"] == 'uvx nox -s "tests-$PYTHON"'


@pytest.mark.parametrize("answers", [r for r in ROW_PARAMS if r.values[0]["ci"] == "github"])
def test_github_release_builds_with_the_build_session(bake, answers: dict[str, Any]) -> None:
    jobs = yaml.safe_load(bake(**answers).read(".github/workflows/release.yml"))["jobs"]
    runs = [step["run"] for job in jobs.values() for step in job["steps"] if "run" in step]
    assert [nox_session(run) for run in runs] == ["build"]
    assert any(step.get("uses", "").startswith("pypa/gh-action-pypi-publish@") for step in jobs["publish"]["steps"])


@pytest.mark.parametrize("python_min", ["3.10", "3.13"])
@pytest.mark.parametrize("answers", [r for r in ROW_PARAMS if r.values[0]["ci"] == "gitlab"])
def test_gitlab_ci_runs_every_session_and_nothing_else(bake, answers: dict[str, Any], python_min: str) -> None:
    project = bake(**answers, python_min=python_min)
    nox = noxfile(project)
    config = yaml.safe_load(project.read(".gitlab-ci.yml"))
    jobs = {name: job for name, job in config.items() if isinstance(job, dict) and "script" in job}
    publish = jobs.pop("publish", None)
    assert (publish is None) == (answers["license"] == "Proprietary")
    if publish:
        assert publish["script"] == ["uv publish --trusted-publishing always"]
        assert publish["id_tokens"] == {"PYPI_ID_TOKEN": {"aud": "pypi"}}
    assert {nox_session(line) for job in jobs.values() for line in job["script"]} == set(nox["sessions"])
    assert jobs["tests"]["parallel"]["matrix"] == [{"PYTHON": nox["pythons"]}]
    assert jobs["tests"]["script"] == ['uvx nox -s "tests-$PYTHON"']


@pytest.mark.parametrize("docs", ["sphinx", "mkdocs"])
def test_read_the_docs_runs_the_docs_session(bake, docs: str) -> None:
    project = bake(docs=docs)
    build = yaml.safe_load(project.read(".readthedocs.yaml"))["build"]
    assert build["tools"]["python"] == project["python_min"]
    assert build["commands"][-1] == 'uvx nox -s docs -- "$READTHEDOCS_OUTPUT/html"'
    assert "docs" in noxfile(project)["sessions"]


@pytest.mark.parametrize("answers", [r for r in ROW_PARAMS if r.values[0]["pre_commit"]])
def test_pre_commit_runs_the_lint_and_typecheck_tools_through_the_lock(bake, answers: dict[str, Any]) -> None:
    project = bake(**answers)
    sessions = noxfile(project)["sessions"]
    config = yaml.safe_load(project.read(".pre-commit-config.yaml"))
    (local,) = [repo for repo in config["repos"] if repo["repo"] == "local"]
    entries = [shlex.split(hook["entry"]) for hook in local["hooks"]]
    assert all(entry[:2] == ["uv", "run"] for entry in entries), entries
    # Ruff fixes what it can in a commit hook, where CI only checks: that is the one difference.
    hook_commands = [[arg for arg in entry[2:] if arg not in {"--fix", "--force-exclude"}] for entry in entries]
    nox_commands = [[arg for arg in cmd if arg != "--check"] for cmd in sessions["lint"] + sessions["typecheck"]]
    assert hook_commands == nox_commands
    others = [repo for repo in config["repos"] if repo["repo"] != "local"]
    assert others
    assert all(re.fullmatch(r"v\d+\.\d+\.\d+", repo["rev"]) for repo in others), "pin hook versions"


@pytest.mark.parametrize("answers", ROW_PARAMS)
def test_readme_and_contributing_list_every_session(bake, answers: dict[str, Any]) -> None:
    project = bake(**answers)
    sessions = set(noxfile(project)["sessions"])
    guides = ["README.md"] + (["CONTRIBUTING.md"] if answers["license"] != "Proprietary" else [])
    for guide in guides:
        listed = set(re.findall(r"^\$ uvx nox -s (\w+)", project.read(guide), flags=re.MULTILINE))
        assert listed == sessions, guide


def test_rows_bake_every_pair_of_option_values_with_the_fewest_rows() -> None:
    covered = set().union(*(pairs(row) for row in ROWS))
    assert covered == all_pairs()
    # Every value of every option meets each layout (pairs with the layout factor, said plainly).
    assert {(row["layout"], key, row[key]) for row in ROWS for key in FACTORS[1:]} == {
        (layout, key, value) for layout in values("layout") for key in FACTORS[1:] for value in values(key)
    }
    # No covering set can be smaller than the two largest factors multiplied.
    sizes = sorted(len(values(key)) for key in FACTORS)
    assert len(ROWS) == sizes[-1] * sizes[-2]
