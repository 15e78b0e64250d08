"""CI, Read the Docs and the README run the nox sessions the noxfile defines; pre-commit, their tools.

The noxfile is read with `ast` (its sessions, what each runs, its list of Pythons), the CI files
with a YAML parser, and the two are compared: no CI step may run a command of its own (zizmor's
audit of the workflows aside). pre-commit runs the tools of the lint and typecheck sessions from
their own pinned hook repositories, at the versions and with the settings the sessions use. The
noxfile also runs as a script (PEP 723). A session whose Python is missing fails the run, on a
laptop as in CI, with uv's reason why it could not install it (slow tier: nox runs).
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import tomllib
import yaml
from conftest import BakedProject, choices, clean_env, find_python
from tooling import FACTORS, ROW_PARAMS, ROWS, VARIED, all_pairs, pairs, values

NOX_CALL = re.compile(r'^uvx nox -s "?(?P<session>[\w-]+?)(?P<python>-\$PYTHON)?"?(?: -- .*)?$')
GITHUB_OSES = {"ubuntu-latest", "macos-latest", "windows-latest"}
RELEASE = ".github/workflows/release.yml"


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
    # The whole suite holds the coverage floor here; `uv run pytest --cov` on part of it only reports.
    assert sessions["tests"] == [["pytest", "--cov", "--cov-fail-under=100"]]
    assert sessions["build"] == [["uv", "build", "--clear"]]


@pytest.mark.parametrize("python_min", ["3.10", "3.13"])
@pytest.mark.parametrize("answers", [r for r in ROW_PARAMS if r.values[0]["ci"] == "github"])
def test_github_ci_runs_every_session_and_nothing_else(bake, answers: dict[str, Any], python_min: str) -> None:
    project = bake(**answers, python_min=python_min)
    nox = noxfile(project)
    jobs = yaml.safe_load(project.read(".github/workflows/ci.yml"))["jobs"]
    runs = [step["run"] for job in jobs.values() for step in job["steps"] if "run" in step]
    assert {nox_session(run) for run in runs} == set(nox["sessions"])
    # The one job that is no session audits the workflows themselves, with zizmor's own action.
    (audit,) = [name for name, job in jobs.items() if not any("run" in step for step in job["steps"])]
    assert audit == "zizmor"
    assert jobs[audit]["steps"][-1]["uses"].startswith("zizmorcore/zizmor-action@")
    matrix = jobs["tests"]["strategy"]["matrix"]
    assert set(matrix["os"]) == GITHUB_OSES
    assert matrix["python"] == nox["pythons"]
    (tests_run,) = [step for step in jobs["tests"]["steps"] if "run" in step]
    assert tests_run["env"]["PYTHON"] == "${{ matrix.python }}"
    assert tests_run["run"] == 'uvx nox -s "tests-$PYTHON"'


def test_github_release_builds_with_the_build_session(bake) -> None:
    # Only some answers release (test_tooling_files says which): each GitHub row is read where it has the workflow.
    projects = [bake(**row) for row in ROWS if row["ci"] == "github"]
    releasing = [project for project in projects if RELEASE in project.files()]
    assert releasing, "no covering row with ci=github has a release workflow"
    for project in releasing:
        jobs = yaml.safe_load(project.read(RELEASE))["jobs"]
        runs = [step["run"] for job in jobs.values() for step in job["steps"] if "run" in step]
        assert [nox_session(run) for run in runs] == ["build"], project.answers
        publish = jobs["publish"]["steps"]
        assert any(step.get("uses", "").startswith("pypa/gh-action-pypi-publish@") for step in publish), project.answers


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


@pytest.mark.parametrize("docs", [docs for docs in choices("docs") if docs != "none"])
def test_read_the_docs_runs_the_docs_session(bake, docs: str) -> None:
    project = bake(docs=docs)
    build = yaml.safe_load(project.read(".readthedocs.yaml"))["build"]
    assert build["tools"]["python"] == project["python_min"]
    assert build["commands"][-1] == 'uvx nox -s docs -- "$READTHEDOCS_OUTPUT/html"'
    assert "docs" in noxfile(project)["sessions"]


def lower_bounds(requirements: list[str]) -> dict[str, str]:
    """Return each `name>=version` requirement's name and lower bound."""
    return dict(requirement.split(">=") for requirement in requirements)


@pytest.mark.parametrize("answers", [r for r in ROW_PARAMS if r.values[0]["pre_commit"]])
def test_pre_commit_runs_the_tools_of_the_lint_and_typecheck_sessions(bake, answers: dict[str, Any]) -> None:
    project = bake(**answers)
    sessions = noxfile(project)["sessions"]
    pyproject = project.pyproject()
    config = yaml.safe_load(project.read(".pre-commit-config.yaml"))
    repos = {repo["repo"]: repo for repo in config["repos"]}
    # Every hook is its tool's own repository, pinned by a release tag: nothing local, nothing moving.
    assert all(repo.startswith("https://github.com/") for repo in repos), list(repos)
    assert all(re.fullmatch(r"v?\d+\.\d+\.\d+", repo["rev"]) for repo in repos.values()), "pin hook versions"
    # Ruff and mypy at the lowest versions the `lint` group allows, so `uv lock` never picks older.
    lint = lower_bounds(pyproject["dependency-groups"]["lint"])
    ruff, mypy = (
        repos["https://github.com/astral-sh/ruff-pre-commit"],
        repos["https://github.com/pre-commit/mirrors-mypy"],
    )
    assert (ruff["rev"], mypy["rev"]) == (f"v{lint['ruff']}", f"v{lint['mypy']}")
    # The lint session's commands, with the settings of pyproject.toml; a commit hook fixes what
    # it can where CI only checks: that is the one difference.
    assert sessions["lint"] == [["ruff", "check"], ["ruff", "format", "--check"]]
    hooks = {hook["id"]: hook for hook in ruff["hooks"]}
    assert set(hooks) == {"ruff-check", "ruff-format"}
    assert hooks["ruff-check"]["args"] == ["--fix", "--show-fixes"]
    assert "args" not in hooks["ruff-format"]
    # The typecheck session's `mypy`, bare: it checks what `[tool.mypy] files` names, strictly, and
    # sees the types the session's env holds (the project's dependencies and its test group).
    assert sessions["typecheck"] == [["mypy"]]
    (hook,) = mypy["hooks"]
    assert (hook["id"], hook["args"], hook["pass_filenames"]) == ("mypy", [], False)
    assert pyproject["tool"]["mypy"]["files"] == ["src", "tests"]
    assert pyproject["tool"]["mypy"]["strict"] is True
    seen = pyproject["project"]["dependencies"] + pyproject["dependency-groups"]["test"]
    assert sorted(hook["additional_dependencies"]) == sorted(seen)


