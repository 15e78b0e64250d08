"""The answer sets that cover the tooling options: every value with each layout, every pair together.

The factors and their values are read from cookiecutter.json, so a new value of `docs`, `ci` or
`pre_commit` (or a new layout) is covered without editing any test. Rows are chosen greedily from
all combinations, each the one that covers the most pairs still uncovered; the other choices
(`cli`, `license`) vary along the rows by place (`by_place`: row r takes each one's r-th value, its
default past the end), so a value appended to them takes a row of its own and moves no other.
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from conftest import COOKIECUTTER_JSON, by_place, choices

# The options of the project tooling, with the layout they must each meet.
TOOLING_OPTIONS = ("docs", "ci", "pre_commit")
FACTORS = ("layout", *TOOLING_OPTIONS)
# Choices that do not change the tooling files' kind, only their content: varied along the rows.
VARIED = ("cli", "license")


def values(key: str) -> list[Any]:
    """Return every value `key` can take: a choice's values (default first), or both booleans."""
    default = COOKIECUTTER_JSON[key]
    if isinstance(default, bool):
        return [default, not default]
    return choices(key)


def pairs(row: dict[str, Any]) -> set[tuple[str, Any, str, Any]]:
    """Return the (factor, value, factor, value) pairs that `row` bakes together."""
    return {(a, row[a], b, row[b]) for a, b in itertools.combinations(FACTORS, 2)}


def all_pairs() -> set[tuple[str, Any, str, Any]]:
    """Return every pair of factor values that some row must bake together."""
    return {(a, x, b, y) for a, b in itertools.combinations(FACTORS, 2) for x in values(a) for y in values(b)}


def covering_rows() -> list[dict[str, Any]]:
    """Return a small list of answer sets in which every pair of factor values occurs."""
    candidates = [dict(zip(FACTORS, combo, strict=True)) for combo in itertools.product(*map(values, FACTORS))]
    uncovered = all_pairs()
    rows: list[dict[str, Any]] = []
    while uncovered:
        best = max(candidates, key=lambda row: len(pairs(row) & uncovered))
        uncovered -= pairs(best)
        rows.append(best)
    for index, row in enumerate(rows):
        row.update({key: by_place(key, index) for key in VARIED})
    return rows


def row_id(row: dict[str, Any]) -> str:
    """Return a readable test id: `library-sphinx-github-pre_commit-argparse-MIT`."""
    return "-".join(
        (key if value else f"no_{key}") if isinstance(value, bool) else str(value) for key, value in row.items()
    )


ROWS = covering_rows()
ROW_PARAMS = [pytest.param(row, id=row_id(row)) for row in ROWS]
