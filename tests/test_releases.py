"""The template's releases: one version, a changelog that keeps up, a workflow that tags, updates that say what changed.

The version is CHANGELOG.md's newest release heading (`releases.py` reads it; pyproject.toml repeats
it for uv). A release is a tag `vX.Y.Z` that `.github/workflows/release.yml` makes; here releases
are tagged in a temporary copy of this checkout (`gitrepo.release`), without a network, and projects
made at one release are updated to the next on each engine.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import tailor
import tomllib
import yaml
from conftest import PROJECT_TREE, TEMPLATE, copy_template
from gitrepo import commit, edit, next_minor, release, run
from test_ci_hardening import PINNED, VERSION_COMMENT
from test_copier_update import COPIER
from test_cruft import CRUFT, USER_FUNCTION, cruft_create
from validators import tool, tool_env

import releases

CHANGELOG = (TEMPLATE / "CHANGELOG.md").read_text(encoding="utf-8")
VERSION = releases.version()
NEXT = next_minor(VERSION)
# What makes the projects: a change to any of these needs a line in CHANGELOG.md (CONTRIBUTING.md).
TEMPLATE_PATHS = (
    PROJECT_TREE.name,
    "templates",
    "hooks",
    "cookiecutter.json",
    "copier.yml",
    "answer_rules.py",
    "answer_formats.py",
    "local_extensions.py",
    "copier_extension.py",
    "releases.py",
)
WORKFLOW = TEMPLATE / ".github" / "workflows" / "release.yml"
TO_COPIER = [sys.executable, str(TEMPLATE / "scripts" / "to_copier.py")]
NO_TAGS = "No git tags found"


# --- one version, a changelog in Keep a Changelog form ---------------------------------------------


def test_pyproject_repeats_the_changelogs_newest_release() -> None:
    pyproject = tomllib.loads((TEMPLATE / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["version"] == VERSION


def test_the_changelog_is_unreleased_then_dated_releases_newest_first() -> None:
    sections = releases.entries(CHANGELOG)
    assert [line for line in CHANGELOG.splitlines() if line.startswith("## ")] == [
        section.text.splitlines()[0] for section in sections
    ], "a `## ` heading releases.py does not read"
    assert sections[0].name == releases.UNRELEASED
    made = sections[1:]
    assert made
    assert all(section.date and len(section.name.split(".")) == 3 for section in made), "X.Y.Z - YYYY-MM-DD"
    numbers = [releases.release_of(section.name) for section in made]
    assert numbers == sorted(set(numbers), reverse=True)
    assert [section.date for section in made] == sorted((section.date for section in made), reverse=True)
    assert all("\n- " in section.text for section in made), "a release without a line"
    # An update prints the entries: a line indented as a command would be taken for one (tailor.COMMAND).
    assert not [line for line in CHANGELOG.splitlines() if line.startswith(tailor.COMMAND)]


@pytest.mark.parametrize(
    ("old", "new", "names"),
    [
        ("1.0.0", "1.2.0", ["1.2.0", "1.1.0"]),
        ("v1.1.0", "v1.2.0", ["1.2.0"]),
        ("1.1.0.post3+g1a2b3c", "1.2.0", ["1.2.0"]),
        (None, "1.1.0", ["1.1.0", "1.0.0"]),
        ("1.2.0", "1.2.0", []),
        ("0.0.0.post171.dev0+3561759", "1.0.0", ["1.0.0"]),
    ],
)
def test_the_entries_between_two_releases(old: str | None, new: str, names: list[str]) -> None:
    text = "# Changelog\n\n## [Unreleased]\n\n" + "".join(
        f"## [{name}] - 2026-12-0{day}\n\n- {name}\n\n" for day, name in ((3, "1.2.0"), (2, "1.1.0"), (1, "1.0.0"))
    )
    assert [entry.name for entry in releases.between(text, old, new)] == names
    assert releases.version(text) == "1.2.0"
    assert releases.unreleased(text) is None
    assert releases.unreleased(text.replace("## [Unreleased]\n", "## [Unreleased]\n\n- Soon.\n")).text.endswith("Soon.")


# --- a template change comes with a changelog line -------------------------------------------------


def lagging(repo: Path) -> list[str]:
    """Return how the changelog of the git repository `repo` lags behind its template: [] if it keeps up.

    A template change needs a CHANGELOG.md change beside it: uncommitted with uncommitted, and the
    last commit that changed the template is the last one that changed CHANGELOG.md or one before it
    (its ancestor). A shallow clone's first commit seems to change everything, so it never lags there.
    """
    found = []
    status = [
        run("git", "status", "--porcelain", "--", *paths, cwd=repo).stdout
        for paths in (TEMPLATE_PATHS, ["CHANGELOG.md"])
    ]
    if status[0] and not status[1]:
        found.append(f"uncommitted template changes without a CHANGELOG.md line:\n{status[0]}")
    tree, changelog = (run("git", "log", "-1", "--format=%H", "--", *paths, cwd=repo).stdout.strip()
                       for paths in (TEMPLATE_PATHS, ["CHANGELOG.md"]))  # fmt: skip
    if tree and run("git", "merge-base", "--is-ancestor", tree, changelog or tree + "^", cwd=repo).returncode != 0:
        found.append(f"commit {tree[:12]} changed the template after CHANGELOG.md last changed")
    return found


def test_every_template_change_here_has_a_changelog_line() -> None:
    if run("git", "rev-parse", "--is-inside-work-tree", cwd=TEMPLATE).returncode != 0:
        pytest.skip("not a git checkout: no history to read")
    assert lagging(TEMPLATE) == []


def test_a_template_change_without_a_changelog_line_is_found(tmp_path: Path) -> None:
    repo = copy_template(tmp_path / "template")
    assert lagging(repo) == []
    readme = repo / PROJECT_TREE.name / "README.md"
    edit(readme, lambda text: text + "\nMore.\n")
    assert [problem.splitlines()[0] for problem in lagging(repo)] == [
        "uncommitted template changes without a CHANGELOG.md line:"
    ]
    commit(repo, "A template change alone")
    (problem,) = lagging(repo)
    assert problem.endswith("changed the template after CHANGELOG.md last changed")
    # A line written now does not make up for the commit before it: it must be committed too.
    edit(repo / "CHANGELOG.md", lambda text: text.replace("## [Unreleased]\n", "## [Unreleased]\n\n- More.\n", 1))
    assert lagging(repo) == [problem]
    commit(repo, "Its line")
    assert lagging(repo) == []


# --- the release workflow ---------------------------------------------------------------------------


def test_the_release_workflow_tags_main_with_least_privilege() -> None:
    parsed = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert parsed[True] == {"push": {"branches": ["main"], "paths": ["CHANGELOG.md"]}}  # YAML 1.1 reads `on` as True
    assert parsed["permissions"] == {}
    (job,) = parsed["jobs"].values()
    assert job["permissions"] == {"contents": "write"}
    uses = [step["uses"] for step in job["steps"] if "uses" in step]
    assert uses
    assert all(PINNED.match(use) for use in uses), uses
    assert all(VERSION_COMMENT.search(line) for line in WORKFLOW.read_text().splitlines() if "uses:" in line)
    assert all(step["with"]["persist-credentials"] is False for step in job["steps"] if "uses" in step)
    assert not [step["run"] for step in job["steps"] if "${{" in step.get("run", "")]


def test_the_template_workflows_pass_actionlint_and_zizmor() -> None:
    workflows = sorted(str(path) for path in (TEMPLATE / ".github" / "workflows").glob("*.yml"))
    for command in (
        [tool("actionlint"), "-no-color", *workflows],
        [tool("zizmor"), "--offline", "--no-progress", "--format", "plain", *workflows],
    ):
        result = subprocess.run(command, env=tool_env(), capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stdout + result.stderr


def test_the_workflow_tags_the_version_and_releases_the_entry_releases_py_prints() -> None:
    def printed(*args: str) -> str:
        return subprocess.run(
            [sys.executable, "releases.py", *args], cwd=TEMPLATE, capture_output=True, text=True, check=True
        ).stdout

    assert printed() == f"{VERSION}\n"
    newest = releases.released(CHANGELOG)[0].text
    assert printed("--notes") == newest.split("\n", 1)[1].strip() + "\n"
    text = WORKFLOW.read_text(encoding="utf-8")
    assert 'tag="v$(python3 releases.py)"' in text
    assert "python3 releases.py --notes > notes.md" in text


# --- a project made at one release, updated to the next ---------------------------------------------


@pytest.fixture
def released(tmp_path: Path) -> Path:
    """Return a git repository of the template as this checkout has it, released (tagged) at its version."""
    repo = copy_template(tmp_path / "template")
    assert run("git", "tag", f"v{VERSION}", cwd=repo).returncode == 0
    return repo


def next_release(template: Path) -> str:
    """Change the template's README and release it at NEXT; return the changelog's line for it."""
    edit(template / PROJECT_TREE.name / "README.md", lambda text: text + "\nA line from the next release.\n")
    line = "Every README ends with a line from the next release."
    release(template, NEXT, line)
    return line


def users_edit(project: Path) -> Path:
    """Add the user's own function to project `tidy`'s module and commit it; return the module."""
    module = project / "src" / "tidy.py"
    edit(module, lambda text: text + USER_FUNCTION)
    commit(project, "The user's own function")
    return module


def told_what_changed(output: str, line: str) -> None:
    """Check that an update's `output` names both releases and the new one's line, and no older entry."""
    assert f"The template moves from release {VERSION} to release {NEXT}" in output
    assert f"## [{NEXT}] - " in output
    assert f"- {line}" in output
    assert f"## [{VERSION}]" not in output
    assert NO_TAGS not in output


def brought(project: Path, module: Path) -> None:
    """Check that the update brought the release's change and kept the user's function."""
    assert (project / "README.md").read_text(encoding="utf-8").endswith("A line from the next release.\n")
    assert module.read_text(encoding="utf-8").endswith(USER_FUNCTION)


def copier_commit(project: Path) -> str:
    """Return the template release copier recorded for `project`."""
    return yaml.safe_load((project / ".copier-answers.yml").read_text(encoding="utf-8"))["_commit"]


def copier_update_to_next(project: Path, template: Path) -> None:
    """Edit the copier `project` made at the template's release, release the next, update; check what it said and did."""
    assert copier_commit(project) == f"v{VERSION}"
    module = users_edit(project)
    line = next_release(template)
    updated = run(*COPIER, "update", "--trust", "--defaults", cwd=project)
    assert updated.returncode == 0, updated.stdout + updated.stderr
    told_what_changed(updated.stdout + updated.stderr, line)
    brought(project, module)
    assert copier_commit(project) == f"v{NEXT}"


