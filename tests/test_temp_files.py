"""A bake leaves nothing in the temp directory but the compiled templates: each hook deletes its copy.

Cookiecutter 2.7 renders each hook into a temp file, runs it and leaves it there; on a machine that
bakes often the temp directory fills up with them, and every hook's imports slow down as Python
lists that directory (it is the hook's `sys.path[0]`). So both hooks delete their own copy, on
success and on failure.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TEMPLATE, cookiecutter_cli


@pytest.mark.parametrize(
    ("answers", "baked"),
    [
        ((), True),
        (("layout=module", "docs=none", "ci=none", "git_init=yes"), True),
        (("package_name=json",), False),
    ],
    ids=["defaults", "post-hook-removes-and-git-inits", "refused-by-pre-hook"],
)
def test_nothing_is_left_in_the_temp_directory(tmp_path: Path, answers: tuple[str, ...], baked: bool) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    result = cookiecutter_cli(TEMPLATE, tmp_path / "out", temp, *answers)
    assert (result.returncode == 0) == baked, result.stderr
    assert baked == (tmp_path / "out" / "my-project").is_dir()
    assert baked or "ERROR: package_name 'json' would shadow" in result.stderr
    left = sorted(path.name for path in temp.iterdir())
    # Only the compiled templates: Jinja's cache directory (on Windows, their file in the temp directory).
    assert all(name.startswith(("_jinja2-cache-", "cookiecutter-pylayout-")) for name in left), left
    assert not list(temp.rglob("*.py"))
