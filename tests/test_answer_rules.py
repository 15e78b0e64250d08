"""The answer rules (`answer_rules.py`), called directly: one row per rule and input, and the rules table."""

from __future__ import annotations

import sys

import pytest
from conftest import ANSWER_KEYS, COOKIECUTTER_JSON
from packaging.version import InvalidVersion, Version

import answer_rules as rules


def problem(check, **answers: object) -> rules.Problem | None:
    """Return what `check` finds in `answers`."""
    return check(answers)


def test_every_rule_runs_right_after_its_question() -> None:
    keys = list(COOKIECUTTER_JSON)
    for key in rules.RULES:
        assert keys[keys.index(key) + 1] == f"__checked_{key}", key
        assert COOKIECUTTER_JSON[f"__checked_{key}"] == f"{{{{ check_answer('{key}') }}}}"
    last_question = max(keys.index(key) for key in ANSWER_KEYS)
    assert keys[last_question + 1] == "__checked"


def test_a_rule_runs_after_the_last_answer_it_reads() -> None:
    keys = list(COOKIECUTTER_JSON)
    assert keys.index("build_backend") > keys.index("layout")
    assert keys.index("versioning") > keys.index("build_backend")
    assert keys.index("cli") > keys.index("package_name")


def test_the_supported_pythons_are_the_ones_offered() -> None:
    assert sorted(rules.SUPPORTED_PYTHONS) == sorted(COOKIECUTTER_JSON["python_min"])


def test_default_answers_have_no_problem() -> None:
    answers = {key: value[0] if isinstance(value, list) else value for key, value in COOKIECUTTER_JSON.items()}
    answers |= {"project_slug": "my-project", "package_name": "my_project", "keywords": "my, project"}
    answers["homepage"] = "https://example.com/my-project"
    assert rules.problems(answers) == []


def test_a_rule_whose_answers_are_missing_does_not_run() -> None:
    assert rules.problems({"package_name": "json"}) == [rules.check_package_name({"package_name": "json"})]
    assert rules.problems({"cli": "click"}, after="cli") == []


@pytest.mark.parametrize(
    "name", ["tool", "my_tool", "tool2", "py_json", "a" * 40, "types_extra", "matchbox", "test_kit"]
)
def test_package_name_accepted(name: str) -> None:
    assert problem(rules.check_package_name, package_name=name) is None


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
def test_package_name_refused(name: str, why: str) -> None:
    found = problem(rules.check_package_name, package_name=name)
    assert found is not None
    assert found.message.startswith(f"package_name {name!r} ")
    assert why in found.message
    fix = found.fix["package_name"]
    assert found.message.endswith(f", e.g. {fix}.")
    assert problem(rules.check_package_name, package_name=fix) is None


def test_every_standard_library_module_of_this_python_is_refused() -> None:
    public = [name for name in sys.stdlib_module_names if not name.startswith("_")]
    assert [name for name in public if problem(rules.check_package_name, package_name=name) is None] == []


@pytest.mark.parametrize("slug", ["tool", "my-tool", "My.Tool_2", "a", "3d-tools", "s" * 64, "console"])
def test_project_slug_accepted(slug: str) -> None:
    assert problem(rules.check_project_slug, project_slug=slug) is None


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
def test_project_slug_refused(slug: str, why: str) -> None:
    found = problem(rules.check_project_slug, project_slug=slug)
    assert found is not None
    assert found.message.startswith(f"project_slug {slug!r} ")
    assert why in found.message
    assert problem(rules.check_project_slug, project_slug=found.fix["project_slug"]) is None


VERSIONS = [
    "0.1.0", "1.0.0rc1", "2.0.post1", "1!2.0", "1.0.dev0", "1.0+local.7", "1.0.0-RC1", "v1.0", " 1.0 ",
    "1.0-1", "1.0.post", "1.0.dev", "01.02", "0!1.0", "1.0+ABC-007", "1.0.0.alpha.1", "1.0_c2", "1.0pre",
    "1.0-preview3.dev4", "1.0r", "one", "", "1.0+", "1..0", "1.0a1b2", "1.0 beta", "latest",
]  # fmt: skip


@pytest.mark.parametrize("version", VERSIONS)
def test_version_checked_as_packaging_reads_it(version: str) -> None:
    try:
        canonical = str(Version(version))
    except InvalidVersion:
        canonical = None
    found = problem(rules.check_version, version=version)
    if canonical == version:
        assert found is None
    elif canonical is None:
        assert found is not None
        assert "is not a PEP 440 version" in found.message
        assert found.fix == {"version": "0.1.0"}
    else:
        assert found is not None
        assert found.message.endswith(f"Write it as {canonical}.")
        assert found.fix == {"version": canonical}


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
def test_author_email(email: str, ok: bool) -> None:
    found = problem(rules.check_author_email, author_email=email)
    assert (found is None) == ok
    if found:
        assert found.message.startswith(f"author_email {email!r} is not one plain email address")
        assert problem(rules.check_author_email, **found.fix) is None


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
def test_homepage(url: str, ok: bool) -> None:
    found = problem(rules.check_homepage, homepage=url, project_slug="my-tool")
    assert (found is None) == ok
    if found:
        assert found.message.startswith(f"homepage {url!r} is not an http(s) URL")
        assert problem(rules.check_homepage, **found.fix) is None


@pytest.mark.parametrize(
    ("keywords", "ok"), [("cli, greeting", True), ('a "quoted" word, ünï', True), ("a\x00b", False)]
)
def test_keywords(keywords: str, ok: bool) -> None:
    found = problem(rules.check_keywords, keywords=keywords)
    assert (found is None) == ok
    assert found is None or problem(rules.check_keywords, **found.fix) is None