def test_a_copier_project_updated_to_the_next_release_is_told_what_changed(released: Path, tmp_path: Path) -> None:
    made = run(*COPIER, "copy", "--trust", "--defaults", "--data", "project_name=Tidy", "--data", "layout=module",
               str(released), str(tmp_path / "tidy"), cwd=tmp_path)  # fmt: skip
    assert made.returncode == 0, made.stdout + made.stderr
    assert NO_TAGS not in made.stdout + made.stderr
    project = tmp_path / "tidy"
    commit(project, "Made with copier")
    copier_update_to_next(project, released)
    commit(project, "Updated")

    again = run(*COPIER, "update", "--trust", "--defaults", cwd=project)
    assert again.returncode == 0, again.stdout + again.stderr
    assert f"already at the template's newest release, {NEXT}" in again.stdout
    assert "What changed" not in again.stdout


def test_a_cruft_project_updated_past_the_next_release_is_told_what_changed(released: Path, tmp_path: Path) -> None:
    project = cruft_create(released, tmp_path / "out", project_name="Tidy", layout="module")
    recorded = json.loads((project / ".cookiecutter.json").read_text(encoding="utf-8"))["cookiecutter"]
    assert recorded["_template_version"] == VERSION
    module = users_edit(project)
    line = next_release(released)
    # Cruft updates to the newest commit: past the release, a change not yet released is told too.
    edit(released / "CHANGELOG.md", lambda text: text.replace("## [Unreleased]\n", "## [Unreleased]\n\n- Soon.\n", 1))
    edit(released / PROJECT_TREE.name / ".gitignore", lambda text: text + "\n# Soon.\n")
    commit(released, "A change not yet released")

    updated = run(*CRUFT, "update", "-y", cwd=project)
    assert updated.returncode == 0, updated.stdout + updated.stderr
    told_what_changed(updated.stdout, line)
    assert "and the changes not yet released" in updated.stdout
    assert "## [Unreleased]\n\n- Soon." in updated.stdout
    brought(project, module)
    recorded = json.loads((project / ".cookiecutter.json").read_text(encoding="utf-8"))["cookiecutter"]
    assert recorded["_template_version"] == NEXT


