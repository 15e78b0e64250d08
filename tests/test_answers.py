"""Every answer is checked before anything is written: refused ones leave nothing, tricky ones stay green.

One row per refused input, given without prompts (the Python API, as `--no-input` does): the bake
stops with a message that names the answer and no traceback, nothing is written (no project, no
replay file), and the command printed last, run as printed, makes the project. The command keeps
every answer given, typed through a pipe too, and starts the way the run was started (`cookiecutter`
on the PATH or by its path, `uvx cookiecutter`, `uv run cookiecutter`), so a shell runs it as pasted. One row per tricky
valid input: the text lands in pyproject.toml, README.md, LICENSE and the docstrings exactly as
typed (core metadata holds one line, so there line breaks become spaces), every file still parses,
and (marker `green`) the project passes the green check. Cookiecutter renders answers given without
prompts as Jinja, so those answers go in through `verbatim` (scripts/bake.py), which renders back to
exactly the text; real typing at real prompts is test_prompting.py's.
"""

from __future__ import annotations

import ast
import json
import os
import shlex
import subprocess
import sys
import sysconfig
from email.utils import parseaddr
from pathlib import Path

import pytest
from bake import verbatim
from conftest import COOKIECUTTER_JSON, TEMPLATE, BakedProject, clean_env, cookiecutter_cli
from cookiecutter.main import cookiecutter
from greencheck import assert_green, wheel_metadata

import answer_rules

HOSTILE = 'Café "Tools" \'x\' \\ """ ]] # {{ 7*7 }} {% raw %} $(touch x) `touch y` 🐍 漢字 עברית'

REFUSED = [
    # (answers, the answer the message must name)
    pytest.param({"package_name": "my-tool"}, "package_name", id="package-not-identifier"),
    pytest.param({"package_name": "class"}, "package_name", id="package-keyword"),
    pytest.param({"package_name": "match"}, "package_name", id="package-soft-keyword"),
    pytest.param({"package_name": "type"}, "package_name", id="package-soft-keyword-type"),
    pytest.param({"package_name": "json"}, "package_name", id="package-stdlib-json"),
    pytest.param({"package_name": "email"}, "package_name", id="package-stdlib-email"),
    pytest.param({"package_name": "tomllib"}, "package_name", id="package-stdlib-newer-python"),
    pytest.param({"package_name": "tests"}, "package_name", id="package-project-tests"),
    pytest.param({"package_name": "src"}, "package_name", id="package-project-src"),
    pytest.param({"package_name": "pytest"}, "package_name", id="package-tool-pytest"),
    pytest.param({"package_name": "_tool"}, "package_name", id="package-underscore"),
    pytest.param({"package_name": "3d_tools"}, "package_name", id="package-digit"),
    pytest.param({"package_name": "café"}, "package_name", id="package-non-ascii"),
    pytest.param({"package_name": "MyTool"}, "package_name", id="package-capitals"),
    pytest.param({"package_name": "a" * 41}, "package_name", id="package-too-long"),
    pytest.param({"package_name": "aux"}, "package_name", id="package-windows-device"),
    pytest.param({"package_name": "click", "cli": "click"}, "package_name", id="package-shadows-cli-library"),
    pytest.param({"project_slug": ""}, "project_slug", id="slug-empty"),
    pytest.param({"project_slug": "   "}, "project_slug", id="slug-whitespace"),
    pytest.param({"project_slug": "../escape"}, "project_slug", id="slug-parent"),
    pytest.param({"project_slug": "../escape/deeper"}, "project_slug", id="slug-parent-deeper"),
    pytest.param({"project_slug": "inner/deeper"}, "project_slug", id="slug-separator"),
    pytest.param({"project_slug": "inner\\deeper"}, "project_slug", id="slug-backslash"),
    pytest.param({"project_slug": "ABSOLUTE"}, "project_slug", id="slug-absolute"),
    pytest.param({"project_slug": ".."}, "project_slug", id="slug-dotdot"),
    pytest.param({"project_slug": "my tool"}, "project_slug", id="slug-space"),
    pytest.param({"project_slug": "-tool"}, "project_slug", id="slug-leading-dash"),
    pytest.param({"project_slug": "café"}, "project_slug", id="slug-non-ascii"),
    pytest.param({"project_slug": "a" * 65}, "project_slug", id="slug-too-long"),
    pytest.param({"project_slug": "con"}, "project_slug", id="slug-windows-device"),
    pytest.param({"author_email": "not-an-address"}, "author_email", id="email-no-at"),
    pytest.param({"homepage": "example.com/tool"}, "homepage", id="homepage-no-scheme"),
    pytest.param({"homepage": "https://exa mple.com"}, "homepage", id="homepage-space"),
    pytest.param({"author_email": "ada@localhost"}, "author_email", id="email-no-domain"),
    pytest.param({"author_email": "Ada <ada@example.com>"}, "author_email", id="email-with-name"),
    pytest.param({"version": "one"}, "version", id="version-not-pep440"),
    pytest.param({"version": "1.0-RC1"}, "version", id="version-not-canonical"),
    pytest.param({"layout": "module", "build_backend": "uv_build"}, "build_backend", id="module-on-uv-build"),
    pytest.param({"versioning": "vcs", "build_backend": "flit-core"}, "versioning", id="vcs-on-flit-core"),
    pytest.param({"project_name": "  "}, "project_name", id="name-blank"),
    pytest.param({"project_name": "bell\x07"}, "project_name", id="name-control-character"),
    pytest.param({"description": ""}, "description", id="description-empty"),
    pytest.param({"description": "nul\x00"}, "description", id="description-nul"),
    pytest.param({"author_name": "Zoë O'Brien, Jr."}, "author_name", id="author-comma"),
    pytest.param({"author_name": "\x1b[31mred"}, "author_name", id="author-escape-sequence"),
]


