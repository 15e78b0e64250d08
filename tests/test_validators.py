"""Every combination the suite bakes passes the Python ecosystem's own validators, with no finding.

Fast tier: the static validators (validate-pyproject, repo-review, twine, check-wheel-contents,
pyroma, PEP 639 license checks, ruff, codespell, and the YAML tools when there is YAML) on the rows
of the green check, on a bake with hostile names, on a hatchling module with an accented name, and
on the tooling rows without pre-commit (the only choice the green rows never make; it changes files,
not what the slow tier runs); validate-pyproject on every offered backend x layout x versioning.
Slow tier (`green`): `uv sync`, `uv pip check`, pyright strict and deptry (on the whole project,
`deptry .`) on the same combinations. Also proves the license comparison and codespell can fail.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from conftest import BakedProject, choices
from test_backends import OFFERED, answers_for
from test_green import rows
from tooling import ROW_PARAMS
from validators import (
    LICENSE_MATCH,
    Findings,
    assert_validators_pass,
    assert_validators_pass_slow,
    check_pyproject,
    check_spelling,
    check_yaml,
    committed_files,
    license_text_mismatch,
    spdx_license,
    spdx_text,
)

HOSTILE_NAMES = pytest.param(
    {
        "project_name": 'Café "Tools" \\ 🚀',
        "description": "Says \"hi\" in 'quotes' \\ with\ttabs and émojis 🚀.",
        "keywords": 'names, "quotes", 🚀',
        "author_name": "Zoë O'Brien",
        "author_email": "zoe@example.org",
        "version": "1.0.0rc1",
        "layout": "module",
        "cli": "click",
    },
    id="hostile-names",
)
# The backend a row never varies, on the layout whose pyproject differs most, with an accented name
# (it reaches `.cookiecutter.json` and every docstring) and the docs choice that shares no file.
HATCHLING_MODULE = pytest.param(
    {"project_name": "Café Crème", "layout": "module", "build_backend": "hatchling", "docs": "zensical"},
    id="hatchling-module-accented",
)
COMBINATIONS = [*rows(), HOSTILE_NAMES, HATCHLING_MODULE]
# The green check's rows all keep pre-commit; the tooling rows without it bake its exceptions.
WITHOUT_PRE_COMMIT = [row for row in ROW_PARAMS if not row.values[0]["pre_commit"]]


@pytest.mark.parametrize("answers", [*COMBINATIONS, *WITHOUT_PRE_COMMIT])
def test_static_validators_find_nothing(bake, answers: dict[str, str]) -> None:
    assert_validators_pass(bake(**answers))


@pytest.mark.green
@pytest.mark.parametrize("answers", COMBINATIONS)
def test_project_validators_find_nothing(bake, answers: dict[str, str]) -> None:
    assert_validators_pass_slow(bake(**answers))


@pytest.mark.parametrize("answers", [answers_for(*combination) for combination in OFFERED])
def test_pyproject_validates_with_every_backend(bake, answers: dict[str, str]) -> None:
    # The green rows keep the default backend; validate-pyproject's schema store knows every
    # backend's own table (`[tool.hatch]`, `[tool.flit]`, `[tool.pdm]`, `[tool.setuptools_scm]`).
    findings = Findings(bake(**answers))
    check_pyproject(findings)
    assert findings.items == []


def test_codespell_reads_the_recorded_answers(bake, tmp_path: Path) -> None:
    # `.cookiecutter.json` is a dotfile, which codespell skips unless told: an escaped `Caf\u00e9`
    # there reads as the misspelling `Caf`, and must be found.
    project = sabotaged_copy(bake(project_name="Café Crème"), tmp_path)
    recorded = project.path / ".cookiecutter.json"
    assert '"project_name": "Café Crème"' in recorded.read_text(encoding="utf-8")
    recorded.write_text(recorded.read_text(encoding="utf-8").replace("Café", "Caf\\u00e9"), encoding="utf-8")
    findings = Findings(project)
    check_spelling(findings, committed_files(project))
    assert "Caf ==> Calf" in "\n".join(findings.items)


@pytest.mark.parametrize(
    ("text_of", "checked_as"),
    [
        ("BSD-2-Clause", "BSD-3-Clause"),
        ("BSD-3-Clause", "BSD-2-Clause"),
        ("X11", "MIT"),
        ("MIT", "Apache-2.0"),
        ("AGPL-3.0", "GPL-3.0-or-later"),
        ("GPL-3.0", "AGPL-3.0"),
    ],
)
def test_license_comparison_refuses_a_near_license(text_of: str, checked_as: str) -> None:
    assert license_text_mismatch(spdx_text(text_of), checked_as) is not None


def test_license_comparison_accepts_the_reference_itself() -> None:
    assert LICENSE_MATCH < 1
    offered = [license_id for license_id in choices("license") if spdx_license(license_id)]
    assert offered
    for license_id in offered:
        assert license_text_mismatch(spdx_text(license_id), license_id) is None


def sabotaged_copy(project: BakedProject, tmp_path: Path) -> BakedProject:
    """Return a copy of `project` in `tmp_path` (the cached bake stays intact)."""
    copy = tmp_path / project.path.name
    shutil.copytree(project.path, copy)
    return BakedProject(copy, {**project.answers, "sabotaged": True}, project.context)


# A workflow and its companions with one flaw for each YAML tool to find.
BAD_YAML = {
    ".github/workflows/ci.yml": """\
