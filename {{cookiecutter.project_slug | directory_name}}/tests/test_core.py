"""Tests for `{{ cookiecutter.package_name }}.core`: the greeting the library exists to make."""

import pytest

from {{ cookiecutter.package_name }}.core import greet


def test_greet_uses_the_cleaned_name() -> None:
    assert greet("  Ada   Lovelace ") == "Hello, Ada Lovelace!"


def test_greet_takes_other_punctuation() -> None:
    assert greet("Ada", punctuation=".") == "Hello, Ada."


def test_greet_refuses_a_blank_name() -> None:
    with pytest.raises(ValueError, match="at least one character"):
        greet("   ")
