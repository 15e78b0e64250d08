"""Compiled templates kept between bakes (`local_extensions.CompiledTemplates`) speed up a bake, never change it.

Each bake runs cookiecutter's command line in its own process, with its own temp directory (so its
own cache), the way a user's bakes follow one another.
"""

from __future__ import annotations

import filecmp
import marshal
import os
import shutil
from pathlib import Path

import pytest
from conftest import PROJECT_TREE, TEMPLATE, cookiecutter_cli

TEMPLATE_FILES = [
    "cookiecutter.json",
    "local_extensions.py",
    "json_extension.py",
    "hooks",
    "templates",
    PROJECT_TREE.name,
]


def bake(template: Path, output: Path, temp: Path, *answers: str) -> Path:
    """Bake `template` with cookiecutter's CLI into `output`, with `temp` as the temp directory."""
    result = cookiecutter_cli(template, output, temp, *answers)
    assert result.returncode == 0, result.stderr
    (project,) = output.iterdir()
    return project


def cache_files(temp: Path) -> list[Path]:
    """Return the compiled-template files under `temp`."""
    return sorted(temp.glob("_jinja2-cache-*/cookiecutter-pylayout-*.marshal")) + sorted(
        temp.glob("cookiecutter-pylayout-*.marshal")
    )


def same_tree(left: Path, right: Path) -> bool:
    """Return whether two directories hold the same files with the same bytes."""
    comparison = filecmp.dircmp(left, right)
    if comparison.left_only or comparison.right_only or comparison.funny_files:
        return False
    _, mismatch, errors = filecmp.cmpfiles(left, right, comparison.common_files, shallow=False)
    return not mismatch and not errors and all(same_tree(left / d, right / d) for d in comparison.common_dirs)


@pytest.mark.parametrize("layout", ["library", "module"])
def test_a_second_bake_gives_the_same_project_and_keeps_the_same_entries(tmp_path: Path, layout: str) -> None:
    temp = tmp_path / "temp"
    first = bake(TEMPLATE, tmp_path / "first", temp, f"layout={layout}")
    (cache,) = cache_files(temp)
    kept = marshal.loads(cache.read_bytes())
    # Every file of the project, every name and every default answer was compiled and kept.
    sources = {key[3] for key in kept}
    assert (PROJECT_TREE / "pyproject.toml").read_text(encoding="utf-8") in sources
    assert "{{ cookiecutter.project_name | distribution_name }}" in sources
    assert len(kept) > 50
    second = bake(TEMPLATE, tmp_path / "second", temp, f"layout={layout}")
    assert same_tree(first, second)
    assert marshal.loads(cache.read_bytes()).keys() == kept.keys()


def test_a_second_bake_renders_with_the_code_the_first_one_kept(tmp_path: Path) -> None:
    temp = tmp_path / "temp"
    first = bake(TEMPLATE, tmp_path / "first", temp)
    (cache,) = cache_files(temp)
    kept = marshal.loads(cache.read_bytes())
    (changelog,) = [key for key in kept if key[1] == "CHANGELOG.md"]
    (readme,) = [key for key in kept if key[1] == "README.md"]
    # Swap in README.md's compiled code for CHANGELOG.md's: only a bake that reads the file uses it.
    cache.write_bytes(marshal.dumps(kept | {changelog: kept[readme]}))
    second = bake(TEMPLATE, tmp_path / "second", temp)
    assert (second / "CHANGELOG.md").read_text(encoding="utf-8") == (first / "README.md").read_text(encoding="utf-8")
    assert (second / "CHANGELOG.md").read_text(encoding="utf-8") != (first / "CHANGELOG.md").read_text(encoding="utf-8")


def copy_template(template: Path) -> Path:
    """Copy what cookiecutter reads of this template to `template`; return it."""
    template.mkdir()
    for name in TEMPLATE_FILES:
        source = TEMPLATE / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, template / name)
    return template


def test_an_edited_template_compiles_again(tmp_path: Path) -> None:
    template = copy_template(tmp_path / "template")
    temp = tmp_path / "temp"
    before = bake(template, tmp_path / "before", temp)
    changelog = template / PROJECT_TREE.name / "CHANGELOG.md"
    changelog.write_text(
        changelog.read_text(encoding="utf-8") + "Edited: {{ cookiecutter.version }}\n", encoding="utf-8"
    )
    after = bake(template, tmp_path / "after", temp)
    assert (after / "CHANGELOG.md").read_text(encoding="utf-8").endswith("Edited: 0.1.0\n")
    assert not (before / "CHANGELOG.md").read_text(encoding="utf-8").endswith("Edited: 0.1.0\n")


def test_each_layout_keeps_its_files_and_an_edited_file_replaces_its_older_copy(tmp_path: Path) -> None:
    template = copy_template(tmp_path / "template")
    temp = tmp_path / "temp"
    core = "src/{{cookiecutter.package_name}}/{{ 'core.py' if cookiecutter.__library }}"
    module = "src/{{cookiecutter.__module_py}}"
    bake(template, tmp_path / "library", temp, "layout=library")
    bake(template, tmp_path / "module", temp, "layout=module")
    (cache,) = cache_files(temp)
    assert {core, module} <= {key[1] for key in marshal.loads(cache.read_bytes())}  # each layout's source files
    edited = template / PROJECT_TREE.name / core
    edited.write_text(edited.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    bake(template, tmp_path / "edited", temp, "layout=library")
    sources = [key[3] for key in marshal.loads(cache.read_bytes()) if key[1] == core]
    assert len(sources) == 1
    assert sources[0].endswith("# edited\n")


@pytest.mark.parametrize("garbage", [b"", b"not marshal data", marshal.dumps(["a list, not a dict"])])
def test_an_unreadable_cache_is_ignored_and_replaced(tmp_path: Path, garbage: bytes) -> None:
    temp = tmp_path / "temp"
    clean = bake(TEMPLATE, tmp_path / "clean", temp)
    (cache,) = cache_files(temp)
    cache.write_bytes(garbage)
    again = bake(TEMPLATE, tmp_path / "again", temp)
    assert same_tree(clean, again)
    assert isinstance(marshal.loads(cache.read_bytes()), dict)


@pytest.mark.skipif(os.name == "nt", reason="Jinja uses the per-user temp directory itself on Windows")
def test_the_cache_directory_is_private_to_the_user(tmp_path: Path) -> None:
    temp = tmp_path / "temp"
    bake(TEMPLATE, tmp_path / "out", temp)
    (cache,) = cache_files(temp)
    assert cache.parent.name == f"_jinja2-cache-{os.getuid()}"
    assert cache.parent.stat().st_mode & 0o777 == 0o700
