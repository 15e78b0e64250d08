"""`scripts/grow_to_library.py` grows a module project into a library and loses nothing its user wrote.

The user's module becomes the package's core and their tests stay; packaging and README take the
library form with the user's own edits merged in; what cannot be merged is refused with nothing
changed. The slow tier runs the grown project's own tools (the green check).
"""

from __future__ import annotations

import ast
import functools
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
import tailor
import tomllib
from conftest import TEMPLATE, BakedProject, choices, clean_env
from greencheck import assert_green
from test_task_runner import noxfile
from test_tooling_green import API_PAGE, run_nox

GROW = TEMPLATE / "scripts" / "grow_to_library.py"
# Cookiecutter renders `extra_context` once, so `{% raw %}` makes these answers literal text.
FREE_TEXT = {
    "project_name": '{% raw %}Zoë "Q" {{ 7*7 }} 🎉{% endraw %}',
    "description": "{% raw %}Says 'hi' {% if x %}, `$(touch x)`, ]] # and {\"json\": 1}{% endraw %}",
    "author_name": "{% raw %}O'Brien {{ cookiecutter.version }}{% endraw %}",
}
FAREWELL = '''


def farewell(name: str) -> str:
    """Return a farewell for `name`."""
    return f"Goodbye, {normalize_name(name)}."'''
USER_PARAGRAPH = "\nSee also: the notes its user wrote.\n"


@functools.cache
def load_script() -> ModuleType:
    """Import the grow script as a module, without running it."""
    spec = importlib.util.spec_from_file_location("grow_to_library", GROW)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks itself up there
    spec.loader.exec_module(module)
    return module


def grow(project: Path, *options: str) -> subprocess.CompletedProcess[str]:
    """Run the grow script on `project` with the template's cookiecutter (the slow tier runs it with `uv run`)."""
    command = [sys.executable, str(GROW), str(project), *options]
    return subprocess.run(command, capture_output=True, text=True, encoding="utf-8", check=False)


def commit(project: Path, message: str) -> None:
    """Commit everything in `project`, making it a git repository first if it is not one."""
    identity = {"GIT_AUTHOR_NAME": "Ada", "GIT_AUTHOR_EMAIL": "ada@example.com"}
    env = os.environ | identity | {"GIT_COMMITTER_NAME": "Ada", "GIT_COMMITTER_EMAIL": "ada@example.com"}
    for command in (
        ["init", "--quiet"],
        ["add", "--all"],
        ["commit", "--quiet", "--allow-empty", "--message", message],
    ):
        subprocess.run(["git", *command], cwd=project, env=env, capture_output=True, check=True)


def tree(root: Path) -> dict[str, bytes]:
    """Return every file under `root`, but git's own, as relative POSIX path -> content."""
    files = (p for p in sorted(root.rglob("*")) if p.is_file() and ".git" not in p.relative_to(root).parts)
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in files}


def replace_once(text: str, old: str, new: str) -> str:
    """Return `text` with its one `old` replaced by `new`."""
    assert text.count(old) == 1, f"expected one {old!r} in the baked file"
    return text.replace(old, new)


def edit_pyproject(text: str) -> str:
    """Make the edits a user makes to `pyproject.toml`: a keyword and a dependency."""
    (keywords,) = re.findall(r"^keywords = \[(.*)\]$", text, flags=re.MULTILINE)
    text = replace_once(text, f"keywords = [{keywords}]\n", f'keywords = [{keywords}, "greeting"]\n')
    (listed,) = re.findall(r"^dependencies = \[(.*)\]$", text, flags=re.MULTILINE)
    dependencies = ", ".join([*filter(None, [listed]), '"typing-extensions>=4"'])
    return replace_once(text, f"dependencies = [{listed}]\n", f"dependencies = [{dependencies}]\n")


def edit_readme(text: str) -> str:
    """Make the edit a user makes to `README.md`: a paragraph of their own."""
    return replace_once(text, "\n## Install\n", f"{USER_PARAGRAPH}\n## Install\n")


