{# The tests of normalize_name, in tests/test_<pkg>.py (module) and tests/test_names.py (library). -#}
@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Ada", "Ada"),
        ("  Ada   Lovelace ", "Ada Lovelace"),
        ("Grace\tHopper\n", "Grace Hopper"),
    ],
)
def test_normalize_name_collapses_whitespace(typed: str, expected: str) -> None:
    assert normalize_name(typed) == expected


@pytest.mark.parametrize("blank", ["", "   ", "\t\n"])
def test_normalize_name_refuses_a_blank_name(blank: str) -> None:
    with pytest.raises(ValueError, match="at least one character"):
        normalize_name(blank)
