"""Each layout bakes to exactly its own files: a module is one file, a library is a package."""

from __future__ import annotations

import ast

import pytest
from conftest import choices
from tooling import expected_tooling_files

LAYOUT_CLI = [pytest.param(layout, cli, id=f"{layout}-{cli}") for layout in choices("layout") for cli in choices("cli")]


def expected_files(layout: str, cli: str, package: str) -> set[str]:
    """Return the files a project with these answers must hold, and no others."""
    files = {".cookiecutter.json", ".gitignore", "CHANGELOG.md", "LICENSE", "README.md", "pyproject.toml"}
    if layout == "module":
        return files | {f"src/{package}.py", f"tests/test_{package}.py"}
    files |= {f"src/{package}/{name}" for name in ("__init__.py", "core.py", "names.py", "py.typed")}
    files |= {"tests/test_core.py", "tests/test_names.py", "tests/test_package.py"}
    if cli != "none":
        files |= {f"src/{package}/cli.py", f"src/{package}/__main__.py", "tests/test_cli.py"}
    return files


@pytest.mark.parametrize(("layout", "cli"), LAYOUT_CLI)
def test_layout_has_exactly_its_files(bake, layout: str, cli: str) -> None:
    project = bake(layout=layout, cli=cli)
    tooling = expected_tooling_files(project.context)  # tested in test_tooling_files.py
    assert project.files() == expected_files(layout, cli, project["package_name"]) | tooling


@pytest.mark.parametrize("cli", choices("cli"))
def test_module_layout_has_no_package_directory(bake, cli: str) -> None:
    project = bake(layout="module", cli=cli)
    assert [p.name for p in (project.path / "src").iterdir()] == [f"{project['package_name']}.py"]
    assert not list(project.path.rglob("__init__.py"))


@pytest.mark.parametrize("cli", choices("cli"))
def test_library_modules_import_each_other(bake, cli: str) -> None:
    project = bake(layout="library", cli=cli)
    package = project["package_name"]

    def imported_from(module: str) -> set[str]:
        tree = ast.parse(project.read(f"src/{package}/{module}.py"))
        return {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}

    assert f"{package}.core" in imported_from("__init__")
    assert f"{package}.names" in imported_from("core")
    if cli != "none":
        assert f"{package}.core" in imported_from("cli")
        assert f"{package}.cli" in imported_from("__main__")


@pytest.mark.parametrize(("layout", "cli"), LAYOUT_CLI)
def test_every_python_file_parses(bake, layout: str, cli: str) -> None:
    project = bake(layout=layout, cli=cli)
    for relative in sorted(f for f in project.files() if f.endswith(".py")):
        ast.parse(project.read(relative), filename=relative)


def test_proprietary_project_reserves_all_rights(bake) -> None:
    text = bake(license="Proprietary", author_name="Grace Hopper").read("LICENSE")
    assert "Grace Hopper. All rights reserved." in text
