"""A GitLab project's `renovate.json` updates everything the project pins (Dependabot serves GitHub only).

Renovate's `pep621` manager updates `pyproject.toml` and `uv.lock` together, lock file maintenance
refreshes the rest of `uv.lock`, `gitlabci` the images in `.gitlab-ci.yml`, and `pre-commit` the
hooks' `rev:`s: that one is off by default in Renovate and must be enabled. The file's schema is
checked with check-jsonschema's vendored Renovate schema in test_tooling_schemas.py; the manager
names are checked here against the same schema, which has a property for each real manager.
"""

from __future__ import annotations

import json
from importlib.resources import files

import pytest

RENOVATE_SCHEMA = json.loads((files("check_jsonschema.builtin_schemas.vendor") / "renovate.json").read_text("utf-8"))


@pytest.mark.parametrize("pre_commit", [True, False])
def test_renovate_covers_dependencies_lock_file_ci_images_and_hooks(bake, pre_commit: bool) -> None:
    project = bake(ci="gitlab", pre_commit=pre_commit)
    config = json.loads(project.read("renovate.json"))
    managers = {"pep621", "gitlabci"} | ({"pre-commit"} if pre_commit else set())
    assert set(config["enabledManagers"]) == managers
    assert managers <= RENOVATE_SCHEMA["properties"].keys()
    assert ":maintainLockFilesWeekly" in config["extends"]
    assert config.get("pre-commit") == ({"enabled": True} if pre_commit else None)
    assert ("pre-commit hooks" in config["description"]) is pre_commit
