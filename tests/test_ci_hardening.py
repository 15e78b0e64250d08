"""Generated GitHub workflows follow least privilege: pinned actions, minimal tokens, no injection."""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml
from conftest import choices

PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
VERSION_COMMENT = re.compile(r"@[0-9a-f]{40}  # v\d+\.\d+\.\d+$")
WORKFLOWS = [
    pytest.param(answers, workflow, id=f"{workflow}-{answers['docs']}")
    for answers in [{"docs": docs} for docs in choices("docs")]
    for workflow in ("ci.yml", "release.yml")
]


def workflow(bake, answers: dict[str, Any], name: str) -> tuple[dict[str, Any], str]:
    """Return the parsed workflow `name` of a project baked with GitHub CI, and its text."""
    text = bake(ci="github", **answers).read(f".github/workflows/{name}")
    return yaml.safe_load(text), text


@pytest.mark.parametrize(("answers", "name"), WORKFLOWS)
def test_every_action_is_pinned_by_commit_with_its_version(bake, answers: dict[str, Any], name: str) -> None:
    parsed, text = workflow(bake, answers, name)
    uses = [step["uses"] for job in parsed["jobs"].values() for step in job["steps"] if "uses" in step]
    assert uses
    assert all(PINNED.match(use) for use in uses), uses
    use_lines = [line for line in text.splitlines() if "uses:" in line]
    assert all(VERSION_COMMENT.search(line) for line in use_lines), use_lines


@pytest.mark.parametrize(("answers", "name"), WORKFLOWS)
def test_token_permissions_are_granted_per_job_and_minimal(bake, answers: dict[str, Any], name: str) -> None:
    parsed, _ = workflow(bake, answers, name)
    assert parsed["permissions"] == {}
    for job_name, job in parsed["jobs"].items():
        wanted = {"id-token": "write"} if job_name == "publish" else {"contents": "read"}
        assert job["permissions"] == wanted, job_name


@pytest.mark.parametrize(("answers", "name"), WORKFLOWS)
def test_checkouts_keep_no_credentials_and_run_steps_expand_no_expressions(
    bake, answers: dict[str, Any], name: str
) -> None:
    parsed, _ = workflow(bake, answers, name)
    steps = [step for job in parsed["jobs"].values() for step in job["steps"]]
    checkouts = [step for step in steps if step.get("uses", "").startswith("actions/checkout@")]
    assert checkouts
    assert all(step["with"]["persist-credentials"] is False for step in checkouts)
    assert not [step["run"] for step in steps if "${{" in step.get("run", "")]


def test_release_runs_only_on_version_tags_without_a_cache(bake) -> None:
    parsed, _ = workflow(bake, {}, "release.yml")
    assert parsed[True] == {"push": {"tags": ["v*"]}}  # YAML 1.1 reads the key `on` as True
    setup_uv = [s for s in parsed["jobs"]["build"]["steps"] if s.get("uses", "").startswith("astral-sh/setup-uv@")]
    assert [s["with"]["enable-cache"] for s in setup_uv] == [False]
    assert parsed["jobs"]["publish"]["environment"]["name"] == "pypi"
