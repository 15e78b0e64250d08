"""A bake leaves nothing in the temp directory: each hook deletes the copy cookiecutter runs it from.

Cookiecutter 2.7 renders each hook into a temp file, runs it and leaves it there; on a machine that
bakes often the temp directory fills up with them. So both hooks delete their own copy, on success
and on failure; answers refused before the hooks run leave nothing either.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TEMPLATE, cookiecutter_cli


@pytest.mark.parametrize(
    ("answers", "baked"),
    [
        ((), True),
        (("layout=module", "docs=none", "ci=none", "git_init=no"), True),
        (("package_name=json",), False),
    ],
    ids=["defaults", "post-hook-removes", "refused"],
)
def test_nothing_is_left_in_the_temp_directory(tmp_path: Path, answers: tuple[str, ...], baked: bool) -> None:
    temp = tmp_path / "temp"
    result = cookiecutter_cli(TEMPLATE, tmp_path / "out", temp, *answers)
    assert (result.returncode == 0) == baked, result.stderr
    assert baked == (tmp_path / "out" / "my-project").is_dir()
    assert baked or "ERROR: package_name 'json' would shadow" in result.stderr
    assert list(temp.iterdir()) == []
