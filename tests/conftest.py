"""Shared fixtures: bake the template once per answer set, and run a baked project's own tools."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import tomllib
from gitrepo import commit, run

TEMPLATE = Path(__file__).resolve().parent.parent
# The template tree: the directory cookiecutter renders into the new project.
(PROJECT_TREE,) = (p for p in TEMPLATE.iterdir() if p.is_dir() and "cookiecutter.project_slug" in p.name)
COOKIECUTTER_JSON = json.loads((TEMPLATE / "cookiecutter.json").read_text(encoding="utf-8"))
# pytest-cookies renders the context before cookiecutter puts the template on `sys.path`, so the
# template's Jinja extension (`local_extensions.py`) must be importable from here already.
sys.path.insert(0, str(TEMPLATE))
import releases  # the template's version: the tag its origin is given

# The scripts import their bake helper (`scripts/bake.py`) as they do when run: from beside them.
sys.path.insert(0, str(TEMPLATE / "scripts"))
# `hooks/tailor.py`, which finishes a project for both engines, is imported by the tests the same way.
sys.path.insert(0, str(TEMPLATE / "hooks"))
# The answers a user can give: every visible (not `_`-prefixed) variable.
ANSWER_KEYS = frozenset(key for key in COOKIECUTTER_JSON if not key.startswith("_"))


def choices(key: str) -> list[str]:
    """Return the values `cookiecutter.json` offers for the choice variable `key`, default first."""
    values = COOKIECUTTER_JSON[key]
    assert isinstance(values, list), f"{key} is not a choice variable"
    return values


def by_place(key: str, row: int) -> str:
    """Return the value test row number `row` takes for the choice `key`: its `row`-th value, its default past the end.

    The one rule that pairs the values of different choices in the tests' rows. It never wraps
    around, so a value appended to a list takes a row that had the default (or a new row, where the
    rows are as many as the longest list) and every other row keeps its values; a value inserted
    moves the values after it one row on.
    """
    values = choices(key)
    return values[row] if row < len(values) else values[0]


# Variables that would let the outer environment leak into a baked project's own tool runs.
LEAKY_ENV = re.compile(
    r"^(VIRTUAL_ENV|CONDA_PREFIX|PYTHONPATH|PYTHONHOME|PYTHONSTARTUP|PYTEST_.*|COV_CORE_.*|COVERAGE_.*|UV_(?!CACHE_DIR$).*)$"
)


def clean_env() -> dict[str, str]:
    """Return this process's environment without what ties it to the template's own venv."""
    env = {key: value for key, value in os.environ.items() if not LEAKY_ENV.match(key)}
    venv_bin = str(Path(sys.prefix) / ("Scripts" if os.name == "nt" else "bin"))
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if p != venv_bin)
    env["UV_PYTHON_DOWNLOADS"] = "never"
    env["UV_NO_PROGRESS"] = "1"
    return env


def cookiecutter_cli(template: Path, output: Path, temp: Path, *answers: str) -> subprocess.CompletedProcess[str]:
    """Run cookiecutter's command line as a user would, with `temp` as its temp directory (made if missing)."""
    temp.mkdir(parents=True, exist_ok=True)
    env = clean_env() | {"TMPDIR": str(temp), "TEMP": str(temp), "TMP": str(temp)}
    command = [sys.executable, "-m", "cookiecutter", "--no-input", "-o", str(output), str(template), *answers]
    return subprocess.run(command, env=env, capture_output=True, text=True, check=False, cwd=temp)


