"""Each tooling answer bakes exactly its own files, and every YAML and TOML file among them parses."""

from __future__ import annotations

import re
from typing import Any

import pytest
import tomllib
import yaml
from tooling import ROW_PARAMS, expected_tooling_files

# What every project holds whatever the tooling answers; the rest of `files()` is tooling.
NOT_TOOLING = {".cookiecutter.json", ".gitignore", "CHANGELOG.md", "LICENSE", "README.md", "pyproject.toml"}
DOCS_TOOLS = {
    "sphinx": {"sphinx", "furo"},
    "zensical": {"zensical", "mkdocstrings-python"},
    "mkdocs": {"mkdocs", "mkdocs-material", "mkdocstrings"},
}


def tooling_files(project: Any) -> set[str]:
    """Return the project's files outside src/, tests/ and the files every project has."""
    return {f for f in project.files() if f not in NOT_TOOLING and not f.startswith(("src/", "tests/"))}


def requirement_names(requirements: list[str]) -> set[str]:
    """Return the distribution names of PEP 508 requirement strings (`mkdocstrings[python]>=1`)."""
    return {re.split(r"[<>=!~;\[ ]", req, maxsplit=1)[0] for req in requirements}


@pytest.mark.parametrize("answers", ROW_PARAMS)
def test_tooling_files_are_exactly_the_chosen_ones(bake, answers: dict[str, Any]) -> None:
    project = bake(**answers)
    assert tooling_files(project) == expected_tooling_files(answers)


@pytest.mark.parametrize("ci", ["github", "gitlab"])
def test_a_proprietary_project_has_no_release_to_pypi_nor_public_policies(bake, ci: str) -> None:
    project = bake(ci=ci, license="Proprietary")
    assert tooling_files(project) == expected_tooling_files(project.context)
    if ci == "gitlab":
        assert "publish" not in yaml.safe_load(project.read(".gitlab-ci.yml"))


@pytest.mark.parametrize("answers", ROW_PARAMS)
def test_no_empty_directory_is_left_behind(bake, answers: dict[str, Any]) -> None:
    project = bake(**answers)
    empty = [p for p in project.path.rglob("*") if p.is_dir() and not any(p.iterdir())]
    assert not [p for p in empty if ".git" not in p.relative_to(project.path).parts]


@pytest.mark.parametrize("answers", ROW_PARAMS)
def test_every_yaml_file_parses_to_a_mapping(bake, answers: dict[str, Any]) -> None:
    project = bake(**answers)
    for relative in sorted(f for f in project.files() if f.endswith((".yml", ".yaml"))):
        assert isinstance(yaml.safe_load(project.read(relative)), dict), relative


@pytest.mark.parametrize("answers", ROW_PARAMS)
def test_docs_tools_are_their_own_dependency_group(bake, answers: dict[str, Any]) -> None:
    pyproject = tomllib.loads(bake(**answers).read("pyproject.toml"))
    groups = pyproject["dependency-groups"]
    assert "docs" not in pyproject["tool"]["uv"]["default-groups"], "`uv sync` must stay lean"
    for name in pyproject["tool"]["uv"]["default-groups"]:
        assert not requirement_names(groups[name]) & set().union(*DOCS_TOOLS.values()), name
    assert {"include-group": "docs"} not in groups["dev"], "`--group dev` is for code, not the docs"
    if answers["docs"] == "none":
        assert "docs" not in groups
    else:
        assert requirement_names(groups["docs"]) == DOCS_TOOLS[answers["docs"]]


def test_free_text_lands_in_yaml_exactly_as_typed(bake) -> None:
    hostile = {
        "project_name": 'Ünïcode: "quoted" #not-a-comment {x: [y]} 🎉',
        "description": "- not a list\n  key: not a mapping\\ 'single' & *alias",
        "author_name": "Zoë O'Brien: @me",
    }
    project = bake(docs="mkdocs", **hostile)
    config = yaml.safe_load(project.read("mkdocs.yml"))
    assert (config["site_name"], config["site_description"], config["site_author"]) == tuple(hostile.values())