def user_edits(project: Path, package: str) -> None:
    """Edit a module project as its user would: a new function and its test, packaging, README."""
    module = project / "src" / f"{package}.py"
    text = replace_once(module.read_text(encoding="utf-8"), '"__version__", ', '"__version__", "farewell", ')
    module.write_text(replace_once(text, "\n\n\ndef greet(", f"{FAREWELL}\n\n\ndef greet("), encoding="utf-8")
    with (project / "tests" / f"test_{package}.py").open("a", encoding="utf-8") as tests:
        tests.write(f'\n\ndef test_farewell() -> None:\n    assert {package}.farewell("  Ada ") == "Goodbye, Ada."\n')
    for name, edit in (("pyproject.toml", edit_pyproject), ("README.md", edit_readme)):
        (project / name).write_text(edit((project / name).read_text(encoding="utf-8")), encoding="utf-8")


def edited_copy(baked: BakedProject, where: Path) -> Path:
    """Return a copy of the baked module project under `where`, committed, then edited by its user (uncommitted)."""
    project = Path(shutil.copytree(baked.path, where / baked.path.name))
    commit(project, "Generated from the template")
    user_edits(project, baked["package_name"])
    return project


@pytest.fixture(scope="module")
def grown(bake, tmp_path_factory) -> tuple[BakedProject, dict[str, bytes], Path, str]:
    """Return the baked module project, its files once its user edited them, its grown copy, and what grow printed."""
    baked = bake(layout="module", cli="argparse", **FREE_TEXT)
    project = edited_copy(baked, tmp_path_factory.mktemp("grow"))
    # As cruft would record it (`cruft create` writes `.cruft.json` beside `.cookiecutter.json`).
    answers = json.loads((project / ".cookiecutter.json").read_text(encoding="utf-8"))["cookiecutter"]
    state = {"template": str(TEMPLATE), "commit": "0" * 40, "context": {"cookiecutter": answers}}
    (project / ".cruft.json").write_text(json.dumps(state, indent=2), encoding="utf-8")
    (project / "notes").mkdir()
    (project / "notes" / "notes.md").write_text("# Notes the template knows nothing of\n", encoding="utf-8")
    commit(project, "The user's own work")
    before = tree(project)
    result = grow(project)
    assert result.returncode == 0, result.stderr
    return baked, before, project, result.stdout


def test_module_becomes_the_core_and_tests_stay(grown) -> None:
    baked, before, project, _ = grown
    package = baked["package_name"]
    after = tree(project)
    glue = {f"src/{package}/{name}" for name in ("__init__.py", "core.py", "cli.py", "__main__.py", "py.typed")}
    assert after.keys() == (before.keys() - {f"src/{package}.py"}) | glue
    module = before[f"src/{package}.py"]
    # All but the docstring (tested below) and the `__main__` block, which `__main__.py` replaces.
    code = module.removesuffix(load_script().MAIN_BLOCK).split(b'"""', 2)[2]
    assert after[f"src/{package}/core.py"].split(b'"""', 2)[2] == code
    assert b"def farewell(" in after[f"src/{package}/core.py"]
    assert {path: data for path, data in after.items() if path.startswith("tests/")} == {
        path: data for path, data in before.items() if path.startswith("tests/")
    }


def test_package_re_exports_the_modules_public_names(grown) -> None:
    baked, _, project, _ = grown
    package = baked["package_name"]
    init = ast.parse((project / "src" / package / "__init__.py").read_text(encoding="utf-8"))
    (imports,) = [node for node in init.body if isinstance(node, ast.ImportFrom)]
    (exported,) = [node.value for node in init.body if isinstance(node, ast.Assign)]
    names = ["__version__", "farewell", "greet", "main", "normalize_name"]
    assert (imports.module, [alias.name for alias in imports.names]) == (f"{package}.core", names)
    assert ast.literal_eval(exported) == names
    cli = (project / "src" / package / "cli.py").read_text(encoding="utf-8")
    assert f"from {package}.core import main\n" in cli


