"""Each layout bakes to exactly its own files: a module is one file, a library is a package.

What a bake holds is read from the template's own file names (`rendered_tree`); the headline facts
of each layout are asserted here by hand, so a wrong name cannot make a wrong expectation.
"""

from __future__ import annotations

import ast

import pytest
from conftest import choices
from rendered_tree import parents, rendered_directories, rendered_files

LAYOUT_CLI = [pytest.param(layout, cli, id=f"{layout}-{cli}") for layout in choices("layout") for cli in choices("cli")]
# What every project holds, whatever the answers.
EVERY_PROJECT = {
    ".cookiecutter.json",
    ".gitignore",
    "CHANGELOG.md",
    "LICENSE",
    "README.md",
    "noxfile.py",
    "pyproject.toml",
}


@pytest.mark.parametrize(("layout", "cli"), LAYOUT_CLI)
def test_layout_has_exactly_the_files_the_template_names_promise(bake, layout: str, cli: str) -> None:
    project = bake(layout=layout, cli=cli)
    files = project.files()
    assert files == rendered_files(project.context)
    directories = {p.relative_to(project.path).as_posix() for p in project.path.rglob("*") if p.is_dir()}
    directories = {d for d in directories if d.split("/")[0] != ".git"}
    assert directories == rendered_directories(project.context) == parents(files)
    assert files >= EVERY_PROJECT


@pytest.mark.parametrize("cli", choices("cli"))
def test_module_layout_is_one_module_and_its_tests(bake, cli: str) -> None:
    project = bake(layout="module", cli=cli)
    package = project["package_name"]
    assert [p.name for p in (project.path / "src").iterdir()] == [f"{package}.py"]
    assert [p.name for p in (project.path / "tests").iterdir()] == [f"test_{package}.py"]
    assert not list(project.path.rglob("__init__.py"))


@pytest.mark.parametrize("cli", choices("cli"))
def test_library_layout_is_a_typed_package_with_a_test_module_per_module(bake, cli: str) -> None:
    project = bake(layout="library", cli=cli)
    package = project.path / "src" / project["package_name"]
    assert [p.name for p in (project.path / "src").iterdir()] == [project["package_name"]]
    assert (package / "py.typed").is_file()
    assert (package / "__init__.py").is_file()
    assert (package / "cli.py").is_file() == (package / "__main__.py").is_file() == (cli != "none")
    modules = {p.stem for p in package.glob("*.py")} - {"__init__", "__main__"}
    tests = {p.stem for p in (project.path / "tests").glob("test_*.py")}
    assert tests == {f"test_{module}" for module in modules} | {"test_package"}


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
