"""The rendered `pyproject.toml` and LICENSE say what the answers say.

A LICENSE is the text of its SPDX license, read from the `spdx` package; a license SPDX does not
know is the project's own all-rights-reserved terms, which PyPI refuses.
"""

from __future__ import annotations

import datetime

import pytest
from conftest import choices
from validators import license_text_mismatch, spdx_license

PRIVATE = "Private :: Do Not Upload"


def test_project_table_carries_the_answers(bake) -> None:
    answers = {
        "project_name": "Tidy Names",
        "description": "Tidies names.",
        "author_name": "Ada Lovelace",
        "author_email": "ada@example.org",
        "version": "2.1.0rc1",
        "python_min": "3.12",
    }
    project = bake(**answers).pyproject()["project"]
    assert project["name"] == "tidy-names"
    assert project["version"] == "2.1.0rc1"
    assert project["description"] == "Tidies names."
    assert project["authors"] == [{"name": "Ada Lovelace", "email": "ada@example.org"}]
    assert project["requires-python"] == ">=3.12"
    assert project["readme"] == "README.md"


@pytest.mark.parametrize("python_min", choices("python_min"))
def test_classifiers_list_every_supported_python(bake, python_min: str) -> None:
    classifiers = bake(python_min=python_min).pyproject()["project"]["classifiers"]
    listed = [c.rsplit(" :: ", 1)[1] for c in classifiers if c.startswith("Programming Language :: Python :: 3.")]
    first = int(python_min.split(".")[1])
    assert listed == [f"3.{minor}" for minor in range(first, 15)]


@pytest.mark.parametrize("license_id", choices("license"))
def test_license_expression_and_file(bake, license_id: str) -> None:
    project = bake(license=license_id, author_name="Grace Hopper")
    meta = project.pyproject()["project"]
    assert meta["license-files"] == ["LICENSE"]
    text = project.read("LICENSE")
    year = str(datetime.datetime.now(tz=datetime.UTC).year)
    copyright_lines = [line for line in text.splitlines() if line.strip().startswith("Copyright")]
    names_the_holder = any(year in line and "Grace Hopper" in line for line in copyright_lines)
    entry = spdx_license(license_id)
    if entry is None:
        # No SPDX license: the project's own terms, which PyPI must refuse to publish.
        assert meta["license"] == f"LicenseRef-{license_id}"
        assert PRIVATE in meta["classifiers"]
        assert "All rights reserved." in text
        assert names_the_holder
        return
    assert meta["license"] == license_id
    assert PRIVATE not in meta["classifiers"]
    assert license_text_mismatch(text, license_id) is None
    # A license with no standard header for each source file (MIT, BSD) is applied by the copyright
    # line in its own text; the others' texts (GPL, MPL) are kept as they are published.
    if entry["header"] is None:
        assert names_the_holder


@pytest.mark.parametrize("layout", choices("layout"))
@pytest.mark.parametrize("cli", choices("cli"))
def test_cli_entry_point_and_dependency(bake, layout: str, cli: str) -> None:
    project = bake(layout=layout, cli=cli)
    meta = project.pyproject()["project"]
    package = project["package_name"]
    if cli == "none":
        assert "scripts" not in meta
        assert meta["dependencies"] == []
        return
    target = package if layout == "module" else f"{package}.cli"
    assert meta["scripts"] == {project["project_slug"]: f"{target}:main"}
    expected = {"argparse": [], "click": ["click"], "typer": ["typer"]}[cli]
    assert [dep.split(">=")[0] for dep in meta["dependencies"]] == expected


@pytest.mark.parametrize("layout", choices("layout"))
def test_typed_classifier_only_where_types_ship(bake, layout: str) -> None:
    classifiers = bake(layout=layout).pyproject()["project"]["classifiers"]
    assert ("Typing :: Typed" in classifiers) == (layout == "library")


def test_tool_configuration_is_strict(bake) -> None:
    tool = bake().pyproject()["tool"]
    assert tool["mypy"]["strict"] is True
    # Coverage is measured where it is asked for (`--cov`, the nox `tests` session), not on every run.
    assert "--cov" not in tool["pytest"]["addopts"]


def test_only_the_whole_suite_keeps_the_coverage_floor(bake) -> None:
    # A run of some tests (`pytest tests/test_core.py`, `-k greet`) must not fail on coverage; the
    # nox `tests` session, which CI runs, runs them all and holds the floor.
    project = bake()
    assert "fail_under" not in project.pyproject()["tool"]["coverage"]["report"]
    assert "--cov-fail-under" not in " ".join(project.pyproject()["tool"]["pytest"]["addopts"])
    assert 'session.run("pytest", "--cov", "--cov-fail-under=100", *session.posargs)' in project.read("noxfile.py")


def test_uv_sync_installs_the_test_tools_and_not_the_linters(bake) -> None:
    pyproject = bake().pyproject()
    groups = {
        name: {dep.split(">=")[0] for dep in deps}
        for name, deps in pyproject["dependency-groups"].items()
        if name != "dev"
    }
    assert pyproject["tool"]["uv"]["default-groups"] == ["test"]
    # `dev` (what repo-review and uv look for) is both, and only on request.
    assert pyproject["dependency-groups"]["dev"] == [{"include-group": "test"}, {"include-group": "lint"}]
    assert groups["test"] == {"pytest", "pytest-cov"}
    assert groups["lint"] == {"mypy", "ruff"}
