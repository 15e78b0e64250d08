"""The green check: run a baked project's own tools the way its user would, and inspect what it builds.

Used by every test module that promises a project "passes the green check". Each step fails the
test with the tool's own output and the answers that baked the project.
"""

from __future__ import annotations

import configparser
import os
import re
import tarfile
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


def expected_sdist_files(project: BakedProject, wheel_files: set[str] | None = None) -> set[str]:
    """Return the files the sdist must hold (relative to its top directory): sources, tests, docs, license."""
    wheel_files = expected_wheel_files(project) if wheel_files is None else wheel_files
    files = {"pyproject.toml", "README.md", "CHANGELOG.md", "LICENSE"} | {f"src/{name}" for name in wheel_files}
    files |= {f"tests/{path.name}" for path in (project.path / "tests").glob("*.py")}
    return files


# What else an sdist may hold: the project's own top-level files (uv.lock once `uv sync` made it),
# and what a backend writes for itself (core metadata, setuptools' egg-info and setup.cfg, uv_build's
# original pyproject.toml).
SDIST_EXTRAS = re.compile(
    r"^(\.gitignore|MANIFEST\.in|uv\.lock|PKG-INFO|setup\.cfg|pyproject\.toml\.orig|src/[^/]+\.egg-info/[^/]+)$"
)


def parse_headers(text: str) -> dict[str, list[str]]:
    """Return core-metadata headers (Title-Cased-Name -> values) from METADATA or PKG-INFO text.

    Header names are case-insensitive, and backends spell them differently (`Author-email`,
    `Author-Email`), so every name is title-cased here.
    """
    fields: dict[str, list[str]] = {}
    for key, value in HeaderParser().parsestr(text).items():
        fields.setdefault("-".join(part.capitalize() for part in key.split("-")), []).append(value)
    return fields


def wheel_metadata(wheel: Path) -> tuple[set[str], dict[str, list[str]]]:
    """Return the wheel's importable files and its METADATA headers (name -> values)."""
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        (metadata_name,) = [n for n in names if n.endswith(".dist-info/METADATA")]
        fields = parse_headers(archive.read(metadata_name).decode("utf-8"))
    files = {n for n in names if ".dist-info/" not in n.split("/", 1)[0] + "/" and not n.endswith("/")}
    return files, fields


def wheel_entry_points(wheel: Path) -> dict[str, dict[str, str]]:
    """Return the wheel's entry points (group -> name -> object reference); none gives `{}`."""
    with zipfile.ZipFile(wheel) as archive:
        found = [n for n in archive.namelist() if n.endswith(".dist-info/entry_points.txt")]
        text = archive.read(found[0]).decode("utf-8") if found else ""
    parser = configparser.ConfigParser(delimiters=("=",), interpolation=None)
    parser.optionxform = str  # entry point names are case-sensitive
    parser.read_string(text)
    return {group: dict(parser[group]) for group in parser.sections() if parser[group]}


def sdist_contents(sdist: Path) -> tuple[set[str], dict[str, list[str]]]:
    """Return the sdist's files (relative to its top directory) and its PKG-INFO headers."""
    with tarfile.open(sdist) as archive:
        members = {m.name.split("/", 1)[1]: m for m in archive.getmembers() if m.isfile() and "/" in m.name}
        pkg_info = archive.extractfile(members["PKG-INFO"])
        assert pkg_info is not None
        fields = parse_headers(pkg_info.read().decode("utf-8"))
    return set(members), fields


def check_entry_points(project: BakedProject, wheel: Path) -> None:
    """Assert the wheel's only entry point is the command line the answers asked for, if any."""
    expected = {}
    if project["cli"] != "none":
        target = project["package_name"] if project["layout"] == "module" else f"{project['package_name']}.cli"
        expected = {"console_scripts": {project["project_slug"]: f"{target}:main"}}
    assert wheel_entry_points(wheel) == expected


def check_sdist(project: BakedProject, sdist: Path, version: str, wheel_files: set[str] | None = None) -> None:
    """Assert the sdist holds the sources, tests, docs and license, nothing stray, and the right version."""
    files, fields = sdist_contents(sdist)
    expected = expected_sdist_files(project, wheel_files)
    assert expected <= files, f"missing from the sdist: {sorted(expected - files)}"
    allowed = set(expected)
    if project["build_backend"] == "setuptools" and project["versioning"] == "vcs" and (project.path / ".git").is_dir():
        # setuptools-scm puts every file git tracks in the sdist (its documented behaviour), and the
        # project's first commit tracks them all.
        allowed |= set(project.run("git", "ls-files").splitlines())
    stray = sorted(f for f in files - allowed if not SDIST_EXTRAS.match(f))
    assert not stray, f"the sdist holds files that are not the project's sources: {stray}"
    assert fields["Name"] == [project["project_slug"]]
    assert fields["Version"] == [version]


