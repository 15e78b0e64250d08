"""Generated CI, Dependabot, Renovate and Read the Docs files validate against their published JSON schemas.

check-jsonschema ships vendored copies of the SchemaStore schemas (no network needed); one run per
schema checks that file in every baked variant at once.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import choices
from tooling import ROWS

# schema name -> the files (glob, relative to a project) it governs.
SCHEMAS = {
    "vendor.github-workflows": ".github/workflows/*.yml",
    "vendor.dependabot": ".github/dependabot.yml",
    "vendor.readthedocs": ".readthedocs.yaml",
    "vendor.gitlab-ci": ".gitlab-ci.yml",
    "vendor.renovate": "renovate.json",
}


def check_jsonschema(schema: str, files: list[Path]) -> subprocess.CompletedProcess[str]:
    """Validate `files` against the built-in `schema` with check-jsonschema."""
    executable = Path(sys.executable).with_name("check-jsonschema")
    command = [str(executable if executable.exists() else shutil.which("check-jsonschema")), "--builtin-schema", schema]
    return subprocess.run([*command, *map(str, files)], capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def variants(bake) -> list[Path]:
    """Bake every covering row, each `python_min` with both CI choices, and the Proprietary ones."""
    answer_sets = [*ROWS]
    answer_sets += [{"python_min": python, "ci": ci} for python in choices("python_min") for ci in ("github", "gitlab")]
    answer_sets += [{"license": "Proprietary", "ci": ci, "docs": "mkdocs"} for ci in ("github", "gitlab")]
    return [bake(**answers).path for answers in answer_sets]


@pytest.mark.parametrize("schema", SCHEMAS)
def test_files_validate_against_their_schema(variants: list[Path], schema: str) -> None:
    files = sorted({file for project in variants for file in project.glob(SCHEMAS[schema])})
    assert files, f"no baked variant produced {SCHEMAS[schema]}"
    result = check_jsonschema(schema, files)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_rejects_a_broken_workflow(variants: list[Path], tmp_path: Path) -> None:
    (workflow,) = [p / ".github/workflows/ci.yml" for p in variants if (p / ".github/workflows/ci.yml").exists()][:1]
    broken = tmp_path / "ci.yml"
    broken.write_text(workflow.read_text(encoding="utf-8").replace("runs-on:", "runs_on:"), encoding="utf-8")
    result = check_jsonschema("vendor.github-workflows", [broken])
    assert result.returncode == 1
    assert "runs-on" in result.stdout
