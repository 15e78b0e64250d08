"""Copier makes, from the same tree and answers, the same files with the same bytes as cookiecutter.

Both engines render one template tree: copier through copier.yml (written from cookiecutter.json)
and copier_extension.py. For each combination below, and for free text with quotes, accents,
emoji and line breaks, every file but the record of the answers is byte for byte the same. Copier
asks only what applies, checks answers with the same rules (refusing a bad `--data` answer before
writing anything), keeps answers as data, and runs the same finishing step as its task.
"""

from __future__ import annotations

import io
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import copier
import copier_yml
import pexpect
import pytest
import yaml
from bake import files, verbatim
from conftest import TEMPLATE, choices
from pseudo_terminal import XTERM, spawn
from test_answers_stay_data import HOSTILE

ROWS = [
    pytest.param({}, id="defaults"),
    pytest.param(
        {"layout": "module", "build_backend": "hatchling", "versioning": "vcs", "docs": "zensical", "ci": "gitlab",
         "cli": "click", "license": "Apache-2.0"}, id="module-hatchling-vcs-zensical-gitlab"),
    pytest.param(
        {"build_backend": "uv_build", "docs": "mkdocs", "ci": "none", "cli": "typer", "license": "BSD-3-Clause"},
        id="library-uv_build-mkdocs-none"),
    pytest.param(
        {"layout": "module", "build_backend": "setuptools", "versioning": "vcs", "docs": "none", "cli": "none",
         "license": "GPL-3.0-or-later", "python_min": "3.10"}, id="module-setuptools-vcs-nodocs"),
    pytest.param(
        {"build_backend": "pdm-backend", "versioning": "vcs", "ci": "gitlab", "license": "Proprietary",
         "pre_commit": False, "git_init": False}, id="library-pdm-vcs-proprietary"),
    pytest.param({"layout": "module", "build_backend": "pdm-backend", "docs": "mkdocs", "ci": "none"},
                 id="module-pdm-static-mkdocs"),
    pytest.param(
        {"project_name": 'Zoë\'s "Café" ☕ Tools', "description": 'Tidy "names",\nback\\slashes & <tags> 🎉',
         "author_name": "Zoë O’Brien", "keywords": "café, ☕, names", "project_slug": "zoes-cafe"}, id="free-text"),
]  # fmt: skip
FREE_TEXT = ("project_name", "description", "author_name", "keywords")
RECORDS = {".cookiecutter.json", ".copier-answers.yml"}


def copier_copy(template: Path, destination: Path, answers: dict[str, Any]) -> None:
    """Copy `template` with copier's API as `copier copy --trust --defaults --data ...` does."""
    copier.run_copy(str(template), str(destination), data=answers, defaults=True, unsafe=True, quiet=True)


@pytest.fixture(scope="session")
def template_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a copy of the template's files without git, so copier renders the working tree as it is."""
    copy = tmp_path_factory.mktemp("template") / "cookiecutter-pylayout"
    ignored = shutil.ignore_patterns(".git", ".venv", "*_cache", "__pycache__", "out")
    shutil.copytree(TEMPLATE, copy, ignore=ignored)
    return copy


def test_copier_yml_is_written_from_cookiecutter_json() -> None:
    assert (TEMPLATE / "copier.yml").read_text(encoding="utf-8") == copier_yml.copier_yml()


def test_copier_asks_the_same_questions_with_the_same_defaults_and_choices() -> None:
    questions = {key: value for key, value in yaml.safe_load(copier_yml.copier_yml()).items() if key[0] != "_"}
    cookiecutter_questions = {key: value for key, value in copier_yml.VARIABLES.items() if key[0] != "_"}
    assert list(questions) == list(cookiecutter_questions)
    for key, default in cookiecutter_questions.items():
        if isinstance(default, list):
            assert [c["value"] if isinstance(c, dict) else c for c in questions[key]["choices"].values()] == default
            assert questions[key]["default"] == default[0]
        else:
            assert questions[key]["default"] == default


@pytest.mark.parametrize("answers", ROWS)
def test_copier_makes_the_files_cookiecutter_makes(
    bake, template_copy: Path, tmp_path: Path, answers: dict[str, Any]
) -> None:
    baked = bake(**{key: verbatim(value) if key in FREE_TEXT else value for key, value in answers.items()})
    copier_copy(template_copy, tmp_path / "copied", answers)
    by_cookiecutter, by_copier = files(baked.path), files(tmp_path / "copied")
    assert set(by_cookiecutter) - RECORDS == set(by_copier) - RECORDS
    assert [name for name in by_cookiecutter if name not in RECORDS and by_cookiecutter[name] != by_copier[name]] == []
    assert RECORDS & set(by_cookiecutter) == {".cookiecutter.json"}
    assert RECORDS & set(by_copier) == {".copier-answers.yml"}
    # Only what applies is asked, and only what was asked is recorded: versioning only with a backend that reads git tags.
    recorded = yaml.safe_load(by_copier[".copier-answers.yml"])
    assert ("versioning" in recorded) == (baked["build_backend"] in ("hatchling", "setuptools", "pdm-backend"))
    assert {key: recorded[key] for key in answers if key in recorded} == {
        key: value for key, value in answers.items() if key in recorded
    }
    assert (tmp_path / "copied" / ".git").is_dir() == baked["git_init"]


