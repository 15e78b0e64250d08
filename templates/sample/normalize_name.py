{# The sample helper, in src/<pkg>.py (module) and src/<pkg>/names.py (library). -#}
def normalize_name(name: str) -> str:
    """Return `name` without surrounding whitespace, with inner runs of whitespace made one space.

    Args:
        name: A name as a person typed it, for example `"  Ada   Lovelace "`.

    Returns:
        The cleaned name, for example `"Ada Lovelace"`.

    Raises:
        ValueError: If `name` holds nothing but whitespace.
    """
    cleaned = " ".join(name.split())
    if not cleaned:
        msg = "a name needs at least one character that is not a space"
        raise ValueError(msg)
    return cleaned
