"""The comparison (`scripts/compare.py`) tells the truth about the projects it bakes, and reads well.

Fast tier (it bakes with `scripts/bake.py`, tested in test_bake.py): it names a refused value with
the template's reason, takes its values from `cookiecutter.json`, refuses answers it cannot use, and its report
opens with the verdict, shows only what differs and fits 100 columns. Slow tier (`green`): the
command runs as a user runs it, for `layout` and for `build_backend`, and every claim it prints is
checked against the projects and wheels it left behind; `docs/layouts.md` is exactly a fresh run.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import tomllib
from conftest import COOKIECUTTER_JSON, TEMPLATE, choices, clean_env
from test_about_layout import load

SCRIPT = TEMPLATE / "scripts" / "compare.py"
DOCS = TEMPLATE / "docs" / "layouts.md"
REGENERATE = "uv run scripts/compare.py layout > docs/layouts.md"
compare = load("compare", SCRIPT)


def block(report: str, heading: str) -> list[str]:
    """Return the lines of the first code block under the `## heading` of a report."""
    section = report.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return section.split("```text\n", 1)[1].split("\n```", 1)[0].splitlines()


def only(lines: list[str]) -> dict[str, set[str]]:
    """Return an `only a, b:` listing as {name: the labels said to have it}."""
    found: dict[str, set[str]] = {}
    for line in lines:
        if line.startswith("only "):
            labels = set(line.removeprefix("only ").removesuffix(":").split(", "))
        elif line.startswith("  "):
            found[line.strip()] = labels
    return found


def columns(lines: list[str], labels: list[str]) -> dict[str, set[str]]:
    """Return the cells a side-by-side block shows under each label."""
    cells: dict[str, set[str]] = {label: set() for label in labels}
    starts: list[tuple[str, int]] = []
    for line in lines:
        if line.split() and all(word in labels for word in line.split()):
            starts = [(word, line.index(word)) for word in line.split()]
            continue
        for (label, start), (_, end) in zip(starts, [*starts[1:], ("", None)]):
            cells[label].add(line[start:end].strip())
    return cells


# --- fast tier: the parts ---------------------------------------------------------------------------


def test_answers_the_template_refuses_stop_the_command_with_its_reason(tmp_path, capsys) -> None:
    assert compare.main(["layout", "package_name=json", "--output-dir", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert "only 0 value of layout bakes" in err
    assert "would shadow the standard-library module" in err


@pytest.mark.parametrize("key", [k for k, v in COOKIECUTTER_JSON.items() if isinstance(v, list) and k[0] != "_"])
def test_the_values_compared_are_the_choices_of_cookiecutter_json(key: str) -> None:
    assert compare.values_of(key) == choices(key)


def test_a_yes_no_question_is_compared_both_ways_and_free_text_is_refused() -> None:
    assert compare.values_of("pre_commit") == [True, False]
    with pytest.raises(compare.CompareError, match="'project_name' is not a choice of the template"):
        compare.values_of("project_name")


@pytest.mark.parametrize(
    ("pairs", "complaint"),
    [
        (["layout=module"], "layout= is the answer compared"),
        (["projct_name=X"], "unknown answer 'projct_name'"),
        (["cli"], "is not key=value"),
    ],
)
def test_bad_answers_are_refused_with_a_fix(pairs: list[str], complaint: str) -> None:
    with pytest.raises(compare.CompareError, match=re.escape(complaint)):
        compare.parse_answers(pairs, "layout")


def test_answers_keep_everything_after_the_first_equals_sign() -> None:
    assert compare.parse_answers(["description=a=b", "cli=none"], "layout") == {"description": "a=b", "cli": "none"}


def fake_bake(label: str, files: dict[str, str], wheel: list[str]) -> object:
    """Return a Bake made by hand: its project files and its wheel's file names."""
    made = object.__new__(compare.Bake)
    made.label, made.files = label, {name: text.encode() for name, text in files.items()}
    made.wheel_files = dict.fromkeys(wheel, b"")
    return made


