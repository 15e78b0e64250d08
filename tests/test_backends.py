"""Every build backend builds both layouts and both versionings right, or the pair is refused first.

Fast tier: the rendered `pyproject.toml` configures each backend (bounded requirements, static or
git-tag version with a fallback), and the answer rules refuse exactly the pairs no backend can
build, saying which backends can. Slow tier (`green`): every offered backend x layout x
versioning passes the whole green check (wheel holds exactly the module or the package, sdist holds
sources, tests, README and license, metadata says what the answers say); a `vcs` project takes its
version from a git tag, and builds before its first commit; a module grows into a library the way
its README says.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import by_place, choices, find_python
from greencheck import assert_green, check_installs, check_metadata, sdist_contents, wheel_metadata
from packaging.requirements import Requirement

import answer_rules

BACKENDS = choices("build_backend")
# Every backend once before any twice, so the rows that vary the command line and license (`green_rows`) spread over them.
COMBINATIONS = [
    (backend, layout, versioning)
    for layout, versioning in itertools.product(choices("layout"), choices("versioning"))
    for backend in BACKENDS
]
# The pairs no backend can build (written out here, not read from answer_rules): uv_build builds no single-file
# module, and flit-core and uv_build read no version from git.
REFUSED = {
    (backend, layout, versioning)
    for backend, layout, versioning in COMBINATIONS
    if (backend == "uv_build" and layout == "module") or (versioning == "vcs" and backend in {"flit-core", "uv_build"})
}
OFFERED = [combination for combination in COMBINATIONS if combination not in REFUSED]
VCS_BACKENDS = sorted({backend for backend, _, versioning in OFFERED if versioning == "vcs"})
BUILD_BACKEND_OBJECTS = {
    "flit-core": "flit_core.buildapi",
    "hatchling": "hatchling.build",
    "setuptools": "setuptools.build_meta",
    "pdm-backend": "pdm.backend",
    "uv_build": "uv_build",
}


def answers_for(backend: str, layout: str, versioning: str, **others: object) -> dict[str, object]:
    """Return the answers for one combination (other answers default)."""
    return {"build_backend": backend, "layout": layout, "versioning": versioning, **others}


def green_rows() -> list[object]:
    """Return every offered combination; the r-th takes the r-th command line and license (`by_place`)."""
    rows = []
    for index, combination in enumerate(OFFERED):
        answers = answers_for(*combination, cli=by_place("cli", index), license=by_place("license", index))
        rows.append(pytest.param(answers, id="-".join(map(str, answers.values()))))
    return rows


def fallback_version(project: Any) -> str:
    """Return the fallback version `pyproject.toml` gives the backend's git-tag plugin."""
    tool = project.pyproject()["tool"]
    return {
        "hatchling": lambda: tool["hatch"]["version"]["fallback-version"],
        "setuptools": lambda: tool["setuptools_scm"]["fallback_version"],
        "pdm-backend": lambda: tool["pdm"]["version"]["fallback_version"],
    }[project["build_backend"]]()


# --- fast tier: the rendered configuration --------------------------------------------------------


@pytest.mark.parametrize(("backend", "layout", "versioning"), OFFERED, ids="-".join)
def test_build_system_is_the_backend_with_bounded_requirements(
    bake, backend: str, layout: str, versioning: str
) -> None:
    build_system = bake(**answers_for(backend, layout, versioning)).pyproject()["build-system"]
    assert build_system["build-backend"] == BUILD_BACKEND_OBJECTS[backend]
    requirements = [Requirement(text) for text in build_system["requires"]]
    assert requirements[0].name.replace("_", "-") == backend.replace("_", "-")
    for requirement in requirements:
        operators = {spec.operator for spec in requirement.specifier}
        assert operators == {">=", "<"}, f"{requirement} needs a lower and an upper bound"
    plugins = {requirement.name for requirement in requirements[1:]}
    if versioning == "vcs":
        assert plugins == {"hatchling": {"hatch-vcs"}, "setuptools": {"setuptools-scm"}, "pdm-backend": set()}[backend]
    else:
        assert plugins == set()


