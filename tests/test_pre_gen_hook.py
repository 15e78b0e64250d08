"""The pre-generation hook's checks, as units: loaded from the hook file as it ships, rendered with answers."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import TEMPLATE
from hookutil import load_hook
from packaging.version import InvalidVersion, Version


@pytest.fixture(scope="module")
def hook(tmp_path_factory: pytest.TempPathFactory):
    """Return the hook rendered with the default answers."""
    return load_hook("pre_gen_project", tmp_path_factory.mktemp("hook"))


def test_hook_source_is_valid_python_before_rendering() -> None:
    compile((TEMPLATE / "hooks" / "pre_gen_project.py").read_text(encoding="utf-8"), "pre", "exec")


def test_answers_arrive_as_data_however_hostile(tmp_path: Path) -> None:
    text = "'''\"\"\" \\ \\' \\n ]] # $(touch x) `id` 🐍 漢字 עברית"
    hook = load_hook("pre_gen_project", tmp_path, project_name=text, description=text, author_name=text)
    answers = hook.answers()
    assert (answers["project_name"], answers["description"], answers["author_name"]) == (text, text, text)
    assert hook.problems(answers) == []


def test_default_answers_pass(hook) -> None:
    assert hook.problems(hook.answers()) == []


@pytest.mark.parametrize(
    "name", ["tool", "my_tool", "tool2", "py_json", "a" * 40, "types_extra", "matchbox", "test_kit"]
)
def test_package_name_accepted(hook, name: str) -> None:
    assert hook.check_package_name(name) is None


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("my-tool", "not a valid Python identifier"),
        ("3d", "not a valid Python identifier"),
        ("", "not a valid Python identifier"),
        ("café", "not ASCII"),
        ("_tool", "underscore"),
        ("MyTool", "capital letters"),
        ("a" * 41, "more than 40"),
        ("class", "keyword"),
        ("match", "keyword"),
        ("type", "keyword"),
        ("_", "underscore"),
        ("json", "standard-library"),
        ("typing", "standard-library"),
        ("tomllib", "standard-library"),
        ("distutils", "standard-library"),
        ("tests", "project's own"),
        ("conftest", "project's own"),
        ("mypy", "project's own"),
        ("flit_core", "project's own"),
        ("nul", "device name on Windows"),
    ],
)
def test_package_name_refused(hook, name: str, why: str) -> None:
    message = hook.check_package_name(name)
    assert message is not None
    assert message.startswith(f"package_name {name!r} ")
    assert why in message
    assert "e.g. package_name=" in message


def test_every_standard_library_module_of_this_python_is_refused(hook) -> None:
    public = [name for name in sys.stdlib_module_names if not name.startswith("_")]
    assert [name for name in public if hook.check_package_name(name) is None] == []


def test_suggested_package_names_are_accepted(hook) -> None:
    for name in ("class", "json", "tests", "nul", "a" * 41, "match"):
        suggestion = hook.check_package_name(name).rsplit("package_name=", 1)[1].rstrip(".")
        assert hook.check_package_name(suggestion) is None, (name, suggestion)


@pytest.mark.parametrize("slug", ["tool", "my-tool", "My.Tool_2", "a", "3d-tools", "s" * 64, "console"])
def test_project_slug_accepted(hook, slug: str) -> None:
    assert hook.check_project_slug(slug) is None


@pytest.mark.parametrize(
    ("slug", "why"),
    [
        ("", "empty"),
        (" \t", "empty"),
        ("../x", "path separator or '..'"),
        ("a/b", "path separator or '..'"),
        ("a\\b", "path separator or '..'"),
        ("/abs", "path separator or '..'"),
        ("a..b", "path separator or '..'"),
        ("s" * 65, "longer than 64"),
        ("my tool", "not a valid distribution name"),
        ("-tool", "not a valid distribution name"),
        ("tool.", "not a valid distribution name"),
        ("café", "not a valid distribution name"),
        # Letters that a case-insensitive ASCII match would take for s and k (long s, Kelvin sign).
        ("maſs", "not a valid distribution name"),
        ("\u212ailn", "not a valid distribution name"),
        ("C:tool", "not a valid distribution name"),
        ("com1", "device name on Windows"),
        ("Aux.tools", "device name on Windows"),
    ],
)
def test_project_slug_refused(hook, slug: str, why: str) -> None:
    message = hook.check_project_slug(slug)
    assert message is not None
    assert message.startswith("project_slug ")
    assert why in message


VERSIONS = [
    "0.1.0", "1.0.0rc1", "2.0.post1", "1!2.0", "1.0.dev0", "1.0+local.7", "1.0.0-RC1", "v1.0", " 1.0 ",
    "1.0-1", "1.0.post", "1.0.dev", "01.02", "0!1.0", "1.0+ABC-007", "1.0.0.alpha.1", "1.0_c2", "1.0pre",
    "1.0-preview3.dev4", "1.0r", "one", "", "1.0+", "1..0", "1.0a1b2", "1.0 beta", "latest",
]  # fmt: skip


@pytest.mark.parametrize("version", VERSIONS)
def test_version_checked_as_packaging_reads_it(hook, version: str) -> None:
    try:
        canonical = str(Version(version))
    except InvalidVersion:
        canonical = None
    message = hook.check_version(version)
    if canonical == version:
        assert message is None
    elif canonical is None:
        assert message is not None
        assert "is not a PEP 440 version" in message
    else:
        assert message is not None
        assert message.endswith(f"Write it as version={canonical}.")


@pytest.mark.parametrize(
    ("email", "ok"),
    [
        ("ada@example.com", True),
        ("ada.lovelace+py@mail.example.co.uk", True),
        ("zoë@exämple.org", True),
        ("ada", False),
        ("ada@example", False),
        ("@example.com", False),
        ("ada@@example.com", False),
        ("ada lovelace@example.com", False),
        ("Ada <ada@example.com>", False),
        ("ada@example.com, bob@example.com", False),
        ("ada@example.com\n", False),
    ],
)
def test_author_email(hook, email: str, ok: bool) -> None:
    message = hook.check_author_email(email)
    assert (message is None) == ok
    if not ok:
        assert message.startswith(f"author_email {email!r} is not an email address")


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://example.com/my-tool", True),
        ("http://docs.example.org", True),
        ("https://github.com/ada/tool?tab=readme#top", True),
        ("example.com/my-tool", False),
        ("ftp://example.com", False),
        ("https://localhost", False),
        ("https://exa mple.com", False),
        ("https://example.com\n", False),
    ],
)
def test_homepage(hook, url: str, ok: bool) -> None:
    message = hook.check_homepage(url)
    assert (message is None) == ok
    if not ok:
        assert message.startswith(f"homepage {url!r} is not an http(s) URL")


@pytest.mark.parametrize(
    ("keywords", "ok"), [("cli, greeting", True), ('a "quoted" word, ünï', True), ("a\x00b", False)]
)
def test_keywords(hook, keywords: str, ok: bool) -> None:
    assert (hook.check_keywords(keywords) is None) == ok


@pytest.mark.parametrize("python_min", ["3.10", "3.11", "3.12", "3.13", "3.14"])
def test_python_min_accepted(hook, python_min: str) -> None:
    assert hook.check_python_min(python_min) is None


@pytest.mark.parametrize("python_min", ["3.9", "3.15", "3", "3.1", "311", ""])
def test_python_min_refused(hook, python_min: str) -> None:
    assert hook.check_python_min(python_min).startswith(f"python_min {python_min!r} is not supported")


@pytest.mark.parametrize("text", ["x", "tab\there", "two\nlines", "🐍", "\u200f\u05e9", "{{ 7*7 }}", " padded "])
def test_free_text_accepted(hook, text: str) -> None:
    assert hook.check_free_text("description", text) is None


@pytest.mark.parametrize("text", ["", " \n\t", "nul\x00", "cr\r", "esc\x1b", "del\x7f", "c1\x85", "lone\ud800"])
def test_free_text_refused(hook, text: str) -> None:
    message = hook.check_free_text("description", text)
    assert message is not None
    assert message.startswith("description ")


def test_author_name_with_a_comma_is_refused(hook) -> None:
    assert "comma" in hook.check_author_name("Zoë O'Brien, Jr.")
    assert hook.check_author_name('Zoë "Q" O’Brien <x> @ \\') is None


@pytest.mark.parametrize(
    ("cli", "package_name", "ok"),
    [
        ("click", "click", False),
        ("typer", "click", False),
        ("typer", "rich", False),
        ("argparse", "click", True),
        ("none", "typer", True),
    ],
)
def test_package_name_against_cli_libraries(hook, cli: str, package_name: str, ok: bool) -> None:
    message = hook.check_cli_dependencies({"cli": cli, "package_name": package_name})
    assert (message is None) == ok
    if not ok:
        assert message.startswith(f"package_name {package_name!r} would shadow")
        assert "or cli" in message


def test_problems_reports_every_bad_answer_in_prompt_order(hook) -> None:
    answers = hook.answers() | {"project_slug": "../x", "version": "one", "author_email": "nope"}
    assert [message.split()[0] for message in hook.problems(answers)] == ["project_slug", "author_email", "version"]


def test_main_prints_the_problems_and_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    hook = load_hook("pre_gen_project", tmp_path, package_name="json", python_min="3.11")
    assert hook.main() == 1
    err = capsys.readouterr().err
    assert "ERROR: package_name 'json' would shadow the standard-library module" in err
    assert "No project was generated" in err


def test_main_passes_good_answers(hook, capsys: pytest.CaptureFixture[str]) -> None:
    assert hook.main() == 0
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(
    ("check", "value"),
    [("check_project_slug", "tool\n"), ("check_version", "1.0\n"), ("check_author_email", "a@b.c\n")],
)
def test_a_trailing_newline_is_not_ignored(hook, check: str, value: str) -> None:
    assert getattr(hook, check)(value) is not None