def test_the_report_opens_with_the_verdict_and_shows_only_what_differs() -> None:
    same = {"LICENSE": "same text\n", "README.md": "# P\n\nline\n" + "x" * 150 + "\n"}
    a = fake_bake("k=a", {**same, "a.py": "", "pyproject.toml": '[x]\nk = "a"\n[y]\nz = 1\n'}, ["p.py", "m"])
    b = fake_bake(
        "k=b", {**same, "README.md": "# P\n\nchanged\n", "pyproject.toml": '[x]\nk = "b"\n[y]\nz = 1\n'}, ["m"]
    )
    report = compare.report("k", {"cli": "none"}, [a, b], {"k=c": "the hook said no"})
    lines = report.splitlines()
    assert lines[:2] == ["# What `k` changes", ""]
    verdict = " ".join(report.split("\n\n")[1].split())
    assert verdict.startswith(
        "- `k=b` against `k=a`: files +0 -1, 2 changed; `pyproject.toml` tables that differ: `[x]`;"
    )
    assert verdict.endswith("- `k=c` is refused by the template with these answers: the hook said no")
    assert all(len(line) <= 100 and line == line.rstrip() for line in lines)
    assert only(block(report, "Files only some values have")) == {"a.py": {"k=a"}}
    assert only(block(report, "What the wheel holds")) == {"p.py": {"k=a"}}
    assert "LICENSE" not in report  # identical files are never shown
    assert "+changed" in report
    assert columns(block(report, "`pyproject.toml`: the tables that differ"), ["k=a", "k=b"]) == {
        "k=a": {"[x]", 'k = "a"'},
        "k=b": {"[x]", 'k = "b"'},
    }


def test_side_by_side_wraps_to_more_rows_when_100_columns_are_not_enough() -> None:
    wide = {f"v{n}": {"[t]": ["x" * 40 + str(n)]} for n in range(3)}
    lines = compare.side_by_side(wide)
    assert all(len(line) <= 100 for line in lines)
    assert [line.split() for line in lines if line.startswith("v")] == [["v0", "v1"], ["v2"]]


def test_a_table_cell_keeps_its_pipe() -> None:
    assert compare.table(["a", "b"], [["x", "`str | None`"]])[2] == "| x | `str \\| None` |"


def test_a_code_block_fence_outlasts_the_backticks_inside() -> None:
    assert compare.fenced("diff", ["+```console"]) == ["````diff", "+```console", "````", ""]


# --- slow tier: the command run for real, its claims checked against what it baked -----------------


