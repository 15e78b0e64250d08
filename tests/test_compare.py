"""The comparison (`scripts/compare.py`) tells the truth about the projects it bakes, and reads well.

Fast tier: it declares its own dependencies (PEP 723) at the floors the dev environment tests, takes
its values from `cookiecutter.json`, refuses answers and addresses it cannot use, leaves nothing in
the temp directory when it refuses, and its report opens with a verdict in words (each sentence
ending with one full stop; for `layout`, that a module can grow into a library with the template's
script and nothing goes back), shows only what differs and fits 100 columns. Slow tier (`green`):
the command runs as a user runs it, in a fresh clone (where it installs only its own dependencies)
and, with the repository's address, from an empty directory; for every question, every claim of its
verdict and of the rest of its report is checked against the projects and wheels it baked (and
against the template's scripts and rules); `docs/layouts.md` is exactly a fresh run.
"""

from __future__ import annotations

import ast
import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import bake as helper
import pytest
import tomllib
from conftest import COOKIECUTTER_JSON, TEMPLATE, choices, clean_env, copy_template
from test_about_layout import load

import answer_rules

SCRIPT = TEMPLATE / "scripts" / "compare.py"
DOCS = TEMPLATE / "docs" / "layouts.md"
REGENERATE = "uv run scripts/compare.py layout > docs/layouts.md"
compare = load("compare", SCRIPT)
OURS = compare.Template.at(TEMPLATE)
# Every question with a fixed set of values, and the other answers each is compared with.
COMPARED = [k for k, v in COOKIECUTTER_JSON.items() if isinstance(v, (list, bool)) and k[0] != "_"]
GIVEN = {
    "versioning": ["build_backend=hatchling"],  # the default backend, flit-core, reads no version from git
    "build_backend": ["layout=module", "project_name=Tidy Names", "cli=click"],
}
PRIVATE = "Private :: Do Not Upload"


def block(report: str, heading: str) -> list[str]:
    """Return the lines of the first code block under the `## heading` of a report."""
    section = report.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return section.split("```text\n", 1)[1].split("\n```", 1)[0].splitlines()


def only(lines: list[str]) -> dict[str, set[str]]:
    """Return an `only a, b:` listing (a heading may take several lines) as {name: the labels said to have it}."""
    found: dict[str, set[str]] = {}
    heading, labels = "", set()
    for line in lines:
        if line.startswith("  "):
            found[line.strip()] = labels
        else:
            heading = f"{heading} {line}".strip()
            if heading.endswith(":"):
                labels, heading = set(heading.removeprefix("only ").removesuffix(":").split(", ")), ""
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


def verdict(report: str) -> dict[str, str]:
    """Return the verdict's items, on one line each, by the `key=value` they open with."""
    head = report.split("\n\n## ", 1)[0]
    items = (item.split("\n\n", 1)[0] for item in re.split(r"^- ", head, flags=re.MULTILINE)[1:])
    return {m[1]: m[0] for m in (re.match(r"`([^`]+)`: .*", " ".join(i.split())) for i in items) if m}


def words(key: str, value: str) -> str:
    """Return the template's label for a value (`__prompts__`), without the value, as Markdown shows it."""
    prompt = COOKIECUTTER_JSON["__prompts__"][key]
    label = prompt.get(value, "") if isinstance(prompt, dict) else ""
    return label.removeprefix(value).lstrip(": ").replace("<", "\\<")


def claims(item: str, key: str) -> list[str]:
    """Return the facts a verdict item states after the template's label, each as a phrase of its own."""
    label = item.split("`")[1]
    rest = item.removeprefix(f"`{label}`: ")
    said = words(key, label.partition("=")[2])
    if said:
        assert rest.startswith(f"{said}. "), f"{label} does not open with the template's label {said!r}"
        rest = rest.removeprefix(f"{said}. ")
    assert rest.endswith("."), item
    # Facts are separated by `; ` outside backticks (a requirement such as `x; python_version >= '3.11'` has one).
    return re.split(r"; (?=(?:[^`]*`[^`]*`)*[^`]*$)", rest[0].lower() + rest[1:-1])


def listed(items: list) -> str:
    """Return items as the report lists them: `a`, `b` (a table entry as JSON)."""
    return ", ".join(f"`{i if isinstance(i, str) else json.dumps(i)}`" for i in items)