def test_packaging_and_readme_are_the_library_forms_with_the_users_edits(bake, grown) -> None:
    baked, _, project, _ = grown
    library = bake(layout="library", cli="argparse", **FREE_TEXT)
    assert (project / "pyproject.toml").read_text(encoding="utf-8") == edit_pyproject(library.read("pyproject.toml"))
    assert (project / "README.md").read_text(encoding="utf-8") == edit_readme(library.read("README.md"))
    metadata = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert (
        metadata["description"] == baked["description"] == "Says 'hi' {% if x %}, `$(touch x)`, ]] # and {\"json\": 1}"
    )
    assert metadata["scripts"] == {baked["project_slug"]: f"{baked['package_name']}.cli:main"}


def test_recorded_answers_become_the_librarys(bake, grown) -> None:
    _, _, project, _ = grown
    library = bake(layout="library", cli="argparse", **FREE_TEXT)
    assert (project / ".cookiecutter.json").read_text(encoding="utf-8") == library.read(".cookiecutter.json")
    cruft = json.loads((project / ".cruft.json").read_text(encoding="utf-8"))
    recorded = json.loads(library.read(".cookiecutter.json"))["cookiecutter"]
    assert cruft["context"]["cookiecutter"] == recorded
    assert cruft["commit"] == "0" * 40


def test_an_edit_where_the_library_form_changes_too_is_refused(bake, tmp_path) -> None:
    baked = bake(layout="module", cli="argparse")
    project = edited_copy(baked, tmp_path)
    pyproject = project / "pyproject.toml"
    script = f'{baked["project_slug"]} = "{baked["package_name"]}:main"\n'
    pyproject.write_text(replace_once(pyproject.read_text(encoding="utf-8"), script, f"{script[:-1]}  # mine\n"))
    commit(project, "The user's own work")
    before = tree(project)
    result = grow(project)
    assert result.returncode == 1
    assert "nothing was changed" in result.stderr
    assert "pyproject.toml: your edits and the library form change the same lines" in result.stderr
    assert f'+{baked["project_slug"]} = "{baked["package_name"]}.cli:main"' in result.stderr
    assert tree(project) == before


@pytest.mark.parametrize(
    ("answers", "remove", "message"),
    [
        pytest.param({"layout": "library"}, None, "made with layout=library", id="library"),
        pytest.param(
            {"layout": "module"},
            ".cookiecutter.json",
            "has neither .cookiecutter.json nor .copier-answers.yml",
            id="no-answers",
        ),
    ],
)
def test_refuses_what_it_cannot_grow(bake, tmp_path, answers, remove, message) -> None:
    project = Path(shutil.copytree(bake(**answers).path, tmp_path / "project"))
    if remove:
        (project / remove).unlink()
    before = tree(project)
    result = grow(project, "--force")  # not in git: forced past that refusal to reach these
    assert (result.returncode, message in result.stderr) == (1, True), result.stderr
    assert tree(project) == before


@pytest.mark.parametrize("git", ["uncommitted", "not-in-git"])
def test_refuses_uncommitted_work_unless_forced(bake, tmp_path, git: str) -> None:
    baked = bake(layout="module")
    if git == "uncommitted":
        project = edited_copy(baked, tmp_path)
        message = "has uncommitted changes (see `git status`)"
    else:
        project = Path(shutil.copytree(baked.path, tmp_path / "project", ignore=shutil.ignore_patterns(".git")))
        message = "is not in a git repository"
    before = tree(project)
    refused = grow(project)
    assert (refused.returncode, refused.stdout) == (1, "")
    assert message in refused.stderr
    assert "Commit your work first, or pass --force" in refused.stderr
    assert tree(project) == before
    assert grow(project, "--force").returncode == 0
    assert (project / "src" / baked["package_name"] / "core.py").is_file()


