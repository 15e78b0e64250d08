{# The sample function, in src/<pkg>.py (module) and src/<pkg>/core.py (library). -#}
def greet(name: str, *, punctuation: str = "!") -> str:
    """Return a greeting for `name`.

    Args:
        name: Who to greet; surrounding and repeated whitespace is ignored.
        punctuation: What ends the greeting.

    Returns:
        The greeting, for example `"Hello, Ada Lovelace!"`.

    Raises:
        ValueError: If `name` holds nothing but whitespace.
    """
    return f"Hello, {normalize_name(name)}{punctuation}"
