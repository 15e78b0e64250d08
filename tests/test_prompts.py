"""Every question a user is asked is worded, and every choice has a readable label."""

from __future__ import annotations

from conftest import ANSWER_KEYS, COOKIECUTTER_JSON

PROMPTS = COOKIECUTTER_JSON["__prompts__"]


def test_every_visible_variable_has_a_prompt() -> None:
    assert set(PROMPTS) == set(ANSWER_KEYS)


def test_every_choice_has_a_question_and_a_label_per_value() -> None:
    for key in ANSWER_KEYS:
        values = COOKIECUTTER_JSON[key]
        if isinstance(values, list):
            assert isinstance(PROMPTS[key], dict), key
            assert PROMPTS[key]["__prompt__"].strip(), key
            assert set(PROMPTS[key]) - {"__prompt__"} == set(values), key
            assert all(PROMPTS[key][value].strip() for value in values), key
        else:
            assert isinstance(PROMPTS[key], str), key
            assert PROMPTS[key].strip(), key


def test_private_variables_are_not_prompted() -> None:
    assert not [key for key in PROMPTS if key.startswith("_")]
