"""A Jinja filter that writes JSON the way people read it: `{{ value | json(2) }}`.

cookiecutter's `jsonify` writes every non-ASCII character as an escape (`Café` becomes
`Caf\\u00e9`), which is valid JSON but no longer the name as typed: a spell checker then reads a
misspelt `Caf`. This filter keeps the text as typed (the file is UTF-8), sorts keys and indents as
`jsonify` does, so the file is still JSON and the same on every bake.

It lives apart from `local_extensions.py` and does nothing on import but define the filter.
"""

from __future__ import annotations

import json

from jinja2 import Environment
from jinja2.ext import Extension


def json_text(value: object, indent: int = 2) -> str:
    """Return `value` as JSON text with sorted keys, non-ASCII characters kept as they are."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, indent=indent)


class JsonFilter(Extension):
    """Registers the `json` filter with cookiecutter's Jinja environment."""

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        environment.filters["json"] = json_text