@pytest.mark.parametrize("docs", ["sphinx", "mkdocs"])
def test_docs_readme_and_docstring_describe_the_grown_package(bake, tmp_path, docs: str) -> None:
    baked = bake(layout="module", docs=docs)
    package = baked["package_name"]
    project = edited_copy(baked, tmp_path)
    commit(project, "The user's own work")
    result = grow(project)
    assert result.returncode == 0, result.stderr
    api = (project / "docs" / ("api.rst" if docs == "sphinx" else "api.md")).read_text(encoding="utf-8")
    directive = ".. automodule::" if docs == "sphinx" else ":::"
    documented = re.findall(rf"^{re.escape(directive)} (\S+)$", api, flags=re.MULTILINE)
    assert set(documented) - {package} == {f"{package}.core", f"{package}.cli"}
    assert api.endswith(("   :members:\n", ".cli\n")), "no blank line left at the end"
    core = (project / "src" / package / "core.py").read_text(encoding="utf-8")
    docstring = ast.get_docstring(ast.parse(core))
    assert docstring is not None
    assert docstring.startswith(f"The core of `{package}`, grown from its single module.")
    assert "one module" not in docstring
    assert "one file" not in docstring
    assert baked["project_name"] in docstring
    assert "names.py" not in (project / "README.md").read_text(encoding="utf-8")
    # Its checks as nox runs them (ruff and mypy are in the lint group, not in the project's environment), docs too.
    assert (
        f"{tailor.COMMAND}cd {project} && uv run pytest && uvx nox -s lint typecheck docs" in result.stdout.splitlines()
    )
    assert "uv run ruff" not in result.stdout


@pytest.mark.green
@pytest.mark.parametrize("cli", choices("cli"))
def test_grown_project_is_green(bake, tmp_path, cli: str) -> None:
    baked = bake(layout="module", cli=cli, project_name='Zoë "Q" Tools 🎉', author_name="Zoë O'Brien")
    project = edited_copy(baked, tmp_path / "project")
    commit(project, "The user's own work")
    result = grow(project)
    assert result.returncode == 0, result.stderr
    answers = json.loads((project / ".cookiecutter.json").read_text(encoding="utf-8"))["cookiecutter"]
    assert answers["layout"] == "library"
    package = answers["package_name"]
    modules = ["__init__.py", "core.py", "py.typed"] + (["cli.py", "__main__.py"] if cli != "none" else [])
    assert_green(
        BakedProject(project, baked.answers, answers), tmp_path, wheel_files={f"{package}/{name}" for name in modules}
    )


@pytest.mark.green
@pytest.mark.parametrize("docs", ["sphinx", "mkdocs"])
def test_grown_project_nox_sessions_and_docs_are_green(bake, tmp_path, docs: str) -> None:
    """Grown with `uv run` (the script's own dependencies), then every nox session: tests, lint, types, docs, build."""
    baked = bake(layout="module", cli="argparse", docs=docs)
    project = edited_copy(baked, tmp_path / "project")
    commit(project, "The user's own work")
    result = subprocess.run(
        ["uv", "run", str(GROW), str(project)], env=clean_env(), capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    answers = json.loads((project / ".cookiecutter.json").read_text(encoding="utf-8"))["cookiecutter"]
    copy, results = run_nox(BakedProject(project, baked.answers, answers), tmp_path / "nox")
    assert results == dict.fromkeys(noxfile(copy)["sessions"], "success")
    page = (copy.path / API_PAGE[docs]).read_text(encoding="utf-8")
    package = answers["package_name"]
    assert {f"{package}.core.greet", f"{package}.core.farewell"} <= set(re.findall(r'id="([\w.]+)"', page))


def test_a_project_made_by_copier_grows_and_keeps_copiers_record(tmp_path: Path) -> None:
    project = tmp_path / "tidy"
    command = [sys.executable, "-m", "copier", "copy", "--trust", "--defaults", "--quiet", "--vcs-ref", "HEAD"]
    answers = ["--data", "project_name=Tidy", "--data", "layout=module", "--data", "git_init=false"]
    made = subprocess.run(
        [*command, *answers, str(TEMPLATE), str(project)], capture_output=True, text=True, check=False
    )
    assert made.returncode == 0, made.stderr
    commit(project, "Made with copier")
    result = grow(project)
    assert result.returncode == 0, result.stderr
    assert (project / "src" / "tidy" / "core.py").is_file()
    assert not (project / "src" / "tidy.py").exists()
    assert not (project / ".cookiecutter.json").exists()
    record = (project / ".copier-answers.yml").read_text(encoding="utf-8")
    assert "\nlayout: library\n" in record
    assert "\nlayout: module\n" not in record
