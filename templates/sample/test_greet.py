{# The tests of greet, in tests/test_<pkg>.py (module) and tests/test_core.py (library). -#}
def test_greet_uses_the_cleaned_name() -> None:
    assert greet("  Ada   Lovelace ") == "Hello, Ada Lovelace!"


def test_greet_takes_other_punctuation() -> None:
    assert greet("Ada", punctuation=".") == "Hello, Ada."


def test_greet_refuses_a_blank_name() -> None:
    with pytest.raises(ValueError, match="at least one character"):
        greet("   ")