@pytest.mark.parametrize(("backend", "layout", "versioning"), OFFERED, ids="-".join)
def test_version_is_static_or_from_git_with_the_answer_as_fallback(
    bake, backend: str, layout: str, versioning: str
) -> None:
    project = bake(**answers_for(backend, layout, versioning, version="2.1.0rc1"))
    meta = project.pyproject()["project"]
    if versioning == "static":
        assert meta["version"] == "2.1.0rc1"
        assert "dynamic" not in meta
        return
    assert "version" not in meta
    assert meta["dynamic"] == ["version"]
    assert fallback_version(project) == "2.1.0rc1"
    # uv caches the editable install by pyproject.toml alone unless told that git matters too.
    assert {"git": {"commit": True, "tags": True}} in project.pyproject()["tool"]["uv"]["cache-keys"]


@pytest.mark.parametrize("backend", BACKENDS)
def test_only_setuptools_gets_a_manifest(bake, backend: str) -> None:
    project = bake(build_backend=backend)
    assert ("MANIFEST.in" in project.files()) == (backend == "setuptools")


@pytest.mark.parametrize(
    "backend", [b for b, layout, versioning in OFFERED if layout == "module" and versioning == "static"]
)
def test_module_readme_says_how_this_backend_grows_into_a_library(bake, backend: str) -> None:
    project = bake(build_backend=backend, layout="module")
    readme = project.read("README.md")
    section = readme[readme.index("To grow it into a **library**") :]
    other_backends = {
        "flit-core": "[tool.flit.module]",
        "hatchling": "[tool.hatch",
        "setuptools": "setuptools'",
        "pdm-backend": "pdm-backend",
    }
    for other, marker in other_backends.items():
        assert (marker in section) == (other == backend), (other, marker)


@pytest.mark.parametrize("versioning", choices("versioning"))
def test_readme_release_steps_follow_the_versioning(bake, versioning: str) -> None:
    release = bake(build_backend="hatchling", versioning=versioning).read("README.md").split("## Release")[1]
    assert ("git tag v1.2.3" in release) == (versioning == "vcs")
    assert ("Set `version` in `pyproject.toml`" in release) == (versioning == "static")


# --- fast tier: refused pairs ---------------------------------------------------------------------


@pytest.mark.parametrize(("backend", "layout", "versioning"), COMBINATIONS, ids=["-".join(c) for c in COMBINATIONS])
def test_rules_refuse_exactly_the_impossible_pairs(backend: str, layout: str, versioning: str) -> None:
    found = [
        problem
        for rule in (answer_rules.check_build_backend, answer_rules.check_versioning)
        if (problem := rule(answers_for(backend, layout, versioning)))
    ]
    if (backend, layout, versioning) not in REFUSED:
        assert found == []
        return
    problem = found[0]
    if layout == "module" and backend == "uv_build":
        assert problem.key == "build_backend"
        assert f"build_backend {backend!r} cannot build layout=module" in problem.message
        able = problem.message.split("Choose build_backend ", 1)[1]
        # Asked before versioning: every backend that builds the layout, whatever the versioning.
        offered = {other for other, lay, _ in OFFERED if lay == layout}
    else:
        assert problem.key == "versioning"
        assert f"versioning 'vcs' needs a build backend that reads the version from git tags, and {backend!r}" in (
            problem.message
        )
        able = problem.message.split("or build_backend ", 1)[1]
        offered = {other for other, *pair in OFFERED if pair == [layout, versioning]}
    assert set(re.findall(r"[a-z_-]+", able)) - {"or"} == offered
    fixed = answers_for(backend, layout, versioning)
    for each in found:  # every fix at once, as the printed command applies them
        fixed |= each.fix
    assert (fixed["build_backend"], fixed["layout"], fixed["versioning"]) in OFFERED


@pytest.mark.parametrize(("backend", "layout", "versioning"), sorted(REFUSED), ids="-".join)
def test_refused_pair_bakes_nothing_and_says_why(
    cookies, capfd, tmp_path: Path, backend: str, layout: str, versioning: str
) -> None:
    result = cookies.bake(extra_context=answers_for(backend, layout, versioning))
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    err = capfd.readouterr().err
    assert f"ERROR: build_backend {backend!r} cannot" in err or f"and {backend!r} does not" in err
    assert "No project was generated" in err
    assert "Traceback" not in err
    # `cookies` bakes under tmp_path/cookies; a refused bake leaves no file there.
    assert [p for p in (tmp_path / "cookies").rglob("*") if p.is_file()] == []