def test_noxfile_runs_as_a_script(bake) -> None:
    project = bake()
    text = project.read("noxfile.py")
    tree = ast.parse(text)
    assert text.startswith("#!/usr/bin/env -S uv run --script\n")
    # PEP 723's own regular expression for the script block; it needs the nox the noxfile needs.
    (block,) = re.finditer(r"(?m)^# /// (?P<type>[a-zA-Z0-9-]+)$\s(?P<content>(^#(| .*)$\s)+)^# ///$", text)
    script = tomllib.loads("".join(line[2:] for line in block["content"].splitlines(keepends=True)))
    (needs,) = [
        node.value.value
        for node in tree.body
        if isinstance(node, ast.Assign) and ast.unparse(node.targets[0]) == "nox.needs_version"
    ]
    assert (block["type"], script) == ("script", {"dependencies": [f"nox{needs}"]})
    assert ast.unparse(tree.body[-1]) == "if __name__ == '__main__':\n    nox.main()"
    if os.name != "nt":
        assert os.access(project.path / "noxfile.py", os.X_OK)


@pytest.mark.parametrize("answers", ROW_PARAMS)
def test_readme_and_contributing_list_every_session(bake, answers: dict[str, Any]) -> None:
    project = bake(**answers)
    sessions = set(noxfile(project)["sessions"])
    guides = [guide for guide in ("README.md", "CONTRIBUTING.md") if guide in project.files()]
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
    # The other choices vary along the rows: every value of each is in one row at least.
    assert {(key, row[key]) for row in ROWS for key in VARIED} == {(key, v) for key in VARIED for v in values(key)}


def test_noxfile_fails_a_session_whose_python_is_missing(bake) -> None:
    tree = ast.parse(bake().read("noxfile.py"))
    options = {ast.unparse(node.targets[0]): node.value for node in tree.body if isinstance(node, ast.Assign)}
    assert ast.literal_eval(options["nox.options.error_on_missing_interpreters"]) is True
    # uv makes the environments, so nox asks uv to install a Python it cannot find.
    assert ast.literal_eval(options["nox.options.default_venv_backend"]) == "uv"


def run_nox_here(project: BakedProject, tmp_path: Path, *args: str) -> tuple[int, str]:
    """Run `uvx nox *args` in a copy of `project` as on a laptop; return its exit code and output.

    No `CI` variable (where it is set, nox errors on a missing Python anyway: the noxfile must do it
    here too), and no Python downloads (`clean_env`), so uv cannot fetch the missing Python.
    """
    copy = tmp_path / project.path.name
    shutil.copytree(project.path, copy)
    env = {key: value for key, value in clean_env().items() if key != "CI"}
    assert env["UV_PYTHON_DOWNLOADS"] == "never"
    command = ["uvx", "nox", *args]
    result = subprocess.run(command, cwd=copy, env=env, capture_output=True, text=True, encoding="utf-8", check=False)
    return result.returncode, result.stdout + result.stderr


@pytest.mark.green
def test_a_missing_python_fails_the_run_and_a_present_one_passes(bake, tmp_path: Path) -> None:
    project = bake()
    python = find_python(project["python_min"])
    if python is None:
        pytest.skip(f"no Python {project['python_min']} interpreter on this machine")
    # 3.99 exists nowhere: its session must fail, not be skipped, and the run with it.
    report = tmp_path / "nox-report.json"
    returncode, output = run_nox_here(
        project, tmp_path, "-s", "tests", "--force-python", python, "3.99", "--report", str(report)
    )
    assert returncode != 0, output
    assert "Session tests-3.99 failed: Python interpreter 3.99 not found" in output
    # The report names each run by its session; its signature adds the Python.
    sessions = json.loads(report.read_text(encoding="utf-8"))["sessions"]
    results = {session["signatures"][0]: session["result"] for session in sessions}
    assert results == {f"tests-{python}": "success", "tests-3.99": "failed"}


@pytest.mark.green
def test_a_supported_python_missing_here_fails_with_how_to_get_it(bake, tmp_path: Path) -> None:
    project = bake()
    pythons = noxfile(project)["pythons"]
    missing = [version for version in reversed(pythons) if find_python(version) is None]
    if not missing:
        pytest.skip(f"every supported Python ({', '.join(pythons)}) is installed here")
    returncode, output = run_nox_here(project, tmp_path, "-s", f"tests-{missing[0]}")
    assert returncode != 0, output
    assert f"Session tests-{missing[0]} failed: Python interpreter {missing[0]} not found" in output
    # nox asked uv to install it; uv says why it did not, and the setting that lets it (`python-downloads`).
    assert "python-downloads" in output, output
