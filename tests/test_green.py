"""Every layout, with every value of every other choice, passes its own checks on the first bake.

The slow tier (marker `green`): each row is baked, then its own ruff, mypy --strict, pytest covering
100% of the code, uv build, and a clean install of the wheel and of the sdist must all succeed.
"""

from __future__ import annotations

import pytest
from conftest import COOKIECUTTER_JSON, by_place, choices
from greencheck import assert_green

# Choices that test_backends.py bakes in every offered combination with the layout (some pairs are
# refused before baking, so they cannot be paired blindly here).
BACKEND_CHOICES = {"build_backend", "versioning"}
# Choice variables besides the layout, read from cookiecutter.json so a new choice is tested too.
OTHER_CHOICES = [
    key
    for key, values in COOKIECUTTER_JSON.items()
    if isinstance(values, list) and not key.startswith("_") and key != "layout" and key not in BACKEND_CHOICES
]
# Rows per layout: as many as the longest list has values.
ROWS = max(len(choices(key)) for key in OTHER_CHOICES)


def rows() -> list[object]:
    """Return answer sets in which every choice value meets every layout at least once.

    Row r of each layout takes the r-th value of every other choice, its default past the end of
    its list (`by_place`): a value appended to a list takes a row that had the default, or adds one
    row per layout when that list becomes the longest, and no other row changes.
    """
    params = []
    for layout in choices("layout"):
        for row in range(ROWS):
            answers = {"layout": layout} | {key: by_place(key, row) for key in OTHER_CHOICES}
            params.append(pytest.param(answers, id="-".join(answers.values())))
    return params


@pytest.mark.green
@pytest.mark.parametrize("answers", rows())
def test_bake_is_green(bake, tmp_path, answers: dict[str, str]) -> None:
    assert_green(bake(**answers), tmp_path)


@pytest.mark.green
def test_non_default_names_are_green(bake, tmp_path) -> None:
    project = bake(
        project_name="Café Tools!",
        author_name="Zoë O'Brien",
        author_email="zoe@example.org",
        version="1.0.0rc1",
        layout="module",
        cli="click",
    )
    assert (project["project_slug"], project["package_name"]) == ("cafe-tools", "cafe_tools")
    assert_green(project, tmp_path)


def test_rows_cover_every_value_with_every_layout() -> None:
    seen = {(p.values[0]["layout"], key, p.values[0][key]) for p in rows() for key in OTHER_CHOICES}
    expected = {(layout, key, value) for layout in choices("layout") for key in OTHER_CHOICES for value in choices(key)}
    assert seen == expected
