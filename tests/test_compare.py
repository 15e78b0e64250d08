"""The layout comparison (`scripts/compare_layouts.py`) tells the truth, and so does each README's "About this layout".

Fast tier: the command bakes exactly what cookiecutter bakes, keeps replay answers as typed, renders
its three formats faithfully, and every step the module README gives for growing into a library
names files, lines and keys the library layout really has. Slow tier (`green`): the command runs
end to end as a user runs it, `docs/layouts.md` is exactly its output for the default answers, and
the consumer type-check experiment gives the outcome the docs state.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import COOKIECUTTER_JSON, TEMPLATE, choices, clean_env

SCRIPT = TEMPLATE / "scripts" / "compare_layouts.py"
DOCS = TEMPLATE / "docs" / "layouts.md"
REGENERATE = "uv run scripts/compare_layouts.py --overwrite --markdown docs/layouts.md out/compare"


def load_script():
    """Import the command's script as a module."""
    spec = importlib.util.spec_from_file_location("compare_layouts", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["compare_layouts"] = module
    spec.loader.exec_module(module)
    return module


def load_hook_source():
    """Import the pre-generation hook as it ships (unrendered: its answers are read only in main())."""
    spec = importlib.util.spec_from_file_location(
        "pre_gen_project_unrendered", TEMPLATE / "hooks" / "pre_gen_project.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


compare = load_script()
BACKENDS = choices("build_backend")
# The backends the hook lets build `layout=module`: a module README only exists for these.
MODULE_BACKENDS = [backend for backend in BACKENDS if backend in load_hook_source().MODULE_BACKENDS]


def backend_answers(backend: str | None) -> dict[str, str]:
    """Return the answer that picks `backend`."""
    return {"build_backend": backend}


def about(project) -> str:
    """Return the "About this layout" section of a baked project's README."""
    text = compare.about_layout(project.read("README.md"))
    assert text, "the README has no 'About this layout' section"
    return text


def script_bake(tmp_path: Path, layout: str, answers: dict[str, object], *, as_typed: bool) -> Path:
    """Bake with the command's own code path; return the project directory."""
    with compare.template_on_path(TEMPLATE):
        context = compare.resolve_context(TEMPLATE, layout, answers, config_file=None, as_typed=as_typed)
        return compare.bake(TEMPLATE, context, tmp_path / layout)


def contents(root: Path) -> dict[str, bytes]:
    """Return every file under `root` with its bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


# --- the command bakes what cookiecutter bakes ------------------------------------------------------


@pytest.mark.parametrize("layout", choices("layout"))
def test_command_bakes_exactly_what_cookiecutter_bakes(bake, tmp_path, layout: str) -> None:
    answers = {"project_name": "Café Tools!", "cli": "click", "python_min": "3.12"}
    ours = script_bake(tmp_path, layout, answers, as_typed=False)
    theirs = bake(layout=layout, **answers)
    assert ours.name == theirs.path.name == "cafe-tools"
    assert contents(ours) == contents(theirs.path)


@pytest.mark.parametrize("layout", choices("layout"))
def test_replay_answers_are_used_as_typed_and_private_values_follow_the_layout(tmp_path, layout: str) -> None:
    typed = {"project_name": "Tidy {{ 7 * 7 }}", "project_slug": "tidy", "package_name": "tidy", "cli": "none"}
    project = script_bake(tmp_path, layout, typed, as_typed=True)
    assert project.name == "tidy"
    assert (project / "README.md").read_text(encoding="utf-8").startswith("# Tidy {{ 7 * 7 }}\n")
    main_file = "src/tidy.py" if layout == "module" else "src/tidy/__init__.py"
    assert (project / main_file).is_file()
    assert not (project / ("src/tidy/__init__.py" if layout == "module" else "src/tidy.py")).exists()


def test_a_replay_file_gives_every_answer_but_the_layout(bake, tmp_path) -> None:
    replay = tmp_path / "replay.json"
    project = bake(layout="module", project_name="Tidy Names", cli="typer")
    replay.write_text(json.dumps({"cookiecutter": project.context}), encoding="utf-8")
    answers = compare.replay_answers(replay, compare.answer_keys_of(TEMPLATE))
    assert answers == {k: v for k, v in project.context.items() if not k.startswith("_") and k != "layout"}
    assert (answers["project_name"], answers["cli"]) == ("Tidy Names", "typer")


def test_a_file_that_is_not_a_replay_is_refused(tmp_path) -> None:
    replay = tmp_path / "replay.json"
    replay.write_text('{"answers": {}}', encoding="utf-8")
    with pytest.raises(compare.CompareError, match="is not a cookiecutter replay file"):
        compare.replay_answers(replay, compare.answer_keys_of(TEMPLATE))


def test_a_config_files_default_context_gives_answers(tmp_path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text('default_context:\n  project_name: "From Config"\n  cli: "none"\n', encoding="utf-8")
    with compare.template_on_path(TEMPLATE):
        context = compare.resolve_context(
            TEMPLATE, "library", {"cli": "click"}, config_file=str(config), as_typed=False
        )
    assert (context["project_name"], context["project_slug"], context["cli"]) == ("From Config", "from-config", "click")


def test_answers_the_template_refuses_stop_the_command_with_its_reason(tmp_path, capfd) -> None:
    with pytest.raises(compare.CompareError, match="baking layout=module failed"):
        script_bake(tmp_path, "module", {"package_name": "json"}, as_typed=False)
    out, err = capfd.readouterr()
    assert "would shadow the standard-library module" in out + err
    assert not (tmp_path / "module" / "my-project").exists()


@pytest.mark.parametrize(
    ("pairs", "complaint"),
    [
        (["layout=module"], "both layouts are baked"),
        (["projct_name=X"], "unknown answer 'projct_name'"),
        (["cli"], "is not key=value"),
    ],
)
def test_bad_answers_are_refused_with_a_fix(pairs: list[str], complaint: str) -> None:
    keys = [k for k in COOKIECUTTER_JSON if not k.startswith("_")]
    with pytest.raises(compare.CompareError, match=re.escape(complaint)):
        compare.parse_answers(pairs, keys)


def test_answers_keep_everything_after_the_first_equals_sign() -> None:
    keys = [k for k in COOKIECUTTER_JSON if not k.startswith("_")]
    assert compare.parse_answers(["description=a=b", "cli=none"], keys) == {"description": "a=b", "cli": "none"}


# --- facts the report computes ------------------------------------------------------------------


@pytest.mark.parametrize("backend", BACKENDS)
def test_the_build_backends_configuration_table_is_known(bake, backend: str | None) -> None:
    pyproject = bake(layout="library", **backend_answers(backend)).pyproject()
    assert compare.backend_table(pyproject) is not None, pyproject["build-system"]


def test_flatten_gives_dotted_keys_quoting_what_needs_it() -> None:
    flat = compare.flatten({"project": {"scripts": {"my.tool": "a:b", "tool": "c:d"}}, "x": [1]})
    assert flat == {'project.scripts."my.tool"': "a:b", "project.scripts.tool": "c:d", "x": [1]}


def test_importable_names_come_from_a_wheels_files() -> None:
    files = ["p/__init__.py", "p/core.py", "p/py.typed", "p-1.dist-info/METADATA", "single.py"]
    assert compare.importable(files) == ["p", "p.core", "single"]


# --- the three formats show the same report ------------------------------------------------------------

SECTIONS = [
    compare.Section(
        "Trees & <tags>",
        [
            compare.Para("Text with `code` and <angle brackets>."),
            compare.Columns(["left", "right"], [["a/", "└── b.py (3)"], ["a/", "├── c.py (1)", "└── d.py (2)"]]),
            compare.Table(["k", "v"], [["x|y", "one\ntwo"]]),
            compare.Code("line 1\nline 2  ", "diff"),
        ],
    )
]


def test_text_puts_the_columns_side_by_side() -> None:
    text = compare.render_text(SECTIONS)
    rows = [line for line in text.splitlines() if "c.py" in line or "d.py" in line]
    assert rows == ["    └── b.py (3)    ├── c.py (1)", "                    └── d.py (2)"]
    assert "x|y  one; two" in text


def test_markdown_escapes_table_cells_and_strips_trailing_spaces() -> None:
    markdown = compare.render_markdown("T", SECTIONS)
    assert "| x\\|y | one<br>two |" in markdown
    assert "```diff\nline 1\nline 2\n```" in markdown
    assert all(line == line.rstrip() for line in markdown.splitlines())


class PageParser(HTMLParser):
    """Collect the tags, attributes and the text of each column of an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[str] = []
        self.columns: list[str] = []
        self.depth_in_columns = 0
        self.in_pre = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [name for name, _ in attrs]
        if tag == "div" and ("class", "columns") in attrs:
            self.depth_in_columns = 1
        elif tag == "div" and self.depth_in_columns:
            self.depth_in_columns += 1
        if tag == "pre" and self.depth_in_columns:
            self.in_pre = True
            self.columns.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "pre":
            self.in_pre = False
        if tag == "div" and self.depth_in_columns:
            self.depth_in_columns -= 1

    def handle_data(self, data: str) -> None:
        if self.in_pre:
            self.columns[-1] += data


def test_html_is_self_contained_with_the_columns_side_by_side() -> None:
    page = PageParser()
    page.feed(compare.render_html("T", SECTIONS))
    assert not {"script", "link", "img", "iframe"} & set(page.tags)
    assert not {"src", "href"} & set(page.attributes)
    assert page.columns == ["a/\n└── b.py (3)", "a/\n├── c.py (1)\n└── d.py (2)"]
    assert "display: grid" in compare.HTML_STYLE


# --- each generated README's "About this layout" ---------------------------------------------------


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
    mod, lib = (compare.flatten(p.pyproject()) for p in (module, library))
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
    table = compare.backend_table(module.pyproject())
    mod, lib = (compare.flatten(p.pyproject()) for p in (module, library))
    in_table = sorted(k for k in set(mod) | set(lib) if compare.under(k, table))
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
    assert {"__init__.py", "names.py", "core.py"} <= named
    assert {f"src/{package}/{name}" for name in named} <= library.files()
    assert ("cli.py" in named) == (cli != "none")


# --- slow tier: the command run for real ---------------------------------------------------------


@pytest.fixture(scope="module")
def compared(tmp_path_factory) -> Path:
    """Run the command as a user would, with the default answers; return its output directory."""
    out = tmp_path_factory.mktemp("compare")
    subprocess.run(
        [
            "uv",
            "run",
            "--quiet",
            str(SCRIPT),
            str(out / "run"),
            "--markdown",
            str(out / "layouts.md"),
            "--html",
            str(out / "layouts.html"),
        ],
        cwd=TEMPLATE,
        env=clean_env(),
        check=True,
        capture_output=True,
        text=True,
    )
    return out


@pytest.mark.green
def test_docs_layouts_md_is_the_commands_output(compared: Path) -> None:
    generated = (compared / "layouts.md").read_text(encoding="utf-8")
    assert str(compared) not in generated
    assert DOCS.is_file(), f"docs/layouts.md is missing; make it with: {REGENERATE}"
    assert DOCS.read_text(encoding="utf-8") == generated, f"docs/layouts.md is stale; regenerate it with: {REGENERATE}"


@pytest.mark.green
def test_html_page_shows_the_two_real_trees_side_by_side(compared: Path) -> None:
    page = PageParser()
    page.feed((compared / "layouts.html").read_text(encoding="utf-8"))
    trees = page.columns[:2]
    assert "my_project.py (" in trees[0]
    assert "py.typed (0)" in trees[1]
    assert not {"src", "href"} & set(page.attributes)


def wheel_of(compared: Path, layout: str) -> Path:
    """Return the wheel the command built for `layout`."""
    (wheel,) = (compared / "run" / layout / "dist").glob("*.whl")
    return wheel


@pytest.mark.green
def test_consumer_type_check_skips_the_module_and_checks_the_library(compared: Path, tmp_path: Path) -> None:
    consumer = tmp_path / "consumer.py"
    consumer.write_text(compare.consumer_source("my_project"), encoding="utf-8")
    module = compare.type_check(consumer, wheel_of(compared, "module"), tmp_path / "venv-module", None)
    library = compare.type_check(consumer, wheel_of(compared, "library"), tmp_path / "venv-library", None)
    # The single-file module ships no py.typed, so mypy skips it and sees Any: the bug goes unseen.
    assert not [n for n in zipfile.ZipFile(wheel_of(compared, "module")).namelist() if n.endswith("py.typed")]
    assert (module.import_skipped, module.revealed, module.error_caught) == (True, "Any", False)
    assert "[import-untyped]" in module.output
    # The package ships py.typed, so mypy reads its annotations and reports the misuse.
    assert "my_project/py.typed" in zipfile.ZipFile(wheel_of(compared, "library")).namelist()
    assert (library.import_skipped, library.error_caught) == (False, True)
    assert library.revealed.endswith("-> str")
    # And the page says exactly that.
    docs = (compared / "layouts.md").read_text(encoding="utf-8")
    assert "| import skipped as untyped | yes | no |" in docs
    assert "| the type error is reported | no | yes |" in docs
    assert f"| `reveal_type(greet)` | `Any` | `{library.revealed}` |" in docs


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
    subprocess.run(
        ["uv", "build", "--quiet", "--wheel", "--out-dir", str(tmp_path / "dist")],
        cwd=project,
        env=clean_env(),
        check=True,
    )
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    files = {n for n in zipfile.ZipFile(wheel).namelist() if ".dist-info/" not in n}
    assert files == {f"{package}/__init__.py", f"{package}/py.typed"}
    consumer = tmp_path / "consumer.py"
    consumer.write_text(compare.consumer_source(package), encoding="utf-8")
    check = compare.type_check(consumer, wheel, tmp_path / "venv", None)
    assert (check.import_skipped, check.error_caught) == (False, True)
