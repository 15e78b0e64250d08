"""Each tooling answer bakes exactly its own files, and every YAML and TOML file among them parses."""

from __future__ import annotations

import re
from typing import Any

import pytest
import tomllib
import yaml
from rendered_tree import rendered_files
from tooling import ROW_PARAMS

DOCS_TOOLS = {
    "sphinx": {"sphinx", "furo"},
    "zensical": {"zensical", "mkdocstrings-python"},
    "mkdocs": {"mkdocs", "mkdocs-material", "mkdocstrings"},
}
# Each docs tool's own configuration file: the headline fact of each `docs` answer.
DOCS_CONFIG = {"sphinx": {"docs/conf.py"}, "zensical": {"zensical.toml"}, "mkdocs": {"mkdocs.yml"}, "none": set()}
CI_CONFIG = {"github": {".github/workflows/ci.yml"}, "gitlab": {".gitlab-ci.yml"}, "none": set()}


def requirement_names(requirements: list[str]) -> set[str]:
    """Return the distribution names of PEP 508 requirement strings (`mkdocstrings[python]>=1`)."""
    return {re.split(r"[<>=!~;\[ ]", req, maxsplit=1)[0] for req in requirements}


@pytest.mark.parametrize("answers", ROW_PARAMS)
def test_tooling_files_are_exactly_the_chosen_ones(bake, answers: dict[str, Any]) -> None:
    project = bake(**answers)
    files = project.files()
    assert files == rendered_files(project.context)
    # The headline facts, by hand: the names above must promise these.
    assert files & set().union(*DOCS_CONFIG.values()) == DOCS_CONFIG[answers["docs"]]
    assert (answers["docs"] != "none") == (".readthedocs.yaml" in files) == any(f.startswith("docs/") for f in files)
    assert files & set().union(*CI_CONFIG.values()) == CI_CONFIG[answers["ci"]]
    assert (answers["ci"] == "github") == any(f.startswith(".github/") for f in files)
    assert answers["pre_commit"] == (".pre-commit-config.yaml" in files)
    assert (answers["license"] != "Proprietary") == ("CONTRIBUTING.md" in files) == ("SECURITY.md" in files)


@pytest.mark.parametrize("ci", ["github", "gitlab"])
def test_a_proprietary_project_has_no_release_to_pypi_nor_public_policies(bake, ci: str) -> None:
    project = bake(ci=ci, license="Proprietary")
    files = project.files()
    assert files == rendered_files(project.context)
    assert not {".github/workflows/release.yml", "CONTRIBUTING.md", "SECURITY.md"} & files
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
