"""Each generated README's "About this layout" tells the truth about the two layouts.

The module README's steps to grow into a library name the files, lines and `pyproject.toml` keys the
library layout really has; the library README names its real modules; and (slow tier, `green`)
following the module README's steps by hand gives a package whose wheel a user's `mypy --strict`
reads, as `scripts/compare.py layout` measures it.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
from bake import files
from conftest import TEMPLATE, choices

import answer_rules

# The build backend's own configuration table, by the top-level module of `build-backend`.
BACKEND_TABLES = {
    "flit_core": "tool.flit",
    "hatchling": "tool.hatch",
    "setuptools": "tool.setuptools",
    "pdm": "tool.pdm",
    "uv_build": "tool.uv.build-backend",
}


def load(name: str, path: Path) -> Any:
    """Import a file of this repository as a module."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


compare = load("compare", TEMPLATE / "scripts" / "compare.py")
BACKENDS = choices("build_backend")
# The backends the answer rules let build `layout=module`.
MODULE_BACKENDS = [b for b in BACKENDS if b in answer_rules.MODULE_BACKENDS]


def backend_answers(backend: str | None) -> dict[str, str]:
    """Return the answer that picks `backend`."""
    return {"build_backend": backend}


def about(project) -> str:
    """Return the "About this layout" section of a baked project's README, without its heading."""
    match = re.search(r"^## About this layout\n(.*?)(?=^## |\Z)", project.read("README.md"), re.MULTILINE | re.DOTALL)
    assert match, "the README has no 'About this layout' section"
    return match.group(1).strip()


def flatten(table: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Return a TOML document as `dotted.key -> value` (arrays of tables stay values)."""
    flat: dict[str, Any] = {}
    for key, value in table.items():
        part = key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else json.dumps(key)
        dotted = f"{prefix}.{part}" if prefix else part
        if isinstance(value, dict):
            flat |= flatten(value, dotted)
        else:
            flat[dotted] = value
    return flat


def under(key: str, table: str) -> bool:
    """Return whether the dotted `key` lies in `table`."""
    return key == table or key.startswith(table + ".")


def backend_table(pyproject: dict[str, Any]) -> str | None:
    """Return the build backend's configuration table (`tool.flit`, ...), from `build-backend`."""
    return BACKEND_TABLES.get(str(pyproject["build-system"]["build-backend"]).split(".")[0])


@pytest.mark.parametrize("backend", BACKENDS)
def test_the_build_backends_configuration_table_is_known(bake, backend: str | None) -> None:
    pyproject = bake(layout="library", **backend_answers(backend)).pyproject()
    assert backend_table(pyproject) is not None, pyproject["build-system"]


def test_flatten_gives_dotted_keys_quoting_what_needs_it() -> None:
    flat = flatten({"project": {"scripts": {"my.tool": "a:b", "tool": "c:d"}}, "x": [1]})
    assert flat == {'project.scripts."my.tool"': "a:b", "project.scripts.tool": "c:d", "x": [1]}


@pytest.mark.parametrize("backend", MODULE_BACKENDS)
@pytest.mark.parametrize("cli", choices("cli"))
def test_module_readme_growth_steps_lead_to_the_library_layout(bake, cli: str, backend: str | None) -> None:
    module = bake(layout="module", cli=cli, **backend_answers(backend))
    library = bake(layout="library", cli=cli, **backend_answers(backend))
    package = module["package_name"]
    text = about(module)
    # Where the file is now, and every path the steps create, exist in the two layouts.
    assert f"`src/{package}.py`" in text
    assert f"src/{package}.py" in module.files()
    named = set(re.findall(rf"src/{package}/[\w.]+\.py|src/{package}/py\.typed", text))
    named |= {f"src/{package}/{name}" for name in re.findall(r"`(__main__\.py)`", text)}
    assert f"src/{package}/__init__.py" in named
    assert f"src/{package}/py.typed" in named
    assert named <= library.files()
    # Every line of pyproject.toml that differs between the layouts is one the steps name.
    mod, lib = (flatten(p.pyproject()) for p in (module, library))
    differing = {key for key in set(mod) | set(lib) if mod.get(key) != lib.get(key)}
    for key in differing:
        if key.startswith("project.scripts."):
            script = key.removeprefix("project.scripts.")
            assert f'`{script} = "{lib[key]}"`' in text
            assert "[project.scripts]" in text
        elif key == "project.classifiers":
            added = [c for c in lib[key] if c not in mod[key]]
            assert [c for c in mod[key] if c not in lib[key]] == []
            for classifier in added:
                assert f'`"{classifier}",`' in text
        elif any(f"`[{key.rsplit('.', depth)[0]}]`" in text for depth in range(1, key.count(".") + 1)):
            # (In that table, or in a table inside it, such as hatchling's `sources` mapping.)
            # A backend table the steps say to edit: the library's value is spelled out.
            if key in lib:
                assert f"`{key.rsplit('.', 1)[1]} = {json.dumps(lib[key])}`" in text
        else:
            pytest.fail(f"pyproject.toml key {key} differs between the layouts but the README's steps do not say so")


@pytest.mark.parametrize("backend", MODULE_BACKENDS)
def test_module_readme_is_right_that_the_backend_table_needs_no_change(bake, backend: str | None) -> None:
    module = bake(layout="module", **backend_answers(backend))
    library = bake(layout="library", **backend_answers(backend))
    table = backend_table(module.pyproject())
    mod, lib = (flatten(p.pyproject()) for p in (module, library))
    in_table = sorted(k for k in set(mod) | set(lib) if under(k, table))
    if "needs no change" in about(module):
        assert [k for k in in_table if mod.get(k) != lib.get(k)] == []


@pytest.mark.parametrize("cli", choices("cli"))
def test_library_readme_names_its_real_modules(bake, cli: str) -> None:
    library = bake(layout="library", cli=cli)
    package = library["package_name"]
    text = about(library)
    assert f"`src/{package}/`" in text
    assert "`py.typed`" in text
    assert f"src/{package}/py.typed" in library.files()
    named = set(re.findall(r"`(\w+\.py)`", text))
    # Only modules a grown library has too (scripts/grow_to_library.py leaves the sample names.py out).
    assert {"__init__.py", "core.py"} <= named
    assert {f"src/{package}/{name}" for name in named} <= library.files()
    assert ("cli.py" in named) == (cli != "none")


@pytest.mark.green
def test_following_the_growth_steps_gives_a_typed_package(bake, tmp_path: Path) -> None:
    baked = bake(layout="module", cli="none")
    package = baked["package_name"]
    project = tmp_path / "project"
    shutil.copytree(baked.path, project)
    # Steps 1 and 2 of its README, as written there.
    (project / "src" / package).mkdir()
    (project / "src" / f"{package}.py").replace(project / "src" / package / "__init__.py")
    (project / "src" / package / "py.typed").touch()
    pyproject = project / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    pyproject.write_text(text.replace("classifiers = [\n", 'classifiers = [\n  "Typing :: Typed",\n'), encoding="utf-8")
    # Built and type-checked against as `scripts/compare.py layout` does it.
    grown = compare.Bake("grown", project, files(project))
    assert {n for n in grown.wheel_files if ".dist-info/" not in n} == {f"{package}/__init__.py", f"{package}/py.typed"}
    used = compare.use_as_consumer(grown, package)
    assert (used["skipped"], used["caught"]) == ("no", "yes")