def find_python(minimum: str) -> str | None:
    """Return an interpreter path of exactly version `minimum` (`"3.12"`) found here, or None."""
    candidates = [shutil.which(f"python{minimum}")]
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    if pyenv.is_dir():
        candidates += [str(p / "bin" / "python3") for p in sorted(pyenv.glob(f"{minimum}.*"))]
    found = subprocess.run(
        ["uv", "python", "find", "--no-project", "--no-python-downloads", minimum],
        capture_output=True,
        text=True,
        check=False,
    )
    candidates.append(found.stdout.strip() if found.returncode == 0 else None)
    for candidate in filter(None, candidates):
        probe = subprocess.run(
            [candidate, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True,
            text=True,
            check=False,
        )
        if probe.returncode == 0 and probe.stdout.strip() == minimum:
            return candidate
    return None


@dataclass
class BakedProject:
    """A project baked from the template, with the answers that made it."""

    path: Path
    answers: dict[str, Any]
    context: dict[str, Any]
    _env: dict[str, str] = field(default_factory=clean_env, repr=False)

    def __getitem__(self, key: str) -> Any:
        """Return the answer cookiecutter used for `key` (given or default)."""
        return self.context[key]

    def read(self, relative: str) -> str:
        """Return the text of a file in the project."""
        return (self.path / relative).read_text(encoding="utf-8")

    def files(self) -> set[str]:
        """Return every file in the project, as POSIX paths relative to its root (not git's own, in `.git/`)."""
        paths = (p.relative_to(self.path) for p in self.path.rglob("*") if p.is_file())
        return {p.as_posix() for p in paths if p.parts[0] != ".git"}

    def pyproject(self) -> dict[str, Any]:
        """Return the parsed `pyproject.toml`."""
        return tomllib.loads(self.read("pyproject.toml"))

    def run(self, *command: str, cwd: Path | None = None) -> str:
        """Run `command` in the project with a clean environment; fail with its output if it fails."""
        result = subprocess.run(
            command,
            cwd=cwd or self.path,
            env=self._env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
        )
        if result.returncode != 0:
            pytest.fail(
                f"`{' '.join(command)}` exited {result.returncode} in the project baked with "
                f"{self.answers}:\n{result.stdout}\n{result.stderr}",
                pytrace=False,
            )
        return result.stdout


@pytest.fixture(scope="session")
def bake(cookies_session: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """Return `bake(**answers) -> BakedProject`: a copy of its own of a bake cached per answer set.

    Cookiecutter bakes each answer set once a session; every call gets a fresh copy, so a test that
    runs the project's tools (which write `.venv/`, `uv.lock`, commits) changes no other test's
    project. Unknown answer keys are refused: cookiecutter silently ignores them, and the test would
    then quietly test the defaults.
    """
    cache: dict[str, BakedProject] = {}

    def _bake(**answers: Any) -> BakedProject:
        unknown = set(answers) - ANSWER_KEYS
        if unknown:
            msg = f"unknown answer keys {sorted(unknown)}; cookiecutter.json has {sorted(ANSWER_KEYS)}"
            raise ValueError(msg)
        key = json.dumps(answers, sort_keys=True)
        if key not in cache:
            result = cookies_session.bake(extra_context=answers)
            if result.exit_code != 0 or result.exception is not None:
                pytest.fail(f"baking with {answers} failed: {result.exception!r}", pytrace=False)
            cache[key] = BakedProject(Path(result.project_path), answers, dict(result.context))
        baked = cache[key]
        copy = tmp_path_factory.mktemp("baked") / baked.path.name
        shutil.copytree(baked.path, copy, symlinks=True)
        return BakedProject(copy, baked.answers, baked.context)

    return _bake


def copy_template(repo: Path) -> Path:
    """Make `repo` a git repository holding the template as it is in this checkout, one commit deep; return it.

    It holds the files git tracks and those it would (not ignored), as they are in the work tree.
    """
    listed = run("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=TEMPLATE)
    assert listed.returncode == 0, listed.stderr
    for name in filter(None, listed.stdout.split("\0")):
        source = TEMPLATE / name
        if source.is_file():
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, repo / name)
    commit(repo, "The template")
    return repo


@pytest.fixture
def template_repo(tmp_path: Path) -> Path:
    """Return a git repository holding the template as it is in this checkout, one commit deep."""
    return copy_template(tmp_path / "template")


@pytest.fixture(scope="module")
def origin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a git repository holding this checkout's template, one commit deep, tagged as its release."""
    repo = copy_template(tmp_path_factory.mktemp("origin") / "cookiecutter-pylayout")
    assert run("git", "tag", f"v{releases.version()}", cwd=repo).returncode == 0
    return repo


@pytest.fixture
def clone(origin: Path, tmp_path: Path) -> Path:
    """Return a fresh clone of the repository: its files, no virtual environment, its release's tag."""
    clone = tmp_path / "cookiecutter-pylayout"
    assert run("git", "clone", "--quiet", str(origin), str(clone), cwd=tmp_path).returncode == 0
    return clone