def run_script(out: Path, *args: str) -> str:
    """Run the command as a user would; return its report."""
    command = [sys.executable, str(SCRIPT), *args, "--output-dir", str(out)]
    done = subprocess.run(command, cwd=TEMPLATE, env=clean_env(), capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def layouts(tmp_path_factory) -> tuple[Path, str]:
    """Compare `layout` twice into the same directory; return the directory and the report."""
    out = tmp_path_factory.mktemp("layouts")
    first = run_script(out, "layout")
    assert run_script(out, "layout") == first, "a second run into the same directory gives another report"
    return out, first


@pytest.fixture(scope="module")
def backends(tmp_path_factory) -> tuple[Path, str]:
    """Compare `build_backend` for a module project with other answers; return the directory and the report."""
    out = tmp_path_factory.mktemp("backends")
    return out, run_script(out, "build_backend", "layout=module", "project_name=Tidy Names", "cli=click")


def project(out: Path, label: str) -> Path:
    """Return the project the command baked for `label`."""
    (found,) = (p for p in (out / label).iterdir() if (p / "pyproject.toml").is_file())
    return found


def wheel_names(out: Path, label: str) -> set[str]:
    """Return the files of the wheel the command built for `label`."""
    (wheel,) = (out / label / "dist").glob("*.whl")
    return set(zipfile.ZipFile(wheel).namelist())


@pytest.mark.green
def test_docs_layouts_md_is_a_fresh_run(layouts) -> None:
    out, report = layouts
    assert str(out) not in report
    assert DOCS.is_file(), f"docs/layouts.md is missing; make it with: {REGENERATE}"
    assert DOCS.read_text(encoding="utf-8") == report, f"docs/layouts.md is stale; regenerate it with: {REGENERATE}"


@pytest.mark.green
@pytest.mark.parametrize("run", ["layouts", "backends"])
def test_every_claim_holds_in_what_it_baked(request, run: str) -> None:
    out, report = request.getfixturevalue(run)
    labels = [p.name for p in out.iterdir() if (p / "dist").is_dir()]
    lines = report.splitlines()
    assert lines[0].startswith("# What `") and lines[2].startswith("- ")  # the verdict comes first
    assert all(len(line) <= 100 for line in lines)
    for name, said in only(block(report, "Files only some values have")).items():
        assert {label for label in labels if (project(out, label) / name).is_file()} == said, name
    for name, said in only(block(report, "What the wheel holds")).items():
        assert {label for label in labels if name in wheel_names(out, label)} == said, name
    shown = columns(block(report, "`pyproject.toml`: the tables that differ"), labels)
    for label in labels:
        backend = tomllib.loads((project(out, label) / "pyproject.toml").read_text(encoding="utf-8"))
        printed = {cell for cell in shown[label] if cell.startswith("build-backend = ")}
        assert printed <= {f'build-backend = "{backend["build-system"]["build-backend"]}"'}, label
    for old, path, new in re.findall(r"^--- (\S+?)/(\S+)\n\+\+\+ (\S+?)/\2$", report, re.MULTILINE):
        assert (project(out, old) / path).read_bytes() != (project(out, new) / path).read_bytes()


@pytest.mark.green
def test_backends_show_each_backend_and_name_the_one_the_template_refuses(backends) -> None:
    out, report = backends
    shown = columns(block(report, "`pyproject.toml`: the tables that differ"), [p.name for p in out.iterdir()])
    baked = [label for label in shown if (out / label / "dist").is_dir()]
    assert sorted(baked) == sorted(f"build_backend={b}" for b in choices("build_backend") if b != "uv_build")
    assert all(any(cell.startswith("build-backend = ") for cell in shown[label]) for label in baked)
    assert "`build_backend=uv_build` is refused by the template with these answers: build_backend 'uv_build'" in report
    assert not list((out / "build_backend=uv_build").glob("*/pyproject.toml"))
    assert "(`layout=module`, `project_name=Tidy Names`, `cli=click`)" in " ".join(report.split())
    assert project(out, "build_backend=flit-core").name == "tidy-names"


@pytest.mark.green
def test_a_type_checking_consumer_sees_the_module_as_any_and_the_library_typed(layouts) -> None:
    out, report = layouts
    assert "my_project/py.typed" in wheel_names(out, "layout=library")
    assert not [n for n in wheel_names(out, "layout=module") if n.endswith("py.typed")]
    assert "| `layout=module` | yes | `Any` | no | `import-untyped` |" in report
    assert re.search(
        r"^\| `layout=library` \| no \| `def \(name: str.*\) -> str` \| yes \| `assignment` \|$", report, re.MULTILINE
    )
    verdict = " ".join(report.split("\n\n")[1].split())
    assert "from `layout=module` as `Any`: it skips the import as untyped (the wheel has no `py.typed`)" in verdict
    # What `import` gives is what the file users import declares.
    source = (project(out, "layout=module") / "src" / "my_project.py").read_text(encoding="utf-8")
    (declared,) = (
        n.value for n in ast.parse(source).body if isinstance(n, ast.Assign) and ast.unparse(n.targets[0]) == "__all__"
    )
    assert f"| `layout=module` | `{' '.join(ast.literal_eval(declared))}` | none |" in report
    package_files = {n for n in wheel_names(out, "layout=library") if n.startswith("my_project/") and n.endswith(".py")}
    submodules = sorted(Path(n).stem for n in package_files - {"my_project/__init__.py"})
    assert re.search(rf"^\| `layout=library` \| `[^`]*` \| `{' '.join(submodules)}` \|$", report, re.MULTILINE)