on: pull_request_target
jobs:
  greet:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: echo "${{ github.event.pull_request.title }}"
""",
    # The project's yamllint config lets `on:` be a key; a `yes` for a boolean is still a finding.
    ".github/workflows/broken.yml": "on: push\njobs:\n  broken:\n    continue-on-error: yes\n    steps: []\n",
    ".github/dependabot.yml": "version: 1\n",
    ".pre-commit-config.yaml": "repos:\n  - repo: https://github.com/astral-sh/ruff-pre-commit\n",
}
# The same workflow without its flaws: the YAML tools must find nothing in it.
GOOD_YAML = {
    ".github/workflows/ci.yml": """\
---
name: CI
"on":
  pull_request:
permissions: {}
jobs:
  greet:
    name: Greet
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8  # v5
        with:
          persist-credentials: false
      - run: echo "$TITLE"
        env:
          TITLE: ${{ github.event.pull_request.title }}
""",
    ".github/dependabot.yml": """\
---
version: 2
updates:
  - package-ecosystem: github-actions
    directory: /
    schedule:
      interval: weekly
    cooldown:
      default-days: 7
""",
}


def test_every_static_validator_reports_its_finding(bake, tmp_path: Path) -> None:
    project = sabotaged_copy(bake(), tmp_path)
    pyproject = project.read("pyproject.toml")
    pyproject = pyproject.replace("keywords = ", "# keywords = ").replace("strict = true\n", "", 1)
    (project.path / "pyproject.toml").write_text(pyproject + '\n[tool.repo-review]\nignor = ["MY101"]\n')
    (project.path / "LICENSE").write_text(spdx_text("BSD-2-Clause"), encoding="utf-8")
    (project.path / "README.md").write_text(project.read("README.md") + "\nTeh end.\n", encoding="utf-8")
    (project.path / "src" / "badly_formatted.py").write_text("import os\nx=1\n", encoding="utf-8")
    for relative, text in BAD_YAML.items():
        (project.path / relative).parent.mkdir(parents=True, exist_ok=True)
        (project.path / relative).write_text(text, encoding="utf-8")
    with pytest.raises(pytest.fail.Exception) as failure:
        assert_validators_pass(project)
    report = str(failure.value)
    expected = {
        "validate-pyproject": "ignor",
        "repo-review": "MY101",
        "PEP 639": "is not the text of MIT",
        "pyroma": "keywords",
        "ruff check": "F401",
        "ruff format": "badly_formatted.py",
        "codespell": "Teh ==> The",
        "yamllint": "truthy",
        "check-jsonschema vendor.github-workflows": "runs-on",
        "check-jsonschema vendor.dependabot": "version",
        "actionlint": "untrusted",
        "zizmor": "template-injection",
        "pre-commit": "rev",
    }
    missing = {tool: text for tool, text in expected.items() if f"--- {tool}\n" not in report or text not in report}
    assert not missing, report


def test_yaml_tools_accept_a_sound_workflow(bake, tmp_path: Path) -> None:
    project = sabotaged_copy(bake(), tmp_path)
    for relative, text in GOOD_YAML.items():
        (project.path / relative).parent.mkdir(parents=True, exist_ok=True)
        (project.path / relative).write_text(text, encoding="utf-8")
    findings = Findings(project)
    check_yaml(findings, committed_files(project))
    assert findings.items == []


@pytest.mark.green
def test_every_project_validator_reports_its_finding(bake, tmp_path: Path) -> None:
    project = sabotaged_copy(bake(python_min="3.11"), tmp_path)
    for leftover in (".venv", ".pytest_cache", ".mypy_cache", ".ruff_cache"):
        shutil.rmtree(project.path / leftover, ignore_errors=True)
    package = project.path / "src" / project["package_name"]
    # Untyped, so pyright strict objects; imports a module no dependency provides, so deptry does.
    (package / "extra.py").write_text('"""Extra."""\n\nimport yaml\n\n\ndef twice(x):\n    return yaml.dump(x)\n')
    with pytest.raises(pytest.fail.Exception) as failure:
        assert_validators_pass_slow(project)
    report = str(failure.value)
    assert "--- pyright\n" in report and "reportMissingParameterType" in report, report
    assert (
        "--- deptry\n" in report and "DEP001 'yaml' imported but missing from the dependency definitions" in report
    ), report


def test_long_free_text_keeps_the_yaml_within_its_rules(bake) -> None:
    # Spaces in runs and at every offset, escapes, wide and line-separator characters, past 100 columns.
    description = "".join(f'{"x" * n}{" " * (n % 3 + 1)}"\\ 🚀\u2028: #' for n in range(30))
    author = "Zoë " + "O'Brien-" * 20
    project = bake(docs="mkdocs", ci="none", pre_commit=False, description=description, author_name=author)
    config = yaml.safe_load(project.read("mkdocs.yml"))
    assert (config["site_description"], config["site_author"]) == (description, author)
    findings = Findings(project)
    check_yaml(findings, committed_files(project))
    assert findings.items == []