def check_metadata(project: BakedProject, fields: dict[str, list[str]], version: str | None = None) -> None:
    """Assert the built metadata says what the answers say (`version` when git tags set it)."""
    assert fields["Name"] == [project["project_slug"]]
    assert fields["Version"] == [version or project["version"]]
    assert fields["Requires-Python"] == [f">={project['python_min']}"]
    assert project["author_email"] in fields["Author-Email"][0]
    assert fields["License-File"] == ["LICENSE"]
    if project["license"] == "Proprietary":
        assert fields["License-Expression"] == ["LicenseRef-Proprietary"]
        assert "Private :: Do Not Upload" in fields["Classifier"]
    else:
        assert fields["License-Expression"] == [project["license"]]


def check_installs(project: BakedProject, python: str, artifact: Path, venv: Path, version: str | None = None) -> None:
    """Install `artifact` into a fresh venv, import it there and run its command line."""
    version = version or project["version"]
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
    assert out == [version, "Hello, Ada Lovelace!", "True"]
    if project["cli"] != "none":
        script = venv_bin(venv, project["project_slug"])
        assert project.run(str(script), "Grace  Hopper", cwd=venv) == "Hello, Grace Hopper!\n"
        # As the README shows it: the distribution's name, whatever `python -m` makes of argv[0].
        version_line = project.run(str(venv_python), "-m", package, "--version", cwd=venv)
        assert version_line == f"{project['project_slug']} {version}\n"


def assert_green(project: BakedProject, tmp_path: Path, *, wheel_files: set[str] | None = None) -> None:
    """Run the whole green check on `project`; `tmp_path` holds the throwaway install venvs.

    `wheel_files` replaces what the answers alone say the wheel holds, for a project changed since
    its bake (a module grown into a library has no sample `names.py`).
    """
    python = find_python(project["python_min"])
    if python is None:
        pytest.skip(f"no Python {project['python_min']} interpreter on this machine")
    wheel_files = expected_wheel_files(project) if wheel_files is None else wheel_files
    # What a plain `uv sync` installs (the default groups) must be enough for the tests.
    project.run("uv", "sync", "--quiet", "--python", python)
    # The whole suite as the nox `tests` session (CI) runs it: coverage measured, the 100% floor held.
    tests = project.run("uv", "run", "--no-sync", "pytest", "-p", "no:cacheprovider", "--cov", "--cov-fail-under=100")
    assert re.search(r"\b[1-9]\d* passed\b", tests), tests
    assert re.search(r"^TOTAL\s.*\s100%$", tests, re.MULTILINE), tests
    # The linters as the generated README runs them (`uv run --group lint ...`).
    project.run("uv", "sync", "--quiet", "--group", "lint", "--python", python)
    project.run("uv", "run", "--no-sync", "ruff", "check")
    project.run("uv", "run", "--no-sync", "ruff", "format", "--check")
    project.run("uv", "run", "--no-sync", "mypy", "--strict")

    # Bytecode next to the tests, as on any machine that writes it: no backend may ship it.
    stray = project.path / "tests" / "__pycache__" / "test_stray.cpython-312.pyc"
    stray.parent.mkdir(exist_ok=True)
    stray.write_bytes(b"")
    project.run("uv", "build", "--quiet", "--python", python, "--out-dir", str(tmp_path / "dist"))
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    (sdist,) = (tmp_path / "dist").glob("*.tar.gz")
    files, fields = wheel_metadata(wheel)
    assert files == wheel_files
    version = project["version"]
    if project["versioning"] == "vcs" and (project.path / ".git").is_dir():
        # A new repository with no tag yet: the build takes a development version.
        (version,) = fields["Version"]
        assert re.fullmatch(r"\d+(\.\d+)*\.dev\d+(\+[a-z0-9.]+)?", version), version
    check_metadata(project, fields, version)
    check_entry_points(project, wheel)
    check_sdist(project, sdist, version, wheel_files)
    check_installs(project, python, wheel, tmp_path / "venv-wheel", version)
    check_installs(project, python, sdist, tmp_path / "venv-sdist", version)
