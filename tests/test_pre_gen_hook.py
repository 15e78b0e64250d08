"""The pre-generation hook, the last gate: it reads the answers as data and refuses what breaks a rule.

Loaded from the hook file as it ships, rendered with answers the way cookiecutter renders it; answers
that skipped the prompts' checks (a hand-edited replay file) are given as `edited`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TEMPLATE
from hookutil import load_hook

HOSTILE = "'''\"\"\" \\ \\' \\n ]] # $(touch x) `id` 🐍 漢字 עברית {{ 7*7 }} \x00 \ud800"


def test_hook_source_is_valid_python_before_rendering() -> None:
    compile((TEMPLATE / "hooks" / "pre_gen_project.py").read_text(encoding="utf-8"), "pre", "exec")


def test_answers_arrive_as_data_however_hostile() -> None:
    edited = {"project_name": HOSTILE, "description": HOSTILE, "author_name": HOSTILE}
    hook = load_hook("pre_gen_project", edited=edited)
    assert {key: hook.ANSWERS[key] for key in edited} == edited
    assert Path(hook.TEMPLATE) == TEMPLATE


def test_main_refuses_answers_that_break_a_rule(capsys: pytest.CaptureFixture[str]) -> None:
    hook = load_hook("pre_gen_project", edited={"package_name": "json", "python_min": "3.9"})
    assert hook.main() == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("ERROR: package_name 'json' would shadow the standard-library module")
    assert err[1].startswith("ERROR: python_min '3.9' is not supported")
    assert err[2].startswith("No project was generated")


def test_main_passes_good_answers(capsys: pytest.CaptureFixture[str]) -> None:
    assert load_hook("pre_gen_project", layout="module").main() == 0
    assert capsys.readouterr().err == ""
