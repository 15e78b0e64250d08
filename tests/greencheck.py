"""The green check: run a baked project's own tools the way its user would, and inspect what it builds.

Used by every test module that promises a project "passes the green check". Each step fails the
test with the tool's own output and the answers that baked the project.
"""

from __future__ import annotations

import os
import re
import zipfile
from email.parser import HeaderParser
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from conftest import find_python

if TYPE_CHECKING:
    from conftest import BakedProject


def venv_bin(venv: Path, name: str) -> Path:
    """Return the path of executable `name` inside `venv`, on any platform."""
    if os.name == "nt":
        return venv / "Scripts" / f"{name}.exe"
    return venv / "bin" / name


def expected_wheel_files(project: BakedProject) -> set[str]:
    """Return the importable files the wheel must hold (everything outside `.dist-info`)."""
    package = project["package_name"]
    if project["layout"] == "module":
        return {f"{package}.py"}
    names = {"__init__.py", "core.py", "names.py", "py.typed"}
    if project["cli"] != "none":
        names |= {"cli.py", "__main__.py"}
    return {f"{package}/{name}" for name in names}


def wheel_metadata(wheel: Path) -> tuple[set[str], dict[str, list[str]]]:
    """Return the wheel's importable files and its METADATA headers (name -> values)."""
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        (metadata_name,) = [n for n in names if n.endswith(".dist-info/METADATA")]
        headers = HeaderParser().parsestr(archive.read(metadata_name).decode("utf-8"))
    files = {n for n in names if ".dist-info/" not in n.split("/", 1)[0] + "/"}
    fields: dict[str, list[str]] = {}
    for key, value in headers.items():
        fields.setdefault(key, []).append(value)
    return files, fields


def check_metadata(project: BakedProject, fields: dict[str, list[str]]) -> None:
    """Assert the built metadata says what the answers say."""
    assert fields["Name"] == [project["project_slug"]]
    assert fields["Version"] == [project["version"]]
    assert fields["Requires-Python"] == [f">={project['python_min']}"]
    assert project["author_email"] in fields["Author-email"][0]
    if project["license"] == "Proprietary":
        assert "License-Expression" not in fields
        assert "Classifier" in fields
        assert "Private :: Do Not Upload" in fields["Classifier"]
    else:
        assert fields["License-Expression"] == [project["license"]]
        assert fields["License-File"] == ["LICENSE"]


def check_installs(project: BakedProject, python: str, artifact: Path, venv: Path) -> None:
    """Install `artifact` into a fresh venv, import it there and run its command line."""
    project.run("uv", "venv", "--quiet", "--python", python, str(venv))
    venv_python = venv_bin(venv, "python")
    project.run("uv", "pip", "install", "--quiet", "--python", str(venv_python), str(artifact))
    package = project["package_name"]
    code = (
        f"import {package} as m, pathlib, sys; "
        f"print(m.__version__); print(m.greet('  Ada   Lovelace ')); "
        f"print(pathlib.Path(m.__file__).resolve().is_relative_to(pathlib.Path(sys.prefix).resolve()))"
    )
    out = project.run(str(venv_python), "-c", code, cwd=venv).splitlines()
    assert out == [project["version"], "Hello, Ada Lovelace!", "True"]
    if project["cli"] != "none":
        script = venv_bin(venv, project["project_slug"])
        assert project.run(str(script), "Grace  Hopper", cwd=venv) == "Hello, Grace Hopper!\n"
        version_line = project.run(str(venv_python), "-m", package, "--version", cwd=venv)
        assert version_line.split()[-1] == project["version"]


def assert_green(project: BakedProject, tmp_path: Path) -> None:
    """Run the whole green check on `project`; `tmp_path` holds the throwaway install venvs."""
    python = find_python(project["python_min"])
    if python is None:
        pytest.skip(f"no Python {project['python_min']} interpreter on this machine")
    # What a plain `uv sync` installs (the default groups) must be enough for the tests.
    project.run("uv", "sync", "--quiet", "--python", python)
    tests = project.run("uv", "run", "--no-sync", "pytest", "-p", "no:cacheprovider")
    assert re.search(r"\b[1-9]\d* passed\b", tests), tests
    assert "Required test coverage of 100% reached" in tests or "Total coverage: 100.00%" in tests, tests
    project.run("uv", "sync", "--quiet", "--all-groups", "--python", python)
    project.run("uv", "run", "--no-sync", "ruff", "check")
    project.run("uv", "run", "--no-sync", "ruff", "format", "--check")
    project.run("uv", "run", "--no-sync", "mypy", "--strict")

    project.run("uv", "build", "--quiet", "--python", python, "--out-dir", str(tmp_path / "dist"))
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    (sdist,) = (tmp_path / "dist").glob("*.tar.gz")
    files, fields = wheel_metadata(wheel)
    assert files == expected_wheel_files(project)
    check_metadata(project, fields)
    check_installs(project, python, wheel, tmp_path / "venv-wheel")
    check_installs(project, python, sdist, tmp_path / "venv-sdist")