# What a verdict says of an answer no update changes (`answer_rules.KEPT`): a script of the template takes
# a project made with it to another value, or nothing does.
FORWARD = re.compile(
    r"a step forward stays open: `(.+)` takes a project from it to `(\w+)=(.+)` later, keeping the user's code "
    r"\(an update cannot\)"
)
ONE_WAY = re.compile(r"it is one way: neither an update nor a script of the template takes a project from it to (.+)")
DOUBLE_STOP = re.compile(r"\.\.(\s|$)")


def moves(script: Path, key: str, start: str, end: str) -> bool:
    """Return whether a script's summary (its docstring's first paragraph) names `key=start`, then `key=end`."""
    summary = (ast.get_docstring(ast.parse(script.read_text(encoding="utf-8"))) or "").split("\n\n")[0]
    first, then = summary.find(f"`{key}={start}`"), summary.find(f"`{key}={end}`")
    return -1 < first < then


def check_routes(facts: list[str], key: str, label: str) -> list[str]:
    """Check what a verdict's facts say about where a project made with `label` can go later; return the rest.

    For an answer no update changes, every other value is said to be reached by a script whose summary
    takes this value to it, or to be reached by none; for any other answer nothing is said.
    """
    start, scripts = label.partition("=")[2], sorted((TEMPLATE / "scripts").glob("*.py"))
    reached, stuck, rest = set(), set(), []
    for claim in facts:
        if m := FORWARD.fullmatch(claim):
            assert m[2] == key and moves(TEMPLATE / m[1], key, start, m[3]), claim
            reached.add(m[3])
        elif m := ONE_WAY.fullmatch(claim):
            stuck |= set(re.findall(rf"`{key}=([^`]+)`", m[1]))
            assert not [end for end in stuck for script in scripts if moves(script, key, start, end)], claim
        else:
            rest.append(claim)
    values = ["true", "false"] if isinstance(COOKIECUTTER_JSON[key], bool) else choices(key)
    if key in answer_rules.KEPT:
        assert reached | stuck == set(values) - {start} and not reached & stuck, label
    else:
        assert reached | stuck == set(), label
    return rest


# --- fast tier: the parts ---------------------------------------------------------------------------