# --- slow tier ------------------------------------------------------------------------------------


@pytest.mark.green
@pytest.mark.parametrize("answers", green_rows())
def test_offered_combination_is_green(bake, tmp_path: Path, answers: dict[str, object]) -> None:
    assert_green(bake(**answers), tmp_path)


def git(project: Any, *args: str) -> str:
    """Run git in the project as a user with a name and no signing, whatever the machine's config says."""
    identity = ("-c", "user.name=Template Tests", "-c", "user.email=tests@example.com")
    return project.run("git", *identity, "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false", *args)


@pytest.mark.green
@pytest.mark.parametrize(
    ("backend", "layout", "tag"),
    [
        pytest.param(backend, layout, tag, id=f"{backend}-{layout}-{tag}")
        for (backend, layout), tag in zip(
            itertools.product(VCS_BACKENDS, choices("layout")), itertools.cycle(["v1.2.3", "1.2.3"])
        )
    ],
)
def test_vcs_version_comes_from_the_git_tag(bake, tmp_path: Path, backend: str, layout: str, tag: str) -> None:
    project = bake(**answers_for(backend, layout, "vcs", project_name="Tagged Tool", git_init=True))
    python = find_python(project["python_min"])
    if python is None:
        pytest.skip(f"no Python {project['python_min']} interpreter on this machine")
    # Before any tag (git_init=true made the repository and its first commit), the editable install
    # builds, with a development version.
    version_code = f"import {project['package_name']} as m; print(m.__version__)"
    project.run("uv", "sync", "--quiet", "--python", python)
    version_before = project.run("uv", "run", "--no-sync", "python", "-c", version_code).strip()
    assert re.fullmatch(r"\d+(\.\d+)*(\.dev\d+)?(\+[a-z0-9.]+)?", version_before), version_before

    git(project, "add", "--all")
    git(project, "commit", "--quiet", "--message", "The lock file")
    git(project, "tag", tag)
    project.run("uv", "build", "--quiet", "--python", python, "--out-dir", str(tmp_path / "dist"))
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    (sdist,) = (tmp_path / "dist").glob("*.tar.gz")
    check_metadata(project, wheel_metadata(wheel)[1], version="1.2.3")
    assert sdist_contents(sdist)[1]["Version"] == ["1.2.3"]
    # The editable install follows the tag (uv's cache-keys), and syncing leaves the tree clean.
    project.run("uv", "sync", "--quiet", "--python", python)
    assert project.run("uv", "run", "--no-sync", "python", "-c", version_code).strip() == "1.2.3"
    assert git(project, "status", "--porcelain") == ""
    check_installs(project, python, wheel, tmp_path / "venv", version="1.2.3")


@pytest.mark.green
@pytest.mark.parametrize(
    "backend", [b for b, layout, versioning in OFFERED if layout == "module" and versioning == "static"]
)
def test_module_grows_into_a_library_as_its_readme_says(bake, tmp_path: Path, backend: str) -> None:
    project = bake(build_backend=backend, layout="module", cli="none", project_name="Growing Tool")
    package = project["package_name"]
    src = project.path / "src"
    (src / package).mkdir()
    (src / f"{package}.py").replace(src / package / "__init__.py")  # step 1
    (src / package / "py.typed").touch()  # step 2
    if backend == "hatchling":  # step 3, as the README words it
        wanted = f'packages = ["src/{package}"]'
        assert wanted in project.read("README.md")
        pyproject = project.read("pyproject.toml")
        module_lines = f'only-include = ["src/{package}.py"]\nsources = {{ "src" = "" }}'
        assert module_lines in pyproject
        (project.path / "pyproject.toml").write_text(pyproject.replace(module_lines, wanted), encoding="utf-8")
    project.run("uv", "build", "--quiet", "--wheel", "--out-dir", str(tmp_path / "dist"))
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    assert wheel_metadata(wheel)[0] == {f"{package}/__init__.py", f"{package}/py.typed"}