@pytest.mark.parametrize("python_min", ["3.10", "3.11", "3.12", "3.13", "3.14"])
def test_python_min_accepted(python_min: str) -> None:
    assert problem(rules.check_python_min, python_min=python_min) is None


@pytest.mark.parametrize("python_min", ["3.9", "3.15", "3", "3.1", "311", ""])
def test_python_min_refused(python_min: str) -> None:
    found = problem(rules.check_python_min, python_min=python_min)
    assert found.message.startswith(f"python_min {python_min!r} is not supported")
    assert found.fix["python_min"] in COOKIECUTTER_JSON["python_min"]


@pytest.mark.parametrize("text", ["x", "tab\there", "two\nlines", "🐍", "\u200f\u05e9", "{{ 7*7 }}", " padded "])
def test_free_text_accepted(text: str) -> None:
    assert problem(rules.free_text_rule("description"), description=text) is None


@pytest.mark.parametrize("text", ["", " \n\t", "nul\x00", "cr\r", "esc\x1b", "del\x7f", "c1\x85", "lone\ud800"])
def test_free_text_refused(text: str) -> None:
    found = problem(rules.free_text_rule("description"), description=text)
    assert found is not None
    assert found.message.startswith("description ")
    assert problem(rules.free_text_rule("description"), **found.fix) is None


def test_an_address_inside_an_email_answer_is_offered() -> None:
    assert problem(rules.check_author_email, author_email="Ada <ada@example.org>").fix == {
        "author_email": "ada@example.org"
    }


def test_author_name_with_a_comma_is_refused() -> None:
    found = problem(rules.check_author_name, author_name="Zoë O'Brien, Jr.")
    assert "comma" in found.message
    assert found.fix == {"author_name": "Zoë O'Brien Jr."}
    assert problem(rules.check_author_name, author_name='Zoë "Q" O’Brien <x> @ \\') is None


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
def test_package_name_against_cli_libraries(cli: str, package_name: str, ok: bool) -> None:
    found = problem(rules.check_cli_library, cli=cli, package_name=package_name)
    assert (found is None) == ok
    if found:
        assert found.key == "cli"
        assert found.message.startswith(f"package_name {package_name!r} would shadow")
        assert problem(rules.check_cli_library, cli=cli, **found.fix) is None


def test_problems_reports_every_bad_answer_in_question_order() -> None:
    answers = {"project_slug": "../x", "version": "one", "author_email": "nope", "package_name": "ok"}
    assert [found.key for found in rules.problems(answers)] == ["project_slug", "author_email", "version"]


@pytest.mark.parametrize(
    ("check", "key", "value"),
    [
        (rules.check_project_slug, "project_slug", "tool\n"),
        (rules.check_version, "version", "1.0\n"),
        (rules.check_author_email, "author_email", "a@b.c\n"),
    ],
)
def test_a_trailing_newline_is_not_ignored(check, key: str, value: str) -> None:
    assert problem(check, **{key: value}) is not None


@pytest.mark.parametrize(
    ("text", "slug", "package"),
    [
        ("Café Tools!", "cafe-tools", "cafe_tools"),
        ("3D Tools", "3d-tools", "py_3d_tools"),
        ("JSON", "json", "py_json"),
        ("con", "py-con", "py_con"),
        ("🐍", "my-project", "my_project"),
        ("a" * 70, "a" * 64, "a" * 40),
    ],
)
def test_default_names_pass_the_rules(text: str, slug: str, package: str) -> None:
    assert rules.distribution_name(text) == slug
    assert rules.import_name(slug) == package
    assert rules.project_slug_problem(slug) is None
    assert rules.package_name_problem(package) is None


RECORDED = {"project_slug": "tidy", "package_name": "tidy", "layout": "module"}


@pytest.mark.parametrize(
    ("on_disk", "answers", "refused"),
    [
        (["src/tidy.py"], RECORDED, []),
        (["src/tidy.py"], {**RECORDED, "layout": "library"}, [("layout", "grow it into a library", {"layout": "module"})]),
        (["src/tidy/__init__.py"], {**RECORDED, "layout": "library"}, [("layout", "record was edited", {})]),
        (["src/tidy.py"], {**RECORDED, "package_name": "neat"}, [("package_name", "rename it by hand", {"package_name": "tidy"})]),
        (["src/tidy.py"], {**RECORDED, "project_slug": "neat"}, [("project_slug", "rename it by hand", {"project_slug": "tidy"})]),
        (["src/neat.py"], RECORDED, [("package_name", "record was edited", {})]),
        # Two top-level modules, or none: src/ says nothing, and the record is taken as it is.
        (["src/tidy.py", "src/other.py"], RECORDED, []),
        ([], {**RECORDED, "layout": "library"}, [("layout", "grow it into a library", {"layout": "module"})]),
    ],
)  # fmt: skip
def test_kept_answers_are_those_of_the_record_and_of_the_files(
    tmp_path, on_disk: list[str], answers: dict, refused: list
) -> None:
    for name in on_disk:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("")
    found = rules.kept_problems(tmp_path, tmp_path / ".copier-answers.yml", RECORDED, answers)
    assert [(p.key, p.fix) for p in found] == [(key, fix) for key, _, fix in refused]
    assert all(said in p.message for p, (_, said, _) in zip(found, refused))


def test_the_advice_for_a_kept_layout_depends_on_its_direction() -> None:
    (forward,) = rules.changed_kept_answers({"layout": "module"}, {"layout": "library"})
    (back,) = rules.changed_kept_answers({"layout": "library"}, {"layout": "module"})
    assert "scripts/grow_to_library.py" in forward.message
    assert "no update or script turns a library back into a module" in back.message