@pytest.mark.parametrize("layout", choices("layout"))
def test_uv_build_is_offered_only_for_a_library_and_versioning_asked_only_when_it_applies(
    template_copy: Path, tmp_path: Path, layout: str
) -> None:
    given = [f"{key}={value}" for key, value in {"layout": layout, "git_init": False}.items()]
    asked = [key for key in copier_yml.VARIABLES if key[0] != "_" and key not in ("layout", "git_init")]
    command = ["-m", "copier", "copy", "--trust", "--quiet", *(f"--data={pair}" for pair in given)]
    child = spawn(sys.executable, [*command, str(template_copy), str(tmp_path / "copied")],
                  term=XTERM, cwd=tmp_path, dimensions=(60, 300))  # fmt: skip
    child.logfile_read = transcript = io.StringIO()
    for key in asked[: asked.index("build_backend")]:
        child.expect_exact(help_text(key))
        child.sendline("")
    child.expect_exact(help_text("build_backend"))
    child.expect_exact("pdm-backend")
    child.expect(r"uv_build([^\r\n\x1b]*)[\r\n\x1b]")  # that choice's line, to where the cursor moves
    line = child.match[1]
    child.sendline("")  # flit-core, which reads no version from git: versioning is not asked
    for key in asked[asked.index("versioning") + 1 :]:
        child.expect_exact(help_text(key))
        child.sendline("")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    assert ("cannot build layout=module" in line) == (layout == "module")
    assert help_text("versioning") not in transcript.getvalue()
    assert help_text("build_backend") in transcript.getvalue()
    recorded = yaml.safe_load((tmp_path / "copied" / ".copier-answers.yml").read_text(encoding="utf-8"))
    assert (recorded["layout"], recorded["build_backend"], "versioning" in recorded) == (layout, "flit-core", False)


def help_text(key: str) -> str:
    """Return the start of the question copier shows for `key` (its cookiecutter prompt)."""
    prompt = copier_yml.VARIABLES["__prompts__"][key]
    return (prompt["__prompt__"] if isinstance(prompt, dict) else prompt)[:30]


def copier_cli(template: Path, destination: Path, *data: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run `copier copy --trust --defaults` as a user would, with `--data` for each `key=value`."""
    command = [sys.executable, "-m", "copier", "copy", "--trust", "--defaults", "--quiet"]
    command += [arg for pair in data for arg in ("--data", pair)]
    env = {key: value for key, value in os.environ.items() if key != "VIRTUAL_ENV"}
    return subprocess.run(
        [*command, str(template), str(destination)], capture_output=True, text=True, check=False, cwd=cwd, env=env
    )


@pytest.mark.parametrize(
    ("data", "message", "fix"),
    [
        (["package_name=json"], "package_name 'json' would shadow the standard-library module", "package_name=py_json"),
        (["layout=module", "build_backend=uv_build"], "build_backend 'uv_build' cannot build layout=module",
         "build_backend=flit-core"),
        (["build_backend=flit-core", "versioning=vcs"], "versioning 'vcs' needs a build backend", "versioning=static"),
        (["cli=click", "package_name=click"], "would shadow the 'click' library", None),
        (["version=1.0-RC1"], "Write it as 1.0rc1", "version=1.0rc1"),
    ],
)  # fmt: skip
def test_a_bad_data_answer_is_refused_with_nothing_written(
    template_copy: Path, tmp_path: Path, data: list[str], message: str, fix: str | None
) -> None:
    result = copier_cli(template_copy, tmp_path / "copied", *data, cwd=tmp_path)
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "copied").exists()
    if fix:
        # The last line is the command to run, as started, with the bad answer replaced by the fix.
        command = result.stderr.rstrip().splitlines()[-1].strip()
        words = shlex.split(command)
        refused = {pair for pair in data if pair.partition("=")[0] == fix.partition("=")[0]}
        assert fix in words
        assert not refused & set(words)
        env = {key: value for key, value in os.environ.items() if key != "VIRTUAL_ENV"}
        again = subprocess.run(command, shell=True, capture_output=True, text=True, check=False, cwd=tmp_path, env=env)
        assert again.returncode == 0, again.stderr
        assert (tmp_path / "copied" / "pyproject.toml").is_file()


@pytest.mark.parametrize("payload", HOSTILE)
def test_a_hostile_data_answer_stays_data(template_copy: Path, tmp_path: Path, payload: str) -> None:
    # Copier never renders an answer; the task gets the answers as one JSON argument, with no shell.
    marker = tmp_path / "marker"
    text = payload.replace("MARKER", str(marker))
    result = copier_cli(template_copy, tmp_path / "copied", f"project_name={text}", f"description={text}", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert not marker.exists()
    recorded = yaml.safe_load((tmp_path / "copied" / ".copier-answers.yml").read_text(encoding="utf-8"))
    assert (recorded["project_name"], recorded["description"]) == (text, text)
    assert text in (tmp_path / "copied" / "README.md").read_text(encoding="utf-8")