def test_answers_the_template_refuses_stop_the_command_with_its_reason(tmp_path, capsys) -> None:
    assert compare.main(["layout", "package_name=json", "--output-dir", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert "only 0 value of layout bakes" in err
    assert "would shadow the standard-library module" in err


def test_an_address_without_a_template_is_refused(tmp_path, capsys) -> None:
    assert compare.main(["layout", "--template", str(tmp_path)]) == 1
    assert f"compare: no template at '{tmp_path}'" in capsys.readouterr().err


def test_a_lone_copy_of_the_script_asks_for_the_templates_address(tmp_path) -> None:
    shutil.copy(SCRIPT, tmp_path / "compare.py")
    command = [sys.executable, str(tmp_path / "compare.py"), "layout"]
    done = subprocess.run(command, cwd=tmp_path, env=clean_env(), capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout) == (1, "")
    assert "compare: give the template's address: --template PATH, GIT-URL or gh:OWNER/REPO." in done.stderr


def test_a_refused_run_leaves_nothing_in_the_temp_directory(tmp_path) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    env = clean_env() | {"TMPDIR": str(temp), "TEMP": str(temp), "TMP": str(temp)}
    command = [sys.executable, str(SCRIPT), "layout", "package_name=json"]
    done = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert "would shadow the standard-library module" in done.stderr
    assert list(temp.iterdir()) == []


def test_the_script_declares_only_dependencies_the_dev_environment_pins_the_same_way() -> None:
    # PEP 723's reference regular expression and reading of the block.
    found = re.search(r"(?m)^# /// script$\s(?P<content>(^#(| .*)$\s)+)^# ///$", SCRIPT.read_text(encoding="utf-8"))
    lines = found["content"].splitlines(keepends=True)
    declared = tomllib.loads("".join(line[2:] if line.startswith("# ") else line[1:] for line in lines))
    dev = tomllib.loads((TEMPLATE / "pyproject.toml").read_text(encoding="utf-8"))["dependency-groups"]["dev"]
    assert declared["dependencies"] and set(declared["dependencies"]) <= {d for d in dev if isinstance(d, str)}


@pytest.mark.parametrize("key", [k for k, v in COOKIECUTTER_JSON.items() if isinstance(v, list) and k[0] != "_"])
def test_the_values_compared_are_the_choices_of_cookiecutter_json(key: str) -> None:
    assert compare.values_of(OURS, key) == choices(key)


def test_a_yes_no_question_is_compared_both_ways_and_free_text_is_refused() -> None:
    assert compare.values_of(OURS, "pre_commit") == [True, False]
    with pytest.raises(compare.CompareError, match="'project_name' is not a choice of the template"):
        compare.values_of(OURS, "project_name")


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
        compare.parse_answers(OURS, pairs, "layout")


def test_answers_keep_everything_after_the_first_equals_sign() -> None:
    pairs = ["description=a=b", "cli=none"]
    assert compare.parse_answers(OURS, pairs, "layout") == {"description": "a=b", "cli": "none"}


def fake_bake(tmp_path: Path, label: str, files: dict[str, str], wheel: list[str]) -> object:
    """Return a Bake made by hand: its project files and its wheel's file names."""
    made = object.__new__(compare.Bake)
    made.label, made.root, made.wheel = label, tmp_path / label / "p", Path("p-1.0-py3-none-any.whl")
    made.files = {name: text.encode() for name, text in files.items()}
    answers = {"package_name": "p", **dict([label.split("=", 1)])}
    made.files[".cookiecutter.json"] = json.dumps({"cookiecutter": answers}).encode()
    made.wheel_files = dict.fromkeys(wheel, b"")
    return made


def pyproject(extra: str) -> str:
    """Return a small `pyproject.toml` whose `[project]` table ends with `extra`."""
    return (
        '[project]\nname = "p"\nversion = "1.0"\nrequires-python = ">=3.11"\nlicense = "MIT"\n' + extra + "\n"
        '[build-system]\nrequires = ["flit_core"]\nbuild-backend = "flit_core.buildapi"\n'
    )


def test_the_report_opens_with_a_verdict_in_words_and_shows_only_what_differs(tmp_path) -> None:
    same = {"LICENSE": "same text\n", "README.md": "# P\n\nline\n" + "x" * 150 + "\n"}
    a = fake_bake(
        tmp_path,
        "cli=argparse",
        {**same, "src/p.py": "a\nb\n", "pyproject.toml": pyproject('[project.scripts]\np = "p:main"')},
        ["p.py", "m"],
    )
    b = fake_bake(
        tmp_path,
        "cli=click",
        {**same, "README.md": "# P\n\nchanged\n", "pyproject.toml": pyproject('dependencies = ["click>=8.1"]')},
        ["m"],
    )
    report = compare.report(OURS, "cli", {"license": "MIT"}, [a, b], {"cli=typer": "the hook said no"})
    lines = report.splitlines()
    assert lines[:4] == ["# What `cli` changes", "", "> Command-line interface", ""]
    assert verdict(report) == {
        "cli=argparse": "`cli=argparse`: standard library, no dependency. Users install no other package with it; "
        "it installs the command `p`; its code is 1 Python file under `src/`, 2 lines; "
        "its wheel installs 2 files; it brings `src/p.py`.",
        "cli=click": "`cli=click`: Users install `click>=8.1` with it; it installs no command; "
        "its code is 0 Python files under `src/`, 0 lines; its wheel installs 1 file; it lacks `src/p.py`.",
        "cli=typer": "`cli=typer`: built on click, driven by type hints. "
        "The template refuses it with these answers: the hook said no.",
    }
    assert "(`license=MIT`)" in " ".join(report.split())
    assert all(len(line) <= 100 and line == line.rstrip() for line in lines)
    assert only(block(report, "Files only some values have")) == {"src/p.py": {"cli=argparse"}}
    assert only(block(report, "What the wheel holds")) == {"p.py": {"cli=argparse"}}
    assert "LICENSE" not in report  # identical files are never shown
    assert "+changed" in report
    shown = columns(block(report, "`pyproject.toml`: the tables that differ"), ["cli=argparse", "cli=click"])
    assert {label: cells - {""} for label, cells in shown.items()} == {
        "cli=argparse": {"[project]", "[project.scripts]", 'p = "p:main"'},
        "cli=click": {"[project]", 'dependencies = ["click>=8.1"]', "(none)"},
    }


def test_a_heading_that_names_many_values_wraps_within_100_columns() -> None:
    named = {f"license=License-Number-{n}-or-later": {"LICENSE", "CONTRIBUTING.md"} for n in range(6)}
    named["license=Proprietary"] = {"LICENSE"}
    lines = compare.only_some(named)
    assert len(lines) > 2 and all(len(line) <= 100 for line in lines)
    assert only(lines) == {"CONTRIBUTING.md": set(named) - {"license=Proprietary"}}


def test_a_verdict_ends_with_one_full_stop_after_a_refusal_that_ends_with_its_own(tmp_path) -> None:
    with pytest.raises(helper.Refused) as refused:
        helper.bake({"layout": "module", "build_backend": "uv_build"}, tmp_path / "refused")
    reason = str(refused.value)
    assert reason.endswith(".") and "<" in reason  # the template's sentence, naming a path as src/<name>.py
    a, b = (fake_bake(tmp_path, f"build_backend={v}", {"pyproject.toml": pyproject("")}, [v]) for v in ("a", "b"))
    items = verdict(compare.report(OURS, "build_backend", {"layout": "module"}, [a, b], {"build_backend=c": reason}))
    assert items["build_backend=c"].endswith(" ".join(reason.replace("<", "\\<").split()))
    assert [item for item in items.values() if not item.endswith(".") or DOUBLE_STOP.search(item)] == []


def test_the_layout_verdict_says_a_module_grows_into_a_library_and_no_script_goes_back() -> None:
    # docs/layouts.md is compare's report on `layout` (the slow tier checks that it is a fresh run).
    items = verdict(DOCS.read_text(encoding="utf-8"))
    assert [item for item in items.values() if DOUBLE_STOP.search(item)] == []
    module, library = (claims(items[f"layout={value}"], "layout") for value in ("module", "library"))
    assert [m[3] for m in map(FORWARD.fullmatch, module) if m] == ["library"]
    assert [m[1] for m in map(ONE_WAY.fullmatch, library) if m] == ["`layout=module`"]
    assert not any(map(FORWARD.fullmatch, library))
    check_routes(module, "layout", "layout=module")
    check_routes(library, "layout", "layout=library")


def test_a_long_line_is_cut_at_the_end_of_a_word() -> None:
    assert compare.clip("one two three", 10) == "one two…"
    assert compare.clip("x" * 12, 10) == "x" * 9 + "…"


def test_a_folder_whose_files_all_differ_is_named_once() -> None:
    every = {"docs/a.md", "docs/b.md", "src/p/x.py", "src/p/y.py"}
    assert compare.grouped({"docs/a.md", "docs/b.md", "src/p/x.py"}, every) == "`docs/` (2 files), `src/p/x.py`"


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


def git(*args: str, cwd: Path) -> None:
    """Run git quietly in `cwd`, with an identity for commits."""
    command = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", *args]
    subprocess.run(command, cwd=cwd, check=True, capture_output=True)


@pytest.fixture(scope="module")
def repository(tmp_path_factory) -> Path:
    """Return a git repository of this template as the work tree has it: what a user's address points at."""
    return copy_template(tmp_path_factory.mktemp("repository") / "cookiecutter-pylayout")


@pytest.fixture(scope="module")
def clone(repository, tmp_path_factory) -> Path:
    """Return a fresh clone of the repository: no venv, nothing but its files."""
    clone = tmp_path_factory.mktemp("clone") / "cookiecutter-pylayout"
    git("clone", "--quiet", repository.as_uri(), str(clone), cwd=repository)
    return clone


def run_script(clone: Path, out: Path, *args: str) -> str:
    """Run the command in a clone as a user would (`uv run scripts/compare.py ...`); return its report."""
    command = ["uv", "run", "scripts/compare.py", *args, "--output-dir", str(out)]
    done = subprocess.run(command, cwd=clone, env=clean_env(), capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def layouts(clone, tmp_path_factory) -> tuple[Path, str]:
    """Compare `layout` twice into the same directory, in a fresh clone; return the directory and the report."""
    out = tmp_path_factory.mktemp("layouts")
    first = run_script(clone, out, "layout")
    assert run_script(clone, out, "layout") == first, "a second run into the same directory gives another report"
    # The script's own dependencies (PEP 723) were enough: the template's dev environment was never made.
    assert not (clone / ".venv").exists()
    return out, first


@pytest.fixture(scope="module")
def backends(clone, tmp_path_factory) -> tuple[Path, str]:
    """Compare `build_backend` for a module project with other answers; return the directory and the report."""
    out = tmp_path_factory.mktemp("backends")
    return out, run_script(clone, out, "build_backend", *GIVEN["build_backend"])


def project(out: Path, label: str) -> Path:
    """Return the project the command baked for `label`."""
    (found,) = (p for p in (out / label).iterdir() if (p / "pyproject.toml").is_file())
    return found


def wheel_of(out: Path, label: str) -> Path:
    """Return the wheel the command built for `label`."""
    (wheel,) = (out / label / "dist").glob("*.whl")
    return wheel


def wheel_names(out: Path, label: str) -> set[str]:
    """Return the files of the wheel the command built for `label`."""
    return set(zipfile.ZipFile(wheel_of(out, label)).namelist())


def project_files(root: Path) -> set[str]:
    """Return a project's files (git's own left out), as POSIX paths."""
    paths = (p.relative_to(root) for p in root.rglob("*") if p.is_file())
    return {p.as_posix() for p in paths if p.parts[0] != ".git"}


def python_files(root: Path, folder: str) -> str:
    """Return how many Python files, of how many lines, `root/folder` holds, as the verdict words it."""
    found = sorted((root / folder).rglob("*.py"))
    lines = sum(len(p.read_bytes().splitlines()) for p in found)
    return f"{len(found)} Python file{'s' * (len(found) != 1)} under `{folder}/`, {lines} line{'s' * (lines != 1)}"


def check_files(claim: str, label: str, files: dict[str, set[str]]) -> None:
    """Check a claim about the files a value brings or lacks against every baked project's files."""
    mine, others = files[label], [names for other, names in files.items() if other != label]
    if claim == "it brings no file of its own":
        assert all(mine <= names for names in others)
        return
    verb, _, named = claim.partition(" ")[2].partition(" ")
    for item in named.split(", "):
        name, folder = re.fullmatch(r"`([^`]+)`(?: \((\d+) files\))?", item).groups()
        inside = {n for n in (mine if verb == "brings" else set.union(*others)) if n.rpartition("/")[0] + "/" == name}
        assert (len(inside) == int(folder)) if folder else not name.endswith("/"), item
        for each in inside or {name}:
            if verb == "brings":
                assert each in mine and any(each not in names for names in others), each
            else:
                assert each not in mine and all(each in names for names in others), each


def check_claim(claim: str, root: Path, wheel: Path) -> None:
    """Check one fact a verdict states about a baked project against the project and its wheel."""
    data = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    table, build = data["project"], data["build-system"]
    names = set(zipfile.ZipFile(wheel).namelist())
    typed = any(n.endswith("/py.typed") for n in names)
    if m := re.fullmatch(r"users install (.+) with it", claim):
        assert m[1] == (listed(table["dependencies"]) or "no other package")
    elif m := re.fullmatch(r"it runs on Python `(.+)` \(classifiers: (.*)\)", claim):
        assert m[1] == table["requires-python"]
        assert m[2].split(", ") == [c[-4:].strip(": ") for c in table["classifiers"] if re.search(r" 3\.\d+$", c)]
    elif m := re.fullmatch(r"it installs (?:the command (.+)|no command)", claim):
        assert (m[1] or "") == listed(list(table.get("scripts", {})))
    elif m := re.fullmatch(r"its license is `(.+?)`( and PyPI refuses its upload \(`(.+)`\))?", claim):
        assert m[1] == table["license"]
        assert bool(m[2]) == (PRIVATE in table["classifiers"]) and m[3] in {None, PRIVATE}
    elif m := re.fullmatch(r"a user's `mypy --strict` sees `(\w+)\.greet` as `(.+)`: it (skips .+ and )?(.+)", claim):
        assert m[1] == json.loads((root / ".cookiecutter.json").read_bytes())["cookiecutter"]["package_name"]
        assert (m[2] == "Any", bool(m[3]), m[4]) == (
            not typed,
            not typed,
            "reports a misuse" if typed else "lets a misuse pass",
        )
    elif m := re.fullmatch(r"its (code|tests) (?:is|are) (.+)", claim):
        assert m[2] == python_files(root, {"code": "src", "tests": "tests"}[m[1]])
    elif m := re.fullmatch(r"its wheel installs (\d+) files?", claim):
        assert int(m[1]) == len([n for n in names if ".dist-info/" not in n and not n.endswith("/")])
    elif m := re.fullmatch(r"its version is written in `pyproject.toml` \(`(.+)`\)", claim):
        assert m[1] == table["version"]
    elif m := re.fullmatch(r"its version is `dynamic`, set when it is built \(this wheel: `(.+)`\)", claim):
        assert "version" in table["dynamic"] and wheel.name.split("-")[1] == m[1]
    elif m := re.fullmatch(r"`(.+)` builds it, from (.+)", claim):
        assert (m[1], m[2]) == (build["build-backend"], listed(build["requires"]))
    elif m := re.fullmatch(r"its `(.+)` dependency group installs (.+)", claim):
        assert m[2] == listed(data["dependency-groups"][m[1]])
    elif m := re.fullmatch(r"it has no `(.+)` dependency group", claim):
        assert m[1] not in data.get("dependency-groups", {})
    elif m := re.fullmatch(r"it is (not )?a git repository", claim):
        assert (root / ".git").is_dir() == (m[1] is None)
    else:
        pytest.fail(f"the verdict states {claim!r}, which no check here reads")


def value(text: str) -> object:
    """Return an answer as typed after `key=` as the value cookiecutter takes (`false` is False)."""
    return json.loads(text) if text in {"true", "false"} else text


def check_refusals(key: str, given: list[str], said: dict[str, set[str]], tmp_path: Path) -> None:
    """Check what each value's verdict says the template refuses with it: bake each such pair."""
    answers = dict(pair.split("=", 1) for pair in given)
    for label, refused in said.items():
        for other in set.union(*said.values()):
            pair = {key: value(label.partition("=")[2]), other.split("=")[0]: value(other.split("=")[1])}
            try:
                helper.bake({**answers, **pair}, tmp_path / f"{label} {other}")
            except helper.Refused:
                assert other in refused, f"the template refuses {other} with {label}, and its verdict does not say so"
            else:
                assert other not in refused, f"the verdict of {label} says the template refuses {other}; it bakes"


@pytest.mark.green
@pytest.mark.parametrize("key", COMPARED)
def test_every_claim_holds_in_what_it_baked(request, clone, tmp_path, key: str) -> None:
    if key in {"layout", "build_backend"}:
        out, report = request.getfixturevalue({"layout": "layouts", "build_backend": "backends"}[key])
    else:
        out, report = tmp_path / "out", run_script(clone, tmp_path / "out", key, *GIVEN.get(key, []))
    labels = [p.name for p in out.iterdir() if (p / "dist").is_dir()]
    lines = report.splitlines()
    title, question, first = report.split("\n\n")[:3]
    assert title == f"# What `{key}` changes" and first.startswith("- `")  # the verdict comes first
    assert all(line.startswith("> ") for line in question.splitlines())
    assert all(len(line) <= 100 for line in lines)
    # The verdict: a sentence for every value, each fact in it true of that value's project.
    items = verdict(report)
    values = ["true", "false"] if isinstance(COOKIECUTTER_JSON[key], bool) else choices(key)
    assert sorted(items) == sorted(f"{key}={v}" for v in values)
    refusals, files = {}, {label: project_files(project(out, label)) for label in labels}
    for label, item in items.items():
        assert not DOUBLE_STOP.search(item), item
        facts = claims(item, key)
        if label not in labels:
            assert facts[0].startswith("the template refuses it with these answers: "), item
            assert not list((out / label).glob("*/pyproject.toml"))
            continue
        assert facts, f"{label} has no fact in its verdict"
        for claim in check_routes(facts, key, label):
            if m := re.fullmatch(r"with it the template refuses (.+)", claim):
                refusals[label] = set() if m[1] == "nothing the others allow" else set(re.findall(r"`([^`]+)`", m[1]))
            elif claim.startswith(("it brings ", "it lacks ")):
                check_files(claim, label, files)
            else:
                check_claim(claim, project(out, label), wheel_of(out, label))
    if refusals:
        check_refusals(key, GIVEN.get(key, []), refusals, tmp_path / "pairs")
    # The rest of the report.
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
def test_docs_layouts_md_is_a_fresh_run(layouts) -> None:
    out, report = layouts
    assert str(out) not in report
    assert DOCS.is_file(), f"docs/layouts.md is missing; make it with: {REGENERATE}"
    assert DOCS.read_text(encoding="utf-8") == report, f"docs/layouts.md is stale; regenerate it with: {REGENERATE}"


@pytest.mark.green
def test_from_anywhere_one_command_takes_the_repositorys_address(layouts, repository, tmp_path) -> None:
    # `uv run <URL of compare.py>` fetches that one file and runs it: here it is copied alone. The run in
    # `layouts` put the script's dependencies and the build backend in uv's cache: this one is offline.
    script = tmp_path / "fetched" / "compare.py"
    script.parent.mkdir()
    shutil.copy(SCRIPT, script)
    anywhere, temp = tmp_path / "anywhere", tmp_path / "temp"
    anywhere.mkdir()
    temp.mkdir()
    env = clean_env() | {"UV_OFFLINE": "1", "TMPDIR": str(temp), "TEMP": str(temp), "TMP": str(temp)}
    command = ["uv", "run", str(script), "--template", f"git+{repository.as_uri()}", "layout"]
    done = subprocess.run(command, cwd=anywhere, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout == layouts[1]
    assert list(anywhere.iterdir()) == []
    # `uv run` keeps a lock file for the script's environment there (the same name on every run): uv's own.
    left = [p.name for p in temp.iterdir() if not re.fullmatch(r"uv-[0-9a-f]+\.lock", p.name) or p.is_dir()]
    assert left == [], "the run left something in the temp directory"


@pytest.mark.green
def test_a_zip_address_leaves_nothing_in_the_temp_directory(repository, tmp_path) -> None:
    archive = tmp_path / "cookiecutter-pylayout.zip"
    git("archive", "--format=zip", "--prefix=cookiecutter-pylayout/", f"--output={archive}", "HEAD", cwd=repository)
    temp = tmp_path / "temp"
    temp.mkdir()
    env = clean_env() | {"TMPDIR": str(temp), "TEMP": str(temp), "TMP": str(temp)}
    command = [sys.executable, str(SCRIPT), "--template", str(archive), "git_init"]
    done = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("# What `git_init` changes")
    assert list(temp.iterdir()) == []


@pytest.mark.green
def test_backends_show_each_backend_and_name_the_one_the_template_refuses(backends) -> None:
    out, report = backends
    shown = columns(block(report, "`pyproject.toml`: the tables that differ"), [p.name for p in out.iterdir()])
    baked = [label for label in shown if (out / label / "dist").is_dir()]
    assert sorted(baked) == sorted(f"build_backend={b}" for b in choices("build_backend") if b != "uv_build")
    assert all(any(cell.startswith("build-backend = ") for cell in shown[label]) for label in baked)
    refused = verdict(report)["build_backend=uv_build"]
    assert "The template refuses it with these answers: build_backend 'uv_build' cannot build layout=module" in refused
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
    # What `import` gives is what the file users import declares.
    source = (project(out, "layout=module") / "src" / "my_project.py").read_text(encoding="utf-8")
    (declared,) = (
        n.value for n in ast.parse(source).body if isinstance(n, ast.Assign) and ast.unparse(n.targets[0]) == "__all__"
    )
    assert f"| `layout=module` | `{' '.join(ast.literal_eval(declared))}` | none |" in report
    package_files = {n for n in wheel_names(out, "layout=library") if n.startswith("my_project/") and n.endswith(".py")}
    submodules = sorted(Path(n).stem for n in package_files - {"my_project/__init__.py"})
    assert re.search(rf"^\| `layout=library` \| `[^`]*` \| `{' '.join(submodules)}` \|$", report, re.MULTILINE)