def test_a_cookiecutter_project_moves_to_copier_at_its_release_and_is_told_what_changed(
    released: Path, tmp_path: Path
) -> None:
    bake = [sys.executable, "-m", "cookiecutter", "--no-input", "-o", str(tmp_path / "out"), str(released)]
    assert run(*bake, "project_name=Tidy", "layout=module", cwd=tmp_path).returncode == 0
    project = tmp_path / "out" / "tidy"
    record = (project / ".cookiecutter.json").read_text(encoding="utf-8")

    refused = run(*TO_COPIER, str(project), "--vcs-ref", "v9.9.9", cwd=tmp_path)
    assert refused.returncode == 1
    assert refused.stderr == (
        f"to_copier: the template at {released} has no v9.9.9: give --vcs-ref one it has (releases: v{VERSION}).\n"
    )
    assert (project / ".cookiecutter.json").read_text(encoding="utf-8") == record
    assert not (project / ".copier-answers.yml").exists()
    # A project made before the first release recorded none: the commit is asked for.
    answers = json.loads(record)["cookiecutter"]
    del answers["_template_version"]
    (project / ".cookiecutter.json").write_text(json.dumps({"cookiecutter": answers}), encoding="utf-8")
    unrecorded = run(*TO_COPIER, str(project), cwd=tmp_path)
    assert unrecorded.returncode == 1
    assert unrecorded.stderr.endswith(f"you made it from with --vcs-ref (releases: v{VERSION}).\n")
    assert not (project / ".copier-answers.yml").exists()
    (project / ".cookiecutter.json").write_text(record, encoding="utf-8")

    moved = run(*TO_COPIER, str(project), cwd=tmp_path)
    assert moved.returncode == 0, moved.stderr
    assert copier_commit(project) == f"v{VERSION}"
    commit(project, "Updates by copier")
    copier_update_to_next(project, released)
