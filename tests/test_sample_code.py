"""The generated project's sample code is written once: each function and each test has one source.

A module project and a library hold the same sample functions and tests in different files. The
template writes each of them once, as a snippet in `templates/sample/`, which the files of both
layouts include; so fixing a sample function or test fixes it in every layout.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict

import pytest
from conftest import PROJECT_TREE, TEMPLATE, choices

# A `def` as it stands in a template's source, which is Python with Jinja in it (so not parsed).
DEF = re.compile(r"^[ \t]*(?:async[ \t]+)?def[ \t]+(\w+)", re.MULTILINE)
# A Python file's name in the template: `x.py`, or `x.py` then the tag that ends its condition.
PYTHON_NAME = re.compile(r"\.py(\{%[^%]*%\})?$")


def definitions() -> dict[str, set[str]]:
    """Return each function name defined in the template's Python sources -> the sources defining it."""
    found: dict[str, set[str]] = defaultdict(set)
    for root in (PROJECT_TREE, TEMPLATE / "templates"):
        for path in (p for p in root.rglob("*") if p.is_file() and PYTHON_NAME.search(p.name)):
            for name in DEF.findall(path.read_text(encoding="utf-8")):
                found[name].add(path.relative_to(TEMPLATE).as_posix())
    return found


def test_each_function_and_test_is_defined_in_one_source_file() -> None:
    found = definitions()
    assert {name: sorted(paths) for name, paths in found.items() if len(paths) > 1} == {}
    sample = {"normalize_name", "greet", "main", "run", "test_greet_uses_the_cleaned_name"}
    assert {name: found[name] for name in sample} == {
        name: {f"templates/sample/{file}"}
        for name, file in [
            ("normalize_name", "normalize_name.py"),
            ("greet", "greet.py"),
            ("main", "cli.py"),
            ("run", "test_cli.py"),
            ("test_greet_uses_the_cleaned_name", "test_greet.py"),
        ]
    }


def functions(project) -> dict[str, str]:
    """Return each top-level function of the project's src/ and tests/ -> its source, decorators included."""
    found = {}
    for relative in sorted(f for f in project.files() if f.startswith(("src/", "tests/")) and f.endswith(".py")):
        text = project.read(relative)
        for node in ast.parse(text).body:
            if isinstance(node, ast.FunctionDef):
                decorators = "".join(f"@{ast.get_source_segment(text, d)}\n" for d in node.decorator_list)
                found[node.name] = decorators + str(ast.get_source_segment(text, node))
    return found


@pytest.mark.parametrize("cli", choices("cli"))
def test_both_layouts_render_the_same_sample_functions_and_tests(bake, cli: str) -> None:
    module = functions(bake(layout="module", cli=cli))
    library = functions(bake(layout="library", cli=cli))
    # The library's one test of its own: its public API is the package's `__init__.py`.
    assert library.keys() - module.keys() == {"test_public_api_is_importable_from_the_package"}
    assert module == {name: library[name] for name in module}