def config_file(tmp_path: Path) -> Path:
    """Return a cookiecutter config whose replay and clone directories are under `tmp_path`."""
    config = tmp_path / "config.yaml"
    config.write_text(
        f"cookiecutters_dir: {json.dumps(str(tmp_path / 'cookiecutters'))}\n"
        f"replay_dir: {json.dumps(str(tmp_path / 'replay'))}\n",
        encoding="utf-8",
    )
    return config


@pytest.mark.parametrize(("answers", "named"), REFUSED)
def test_refused_answer_is_named_leaves_nothing_and_the_printed_command_bakes(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], answers: dict[str, str], named: str
) -> None:
    if answers.get("project_slug") == "ABSOLUTE":
        answers = {"project_slug": str(tmp_path / "elsewhere" / "deeper")}
    output, config = tmp_path / "out", config_file(tmp_path)
    output.mkdir()
    with pytest.raises(SystemExit) as stopped:
        cookiecutter(
            str(TEMPLATE), no_input=True, extra_context=answers, output_dir=str(output), config_file=str(config)
        )
    assert stopped.value.code == 1
    out, err = capfd.readouterr()
    assert f"ERROR: {named} " in err, err
    assert "Traceback" not in out + err
    assert list(output.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["config.yaml", "out"]

    command = shlex.split(err.strip().splitlines()[-1])
    assert command[:7] == ["cookiecutter", "--no-input", "-o", str(output), "--config-file", str(config), str(TEMPLATE)]
    again = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", check=False)
    assert again.returncode == 0, again.stderr
    (project,) = output.iterdir()
    recorded = json.loads((project / ".cookiecutter.json").read_text(encoding="utf-8"))["cookiecutter"]
    assert answer_rules.problems(recorded) == []
    # The other answers given are kept.
    assert {key: recorded[key] for key in answers if key != named} == {k: v for k, v in answers.items() if k != named}


def test_every_bad_answer_is_reported_at_once_and_none_derived_from_one(tmp_path: Path, capfd) -> None:
    answers = {
        "project_slug": "my tool",
        "package_name": "json",
        "version": "one",
        "layout": "module",
        "build_backend": "uv_build",
    }
    with pytest.raises(SystemExit):
        cookiecutter(
            str(TEMPLATE),
            no_input=True,
            extra_context=answers,
            output_dir=str(tmp_path),
            config_file=str(config_file(tmp_path)),
        )
    errors = [line.split()[1] for line in capfd.readouterr().err.splitlines() if line.startswith("ERROR: ")]
    # The home page and keywords derived from the refused slug are not refused: they are derived again.
    assert errors == ["project_slug", "package_name", "version", "build_backend"]


def test_the_command_line_refuses_without_a_traceback(tmp_path: Path) -> None:
    result = cookiecutter_cli(TEMPLATE, tmp_path / "out", tmp_path / "temp", "package_name=json", "cli=click")
    assert result.returncode == 1
    assert "ERROR: package_name 'json' would shadow the standard-library module" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert not (tmp_path / "out").exists()
    assert result.stderr.rstrip().endswith(f"{shlex.quote(str(TEMPLATE))} package_name=py_json cli=click")


@pytest.mark.parametrize(
    ("project_name", "slug", "package"),
    [
        ("Café Tools!", "cafe-tools", "cafe_tools"),
        ("3D Tools", "3d-tools", "py_3d_tools"),
        ("JSON", "json", "py_json"),
        ("class", "class", "py_class"),
        ("Tests", "tests", "py_tests"),
        ("🐍🐍🐍", "my-project", "my_project"),
        ("漢字ツール", "han-zi-turu", "han_zi_turu"),
        ("CON", "py-con", "py_con"),
        (
            "A Tremendously Long Project Name That Goes On And On Past Every Sensible Limit",
            "a-tremendously-long-project-name-that-goes-on-and-on-past-every",
            "a_tremendously_long_project_name_that",
        ),
    ],
)
def test_default_names_derived_from_any_name_pass_the_checks(bake, project_name: str, slug: str, package: str) -> None:
    project = bake(project_name=verbatim(project_name))
    assert project.path.name == slug
    pyproject = project.pyproject()
    assert pyproject["project"]["name"] == slug
    assert pyproject["tool"]["flit"]["module"]["name"] == package


def one_line(text: str) -> str:
    """What core metadata holds of `text`: its lines joined by spaces."""
    return " ".join(text.splitlines())


LONGEST = {"project_slug": "s" * 64, "package_name": "p" * 40}
TRICKY = [
    pytest.param(
        {"project_name": HOSTILE, "description": f"First line.\nSecond\tline: {HOSTILE}", "author_name": HOSTILE},
        id="hostile-library",
    ),
    pytest.param(
        {
            "project_name": "  Zoë O’Brien’s tool – fast × small",
            "description": 'Examples\nReturns:\n"quoted"\nends in a backslash \\',
            "author_name": 'Zoë "Q" O’Brien <not an address> @ {% raw %}',
            "layout": "module",
            "cli": "typer",
        },
        id="typography-sections-module",
    ),
    pytest.param(
        {
            "project_name": "שלום עולם",
            "description": "مرحبا بالعالم 🌍 ＡＢＣ",
            "author_name": "山田 太郎",
            "cli": "none",
        },
        id="rtl-cjk-fullwidth",
    ),
    pytest.param(LONGEST, id="longest-names-library"),
    pytest.param({**LONGEST, "layout": "module"}, id="longest-names-module"),
]


def bake_verbatim(bake, answers: dict[str, str]) -> BakedProject:
    """Bake `answers`, free text as exactly its text (never rendered as Jinja), choices as they are."""
    free = {key for key, value in COOKIECUTTER_JSON.items() if isinstance(value, str)}
    return bake(**{key: verbatim(text) if key in free else text for key, text in answers.items()})


def docstring_of(project: BakedProject) -> str:
    """Return the exact docstring (not cleaned) of the project's public module."""
    name = project["package_name"]
    source = f"src/{name}.py" if project["layout"] == "module" else f"src/{name}/__init__.py"
    first = ast.parse(project.read(source)).body[0]
    assert isinstance(first, ast.Expr)
    assert isinstance(first.value, ast.Constant)
    return first.value.value


@pytest.mark.parametrize("answers", TRICKY)
def test_tricky_text_lands_exactly_as_typed(bake, answers: dict[str, str]) -> None:
    project = bake_verbatim(bake, answers)
    name, description, author = project["project_name"], project["description"], project["author_name"]
    table = project.pyproject()["project"]
    assert table["description"] == one_line(description)
    assert table["authors"] == [{"name": one_line(author), "email": project["author_email"]}]
    assert project.read("README.md").startswith(f"# {name}\n\n{description}\n")
    assert f"The first version of {name}." in project.read("CHANGELOG.md")
    assert f"Copyright (c) {project['__year']} {author}\n" in project.read("LICENSE")
    assert f"\n\n{name}: {description}\n\n" in docstring_of(project)
    for path in project.path.rglob("*.py"):
        ast.parse(path.read_text(encoding="utf-8"), str(path))
    # Shell-looking text is never run: `$(touch x)` and `touch y` made no file.
    assert not {"x", "y"} & {p.name for p in project.path.parent.rglob("*")}


@pytest.mark.green
@pytest.mark.parametrize("answers", TRICKY)
def test_tricky_text_is_green(bake, tmp_path: Path, answers: dict[str, str]) -> None:
    project = bake_verbatim(bake, answers)
    assert_green(project, tmp_path)
    _, fields = wheel_metadata(next((tmp_path / "dist").glob("*.whl")))
    assert fields["Summary"] == [one_line(project["description"])]
    assert parseaddr(fields["Author-Email"][0]) == (one_line(project["author_name"]), project["author_email"])


def test_piped_answers_are_checked_at_once_like_given_ones(tmp_path: Path) -> None:
    # Enter for every question but the import name: a pipe cannot answer a question asked again.
    typed = "\n\njson\n" + "\n" * 20
    command = [sys.executable, "-m", "cookiecutter", "-o", str(tmp_path / "out"), str(TEMPLATE)]
    result = subprocess.run(command, input=typed, capture_output=True, text=True, check=False, cwd=tmp_path)
    assert result.returncode == 1
    assert "ERROR: package_name 'json' would shadow the standard-library module" in result.stderr
    assert result.stdout.count("Import name") == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stderr.rstrip().endswith("package_name=py_json")
    assert not (tmp_path / "out").exists()


# Where this environment's scripts live; the tests below take them off the PATH (clean_env) or put them on it.
VENV_BIN = Path(sys.executable).parent
POSIX_SHELL = pytest.mark.skipif(os.name == "nt", reason="the printed command is pasted into a POSIX shell")


def recorded_in(output: Path) -> dict[str, object]:
    """Return the answers recorded by the one project in `output`."""
    (project,) = output.iterdir()
    return json.loads((project / ".cookiecutter.json").read_text(encoding="utf-8"))["cookiecutter"]


def last_line(text: str) -> str:
    """Return the last line of `text`, without the indentation the printed command has."""
    return text.strip().splitlines()[-1].strip()


@POSIX_SHELL
@pytest.mark.parametrize("on_path", [True, False], ids=["cookiecutter-on-path", "cookiecutter-by-its-path"])
def test_the_command_printed_after_piped_answers_makes_what_was_typed(tmp_path: Path, on_path: bool) -> None:
    env = clean_env() | {"COOKIECUTTER_CONFIG": str(config_file(tmp_path))}
    if on_path:
        env["PATH"] = os.pathsep.join([str(VENV_BIN), env["PATH"]])
    program = "cookiecutter" if on_path else str(VENV_BIN / "cookiecutter")
    # The name, Enter for the distribution name, a bad import name, layout 2 (module), a description.
    typed = "Tidy Names\n\njson\n2\nKeeps {{ braces }} as typed\n" + "\n" * 20
    result = subprocess.run(
        [program, "-o", "out", str(TEMPLATE)], input=typed, env=env, cwd=tmp_path,
        capture_output=True, text=True, encoding="utf-8", check=False,
    )  # fmt: skip
    assert result.returncode == 1
    command = last_line(result.stderr)
    assert shlex.split(command)[:5] == [program, "--no-input", "-o", "out", str(TEMPLATE)]
    again = subprocess.run(command, shell=True, env=env, cwd=tmp_path, capture_output=True, text=True, check=False)
    assert again.returncode == 0, again.stderr
    answers = recorded_in(tmp_path / "out")
    assert (answers["project_name"], answers["layout"], answers["package_name"]) == ("Tidy Names", "module", "py_json")
    assert answers["description"] == "Keeps {{ braces }} as typed"


@POSIX_SHELL
def test_a_run_that_uvx_started_prints_uvx(tmp_path: Path) -> None:
    """`uvx cookiecutter` runs cookiecutter from an environment it makes in uv's cache, its scripts first on PATH.

    Such an environment is made here by hand (a uv venv in a directory tagged CACHEDIR.TAG, as uv's
    cache is, seeing this environment's packages): running real uvx would need the network.
    """
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "CACHEDIR.TAG").write_text("Signature: 8a477f597d28d172789f06886806bc55\n", encoding="utf-8")
    made = cache / "archive-v0" / "run"
    subprocess.run(["uv", "venv", "--quiet", "--python", sys.executable, str(made)], check=True, env=clean_env())
    (site_packages,) = made.glob("lib/python*/site-packages")
    (site_packages / "outer.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    script = made / "bin" / "cookiecutter"
    script.write_text(
        f"#!{made / 'bin' / 'python'}\nimport sys\nfrom cookiecutter.__main__ import main\nsys.exit(main())\n",
        encoding="utf-8",
    )
    script.chmod(0o755)
    env = clean_env() | {"COOKIECUTTER_CONFIG": str(config_file(tmp_path))}
    env["PATH"] = os.pathsep.join([str(made / "bin"), env["PATH"]])
    result = subprocess.run(
        ["cookiecutter", "--no-input", "-o", "out", str(TEMPLATE), "package_name=json"], env=env, cwd=tmp_path,
        capture_output=True, text=True, encoding="utf-8", check=False,
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    expected = ["uvx", "cookiecutter", "--no-input", "-o", "out", str(TEMPLATE), "package_name=py_json"]
    assert last_line(result.stderr) == shlex.join(expected)


@POSIX_SHELL
def test_a_run_that_uv_run_started_prints_uv_run(tmp_path: Path) -> None:
    """In a project whose environment has cookiecutter (this repository), `uv run cookiecutter` runs it."""
    env = clean_env() | {"COOKIECUTTER_CONFIG": str(config_file(tmp_path)), "UV_OFFLINE": "1", "UV_NO_SYNC": "1"}
    output = tmp_path / "out"
    result = subprocess.run(
        ["uv", "run", "cookiecutter", "--no-input", "-o", str(output), str(TEMPLATE), "package_name=json"],
        env=env, cwd=TEMPLATE, capture_output=True, text=True, encoding="utf-8", check=False,
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    command = last_line(result.stderr)
    assert shlex.split(command)[:4] == ["uv", "run", "cookiecutter", "--no-input"]
    again = subprocess.run(command, shell=True, env=env, cwd=TEMPLATE, capture_output=True, text=True, check=False)
    assert again.returncode == 0, again.stderr
    assert recorded_in(output)["package_name"] == "py_json"
